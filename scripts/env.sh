# Shared by ./run and ./test: make sure .venv exists and holds the project with the
# tested versions of its dependencies (requirements/*.lock, made by scripts/lock).
# Sourced, not run, with one argument: "app" (./run: the app's dependencies only) or
# "dev" (./test: the app's and the development tools). Needs only Python 3.11+ on PATH
# (python3.13, python3.12, python3.11 or python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
MODE="${1:-dev}"
pick_python() {
    for candidate in "${READER_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "reader needs Python 3.11 or newer on PATH" >&2
    return 1
}
# What the environment was made from: pyproject.toml and both lock files.
inputs_hash() {
    cat "$ROOT/pyproject.toml" "$ROOT/requirements/app.lock" "$ROOT/requirements/dev.lock" |
        cksum | cut -d' ' -f1
}
if [ ! -x "$VENV/bin/python" ]; then
    "$(pick_python)" -m venv "$VENV"
fi
read -r have_mode have_hash 2>/dev/null <"$VENV/.reader-stamp" || { have_mode=""; have_hash=""; }
want_hash="$(inputs_hash)"
# The development set holds the app's, so a dev environment serves ./run too.
if [ "$have_hash" != "$want_hash" ] || { [ "$MODE" = dev ] && [ "$have_mode" != dev ]; }; then
    echo "Installing reader and its dependencies into .venv (first run only)..." >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    "$VENV/bin/python" -m pip install --quiet -r "$ROOT/requirements/$MODE.lock" >&2
    # Then the project itself; anything pyproject.toml names that the lock lacks (a new
    # dependency before scripts/lock ran; tests/test_packaging.py says so) comes too.
    extra=""
    [ "$MODE" = dev ] && extra="[dev]"
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT$extra" >&2
    echo "$MODE $want_hash" >"$VENV/.reader-stamp"
fi
