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
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands.parser import asks_version, build_parser, command_module
from reader.commands.tui import run_tui
from reader.core.errors import ReaderError, UsageError, printable
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
        _check_text_arguments(argv)
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
    except (UnicodeEncodeError, UnicodeDecodeError) as exc:
        print(f"reader: text that is not valid UTF-8: {printable(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file or folder the program could not use: one line
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or str(exc)
        print(f"reader: {printable(where + reason)}", file=sys.stderr)
        return 1


def _check_text_arguments(argv: Sequence[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates) in one line, unless it names an existing file (file names may be in any
    encoding): a note, a title or an id must be text."""
    for position, arg in enumerate(argv, 1):
        if any("\udc80" <= ch <= "\udcff" for ch in arg) and not os.path.lexists(arg):
            raise UsageError(
                f"argument {position} is not valid UTF-8 text: {printable(arg)} "
                "(the bytes shown as \\udcXX)"
            )
