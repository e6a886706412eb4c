"""The entry point: `reader` opens the TUI; `reader <command>` does one job for scripts.

Every command takes `--library DIR`, before or after the command's name. Commands live
in `reader.commands`, one module each, with `add_parser(subparsers)` and
`run(args, library) -> exit code` (a module with `NEEDS_LIBRARY = False` gets None and
finds its own folders). A `ReaderError` is printed as one line on stderr; a traceback is
a bug.

Exit status, for every command: 0 done; 1 nothing found or nothing done (no match, an
input that could not be imported or read); 2 the command line, a query or an option's
value was not understood.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands.parser import asks_version, build_parser, command_module
from reader.commands.tui import run_tui
from reader.core.errors import ReaderError, printable
from reader.core.library import Library
from reader.core.paths import resolve_library


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if asks_version(argv):
        # Answered before any command module is imported (they pull in the cleaners,
        # the annotation anchoring and the lock library).
        print(f"reader {__version__}")
        return 0
    try:
        parser = build_parser(command_module(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            return run_tui(Library(resolve_library(args.library)), args.open_id, args.at)
        module = importlib.import_module(f"reader.commands.{args.handler}")
        needs_library = getattr(module, "NEEDS_LIBRARY", True)
        library = Library(resolve_library(args.library)) if needs_library else None
        code: int = module.run(args, library)
        return code
    except ReaderError as exc:
        print(f"reader: {printable(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
