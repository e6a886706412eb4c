"""`reader cite ID... [--format text|bibtex|csl-json] [-o FILE]`: cite whole documents.

The citation is made from the document's front matter (see `reader.core.cite`); with
several ids (or `--all`) a CSL-JSON array or BibTeX entries one after another.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.core.atomic import atomic_write_text
from reader.core.cite import FORMATS, cite_many
from reader.core.errors import UsageError, printable
from reader.core.library import Library, check_id


def add_parser(sub: Any) -> None:
    """Register `cite`."""
    p = sub.add_parser("cite", help="cite documents (BibTeX, CSL-JSON or text)")
    p.set_defaults(handler="cite")
    p.add_argument("ids", nargs="*", metavar="ID", help="document ids")
    p.add_argument("--all", action="store_true", help="every document of the library")
    p.add_argument("--format", default="text", choices=FORMATS)
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")


def run(args: argparse.Namespace, library: Library) -> int:
    """Print (or write) the citations."""
    ids = library.ids() if args.all else [check_id(i) for i in args.ids]
    if not ids:
        raise UsageError("reader cite: name a document id (see `reader list`) or --all")
    output = cite_many([library.load(i) for i in ids], args.format)
    if args.output:
        atomic_write_text(Path(args.output).expanduser(), output)
        print(f"wrote {len(ids)} citation(s) to {printable(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write("\n".join(printable(line) for line in output.split("\n")))
    return 0
