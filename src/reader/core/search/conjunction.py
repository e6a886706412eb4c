"""Plain words, and words that must all occur (`lenin trotsky`), matched as sets.

Whoosh's `And` walks an intersection tree of posting readers, one document at a time
in Python, and the ranking pass scores every document of it: the commonest kind of
query of more than one word spent most of its time there. `TermsAnd`, for an `And`
of plain words of the text, reads each word's postings of a segment in whole blocks
(`postings.read_all`), intersects the document numbers as sets (rarest word first),
and scores the documents the way Whoosh does (the sum of its words' BM25F scores,
times the query's boost). Like `phrase.PositionalPhrase`, it hands the postings it
read to the ranking pass as complete, so locating the hits reads nothing again. Any
other `And` (a phrase, a filter or an alternative inside) is left to Whoosh.
`ListedTerm` does the same for a query of one word: its postings come from the cache
of frequent words (see `postings`), and its scores are computed in one loop.
`union_matcher` does it for alternatives (a prefix, a fuzzy word, a glossary term's
variants: `collecting.KeepingOr`): each part's documents and scores, summed per
document. A word's scores in an open segment are kept for the next query (`_SCORES`).
"""

from __future__ import annotations

import weakref
from typing import Any

from whoosh.matching.mcore import NullMatcher
from whoosh.query.compound import And
from whoosh.query.terms import Term

from reader.core.search.kept import keeping
from reader.core.search.phrase import (
    ScoredList,
    common_documents,
    keep_complete,
    remembered_weighting,
    score_matches,
)
from reader.core.search.postings import word_postings
from reader.core.search.schema import CONTENT

# segment reader -> word -> its BM25F score in each document of its postings
_SCORES: weakref.WeakKeyDictionary[Any, dict[bytes, list[float]]] = weakref.WeakKeyDictionary()


def word_scores(
    searcher: Any, context: Any, word: bytes, postings: tuple[list[int], list[float], Any]
) -> list[float]:
    """The score of `word` in each document of its `postings` (as Whoosh scores a term:
    BM25F from weight and field length), kept per open segment."""
    weighting = (context.weighting if context else None) or searcher.weighting
    cache = (
        _SCORES.setdefault(searcher.reader(), {})
        if remembered_weighting(searcher, context)
        else None
    )
    if cache is not None and word in cache:
        return cache[word]
    ids, weights, _ = postings
    scorer = weighting.scorer(searcher, CONTENT, word)
    score, lengths = getattr(scorer, "_score", None), getattr(scorer, "dfl", None)
    if score and lengths:
        scores = [score(w, lengths(d)) for d, w in zip(ids, weights, strict=True)]
    else:
        scores = list(weights)
    if cache is not None:
        cache[word] = scores
    return scores


def union_matcher(searcher: Any, context: Any, subs: list[Any], boost: float) -> Any:
    """The documents matching any of `subs`, each scored with the sum of the scores
    of the parts it matches (times `boost`), as Whoosh's `Or` scores them. Plain words
    come from their postings (kept for locating hits, see `collecting`); other parts
    from their own matchers."""
    reader = searcher.reader()
    field = searcher.schema[CONTENT]
    scored = context.weighting is not None if context else True
    kept = keeping()
    totals: dict[int, float] = {}
    get = totals.get
    for q in subs:
        if _plain(q):
            word = field.to_bytes(q.text)
            postings = word_postings(reader, CONTENT, word)
            if postings is None:
                continue
            if kept is not None:
                keep_complete(kept, [word], [postings], reader.doc_count_all())
            ids = postings[0]
            if not scored:
                totals.update(dict.fromkeys(ids, 1.0))
                continue
            part = q.boost
            for docnum, value in zip(
                ids, word_scores(searcher, context, word, postings), strict=True
            ):
                totals[docnum] = get(docnum, 0.0) + value * part
            continue
        m = q.matcher(searcher, context)
        while m.is_active():
            docnum = m.id()
            totals[docnum] = get(docnum, 0.0) + m.score() if scored else 1.0
            m.next()
    if not totals:
        return NullMatcher()
    matched = sorted(totals)
    scores = [totals[d] * boost for d in matched] if boost != 1.0 else [totals[d] for d in matched]
    return ScoredList(matched, scores)  # type: ignore[no-untyped-call]


def _plain(q: Any) -> bool:
    return type(q) in (Term, ListedTerm) and q.fieldname == CONTENT


def listed_matcher(searcher: Any, context: Any, subs: list[Any], boost: float) -> Any:
    """The documents holding every word of `subs` (plain `content` terms), scored."""
    reader = searcher.reader()
    field = searcher.schema[CONTENT]
    words = [field.to_bytes(q.text) for q in subs]
    read = [word_postings(reader, CONTENT, word) for word in words]
    if any(p is None for p in read):
        return NullMatcher()
    postings = [p for p in read if p is not None]
    candidates = common_documents(postings)
    kept = keeping()
    if kept is not None:
        keep_complete(kept, words, postings, reader.doc_count_all())
    if not candidates:
        return NullMatcher()
    matched = sorted(candidates)
    boosts = [q.boost for q in subs]
    scores = score_matches(searcher, context, CONTENT, words, postings, matched, boosts)
    if boost != 1.0:
        scores = [s * boost for s in scores]
    return ScoredList(matched, scores)  # type: ignore[no-untyped-call]


class TermsAnd(And):
    """`And` with a set-intersection matcher for plain words (see the module)."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        if len(subs) < 2 or not all(_plain(q) for q in subs):
            return super()._matcher(subs, searcher, context)  # type: ignore[no-untyped-call]
        return listed_matcher(searcher, context, list(subs), self.boost)


class ListedTerm(Term):
    """A query of one plain word of the text, matched like `TermsAnd` (see the module)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.fieldname != CONTENT or self.minquality:
            return super().matcher(searcher, context)
        return listed_matcher(searcher, context, [Term(CONTENT, self.text)], self.boost)
