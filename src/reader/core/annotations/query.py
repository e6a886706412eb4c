"""Finding annotations again: the notes of the whole library, filtered, and text search.

`library_notes` lists every annotation of the library (or of one document) with its
document, anchor and citation, filtered by document, tag, colour and text; documents
whose annotations file is malformed are reported beside the results, not hidden.

`search_annotations` matches a text query against quotes, notes and tags and returns
`AnnotationHit`s labelled "highlight" or "note", so the library search can show them
among text hits. Matching ignores case and accents; every word of the query must occur
(a "quoted phrase" counts as one word).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.annotations.anchored import AnchoredAnnotation
from reader.core.annotations.annotation_file import AnnotationFile
from reader.core.annotations.model import HIGHLIGHT, NOTE, check_colour, normalise_tag
from reader.core.annotations.store import AnnotationStore
from reader.core.document import Document
from reader.core.errors import FileFormatError


@dataclass(frozen=True, slots=True)
class NoteFilter:
    """What to keep: a document id, a tag, a colour, words of text (all optional)."""

    doc_id: str | None = None
    tag: str | None = None
    colour: str | None = None
    text: str | None = None

    def normalised(self) -> NoteFilter:
        """The filter with tag and colour checked (UsageError if invalid)."""
        return NoteFilter(
            self.doc_id,
            normalise_tag(self.tag) if self.tag else None,
            check_colour(self.colour) if self.colour else None,
            self.text or None,
        )


@dataclass(frozen=True, slots=True)
class LibraryNote:
    """One annotation with the document it belongs to."""

    document: Document
    item: AnchoredAnnotation


@dataclass(frozen=True, slots=True)
class NotesResult:
    """The annotations found, and the files that could not be read."""

    notes: list[LibraryNote]
    errors: list[FileFormatError]


@dataclass(frozen=True, slots=True)
class AnnotationHit:
    """A search result from the annotations, for the library search.

    `label` is "note" when the annotation has a note (or is a note on the document) and
    "highlight" otherwise. `start`/`end` are where to open the text (None for a note on
    the whole document or an orphan). `snippet` is the text that matched (quote and
    note) and `matches` the [start, end) spans of the query words in it.
    """

    label: str
    doc_id: str
    title: str
    annotation_id: str
    start: int | None
    end: int | None
    snippet: str
    matches: tuple[tuple[int, int], ...]
    citation: str


def library_notes(store: AnnotationStore, note_filter: NoteFilter | None = None) -> NotesResult:
    """Every annotation that passes the filter, by document id, then in reading order."""
    wanted = (note_filter or NoteFilter()).normalised()
    files: Iterable[AnnotationFile]
    files = [store.open(wanted.doc_id)] if wanted.doc_id else store.files()
    notes: list[LibraryNote] = []
    errors: list[FileFormatError] = []
    terms = query_terms(wanted.text or "")
    for annotation_file in files:
        if annotation_file.error is not None:
            errors.append(annotation_file.error)
            continue
        for item in annotation_file.items():
            a = item.annotation
            if wanted.tag and not a.has_tag(wanted.tag):
                continue
            if wanted.colour and a.colour != wanted.colour:
                continue
            if terms and not _find_all(terms, searchable_text(item)):
                continue
            notes.append(LibraryNote(annotation_file.document, item))
    return NotesResult(notes, errors)


def search_annotations(
    store: AnnotationStore, query: str, doc_id: str | None = None
) -> list[AnnotationHit]:
    """The annotations matching `query` (every word, ignoring case and accents)."""
    terms = query_terms(query)
    if not terms:
        return []
    hits: list[AnnotationHit] = []
    for found in library_notes(store, NoteFilter(doc_id=doc_id, text=query)).notes:
        item = found.item
        snippet = searchable_text(item)
        spans = _find_all(terms, snippet) or []
        a = item.annotation
        hits.append(
            AnnotationHit(
                label=NOTE if a.note.strip() or a.target is None else HIGHLIGHT,
                doc_id=found.document.id,
                title=found.document.title,
                annotation_id=a.id,
                start=item.start,
                end=item.end,
                snippet=snippet,
                matches=tuple(sorted(spans)),
                citation=str(item.citation),
            )
        )
    return hits


def searchable_text(item: AnchoredAnnotation) -> str:
    """The text a query is matched against: quote, note and tags."""
    a = item.annotation
    parts = [a.quote, a.note, " ".join(f"#{t}" for t in a.tags)]
    return "\n".join(p for p in parts if p)


_TERM = re.compile(r'"([^"]+)"|(\S+)')


def query_terms(query: str) -> list[str]:
    """The words of a query, folded; a "quoted phrase" is one term."""
    terms = [m.group(1) or m.group(2) for m in _TERM.finditer(query)]
    return [f for f in (fold(t.strip()) for t in terms) if f]


def fold(text: str) -> str:
    """Lowercase without accents, keeping one character per character of `text`."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        out.append(kept[:1].casefold()[:1] if kept else ch.casefold()[:1] or ch)
    return "".join(out)


def _find_all(terms: list[str], text: str) -> list[tuple[int, int]] | None:
    """The spans of every term in `text`, or None if one of them is missing."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        if start < 0:
            return None
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    return spans
