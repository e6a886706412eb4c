"""The input of every export: annotations grouped by document, in reading order."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core import locator as locators
from reader.core.annotations.anchored import AnchoredAnnotation
from reader.core.annotations.query import LibraryNote
from reader.core.document import Document


@dataclass(frozen=True, slots=True)
class DocumentNotes:
    """A document and the annotations on it that are being exported."""

    document: Document
    items: list[AnchoredAnnotation]

    def attached_text(self, item: AnchoredAnnotation) -> str:
        """The text the annotation covers now (its stored quote if it is orphaned)."""
        if item.start is None or item.end is None:
            return item.annotation.quote
        return self.document.text[item.start : item.end]

    def locator(self, item: AnchoredAnnotation) -> locators.Locator:
        """The locator of an annotation: its place now, or its stored quote (an orphan),
        or the document (a note on the whole document)."""
        doc = self.document
        if item.start is not None and item.end is not None:
            return locators.make(doc, item.start, item.end)
        quote = " ".join(item.annotation.quote.split()[: locators.QUOTE_WORDS])
        return locators.Locator(doc.id, quote)


def group_notes(notes: list[LibraryNote]) -> list[DocumentNotes]:
    """`notes` grouped by document, keeping their order."""
    groups: dict[str, DocumentNotes] = {}
    for note in notes:
        group = groups.setdefault(note.document.id, DocumentNotes(note.document, []))
        group.items.append(note.item)
    return list(groups.values())
