"""`reader init DIR`: make a library anywhere (empty `texts/` and `annotations/`).

The library is then used with `reader --library DIR`, `$READER_LIBRARY`, or by starting
`reader` inside DIR. A folder that is already a library is left as it is; a non-empty
folder that is not one is refused, so that no project gets library folders by mistake.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.core.errors import printable

NEEDS_LIBRARY = False


def add_parser(sub: Any) -> None:
    """Register `init`."""
    from reader.commands import path_arg

    p = sub.add_parser("init", help="make a new, empty library in a folder")
    p.set_defaults(handler="init")
    p.add_argument("folder", type=path_arg, metavar="DIR", help="the library folder to make")


def run(args: argparse.Namespace, library: None) -> int:
    """Create the folders and say how to use the new library."""
    from reader.core.paths import init_library

    root = args.folder.resolve()
    shown = printable(str(root))
    if not init_library(root):
        print(f"{shown} is already a library; nothing changed")
        return 0
    print(f"made an empty library in {shown}")
    print(f"  add a text:  reader --library {shown} import FILE|FOLDER|URL")
    print(f"  read:        reader --library {shown}   (or set READER_LIBRARY, or start in it)")
    return 0
