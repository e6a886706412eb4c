"""Ranking the matching documents in one pass, keeping what locating their hits needs.

`RankingCollector` is Whoosh's top-N collector without block skipping or pruning, so
the pass that ranks the documents also counts them exactly (a common word has no block
to skip, and counting afterwards would read every posting again). Whenever a document
enters the top N, it also keeps the raw `content` postings of the words matching there
(positions and character ranges): the hits of the listed documents are then located
without reading and decoding the postings a second time (Whoosh keeps postings in
compressed blocks of 128 documents, positions included).

`KeepingOr` does the same for an `Or` whose parts Whoosh reads in full first (prefix,
fuzzy and glossary alternatives on a library of up to 5,000 texts): it keeps every
posting it reads, as nothing tells which parts match where afterwards. A word whose
postings in a segment were all read that way (or by a phrase, see `phrase`) is marked
*complete* there: a document of that segment with no kept posting for it does not
contain it, and locating hits needs no look-up in the index at all.
"""

from __future__ import annotations

from typing import Any

from whoosh.collectors import TopCollector
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.query.compound import Or
from whoosh.scoring import WeightLengthScorer

from reader.core.search.conjunction import union_matcher
from reader.core.search.kept import KeptPostings, keeping, keeping_in
from reader.core.search.postings import disk_reader, read_all
from reader.core.search.schema import CONTENT


class RankingCollector(TopCollector):
    """The top `limit` documents by score, the count of all, and `kept` postings."""

    def __init__(self, limit: int) -> None:
        # replace=0: Whoosh would otherwise swap the matcher, every few documents, for
        # one without the parts that cannot reach the current top N, and miscount.
        super().__init__(limit, usequality=False, replace=0)  # type: ignore[no-untyped-call]
        self.kept = KeptPostings()

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        with keeping_in(self.kept, offset):
            super().set_subsearcher(subsearcher, offset)

    def _collect(self, global_docnum: int, score: float) -> Any:
        items = self.items
        entering = len(items) < self.limit or score > items[0][0]
        result = super()._collect(global_docnum, score)  # type: ignore[no-untyped-call]
        if entering:
            self._keep(global_docnum)
        return result

    def _keep(self, global_docnum: int) -> None:
        docnum = global_docnum - self.offset
        matchers: Any = self.matcher.term_matchers()
        for matcher in matchers:
            field, text = matcher.term()
            if field != CONTENT or not matcher.is_active() or matcher.id() != docnum:
                continue
            term = text.decode("utf-8") if isinstance(text, bytes) else text
            self.kept[(global_docnum, term)] = matcher.value()


class KeepingOr(Or):
    """`Or` whose parts, on a small index, are read in full into an array first (as
    Whoosh's `Or` does), keeping the `content` postings of the words as they go by: the
    matcher that merges them cannot tell the collector which words match where."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        kept = keeping()
        if (
            kept is not None
            and self.matcher_type == self.AUTO_MATCHER
            and not self.scale
            and self.minmatch <= 1
        ):
            return union_matcher(searcher, context, list(subs), self.boost)
        needs_current = context.needs_current if context else True
        count = searcher.doc_count_all()
        preloaded = len(subs) >= self.TOO_MANY_CLAUSES or not (
            needs_current or self.scale or len(subs) == 2 or count > 5000
        )
        if kept is None or self.matcher_type != self.AUTO_MATCHER or not preloaded:
            return super()._matcher(subs, searcher, context)  # type: ignore[no-untyped-call]
        scored = context.weighting is not None if context else True
        matchers = [sub.matcher(searcher, context) for sub in subs]
        return KeepingArrayUnionMatcher(  # type: ignore[abstract]
            matchers, count, kept, boost=self.boost, scored=scored
        )


class KeepingArrayUnionMatcher(ArrayUnionMatcher):
    """Whoosh's `ArrayUnionMatcher`, keeping the postings it reads (see `KeepingOr`)."""

    def __init__(
        self,
        matchers: list[Any],
        count: int,
        kept_at: tuple[KeptPostings, int],
        boost: float = 1.0,
        scored: bool = True,
    ) -> None:
        self._kept, self._segment_offset = kept_at
        self._first_part = True
        super().__init__(matchers, count, boost=boost, scored=scored)  # type: ignore[no-untyped-call]

    def _read_part(self) -> None:
        # Whoosh's own loop (add each part's scores into the array), keeping postings.
        kept = self._kept
        base = self._segment_offset
        scored = self._scored
        boost = self._boost
        limit = min(self._docnum + self._partsize, self._doccount)
        offset = self._docnum
        scores = self._a
        for i in range(self._partsize):
            scores[i] = 0
        for m in self._submatchers:
            leaf: Any = disk_reader(m)
            term = m.term() if leaf is None else leaf.term()
            if leaf is not None and limit >= self._doccount and _by_weight_and_length(m, scored):
                # The whole rest of a word's postings: read it a block at a time.
                ids, weights, values = read_all(m)
                if scored:
                    weigh, length_of = leaf.scorer._score, leaf.scorer.dfl
                    for docnum, weight in zip(ids, weights, strict=True):
                        scores[docnum - offset] += weigh(weight, length_of(docnum)) * boost
                else:
                    for docnum in ids:
                        scores[docnum - offset] = 1
                if term[0] == CONTENT:
                    word = _text(term[1])
                    kept.add_all(word, base, ids, values)
                continue
            # Bound methods: this loop runs once per posting of every part.
            is_active, current, score, advance = m.is_active, m.id, m.score, m.next
            if term is not None:
                text = _text(term[1]) if term[0] == CONTENT else None
                value = m.value
                while is_active():
                    docnum = current()
                    if docnum >= limit:
                        break
                    if scored:
                        scores[docnum - offset] += score() * boost
                    else:
                        scores[docnum - offset] = 1
                    if text is not None:
                        kept[(base + docnum, text)] = value()
                    advance()
                continue
            # A phrase (or another compound part): keep its words' postings.
            leaves = [
                (word, _text(word.term()[1]))
                for word in m.term_matchers()
                if word.term()[0] == CONTENT
            ]
            while is_active():
                docnum = current()
                if docnum >= limit:
                    break
                if scored:
                    scores[docnum - offset] += score() * boost
                else:
                    scores[docnum - offset] = 1
                for word, text in leaves:
                    if word.is_active() and word.id() == docnum:
                        kept[(base + docnum, text)] = word.value()
                advance()
        self._offset = offset
        self._limit = limit
        if self._first_part and limit >= self._doccount:
            # The first part covered the whole segment: the words' postings are complete.
            end = base + self._doccount
            for m in self._submatchers:
                reader: Any = disk_reader(m)
                term = m.term() if reader is None else reader.term()
                if term is not None and term[0] == CONTENT:
                    kept.mark_complete(_text(term[1]), base, end)
        self._first_part = False


def _by_weight_and_length(matcher: Any, scored: bool) -> bool:
    """Whether `matcher` reads postings from disk (see `postings.read_all`) and, if
    `scored`, scores them from weight and field length alone, as BM25F does."""
    leaf = disk_reader(matcher)
    if leaf is None:
        return False
    scorer = leaf.scorer
    return not scored or (
        isinstance(scorer, WeightLengthScorer) and type(scorer).score is WeightLengthScorer.score
    )


def _text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)
