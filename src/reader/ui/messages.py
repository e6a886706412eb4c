"""Messages the background workers post to the screen: each names what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

from reader.core.catalog import CatalogEntry
from reader.core.positions import DocumentPosition

if TYPE_CHECKING:  # the search engine is imported when first used, not at startup
    from reader.core.concordance import KwicLine
    from reader.core.search import LibraryIndex, SearchResults
    from reader.core.search.sentences import DocumentSentences


class CatalogLoaded(Message):
    """The library pane's rows are ready (and the documents that failed to load, and
    the reading positions saved for the documents)."""

    def __init__(
        self,
        entries: list[CatalogEntry],
        problems: list[str],
        positions: dict[str, DocumentPosition] | None = None,
    ) -> None:
        super().__init__()
        self.entries = entries
        self.problems = problems
        self.positions = positions or {}


class IndexProgressed(Message):
    """The index update got through `done` of `total` documents."""

    def __init__(self, done: int, total: int, doc_id: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.doc_id = doc_id


class IndexReady(Message):
    """The search index is up to date and can answer queries."""

    def __init__(self, index: LibraryIndex) -> None:
        super().__init__()
        self.index = index


class SearchFinished(Message):
    """A library search finished (`error` says why it could not run), with its hits
    grouped by sentence and its concordance lines."""

    def __init__(
        self,
        query: str,
        results: SearchResults | None,
        error: str = "",
        grouped: list[DocumentSentences] | None = None,
        kwic: list[KwicLine] | None = None,
    ) -> None:
        super().__init__()
        self.query = query
        self.results = results
        self.error = error
        self.grouped = grouped or []
        self.kwic = kwic or []


class HighlightsFound(Message):
    """Every occurrence of the query's terms in the document a view shows."""

    def __init__(self, view_id: str, doc_id: str, query: str, ranges: list[tuple[int, int]]):
        super().__init__()
        self.view_id = view_id
        self.doc_id = doc_id
        self.query = query
        self.ranges = ranges


class ScreenReady(Message):
    """The main screen is shown and has opened the document it was asked to open (the
    app restores the remembered layout over it)."""


Pane = Literal["library", "side"]
"""A pane beside the text that F2 (the library) or F3 (the side panel) hides."""


class PanesChanged(Message):
    """The panes changed: `toggled` ("library" or "side") was shown or hidden with F2
    or F3, or (None) a pane was made wider or narrower."""

    def __init__(self, toggled: Pane | None = None) -> None:
        super().__init__()
        self.toggled = toggled
