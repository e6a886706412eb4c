"""Words that must all occur (`lenin trotsky`), matched a segment at a time as sets.

Whoosh's `And` walks an intersection tree of posting readers, one document at a time
in Python, and the ranking pass scores every document of it: the commonest kind of
query of more than one word spent most of its time there. `TermsAnd`, for an `And`
of plain words of the text, reads each word's postings of a segment in whole blocks
(`postings.read_all`), intersects the document numbers as sets (rarest word first),
and scores the documents the way Whoosh does (the sum of its words' BM25F scores,
times the query's boost). Like `phrase.PositionalPhrase`, it hands the postings it
read to the ranking pass as complete, so locating the hits reads nothing again. Any
other `And` (a phrase, a filter or an alternative inside) is left to Whoosh.
"""

from __future__ import annotations

from typing import Any

from whoosh.matching.mcore import NullMatcher
from whoosh.query.compound import And
from whoosh.query.terms import Term

from reader.core.search.collecting import keeping
from reader.core.search.phrase import (
    ScoredList,
    common_documents,
    keep_complete,
    score_matches,
)
from reader.core.search.postings import read_all
from reader.core.search.schema import CONTENT


class TermsAnd(And):
    """`And` with a set-intersection matcher for plain words (see the module)."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        if len(subs) < 2 or not all(type(q) is Term and q.fieldname == CONTENT for q in subs):
            return super()._matcher(subs, searcher, context)  # type: ignore[no-untyped-call]
        reader = searcher.reader()
        field = searcher.schema[CONTENT]
        words = [field.to_bytes(q.text) for q in subs]
        if any((CONTENT, word) not in reader for word in words):
            return NullMatcher()
        postings = [read_all(reader.postings(CONTENT, word)) for word in words]
        candidates = common_documents(postings)
        kept = keeping()
        if kept is not None:
            keep_complete(kept, words, postings, reader.doc_count_all())
        if not candidates:
            return NullMatcher()
        matched = sorted(candidates)
        boosts = [q.boost for q in subs]
        scores = score_matches(searcher, context, CONTENT, words, postings, matched, boosts)
        if self.boost != 1.0:
            scores = [s * self.boost for s in scores]
        return ScoredList(matched, scores)  # type: ignore[no-untyped-call]
