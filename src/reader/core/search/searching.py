"""Answering one query against one open index state: rank, locate hits, cut snippets.

Whoosh ranks the documents (BM25F) and counts them in one pass (`collecting`), which
keeps the postings of the documents that make the list; their hits are located from
those character ranges (`hits`), and only the hits shown (`hits_per_document`) get the
sentence around them (`snippets`, from the projection and sentence table kept in the
index, see `segments`) and the heading they fall under.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from whoosh.collectors import FilterCollector
from whoosh.query.terms import Term

from reader.core.glossary import Glossary
from reader.core.search.analysis import surface_words
from reader.core.search.collecting import RankingCollector
from reader.core.search.hits import HitLocator, LocatedHit
from reader.core.search.query import CompiledQuery, QueryCompiler
from reader.core.search.records import DocumentResult, SearchHit, SearchResults
from reader.core.search.segments import DocumentColumns
from reader.core.search.snippets import make_snippet
from reader.core.search.suggest import FEW_HITS, suggest
from reader.core.search.vocabulary import Vocabulary


def section_title(headings: list[tuple[int, str]], offset: int) -> str:
    """The heading `offset` falls under ("" before the first heading)."""
    i = bisect_right(headings, (offset, "\U0010ffff")) - 1
    return headings[i][1] if i >= 0 else ""


def document_hits(
    doc_id: str,
    stored: dict[str, Any],
    text: str,
    ends: array[int],
    located: list[LocatedHit],
    spans: list[tuple[int, int]],
    compiled: CompiledQuery,
) -> tuple[SearchHit, ...]:
    """SearchHit records (with snippets) for the located hits; `ends` is the text's
    sentence-end table, `spans` the ranges of every matched word of the document
    (marked when inside a snippet)."""
    headings = [tuple(h) for h in stored.get("headings", [])]
    out: list[SearchHit] = []
    for hit in located:
        snippet, marks = make_snippet(text, hit.start, hit.end, spans, ends)
        variant = hit.variant
        if compiled.variant_keys:
            surface = " ".join(surface_words(text[hit.start : hit.end]))
            variant = compiled.variant_of(surface, hit.variant)
        out.append(
            SearchHit(
                doc_id=doc_id,
                start=hit.start,
                end=hit.end,
                section=section_title(headings, hit.start),
                snippet=snippet,
                snippet_marks=marks,
                variant=variant,
            )
        )
    return tuple(out)


def run_search(
    searcher: Any,
    columns: DocumentColumns,
    compiler: QueryCompiler,
    vocabulary: Callable[[], Vocabulary],
    text: str,
    glossary: Glossary | None,
    *,
    limit: int,
    doc_id: str | None,
    hits_per_document: int | None,
    cancel: Callable[[], bool] | None,
) -> SearchResults:
    """Run query `text`; see `LibraryIndex.search`."""
    compiled = compiler.compile(text, glossary)
    variants = tuple(compiled.variants)
    if cancel and cancel():
        return SearchResults(text, 0, None, (), variants, cancelled=True)
    id_filter = Term("id", doc_id) if doc_id else None
    ranking = RankingCollector(max(1, limit))
    collector = FilterCollector(ranking, id_filter) if id_filter is not None else ranking
    searcher.search_with_collector(compiled.query, collector)
    results = collector.results()
    ranked = [(hit.docnum, hit.score) for hit in results]
    total_documents = len(results)
    locator = HitLocator(searcher.reader(), compiled.patterns, ranking.kept)
    located: dict[int, tuple[int, list[LocatedHit], list[tuple[int, int]]]] = {}
    for docnum, _ in sorted(ranked):
        if cancel and cancel():
            return SearchResults(text, 0, None, (), variants, cancelled=True)
        located[docnum] = locator.count_and_first(docnum, hits_per_document)
    documents: list[DocumentResult] = []
    total_hits = 0
    for docnum, score in ranked:
        stored = searcher.stored_fields(docnum)
        count, first, spans = located[docnum]
        total_hits += count
        doc = str(stored["id"])
        # The projection is read only when a hit needs a snippet.
        projection, ends = (
            columns.checked(docnum, stored.get("check")) if first else ("", array("I"))
        )
        documents.append(
            DocumentResult(
                doc_id=doc,
                title=str(stored.get("title") or doc),
                author=str(stored.get("author") or ""),
                score=float(score or 0.0),
                hit_count=count,
                hits=document_hits(doc, stored, projection, ends, first, spans, compiled),
                date=str(stored.get("date") or "").split(" ")[-1],
            )
        )
    suggestion = None
    if total_hits <= FEW_HITS and not doc_id:
        suggestion = suggest(text, vocabulary(), searcher.reader())
    return SearchResults(
        query=text,
        total_hits=total_hits,
        suggestion=suggestion,
        documents=tuple(documents),
        variants=variants,
        total_documents=total_documents,
    )


def locate_in(
    searcher: Any, compiler: QueryCompiler, doc_id: str, text: str, glossary: Glossary | None
) -> list[tuple[int, int]]:
    """Every hit range of query `text` in document `doc_id` (empty if not indexed)."""
    compiled = compiler.compile(text, glossary)
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return []
    return [
        (h.start, h.end) for h in HitLocator(searcher.reader(), compiled.patterns).locate(docnum)
    ]
