"""Startup benchmark: the reader's first frame against a bare Textual app, same run.

Two measurements, each a median over repeats, each with its baseline:

- headless: in one process, from constructing the app to its first screen being
  mounted and refreshed under `App.run_test()` (imports excluded, paid once before):
  the cost of composing the screens alone, shown for diagnosis;
- terminal: a fresh process in a pseudo-terminal, from spawn to the first frame on the
  terminal (the moment the first screen's text appears), imports included: what a
  person waits for, and what the <= 2x target is about.

The bare app is `App` with one Static; the reader is `reader --library LIB`. The ratio
reader / bare is printed; the target is <= 2x. With `--reopen` a third measurement
starts the reader as after a day's reading: its remembered layout (`layout.json` in the
state folder) names a text, which `reader` reopens; its first frame is the text. Runs
alternate (bare, reader, bare, ...) so load on the machine weighs on both alike. Both
terminal processes run with bytecode caching on, in a private cache filled by one untimed
run of each first: a start as after installation, where the reader's modules are compiled
once (with PYTHONDONTWRITEBYTECODE the reader would recompile its sources on every start
while Textual's came precompiled).

    .venv/bin/python bench/startup.py [--repeats N] [--library DIR] [--reopen]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.core.library import Library
from reader.core.paths import resolve_library
from reader.ui.app import create_app

SIZE = (120, 35)
BARE_SCRIPT = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('bare textual app ready')\n"
    "Bare().run()\n"
)


class BareApp(App[None]):
    """The baseline: a Textual app with one line of text."""

    def compose(self) -> ComposeResult:
        yield Static("bare textual app ready")


async def first_frame(make: object) -> float:
    """Seconds from making the app to its first screen mounted and refreshed."""
    assert callable(make)
    start = time.perf_counter()
    app = make()
    # run_test hands over the pilot once the app is ready: its first screen composed,
    # mounted and refreshed, which is the first frame a terminal would show.
    async with app.run_test(size=SIZE) as pilot:
        elapsed = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
    return elapsed


def pty_first_frame(argv: list[str], marker: bytes, env: dict[str, str]) -> float:
    """Seconds from spawning `argv` in a pseudo-terminal until `marker` is drawn."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < 20:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        os.close(leader)
    return elapsed


def report(name: str, reader: list[float], bare: list[float]) -> None:
    r, b = statistics.median(reader), statistics.median(bare)
    print(
        f"{name:9s} reader {r * 1000:7.1f} ms   bare Textual app {b * 1000:7.1f} ms   "
        f"ratio {r / b:4.2f}x  (median of {len(reader)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--library", help="library folder (default: the bundled one)")
    parser.add_argument(
        "--reopen", action="store_true", help="also time a start that reopens the last text"
    )
    args = parser.parse_args()
    root = resolve_library(args.library or str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory() as tmp:
        # Fresh state, cache and config: nothing of the user's is read or written.
        env = dict(os.environ)
        for name in ("CACHE", "STATE", "CONFIG"):
            env[f"READER_{name}_DIR"] = str(Path(tmp) / name.lower())
            os.environ[f"READER_{name}_DIR"] = env[f"READER_{name}_DIR"]
        env["TERM"] = env.get("TERM", "xterm-256color")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        print(f"library: {root} ({len(Library(root).ids())} documents), size {SIZE[0]}x{SIZE[1]}")

        reader_times: list[float] = []
        bare_times: list[float] = []
        asyncio.run(first_frame(BareApp))  # warm up both (imports, CSS caches)
        asyncio.run(first_frame(lambda: create_app(Library(root))))
        for _ in range(args.repeats):
            bare_times.append(asyncio.run(first_frame(BareApp)))
            reader_times.append(asyncio.run(first_frame(lambda: create_app(Library(root)))))
        report("headless", reader_times, bare_times)

        reader_bin = shutil.which("reader", path=str(Path(sys.executable).parent))
        if reader_bin is None:
            print("terminal: `reader` is not installed in this environment; skipped")
            return 0
        bare_argv = [sys.executable, "-c", BARE_SCRIPT]
        reader_argv = [reader_bin, "--library", str(root)]
        pty_first_frame(bare_argv, b"ready", env)  # untimed: fills the bytecode cache
        pty_first_frame(reader_argv, b"Library", env)
        reader_times, bare_times = [], []
        for _ in range(args.repeats):
            bare_times.append(pty_first_frame(bare_argv, b"ready", env))
            reader_times.append(pty_first_frame(reader_argv, b"Library", env))
        report("terminal", reader_times, bare_times)
        ratio = statistics.median(reader_times) / statistics.median(bare_times)
        print(f"target (terminal ratio <= 2x): {'met' if ratio <= 2 else 'NOT met'}")
        if args.reopen:
            reopen_times(root, reader_argv, bare_argv, env, args.repeats)
    return 0


def reopen_times(
    root: Path, reader_argv: list[str], bare_argv: list[str], env: dict[str, str], repeats: int
) -> None:
    """Time the first frame of a start that reopens the library's longest text."""
    from reader.core.paths import Folders
    from reader.core.remembered_layout import LayoutChoices, RememberedLayout

    library = Library(root)
    longest = max(library.ids(), key=lambda doc_id: library.text_path(doc_id).stat().st_size)
    RememberedLayout.in_folder(Folders.for_library(root).state).save(
        LayoutChoices(document=longest)
    )
    # The title drawn above the text (the library is hidden at this width).
    marker = library.load(longest).title[:12].encode("utf-8")
    pty_first_frame(reader_argv, marker, env)  # untimed, as above
    reader_times, bare_times = [], []
    for _ in range(repeats):
        bare_times.append(pty_first_frame(bare_argv, b"ready", env))
        reader_times.append(pty_first_frame(reader_argv, marker, env))
    report("reopening", reader_times, bare_times)


if __name__ == "__main__":
    raise SystemExit(main())
