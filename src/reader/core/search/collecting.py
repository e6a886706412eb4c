"""Ranking the matching documents in one pass, keeping what locating their hits needs.

`RankingCollector` is Whoosh's top-N collector without block skipping or pruning (so
the pass that ranks the documents also counts them exactly: a common word has no block to skip, and
counting afterwards would read every posting again). Whenever a document enters the
top N, it also keeps the raw `content` postings of the words matching there (positions
and character ranges): the hits of the listed documents are then located without
reading and decoding the postings a second time.
"""

from __future__ import annotations

from typing import Any

from whoosh.collectors import TopCollector

from reader.core.search.schema import CONTENT

# (document number, term) -> the raw posting value (positions and character ranges)
KeptPostings = dict[tuple[int, str], bytes]


class RankingCollector(TopCollector):
    """The top `limit` documents by score, the count of all, and `kept` postings."""

    def __init__(self, limit: int) -> None:
        # replace=0: Whoosh would otherwise swap the matcher, every few documents, for
        # one without the parts that cannot reach the current top N, and miscount.
        super().__init__(limit, usequality=False, replace=0)  # type: ignore[no-untyped-call]
        self.kept: KeptPostings = {}

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
