"""The command line of `reader`: the TUI's options and every subcommand's parser.

Only what a command line needs is imported: `command_module(argv)` finds the one
command named, and `build_parser(only)` registers just that one (start-up time is part
of every `reader search`, and of the TUI's first frame); the completion script and
`--help` build the whole parser.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from types import ModuleType

from reader import __version__
from reader.commands import COMMAND_MODULES, VALUE_OPTIONS
from reader.core.errors import UsageError


def _commands(only: str | None = None) -> list[ModuleType]:
    names = [n for n in COMMAND_MODULES if only is None or n == only]
    return [importlib.import_module(f"reader.commands.{name}") for name in names]


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the command `argv` names: "" when there is none (the TUI needs no
    command module), None for a help or version request before it or an unknown name
    (every module). Only what is needed is imported: start-up time is part of every
    `reader search`, and of the TUI's first frame."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in VALUE_OPTIONS:
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


def asks_version(argv: Sequence[str]) -> bool:
    """Whether `--version` comes before any command (and no help is asked for)."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in VALUE_OPTIONS:
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
