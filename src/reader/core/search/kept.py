"""The postings a ranking pass keeps for locating its hits, and where the matchers
being made should put them.

`KeptPostings` holds raw `content` posting values read while ranking (see `collecting`)
and, per word, the segments where every posting was read. The matchers that read
postings (`collecting`, `conjunction`, `phrase`) find where to keep them with
`keeping()`, which the ranking pass sets around making each segment's matcher
(`keeping_in`). Its own module, so that the ranking pass and the matchers it makes
both import it rather than each other.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class KeptPostings:
    """Raw `content` posting values (positions and character ranges) read while
    ranking, by (global document number, term); and, per term, the document number
    ranges (segments) where every posting of the term is kept.

    A word whose postings of a segment were read in full is kept as those lists
    (`add_all`), looked up by bisection: copying thousands of postings of a common word
    into a table cost more than the few look-ups locating the hits of a page make."""

    def __init__(self) -> None:
        self.values: dict[tuple[int, str], bytes] = {}
        # term -> sorted, disjoint [start, end) document number ranges
        self._complete: dict[str, list[tuple[int, int]]] = {}
        # term -> [(segment offset, sorted document numbers, values)], by offset
        self._lists: dict[str, list[tuple[int, list[int], list[bytes]]]] = {}

    def __setitem__(self, key: tuple[int, str], value: bytes) -> None:
        self.values[key] = value

    def add_all(self, term: str, offset: int, ids: list[int], values: list[bytes]) -> None:
        """Keep the postings (`ids` ascending, numbered within their segment, which
        starts at document `offset`) of `term`."""
        lists = self._lists.setdefault(term, [])
        lists.append((offset, ids, values))
        lists.sort(key=lambda part: part[0])

    def get(self, docnum: int, term: str) -> bytes | None:
        """The kept posting of `term` in document `docnum`, if any."""
        value = self.values.get((docnum, term))
        if value is not None:
            return value
        for offset, ids, values in reversed(self._lists.get(term, ())):
            if offset <= docnum:
                i = bisect_left(ids, docnum - offset)
                if i < len(ids) and ids[i] == docnum - offset:
                    return values[i]
        return None

    def mark_complete(self, term: str, start: int, end: int) -> None:
        """Every posting of `term` in documents [start, end) is kept."""
        ranges = self._complete.setdefault(term, [])
        if (start, end) not in ranges:
            ranges.append((start, end))
            ranges.sort()

    def known_absent(self, docnum: int, term: str) -> bool:
        """Whether `term` is certainly not in document `docnum`: its postings there are
        complete and none is for `docnum`."""
        ranges = self._complete.get(term)
        if not ranges:
            return False
        i = bisect_right(ranges, (docnum, 1 << 62)) - 1
        return i >= 0 and ranges[i][0] <= docnum < ranges[i][1] and self.get(docnum, term) is None


# What the matchers being made should keep, and the document number offset of their
# segment: set by `keeping_in` around making each segment's matcher.
_KEEPING: ContextVar[tuple[KeptPostings, int] | None] = ContextVar("_KEEPING", default=None)


def keeping() -> tuple[KeptPostings, int] | None:
    """Where the matcher being made should keep postings, and its segment's document
    number offset; None when no ranking pass asks for them."""
    return _KEEPING.get()


@contextmanager
def keeping_in(kept: KeptPostings, offset: int) -> Iterator[None]:
    """Matchers made inside this block keep their postings in `kept`, for the segment
    that starts at document `offset`."""
    token = _KEEPING.set((kept, offset))
    try:
        yield
    finally:
        _KEEPING.reset(token)
