"""`reader completion bash|zsh|tcsh`: a shell completion script, made from the parser.

The script comes from shtab, which reads the same argparse parser that `reader` uses, so
every command and option completes without a list kept by hand. Install it with, e.g.,
`reader completion bash > ~/.local/share/bash-completion/completions/reader`.
"""

from __future__ import annotations

import argparse
from typing import Any

NEEDS_LIBRARY = False
SHELLS = ("bash", "zsh", "tcsh")


def add_parser(sub: Any) -> None:
    """Register `completion`."""
    p = sub.add_parser("completion", help="print a shell completion script")
    p.set_defaults(handler="completion")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete for")


def run(args: argparse.Namespace, library: None) -> int:
    """Print the completion script for the whole command line."""
    import shtab

    from reader.commands.parser import build_parser

    print(shtab.complete(build_parser(), shell=args.shell), end="")
    return 0
