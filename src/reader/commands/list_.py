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
    """Print id, author, date, length and title of every document, under a header."""
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
    if not docs:
        print(f"(no texts in {printable(str(library.texts_dir))})")
        return 0
    print_table(
        ("ID", "AUTHOR", "DATE", "CHARS", "TITLE"),
        [(d.id, d.author, d.date, f"{len(d.text):,}", d.title) for d in docs],
    )
    return 0


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Rows in aligned columns under a header; every column as wide as its widest cell
    (the last one is not padded). Cells are library text: escape sequences are shown,
    never obeyed."""
    cells = [header, *(tuple(printable(c) for c in row) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*padded, row[-1]]).rstrip())
