"""The plain records search returns: hits, per-document results, whole results, stats.

These are frozen dataclasses with no Whoosh objects inside, safe to hand from a worker
thread to the UI and to serialise for `reader search --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchHit:
    """One place in one document that matches the query.

    `start`/`end` are offsets into `Document.text` (the projection): `text[start:end]` is
    the matched word or phrase. `snippet` is the sentence around it (plain text, line
    breaks turned into spaces) and `snippet_marks` the [start, end) ranges of every
    matched word inside `snippet`. `variant` is the glossary variant that matched (for
    example "RKI" when the query was "Rabkrin"), "" when the query's own term matched.
    """

    doc_id: str
    start: int
    end: int
    section: str
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]
    variant: str
    kind: str = "text"


@dataclass(frozen=True)
class DocumentResult:
    """One matching document: its rank score, how many hits it has, and the hits.

    `hit_count` counts every hit in the document; `hits` holds the first ones in reading
    order (at most the `hits_per_document` the search asked for).
    """

    doc_id: str
    title: str
    author: str
    score: float
    hit_count: int
    hits: tuple[SearchHit, ...]
    date: str = ""


@dataclass(frozen=True)
class SearchResults:
    """The answer to one query, documents best first.

    `total_hits` is the number of hits in the listed documents; `total_documents` the
    number of documents that match at all (more than listed when `limit` cut the list).
    `suggestion` is a corrected query when the query looks misspelled ("did you mean"),
    `variants` the glossary spellings that were added to the query. `warnings` are
    problems that did not stop the search (a broken glossary: searched without variants).
    """

    query: str
    total_hits: int
    suggestion: str | None
    documents: tuple[DocumentResult, ...]
    variants: tuple[str, ...]
    total_documents: int = 0
    cancelled: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateStats:
    """What an index update did."""

    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    cancelled: bool = False
    failed: tuple[tuple[str, str], ...] = field(default=())
    seconds: float = 0.0
    # Why the index could not be brought up to date ("" when it is): searches then
    # answer from the last committed state, with this as a warning.
    stale: str = ""

    @property
    def touched(self) -> int:
        """How many documents were written or removed."""
        return self.added + self.changed + self.deleted
