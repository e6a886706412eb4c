"""Links between notes: `[[id]]`, `[[doc-id]]` and `[[locator]]` written in a note.

A link names an annotation by its id (the first eight characters are enough when they
are unique), a document by its id, or a place by a locator (`[[doc-id#"some words"]]`,
see `reader.core.locator`). Links name ids and quotes, never offsets, so they survive
re-anchoring and re-cleaning. `Backlinks` indexes the notes of the library by what
they link to, for "2 notes link here".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.library import ID_PATTERN

if TYPE_CHECKING:
    from reader.core.annotations.query import LibraryNote

LINK = re.compile(r"\[\[([^\[\]\n]{1,500}?)\]\]")
SHORT_ID = 8  # characters of an annotation id that a link may use

ANNOTATION = "annotation"
DOCUMENT = "document"
PLACE = "place"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Link:
    """One link in a note: its text, what kind of thing it names, and that thing
    (an annotation's full id, a document id, or the locator text)."""

    text: str
    kind: str
    target: str
    start: int = 0
    end: int = 0


def link_texts(note: str) -> list[tuple[str, int, int]]:
    """The text inside each `[[...]]` of a note, with its span (brackets included)."""
    return [(m.group(1).strip(), m.start(), m.end()) for m in LINK.finditer(note)]


class Backlinks:
    """What every note of the library links to, and the reverse."""

    def __init__(self, notes: Iterable[LibraryNote], library_ids: Iterable[str] = ()) -> None:
        self.notes = list(notes)
        self.doc_ids = {n.document.id for n in self.notes} | set(library_ids)
        self._ids = {n.item.id: n for n in self.notes}
        self._by_target: dict[str, list[LibraryNote]] = {}
        for note in self.notes:
            for link in self.links(note.item.annotation.note):
                key = link.target if link.kind != PLACE else link.target.partition("#")[0]
                bucket = self._by_target.setdefault(key, [])
                if note not in bucket:
                    bucket.append(note)

    def resolve(self, text: str, library_ids: Iterable[str] = ()) -> Link:
        """What `text` (inside the brackets) names."""
        text = text.strip()
        text = text.removeprefix("#^")  # an Obsidian block link, as our export writes it
        if text in self._ids:
            return Link(text, ANNOTATION, text)
        if len(text) >= SHORT_ID and re.fullmatch(r"[0-9a-f-]+", text):
            found = [i for i in self._ids if i.startswith(text)]
            if len(found) == 1:
                return Link(text, ANNOTATION, found[0])
        if "#" in text or text.startswith("reader://"):
            return Link(text, PLACE, text.removeprefix("reader://"))
        if ID_PATTERN.match(text) and (text in self.doc_ids or text in set(library_ids)):
            return Link(text, DOCUMENT, text)
        return Link(text, UNKNOWN, text)

    def links(self, note: str, library_ids: Iterable[str] = ()) -> list[Link]:
        """The links of a note, resolved."""
        ids = list(library_ids)
        out = []
        for text, start, end in link_texts(note):
            link = self.resolve(text, ids)
            out.append(Link(link.text, link.kind, link.target, start, end))
        return out

    def to_annotation(self, annotation_id: str) -> list[LibraryNote]:
        """The notes that link to this annotation."""
        return [n for n in self._by_target.get(annotation_id, []) if n.item.id != annotation_id]

    def to_document(self, doc_id: str) -> list[LibraryNote]:
        """The notes that link to this document (or a place in it)."""
        return list(self._by_target.get(doc_id, []))

    def note(self, annotation_id: str) -> LibraryNote | None:
        """The annotation with this id, if it is in the library."""
        return self._ids.get(annotation_id)


def links_here(count: int) -> str:
    """ "1 note links here", "2 notes link here"."""
    return f"{count} note links here" if count == 1 else f"{count} notes link here"
