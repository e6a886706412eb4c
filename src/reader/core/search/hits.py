"""Locating hits in a document from the index's stored positions and character ranges.

For each hit pattern (see `query.Pattern`) the postings of its stems give, per document,
(position, start, end) triples. A one-word pattern hits at each occurrence; a phrase
hits where its words follow each other within the pattern's slop. Overlapping hits of
different patterns merge into one (a variant "Brest-Litovsk" and a word "Brest").

The postings the ranking pass kept (see `collecting`) are used first, and a word kept
complete in a document's segment but not for the document is not there. Otherwise
documents must be asked for in ascending document number: the posting readers only
move forward, so a whole result page costs one pass over each term's postings.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from reader.core.search.kept import KeptPostings
from reader.core.search.postings import Occurrence, decode_characters
from reader.core.search.query import Pattern
from reader.core.search.schema import CONTENT


@dataclass(frozen=True)
class LocatedHit:
    """A hit in the projection: [start, end), its words' ranges and its pattern variant."""

    start: int
    end: int
    words: tuple[tuple[int, int], ...]
    variant: str


class HitLocator:
    """Finds the hits of a set of patterns in documents of one index reader."""

    def __init__(
        self, reader: Any, patterns: list[Pattern], kept: KeptPostings | None = None
    ) -> None:
        self.reader = reader
        self.patterns = patterns
        # Postings the ranking pass already read (see `collecting`).
        self.kept = kept if kept is not None else KeptPostings()
        # term -> (posting matcher, the last document number asked of it)
        self._matchers: dict[str, tuple[Any, int]] = {}

    def _occurrences(self, term: str, docnum: int) -> list[Occurrence]:
        value = self.kept.get(docnum, term)
        if value is not None:
            return decode_characters(value)
        if self.kept.known_absent(docnum, term):
            return []
        matcher, last = self._matchers.get(term, (None, -1))
        if matcher is None or docnum < last:
            if (CONTENT, term) not in self.reader:
                return []
            matcher = self.reader.postings(CONTENT, term)
        self._matchers[term] = (matcher, docnum)
        if not matcher.is_active():
            return []
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return []
        return decode_characters(matcher.value())

    def _slot(self, terms: frozenset[str], docnum: int) -> list[Occurrence]:
        occurrences: list[Occurrence] = []
        for term in terms:
            occurrences.extend(self._occurrences(term, docnum))
        occurrences.sort()
        return occurrences

    def count_and_first(
        self, docnum: int, limit: int | None
    ) -> tuple[int, list[LocatedHit], list[tuple[int, int]]]:
        """How many hits document `docnum` has, the first `limit` (None: all) in reading
        order, and the sorted ranges of every matched word (for snippet marks).

        A query of one word (or of word alternatives, as a prefix or a fuzzy word gives)
        needs no merging: its hits are its words' occurrences, and only the first ones
        become records."""
        if len(self.patterns) == 1 and len(self.patterns[0].slots) == 1:
            pattern = self.patterns[0]
            occurrences = self._slot(pattern.slots[0], docnum)
            first = occurrences if limit is None else occurrences[:limit]
            variant = pattern.variant
            hits = [LocatedHit(s, e, ((s, e),), variant) for _, s, e in first]
            return len(occurrences), hits, [(s, e) for _, s, e in occurrences]
        if all(len(pattern.slots) == 1 for pattern in self.patterns):
            return self._words_only(docnum, limit)
        found = self.locate(docnum)
        return len(found), found if limit is None else found[:limit], word_spans(found)

    def _words_only(
        self, docnum: int, limit: int | None
    ) -> tuple[int, list[LocatedHit], list[tuple[int, int]]]:
        """`count_and_first` for patterns of one word each (`lenin trotsky`, a glossary
        term whose variants are single words): each occurrence is one word, so hits
        never overlap but where two patterns find the same word, and only the first
        `limit` become records. The same hits as `locate` gives, as `merge_hits` would
        name them (the query's own words first, then the patterns' order)."""
        variants: dict[tuple[int, int], str] = {}
        seen: dict[frozenset[str], list[Occurrence]] = {}
        for pattern in self.patterns:
            terms = pattern.slots[0]
            if terms not in seen:
                seen[terms] = self._slot(terms, docnum)
            variant = pattern.variant
            for _, start, end in seen[terms]:
                old = variants.get((start, end))
                if old is None or (old and not variant):
                    variants[(start, end)] = variant
        spans = sorted(variants)
        first = spans if limit is None else spans[:limit]
        hits = [LocatedHit(s, e, ((s, e),), variants[(s, e)]) for s, e in first]
        return len(spans), hits, spans

    def locate(self, docnum: int) -> list[LocatedHit]:
        """Every hit in document `docnum`, in reading order, overlaps merged."""
        found: list[LocatedHit] = []
        cache: dict[frozenset[str], list[Occurrence]] = {}
        for pattern in self.patterns:
            slots = []
            for terms in pattern.slots:
                if terms not in cache:
                    cache[terms] = self._slot(terms, docnum)
                slots.append(cache[terms])
            found.extend(_pattern_hits(slots, pattern))
        return merge_hits(found)


def _pattern_hits(slots: list[list[Occurrence]], pattern: Pattern) -> list[LocatedHit]:
    if not slots or not slots[0]:
        return []
    if len(slots) == 1:
        return [LocatedHit(s, e, ((s, e),), pattern.variant) for _, s, e in slots[0]]
    positions = [[o[0] for o in slot] for slot in slots]
    hits: list[LocatedHit] = []
    for first in slots[0]:
        chain = [first]
        for slot, slot_positions in zip(slots[1:], positions[1:], strict=True):
            previous = chain[-1][0]
            i = bisect_right(slot_positions, previous)
            if i < len(slot) and slot_positions[i] - previous <= pattern.slop:
                chain.append(slot[i])
            else:
                break
        if len(chain) == len(slots):
            words = tuple((s, e) for _, s, e in chain)
            hits.append(LocatedHit(chain[0][1], chain[-1][2], words, pattern.variant))
    return hits


def merge_hits(hits: list[LocatedHit]) -> list[LocatedHit]:
    """Hits sorted by start; overlapping ones merged (the widest hit names the variant,
    the query's own words win a tie)."""
    hits.sort(key=lambda h: (h.start, -h.end, h.variant != ""))
    merged: list[LocatedHit] = []
    for hit in hits:
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            words = tuple(sorted(set(last.words) | set(hit.words)))
            if hit.end > last.end:
                merged[-1] = LocatedHit(last.start, hit.end, words, hit.variant)
            else:
                merged[-1] = LocatedHit(last.start, last.end, words, last.variant)
            continue
        merged.append(hit)
    return merged


def word_spans(hits: list[LocatedHit]) -> list[tuple[int, int]]:
    """The sorted ranges of every matched word of `hits` (for snippet marks)."""
    return sorted({w for h in hits for w in h.words})
