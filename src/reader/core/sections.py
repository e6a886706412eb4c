"""Sections of a document: the heading trail (breadcrumb) at an offset, and section jumps.

The reading view shows where the reader is as a trail of headings, outermost first
("Part I › Chapter 3 › The strike"), and moves between sections with [ and ]. Both
come from the heading blocks alone, computed once per document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.core.document import Document

TRAIL_SEPARATOR = " › "


class SectionIndex:
    """The headings of one document, by offset, with each heading's trail."""

    def __init__(self, document: Document) -> None:
        headings = document.headings
        self.starts = [h.start for h in headings]
        self.trails: list[str] = []
        open_headings: list[tuple[int, str]] = []  # (level, title) of enclosing headings
        for heading in headings:
            while open_headings and open_headings[-1][0] >= heading.level:
                open_headings.pop()
            open_headings.append((heading.level, heading.text))
            self.trails.append(TRAIL_SEPARATOR.join(title for _, title in open_headings))

    def trail_at(self, offset: int) -> str:
        """The trail of headings `offset` falls under ("" before the first heading)."""
        i = bisect_right(self.starts, offset) - 1
        return self.trails[i] if i >= 0 else ""

    def next_start(self, offset: int) -> int | None:
        """The start of the first heading after `offset`."""
        i = bisect_right(self.starts, offset)
        return self.starts[i] if i < len(self.starts) else None

    def previous_start(self, offset: int) -> int | None:
        """The start of the last heading before `offset`."""
        i = bisect_left(self.starts, offset)
        return self.starts[i - 1] if i > 0 else None
