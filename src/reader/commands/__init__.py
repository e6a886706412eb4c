"""The subcommands of `reader`, one module each, and what they share.

Each module has `add_parser(subparsers)` and `run(args, library) -> exit code`; one with
`NEEDS_LIBRARY = False` gets None and finds its own folders. `parser.py` builds the
command line from them, `tui.py` starts the app; `reader.cli` only runs the two. The
layer rule (checked by import-linter): no command imports `reader.cli`.
"""

from __future__ import annotations

from pathlib import Path

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
VALUE_OPTIONS = frozenset({"--library", "--open", "--at"})


def path_arg(value: str) -> Path:
    """argparse type for a path argument."""
    return Path(value).expanduser()
