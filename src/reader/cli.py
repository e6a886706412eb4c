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

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from reader import __version__
from reader.core.errors import ReaderError, UsageError, printable
from reader.core.library import Library
from reader.core.paths import Folders, resolve_library

# The command modules, in the order `reader --help` lists them.
COMMAND_MODULES = (
    "init",
    "import_",
    "list_",
    "index",
    "search",
    "notes",
    "open_",
    "cite",
    "completion",
)
# Options before the command that take a value (to find the command in argv).
_VALUE_OPTIONS = frozenset({"--library", "--open", "--at"})


def _commands(only: str | None = None) -> list[ModuleType]:
    names = [n for n in COMMAND_MODULES if only is None or n == only]
    return [importlib.import_module(f"reader.commands.{name}") for name in names]


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the command `argv` names: "" when there is none (the TUI needs no
    command module), None for a help or version request before it or an unknown name
    (every module). Only what is needed is imported: start-up time is part of every
    `reader search`, and of the TUI's first frame."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in _VALUE_OPTIONS:
            expect_value = True
        elif arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return None
        else:
            module = arg.replace("-", "_")
            for name in COMMAND_MODULES:
                if name.rstrip("_") == module:
                    return name
            return None
    return ""


def _asks_version(argv: Sequence[str]) -> bool:
    """Whether `--version` comes before any command (and no help is asked for)."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in _VALUE_OPTIONS:
            expect_value = True
        elif arg == "--version":
            return True
        elif not arg.startswith("-") or arg in ("-h", "--help"):
            return False
    return False


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError instead of exiting, so main() decides.

    The message names the command (`search: ...`) but not the program: main() puts
    `reader: ` before every error, once."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("reader").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def _accept_library_anywhere(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand (at any depth) its own `--library`, so that
    `reader search X --library DIR` works as well as `reader --library DIR search X`.
    Its default is SUPPRESS: when absent, the value given before the command stands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                if "--library" not in child._option_string_actions:
                    child.add_argument(
                        "--library",
                        metavar="DIR",
                        default=argparse.SUPPRESS,
                        help="the library folder (holds texts/)",
                    )
                _accept_library_anywhere(child)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser (the TUI options and every subcommand, or with `only`
    the one subcommand in that module; none with `only` "")."""
    parser = _Parser(
        prog="reader",
        description="A keyboard-driven terminal reader for a personal research library.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--library", metavar="DIR", help="the library folder (holds texts/)")
    parser.add_argument("--open", metavar="ID", dest="open_id", help="open this document")
    parser.add_argument("--at", metavar="OFFSET", type=int, help="with --open: at this offset")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _commands(only):
        module.add_parser(sub)
    _accept_library_anywhere(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _asks_version(argv):
        # Answered before any command module is imported (they pull in the cleaners,
        # the annotation anchoring and the lock library).
        print(f"reader {__version__}")
        return 0
    try:
        parser = build_parser(_command_module(argv))
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


def run_tui(library: Library, open_id: str | None, at: int | None) -> int:
    """Start the app (in a terminal) on `open_id` at offset `at`; the exit code."""
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        print(
            "reader: the reader needs a terminal; for scripts use a command (see `reader --help`)",
            file=sys.stderr,
        )
        return 2
    from reader.ui.app import create_app

    app = create_app(library, folders=Folders.for_library(library.root), open_id=open_id, at=at)
    app.run()
    return app.return_code or 0


def path_arg(value: str) -> Path:
    """argparse type for a path argument."""
    return Path(value).expanduser()
