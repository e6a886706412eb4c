"""`reader notes list|add|export`: the library's highlights and notes, for scripts.

- `list [FILTER...] [--doc ID] [--tag T] [--color C] [--text Q] [--json]`: every
  annotation with its state, colour, tags, citation, quote and note (or JSON); FILTER
  is the notes view's filter language (`is:fuzzy`, `is:imported`, `links:ID`, ...).
- `add DOC --quote TEXT [--note TEXT] [--tag T]... [--color C] [--at OFFSET]`: highlight
  the first occurrence of the quote (or the one starting at, or else nearest after,
  OFFSET), with an optional note, tags and colour; prints the new annotation's id.
- `import FILE [--doc ID] [--dry-run] [--json]`: highlights from other readers (see
  `reader.commands.notes_import`).
- `export [--doc ID] --format markdown|jsonld|csv [-o FILE] [--bibliography]`: the
  annotations in one format, on stdout or written atomically to FILE.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from reader.core.annotations import AnnotationStore, NoteFilter
from reader.core.annotations.model import PALETTE
from reader.core.annotations.query import LibraryNote
from reader.core.errors import UsageError, printable
from reader.core.export import FORMATS
from reader.core.library import Library
from reader.core.output_target import STDOUT
from reader.core.paths import Folders


def add_parser(sub: Any) -> None:
    """Register `notes` and its subcommands."""
    p = sub.add_parser("notes", help="list, add and export highlights and notes")
    p.set_defaults(handler="notes")
    actions = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    ls = actions.add_parser("list", help="list annotations (filtered)")
    ls.add_argument(
        "filter",
        nargs="*",
        metavar="FILTER",
        help="the notes view's filter: words #tag colour:C doc:ID is:fuzzy is:orphaned "
        "is:imported is:linked links:ID",
    )
    ls.add_argument("--doc", metavar="ID", help="only this document")
    ls.add_argument("--tag", metavar="T", help="only annotations with this tag")
    ls.add_argument("--color", metavar="C", help=f"only this colour ({', '.join(PALETTE)})")
    ls.add_argument("--text", metavar="Q", help="only those whose quote, note or tags match")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    add = actions.add_parser("add", help="highlight a quote in a document")
    add.add_argument("doc", metavar="DOC", help="the document id")
    add.add_argument("--quote", required=True, help="the exact text to highlight")
    add.add_argument("--note", default="", help="a note on the highlight")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat)")
    add.add_argument("--color", default="yellow", metavar="C", help=", ".join(PALETTE))
    add.add_argument("--at", type=int, metavar="OFFSET", help="the occurrence at this offset")

    from reader.commands import notes_import

    notes_import.add_parser(actions)

    exp = actions.add_parser("export", help="export annotations")
    exp.add_argument("--doc", metavar="ID", help="only this document")
    exp.add_argument("--format", required=True, choices=sorted(FORMATS))
    exp.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here (default or `-`: stdout); links are followed, only files written",
    )
    exp.add_argument(
        "--bibliography", action="store_true", help="Markdown: end with the texts' citations"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    """Run one `notes` action."""
    folders = Folders.for_library(library.root)
    store = AnnotationStore(library, folders.cache, folders.state)
    if args.notes_command == "add":
        return _add(args, store)
    if args.notes_command == "list":
        return _list(args, store)
    if args.notes_command == "import":
        from reader.commands import notes_import

        return notes_import.run(args, store)
    return _export(args, store)


def _add(args: argparse.Namespace, store: AnnotationStore) -> int:
    annotations = store.open(args.doc)
    text = annotations.document.text
    quote = unicodedata.normalize("NFC", args.quote)
    if not quote.strip():
        raise UsageError("--quote must not be empty")
    if args.at is not None and not 0 <= args.at <= len(text):
        raise UsageError(f"--at must be an offset in {args.doc} from 0 to {len(text)}")
    if args.at is not None:
        start = text.find(quote, args.at)
        if start != args.at and text.startswith(quote, args.at):
            start = args.at
    else:
        start = text.find(quote)
    if start < 0:
        where = f" at or after offset {args.at}" if args.at is not None else ""
        raise UsageError(f"the quote does not occur in {args.doc}{where}: {args.quote!r}")
    item = annotations.add_highlight(
        start, start + len(quote), note=args.note, tags=args.tag, colour=args.color
    )
    annotations.save()
    print(printable(f"{item.id}  {args.doc} {start}-{start + len(quote)}  {item.citation}"))
    return 0


def _filter(args: argparse.Namespace) -> NoteFilter:
    return NoteFilter(
        doc_id=args.doc,
        tag=getattr(args, "tag", None),
        colour=getattr(args, "color", None),
        text=getattr(args, "text", None),
    )


def _report_errors(errors: list[Any]) -> None:
    for error in errors:
        message = printable(str(error))
        print(f"reader: {message} (these notes are read-only until fixed)", file=sys.stderr)


def _filter_line(args: argparse.Namespace) -> str:
    """The options and the FILTER words as one filter line (see `core.annotations.filters`)."""
    parts = list(args.filter)
    if args.doc:
        parts.append(f"doc:{args.doc}")
    if args.tag:
        parts.append(f"#{args.tag.lstrip('#')}")
    if args.color:
        parts.append(f"colour:{args.color}")
    if args.text:
        parts.append(args.text)
    return " ".join(parts)


def _list(args: argparse.Namespace, store: AnnotationStore) -> int:
    from reader.core.annotations.filters import filter_notes

    result, problem = filter_notes(store, _filter_line(args))
    if problem:
        raise UsageError(f"notes list: {problem}")
    _report_errors(result.errors)
    if args.json:
        print(json.dumps([_as_json(n) for n in result.notes], ensure_ascii=False, indent=2))
        return 1 if result.errors else 0
    for note in result.notes:
        # Library text is shown, never obeyed: escape sequences become visible.
        print("\n".join(printable(line) for line in _as_text(note).split("\n")))
    if not result.notes:
        print("(no annotations)")
    return 1 if result.errors else 0


def _as_json(note: LibraryNote) -> dict[str, Any]:
    item = note.item
    a = item.annotation
    location = item.citation.location
    return {
        "document": note.document.id,
        "id": a.id,
        "kind": a.kind,
        "state": item.state.value if item.state else "document",
        "colour": a.colour,
        "tags": list(a.tags),
        "quote": a.quote,
        "note": a.note,
        "start": item.start,
        "end": item.end,
        "created": a.created,
        "updated": a.updated,
        "origin": a.extra.get("origin") if isinstance(a.extra.get("origin"), str) else None,
        "citation": {
            "author": item.citation.author,
            "title": item.citation.title,
            "section": location.section_title if location else "",
            "section_number": location.section_number if location else 0,
            "paragraph": location.paragraph if location else 0,
            "note": location.note_label if location else "",
            "text": str(item.citation),
        },
    }


def _as_text(note: LibraryNote) -> str:
    item = note.item
    a = item.annotation
    state = item.state.value if item.state else "document"
    tags = " ".join(f"#{t}" for t in a.tags)
    origin = a.extra.get("origin")
    imported = f"  imported ({origin.split(':', 1)[0]})" if isinstance(origin, str) else ""
    head = f"{note.document.id}  {a.id[:8]}  [{state}] {a.colour} {tags}".rstrip() + imported
    lines = [head, f"  {item.citation}"]
    if a.quote:
        lines.append(f"  > {_one_line(a.quote)}")
    if a.note.strip():
        lines += [f"  {line}" for line in a.note.strip().split("\n")]
    return "\n".join(lines)


def _one_line(text: str, width: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _export(args: argparse.Namespace, store: AnnotationStore) -> int:
    from reader.core.export.notes_export import export_notes

    to = Path(args.output).expanduser() if args.output and args.output != STDOUT else None
    result = export_notes(store, _filter(args), args.format, bibliography=args.bibliography, to=to)
    _report_errors(result.errors)
    if to is not None:
        noun = "annotation" if result.count == 1 else "annotations"
        print(f"wrote {result.count} {noun} to {printable(str(args.output))}", file=sys.stderr)
    else:
        sys.stdout.write(_printable_lines(result.text))
    return 1 if result.errors else 0


def _printable_lines(text: str) -> str:
    """`text` with control characters made visible (see `printable`) except its line
    ends, so an export read on a terminal cannot drive it; a file written with `-o` keeps
    the exact text."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append(printable(body) + line[len(body) :])
    return "".join(out)
