# Shared by ./run and ./test: make sure .venv exists and holds the project as pyproject.toml says.
# Sourced, not run. Needs only Python 3.11+ on PATH (python3.13, python3.12, python3.11 or python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
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
stamp_of() { cat "$ROOT/pyproject.toml" | cksum | cut -d' ' -f1; }
if [ ! -x "$VENV/bin/python" ]; then
    "$(pick_python)" -m venv "$VENV"
fi
if [ "$(cat "$VENV/.reader-stamp" 2>/dev/null)" != "$(stamp_of)" ]; then
    echo "Installing reader and its dependencies into .venv (first run only)..." >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[dev]" >&2
    stamp_of >"$VENV/.reader-stamp"
fi
