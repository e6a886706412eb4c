"""Citations: where an annotation is, said the way a person cites it.

Every placed annotation has a citable location: author, title, section and paragraph
(`Document.location`), or the note it sits in. A note on the whole document cites the
document only; an orphan cites the document and says its place is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.document import Document, Location


@dataclass(frozen=True, slots=True)
class Citation:
    """Author, title and place of an annotation (`location` is None when not placed)."""

    author: str
    title: str
    location: Location | None
    placed: bool = True

    @property
    def place(self) -> str:
        """The place alone: `4.2. The army, ¶3`, `note 12`, `whole document`, ..."""
        if self.location is None:
            return "whole document" if self.placed else "place unknown (orphaned)"
        return str(self.location)

    def __str__(self) -> str:
        parts = [p for p in (self.author, self.title) if p]
        parts.append(self.place)
        return ", ".join(parts)


def cite(document: Document, start: int | None, placed: bool = True) -> Citation:
    """The citation of offset `start` in `document` (None: the whole document)."""
    location = document.location(start) if start is not None and placed else None
    return Citation(document.author, document.title, location, placed)
