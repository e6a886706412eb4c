"""Walking every hit of a search, document after document (n and N in the app).

`HitWalk` is the results' hits in the order they are listed: documents best first, each
document's hits in reading order. From a place in a document it finds the next (or
previous) hit, going on into the next document at the end of one and around to the
first hit after the last; `where(i)` says "hit 7 of 25 · document 2 of 3".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reader.core.search.records import SearchResults


@dataclass(frozen=True)
class WalkStep:
    """A hit to go to: its place in the walk and whether the walk wrapped around."""

    index: int
    doc_id: str
    start: int
    end: int
    wrapped: bool = False


class HitWalk:
    """Every hit of one search's results, in listed order."""

    def __init__(self, results: SearchResults) -> None:
        self.query = results.query
        self.hits: list[tuple[str, int, int]] = []
        self.documents: list[str] = []
        self._first: dict[str, int] = {}
        for document in results.documents:
            if not document.hits:
                continue
            self._first[document.doc_id] = len(self.hits)
            self.documents.append(document.doc_id)
            for hit in sorted(document.hits, key=lambda h: (h.start, h.end)):
                self.hits.append((document.doc_id, hit.start, hit.end))

    def __len__(self) -> int:
        return len(self.hits)

    def _range(self, doc_id: str) -> tuple[int, int]:
        """[first, last + 1) walk indexes of `doc_id`'s hits (empty if it has none)."""
        first = self._first.get(doc_id)
        if first is None:
            return 0, 0
        end = first
        while end < len(self.hits) and self.hits[end][0] == doc_id:
            end += 1
        return first, end

    def has(self, doc_id: str) -> bool:
        """Whether `doc_id` has hits in the walk."""
        return doc_id in self._first

    def step(self, index: int) -> WalkStep:
        """The step to hit `index`."""
        doc_id, start, end = self.hits[index]
        return WalkStep(index, doc_id, start, end)

    def index_of(self, doc_id: str, start: int) -> int | None:
        """The walk index of the hit of `doc_id` starting at `start`, if there is one."""
        first, last = self._range(doc_id)
        starts = [h[1] for h in self.hits[first:last]]
        i = bisect_left(starts, start)
        return first + i if i < len(starts) and starts[i] == start else None

    def next_from(self, doc_id: str, offset: int, forward: bool = True) -> WalkStep | None:
        """The hit after (or before) `offset` in `doc_id`, else the first hit of the next
        document (the last of the previous one), wrapping around the whole list. From a
        document outside the walk: its first (last) hit. None when there are no hits."""
        if not self.hits:
            return None
        first, last = self._range(doc_id)
        if first == last:
            return self.step(0 if forward else len(self.hits) - 1)
        starts = [h[1] for h in self.hits[first:last]]
        if forward:
            i = first + bisect_right(starts, offset)
        else:
            i = first + bisect_left(starts, offset) - 1
        wrapped = not 0 <= i < len(self.hits)
        step = self.step(i % len(self.hits))
        return WalkStep(step.index, step.doc_id, step.start, step.end, wrapped)

    def where(self, index: int) -> str:
        """'hit 7 of 25 · document 2 of 3' for walk index `index`."""
        doc_id = self.hits[index][0]
        number = self.documents.index(doc_id) + 1
        return f"hit {index + 1} of {len(self.hits)} · document {number} of {len(self.documents)}"
