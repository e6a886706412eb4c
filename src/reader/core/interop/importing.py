"""`reader notes import`: other programs' highlights into the library, nothing dropped.

For each record read from the file (`formats`): skip it when it was imported before
(an annotation of the library carries its `origin`, or has the same id for our own
exports); find its document (`matching`); find its place (`placing`) and add it to the
document's annotations with its note, tags, colour, time and `origin`. A record that
finds no document goes to the library's inbox (`inbox.toml`, see `inbox`) with its
quote, note and origin; it leaves the inbox when a later import finds its document.
Nothing is written with `dry_run`. The report counts exact, fuzzy and orphaned
placements, inbox entries and skipped duplicates, and names how each document was found.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.annotations.annotation_file import AnnotationFile
from reader.core.annotations.model import (
    DEFAULT_COLOUR,
    HIGHLIGHT,
    NOTE,
    Annotation,
    utc_now,
)
from reader.core.annotations.store import AnnotationStore
from reader.core.document import Document
from reader.core.errors import ReaderError
from reader.core.export.jsonld import document_iri
from reader.core.interop import inbox
from reader.core.interop.formats import read_file
from reader.core.interop.matching import DocumentFinder, DocumentMatch
from reader.core.interop.model import Foreign
from reader.core.interop.placing import EXACT, FUZZY, ORPHANED, place

ORIGIN = "origin"  # the extra field of an imported annotation
_ORIGINS = uuid.uuid5(uuid.NAMESPACE_URL, "https://reader.invalid/imported")


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    format: str = ""
    exact: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    inbox: int = 0
    skipped: int = 0
    documents: dict[str, DocumentMatch] = field(default_factory=dict)
    placed: list[tuple[str, str, str, Foreign]] = field(default_factory=list)
    """(doc id, state, annotation id, record) for each annotation added."""

    @property
    def added(self) -> int:
        return self.exact + self.fuzzy + self.orphaned

    def count(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)


def import_file(
    store: AnnotationStore,
    path: Path,
    doc_id: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the highlights in `path` into the library of `store` (see the docstring)."""
    library = store.library
    if doc_id is not None and not library.has(doc_id):
        raise ReaderError(f"no document {doc_id!r} in the library (see `reader list`)")
    documents = library.documents()
    iris = {document_iri(d.id): d.id for d in documents}
    records = read_file(path, iris)
    report = ImportReport(format=records[0].format if records else "")
    known_origins, known_ids = _known(store)
    waiting = inbox.load(library.root)
    finder = DocumentFinder(documents, doc_id)
    leaving_inbox: set[str] = set()
    arriving: list[inbox.InboxEntry] = []
    touched: dict[str, AnnotationFile] = {}
    for number, record in enumerate(records, 1):
        if progress is not None:
            progress(number, len(records))
        if record.origin in known_origins or imported_id(record) in known_ids:
            report.skipped += 1
            continue
        match = finder.find(record)
        if match is None:
            if record.origin in waiting:
                report.skipped += 1  # already in the inbox
            else:
                arriving.append(inbox.entry(record, path.name))
                report.inbox += 1
            continue
        report.documents.setdefault(match.doc_id, match)
        known_origins.add(record.origin)
        if record.origin in waiting:
            leaving_inbox.add(record.origin)
        doc_notes = store.open(match.doc_id)
        state, annotation = _annotation(doc_notes.document, record)
        report.count(state)
        if not dry_run:
            added = doc_notes.add_imported(annotation)
            touched[match.doc_id] = doc_notes
            report.placed.append((match.doc_id, state, added.id, record))
        else:
            report.placed.append((match.doc_id, state, annotation.id, record))
    if not dry_run:
        for doc_notes in touched.values():
            doc_notes.save()
        if arriving or leaving_inbox:
            inbox.update(library.root, arriving, leaving_inbox)
    return report


def _known(store: AnnotationStore) -> tuple[set[str], set[str]]:
    """The origins and ids of every annotation in the library, and the ids recorded as
    deleted (an imported annotation's id comes from its origin, so one deleted here is
    not imported again)."""
    origins: set[str] = set()
    ids: set[str] = set()
    for doc_notes in store.files():
        ids.update(_deleted(doc_notes))
        for item in doc_notes.items():
            ids.add(item.id)
            origin = item.annotation.extra.get(ORIGIN)
            if isinstance(origin, str):
                origins.add(origin)
    return origins, ids


def _deleted(doc_notes: AnnotationFile) -> list[str]:
    """The ids the file on disk records as deleted."""
    from reader.core.annotations import fileformat
    from reader.core.tomlfile import read_utf8

    if doc_notes.error is not None or not doc_notes.path.exists():
        return []
    try:
        text = read_utf8(doc_notes.path)
        return fileformat.parse(text, doc_notes.path, doc_notes.document.id).deleted
    except ReaderError:
        return []


def imported_id(record: Foreign) -> str:
    """The id an imported annotation gets: its own (our exports), else one made from
    its origin, the same at every import."""
    return record.annotation_id or str(uuid.uuid5(_ORIGINS, record.origin))


def _annotation(document: Document, record: Foreign) -> tuple[str, Annotation]:
    """The annotation to add for `record`, and how it was placed."""
    created = _time(record.created)
    colour = record.colour or DEFAULT_COLOUR
    if record.on_document:
        annotation = Annotation(
            id=imported_id(record),
            kind=NOTE,
            created=created,
            updated=created,
            colour=colour,
            tags=record.tags,
            note=record.note,
            extra={ORIGIN: record.origin},
        )
        return EXACT, annotation
    placement = place(document, record)
    annotation = Annotation(
        id=imported_id(record),
        kind=NOTE if record.note.strip() else HIGHLIGHT,
        created=created,
        updated=created,
        colour=colour,
        tags=record.tags,
        note=record.note,
        target=placement.target,
        extra={ORIGIN: record.origin},
    )
    return placement.state, annotation


def _time(value: str) -> str:
    """An ISO 8601 time from the record as UTC `Z`, else now."""
    from datetime import UTC, datetime

    from reader.core.annotations.model import format_time

    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)


__all__ = ["EXACT", "FUZZY", "ORPHANED", "ImportReport", "import_file"]
