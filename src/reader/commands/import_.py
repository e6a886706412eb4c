"""`reader import PATH...`: clean raw documents into `texts/<id>.md`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from reader.cli import path_arg
from reader.core.clean import KINDS
from reader.core.errors import printable
from reader.core.importer import ImportOptions, import_files
from reader.core.library import Library
from reader.core.markdown import META_FIELDS


def add_parser(sub: Any) -> None:
    """Register `import` and its options."""
    p = sub.add_parser(
        "import",
        help="clean raw documents into the library",
        description=(
            "Clean raw documents (PDF files, web-page dumps, wikitext, PDF text, plain text) into "
            "texts/<id>.md. Metadata comes from the options, else a sidecar PATH.meta.toml, "
            "else what the source states; corrections from PATH.corrections.toml."
        ),
    )
    p.set_defaults(handler="import_")
    p.add_argument("paths", nargs="+", type=path_arg, metavar="PATH")
    p.add_argument("--kind", default="auto", choices=("auto", *KINDS))
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="read the file in this encoding (utf-8, cp1252, latin-1, ...), whatever it declares",
    )
    p.add_argument("--id", dest="doc_id", metavar="ID", help="the document id (file stem)")
    for name in META_FIELDS:
        p.add_argument(f"--{name}", metavar=name.upper())
    p.add_argument("--replace", action="store_true", help="overwrite an existing text")
    p.add_argument("--dry-run", action="store_true", help="clean and report; write nothing")


def run(args: argparse.Namespace, library: Library) -> int:
    """Import every path; print the report."""
    options = ImportOptions(
        kind=args.kind,
        doc_id=args.doc_id,
        meta={k: getattr(args, k) for k in META_FIELDS if getattr(args, k)},
        replace=args.replace,
        encoding=args.encoding,
    )
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        if args.dry_run:
            from reader.core.importer import build

            results = [build(p, options, bar.for_path(p) if bar else None) for p in args.paths]
        else:
            results = import_files(library, args.paths, options, bar.update if bar else None)
    finally:
        if bar:
            bar.clear()
    for result in results:
        print("\n".join(result.summary()))
    if args.dry_run:
        print("(dry run: nothing written)")
    return 0


class ProgressBar:
    """One line on a terminal, redrawn in place: `name  [#####.....]  12/50 pages`."""

    def __init__(self, out: TextIO, width: int = 30) -> None:
        self.out = out
        self.width = width
        self.shown = False

    def update(self, path: Path, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        name = printable(path.name)[:30]
        bar = "#" * filled + "." * (self.width - filled)
        self.out.write(f"\r{name}  [{bar}]  {done}/{total} pages\x1b[K")
        self.out.flush()
        self.shown = True

    def for_path(self, path: Path) -> Callable[[int, int], None]:
        return lambda done, total: self.update(path, done, total)

    def clear(self) -> None:
        if self.shown:
            self.out.write("\r\x1b[K")
            self.out.flush()
