"""Exact phrases and near queries, checked from the raw positions of their words.

Whoosh's own `Phrase` builds span objects for every candidate document (every document
that holds all the words), which costs about a millisecond a document in pure Python:
far too slow for a phrase of common words ("central committee") in a large library.
`PositionalPhrase` matches the same documents with the same rule (each word follows the
previous one within `slop` positions, in order) by intersecting the words' postings and
comparing their decoded positions as sets of integers.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter
from pickle import loads
from typing import Any

from whoosh.matching.binary import IntersectionMatcher
from whoosh.matching.mcore import NullMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.positional import Phrase
from whoosh.query.terms import Term
from whoosh.system import _INT_SIZE
from whoosh.util import make_binary_tree

_COUNT_SIZE: int = _INT_SIZE


def _positions(matcher: Any) -> list[int]:
    """The word positions of a posting of the `content` field: its value (Whoosh's
    `Characters` format) is a packed count, then a pickled list of (position delta,
    start delta, length) with the final STOP opcode left out. Decoded here with C-level
    iteration: Whoosh's own decoder loops in Python, and "and" occurs hundreds of times
    in a text."""
    value: bytes = matcher.value()
    codes = loads(value[_COUNT_SIZE:] + (b"" if value.endswith(b".") else b"."))
    if codes and isinstance(codes[0], tuple):
        return list(accumulate(map(itemgetter(0), codes)))
    return list(matcher.value_as("positions"))


class PositionalPhrase(Phrase):
    """A `Phrase` (same fields, same meaning) with a faster matcher."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        field = searcher.schema[self.fieldname]
        words = [field.to_bytes(word) for word in self.words]
        if any((self.fieldname, word) not in reader for word in words):
            return NullMatcher()
        matchers = [Term(self.fieldname, word).matcher(searcher, context) for word in words]
        if len(matchers) == 1:
            return matchers[0]
        return PositionalPhraseMatcher(matchers, self.slop, self.boost)


class PositionalPhraseMatcher(WrappingMatcher):
    """Matches the documents where the words of a phrase follow each other."""

    def __init__(self, matchers: list[Any], slop: int, boost: float = 1.0) -> None:
        super().__init__(  # type: ignore[no-untyped-call]
            make_binary_tree(IntersectionMatcher, matchers), boost=boost
        )
        self.words = matchers
        self.slop = slop
        self._find_next()

    def copy(self) -> PositionalPhraseMatcher:
        return PositionalPhraseMatcher([m.copy() for m in self.words], self.slop, self.boost)

    def replace(self, minquality: float = 0) -> Any:
        return self if self.child.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        # The words' block qualities say nothing about where the phrase occurs.
        return False

    def _here(self) -> bool:
        """Whether the phrase occurs in the current document."""
        positions = [_positions(m) for m in self.words]
        if self.slop == 1:
            # Start from the rarest word: where the phrase would start, by that word.
            rarest = min(range(len(positions)), key=lambda i: len(positions[i]))
            starts = {p - rarest for p in positions[rarest]}
            for i, found in enumerate(positions):
                if i != rarest:
                    starts.intersection_update([p - i for p in found])
                    if not starts:
                        return False
            return True
        slop = self.slop
        current = positions[0]
        for following in positions[1:]:
            chained = set()
            for p in current:
                i = bisect_right(following, p)
                if i < len(following) and following[i] - p <= slop:
                    chained.add(following[i])
            if not chained:
                return False
            current = sorted(chained)
        return True

    def _find_next(self) -> bool:
        child = self.child
        moved = False
        while child.is_active() and not self._here():
            moved = child.next() or moved
        return moved

    # Like Whoosh's own matchers, these report whether a new block was reached.
    def next(self) -> Any:
        moved = bool(self.child.next())
        return self._find_next() or moved

    def skip_to(self, docnum: int) -> Any:
        moved = bool(self.child.skip_to(docnum))
        return self._find_next() or moved

    def all_ids(self) -> Any:
        child = self.child
        while child.is_active():
            yield child.id()
            self.next()
