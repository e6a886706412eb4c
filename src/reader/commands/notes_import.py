"""`reader notes import FILE [--doc ID] [--dry-run] [--json]`: highlights from other readers.

Prints one report: the format read, how many highlights were placed exactly, placed
approximately (fuzzy: to confirm in the notes view, `is:fuzzy`), kept without a place
(orphaned: `is:orphaned`), kept in the inbox (no document), and skipped because they
were imported before; then how each document was found (by title with its score).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from reader.core.annotations import AnnotationStore
from reader.core.errors import printable
from reader.core.interop.formats import FORMAT_NAMES
from reader.core.interop.importing import ImportReport, import_file
from reader.core.interop.inbox import FILE_NAME

HOW = {"doc": "named with --doc", "id": "by its id", "url": "by URL", "quote": "by the quotes"}


def add_parser(actions: Any) -> None:
    """Register `notes import`."""
    imp = actions.add_parser("import", help="import highlights from other readers")
    imp.add_argument("file", metavar="FILE", help="an export or a KOReader .sdr folder")
    imp.add_argument("--doc", metavar="ID", help="every highlight belongs to this document")
    imp.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    imp.add_argument("--json", action="store_true", help="machine-readable report")


def run(args: argparse.Namespace, store: AnnotationStore) -> int:
    """Import and print the report."""
    path = Path(args.file).expanduser()
    report = import_file(store, path, args.doc, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(as_json(report, path), ensure_ascii=False, indent=2))
    else:
        print("\n".join(printable(line) for line in as_lines(report, path, args.dry_run)))
    return 0


def as_json(report: ImportReport, path: Path) -> dict[str, Any]:
    """The report as JSON."""
    return {
        "file": str(path),
        "format": report.format,
        "exact": report.exact,
        "fuzzy": report.fuzzy,
        "orphaned": report.orphaned,
        "inbox": report.inbox,
        "skipped": report.skipped,
        "documents": [
            {"id": m.doc_id, "how": m.how, "score": m.score} for m in report.documents.values()
        ],
        "annotations": [
            {"document": doc_id, "state": state, "id": ann_id, "origin": record.origin}
            for doc_id, state, ann_id, record in report.placed
        ],
    }


def as_lines(report: ImportReport, path: Path, dry_run: bool) -> list[str]:
    """The report for people."""
    name = FORMAT_NAMES.get(report.format, report.format or "nothing")
    verb = "Would import" if dry_run else "Imported"
    total = report.added + report.inbox
    lines = [f"{verb} {total} highlight{'s' if total != 1 else ''} from {path.name} ({name})"]
    lines.append(
        f"  exact {report.exact}, fuzzy {report.fuzzy} (to confirm), orphaned {report.orphaned}, "
        f"inbox {report.inbox}, already imported {report.skipped}"
    )
    per_doc = Counter(doc_id for doc_id, *_ in report.placed)
    for match in report.documents.values():
        how = f"by title (score {match.score:.0f})" if match.how == "title" else HOW[match.how]
        lines.append(f"  {match.doc_id}: {per_doc[match.doc_id]} ({how})")
    if report.inbox:
        lines.append(f"  {report.inbox} without a document kept in {FILE_NAME}")
    for doc_id, state, ann_id, record in report.placed:
        if state != "exact":
            quote = " ".join(record.quote.split())
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            lines.append(f"  {state:8} {doc_id} {ann_id[:8]} “{quote}”")
    if report.fuzzy or report.orphaned:
        lines.append("  Review them in the notes view (F4): is:fuzzy, is:orphaned, is:imported")
    return lines
