"""Exact phrases and near queries, matched a segment at a time from raw positions.

Whoosh's own `Phrase` walks an intersection tree of its words' posting readers and
builds span objects for every candidate document, a millisecond a document in pure
Python: far too slow for a phrase of common words ("central committee" is in almost
every text). `PositionalPhrase` matches the same documents with the same rule (each
word follows the previous one within `slop` positions, in order) and the same score
(Whoosh scores a phrase as the sum of its words' scores, times its boost), but reads
each word's postings of a segment in whole blocks (`postings.read_all`), intersects the
document numbers as sets, and checks positions with set operations on the decoded
integers. The matches come out as one list (`ScoredList`), every document counted.

The words' postings, read in full anyway, are handed to the ranking pass (see
`collecting`) as complete: the hits of the listed documents are then located without
reading the index again. The documents a phrase matched in an open segment are kept
for the next query that holds it (`_MATCHED`).
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from whoosh.matching.mcore import ListMatcher, NullMatcher
from whoosh.query.positional import Phrase
from whoosh.query.terms import Term

from reader.core.search.kept import KeptPostings, keeping
from reader.core.search.postings import decode_positions, positions_of, word_postings
from reader.core.search.ranking import RememberedLengthsBM25F
from reader.core.search.schema import CONTENT

_NEXT = (1).__add__


# The phrases matched in each open segment (forgotten with it), at most
# `MATCHED_PHRASES` each: the same phrase (a glossary variant) comes back in query after
# query, and checking positions was most of its cost.
MATCHED_PHRASES = 256
_MATCHED: weakref.WeakKeyDictionary[
    Any, dict[tuple[str, tuple[bytes, ...], int], tuple[list[int], list[float]]]
] = weakref.WeakKeyDictionary()


def remembered_weighting(searcher: Any, context: Any) -> bool:
    """Whether scores are the library's BM25F (the same for every query on an open
    index, so they can be kept with the matches)."""
    weighting = (context.weighting if context else None) or searcher.weighting
    return type(weighting) is RememberedLengthsBM25F


class ScoredList(ListMatcher):
    """Document numbers with precomputed scores (a `ListMatcher` scores by weight)."""

    def supports_block_quality(self) -> bool:
        return False


def phrase_occurs(positions: list[list[int]], slop: int) -> bool:
    """Whether the words, with these sorted positions in one document, follow each other
    in order, each within `slop` positions of the previous one."""
    if slop == 1:
        if len(positions) == 2:
            return not set(map(_NEXT, positions[0])).isdisjoint(positions[1])
        # Where the phrase would start, by each word; start from the rarest word.
        order = sorted(range(len(positions)), key=lambda i: len(positions[i]))
        first = order[0]
        starts = set(map((-first).__add__, positions[first]))
        for i in order[1:]:
            starts.intersection_update(map((-i).__add__, positions[i]))
            if not starts:
                return False
        return True
    current = positions[0]
    for following in positions[1:]:
        chained: set[int] = set()
        for p in current:
            i = bisect_right(following, p)
            if i < len(following) and following[i] - p <= slop:
                chained.add(following[i])
        if not chained:
            return False
        current = sorted(chained)
    return True


def adjacent_in(
    documents: Iterable[int], first: dict[int, bytes], second: dict[int, bytes]
) -> list[int]:
    """The documents where a word (postings `first`) is directly followed by another
    (`second`): the two-word phrase, the commonest kind, in one loop."""
    found: list[int] = []
    for docnum in documents:
        before = positions_of(first[docnum])
        if not set(map(_NEXT, before)).isdisjoint(positions_of(second[docnum])):
            found.append(docnum)
    return found


def _lined_up(values: list[dict[int, bytes]], order: list[int], docnum: int) -> bool:
    """Whether the words (postings `values`, checked in `order`) follow each other in
    document `docnum`; each word's positions are decoded only while starts remain."""
    first = order[0]
    starts = set(map((-first).__add__, positions_of(values[first][docnum])))
    for i in order[1:]:
        starts.intersection_update(map((-i).__add__, positions_of(values[i][docnum])))
        if not starts:
            return False
    return True


class PositionalPhrase(Phrase):
    """A `Phrase` (same fields, same meaning, same scores) with a faster matcher."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        fieldname = self.fieldname
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return NullMatcher()
        words = [field.to_bytes(word) for word in self.words]
        if len(words) == 1:
            return Term(fieldname, self.words[0], boost=self.boost).matcher(searcher, context)
        read = [word_postings(reader, fieldname, word) for word in words]
        if any(p is None for p in read):
            return NullMatcher()
        postings = [p for p in read if p is not None]
        found = _MATCHED.setdefault(reader, {})
        key = (fieldname, tuple(words), self.slop)
        entry = found.get(key)
        if entry is None:
            matched = self._match(postings)
            boosts = [1.0] * len(words)
            scores = score_matches(searcher, context, fieldname, words, postings, matched, boosts)
            entry = (matched, scores)
            if remembered_weighting(searcher, context):
                found[key] = entry
                if len(found) > MATCHED_PHRASES:
                    found.pop(next(iter(found)))
        matched, scores = entry
        kept = keeping()
        if kept is not None and fieldname == CONTENT:
            keep_complete(kept, words, postings, reader.doc_count_all())
        if not matched:
            return NullMatcher()
        if self.boost != 1.0:
            scores = [s * self.boost for s in scores]
        return ScoredList(matched, scores)  # type: ignore[no-untyped-call]

    def _match(self, postings: list[tuple[list[int], list[float], list[bytes]]]) -> list[int]:
        """The documents (ascending) where the phrase occurs."""
        candidates = common_documents(postings)
        values = [dict(zip(ids, vals, strict=True)) for ids, _, vals in postings]
        if len(postings) == 2 and self.slop == 1:
            matched = sorted(adjacent_in(candidates, values[0], values[1]))
        elif self.slop == 1:
            # Rarest word first: the positions of a common word ("and") are decoded
            # only for documents where the rarer words already line up.
            order = sorted(range(len(postings)), key=lambda i: len(postings[i][0]))
            matched = sorted(d for d in candidates if _lined_up(values, order, d))
        else:
            matched = sorted(
                docnum
                for docnum in candidates
                if phrase_occurs([decode_positions(v[docnum]) for v in values], self.slop)
            )
        return matched


def common_documents(postings: list[tuple[list[int], list[float], list[bytes]]]) -> set[int]:
    """The documents every word's postings hold (intersected rarest word first)."""
    rarest = min(postings, key=lambda p: len(p[0]))
    candidates = set(rarest[0])
    for ids, _, _ in postings:
        if ids is not rarest[0]:
            candidates.intersection_update(ids)
            if not candidates:
                break
    return candidates


def score_matches(
    searcher: Any,
    context: Any,
    fieldname: str,
    words: list[bytes],
    postings: list[tuple[list[int], list[float], list[bytes]]],
    matched: list[int],
    boosts: list[float],
) -> list[float]:
    """The score of each matched document: the sum of its words' scores (BM25F from
    weight and field length, as Whoosh scores a term), each times its boost."""
    weighting = (context.weighting if context else None) or searcher.weighting
    scores = [0.0] * len(matched)
    for word, (ids, weights, _), boost in zip(words, postings, boosts, strict=True):
        scorer = weighting.scorer(searcher, fieldname, word)
        score, lengths = getattr(scorer, "_score", None), getattr(scorer, "dfl", None)
        weight_of = dict(zip(ids, weights, strict=True))
        for n, docnum in enumerate(matched):
            weight = weight_of[docnum]
            value = score(weight, lengths(docnum)) if score and lengths else weight
            scores[n] += value * boost if boost != 1.0 else value
    return scores


def keep_complete(
    kept_at: tuple[KeptPostings, int],
    words: list[bytes],
    postings: list[tuple[list[int], list[float], list[bytes]]],
    doc_count: int,
) -> None:
    """Hand every posting read to the ranking pass, marked complete (see module)."""
    kept, offset = kept_at
    for word, (ids, _, vals) in zip(words, postings, strict=True):
        term = word.decode("utf-8")
        kept.add_all(term, offset, ids, vals)
        kept.mark_complete(term, offset, offset + doc_count)
