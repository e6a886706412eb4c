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
from typing import Any

from whoosh.matching.binary import IntersectionMatcher
from whoosh.matching.mcore import NullMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.positional import Phrase
from whoosh.query.terms import Term
from whoosh.util import make_binary_tree


class PositionalPhrase(Phrase):  # type: ignore[misc]
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


class PositionalPhraseMatcher(WrappingMatcher):  # type: ignore[misc]
    """Matches the documents where the words of a phrase follow each other."""

    def __init__(self, matchers: list[Any], slop: int, boost: float = 1.0) -> None:
        super().__init__(make_binary_tree(IntersectionMatcher, matchers), boost=boost)
        self.words = matchers
        self.slop = slop
        self._find_next()

    def copy(self) -> PositionalPhraseMatcher:
        return PositionalPhraseMatcher([m.copy() for m in self.words], self.slop, self.boost)

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        # The words' block qualities say nothing about where the phrase occurs.
        return False

    def _here(self) -> bool:
        """Whether the phrase occurs in the current document."""
        slop = self.slop
        current = self.words[0].value_as("positions")
        for matcher in self.words[1:]:
            following: list[int] = matcher.value_as("positions")
            if slop == 1:
                chained = set(following).intersection([p + 1 for p in current])
            else:
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

    def next(self) -> bool:
        moved = bool(self.child.next())
        return self._find_next() or moved

    def skip_to(self, docnum: int) -> bool:
        moved = bool(self.child.skip_to(docnum))
        return self._find_next() or moved

    def all_ids(self) -> Any:
        while self.is_active():
            yield self.id()
            self.next()
