"""`reader list`: the documents of the library, one line each (or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.core.errors import printable
from reader.core.library import Library


def add_parser(sub: Any) -> None:
    """Register `list`."""
    p = sub.add_parser("list", help="list the documents of the library")
    p.set_defaults(handler="list_")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace, library: Library) -> int:
    """Print id, author, date, title and length of every document."""
    docs, problems = library.readable_documents()
    for problem in problems:  # a malformed text is reported; the others are listed
        print(f"reader: warning: {printable(str(problem))}", file=sys.stderr)
    if args.json:
        rows = [
            {
                "id": d.id,
                "title": d.title,
                "author": d.author,
                "date": d.date,
                "characters": len(d.text),
            }
            for d in docs
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        # Library text is shown, never obeyed: escape sequences become visible.
        author, date = printable(d.author[:24]), printable(d.date[:10])
        print(f"{printable(d.id):40} {author:24} {date:10} {printable(d.title)}")
    if not docs:
        print(f"(no texts in {printable(str(library.texts_dir))})")
    return 0
