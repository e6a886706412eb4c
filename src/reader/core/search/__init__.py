"""Whole-library search: a Whoosh index of every text and the query language on top.

This package is the only place that imports Whoosh. Its API (used by the CLI and the
Textual UI) is `LibraryIndex` and the plain records it returns: `SearchResults`,
`DocumentResult`, `SearchHit`, `UpdateStats`. Every offset is a character offset into
`Document.text` (the projection).
"""

from __future__ import annotations

from reader.core.search.library_index import LibraryIndex
from reader.core.search.records import DocumentResult, SearchHit, SearchResults, UpdateStats

__all__ = ["DocumentResult", "LibraryIndex", "SearchHit", "SearchResults", "UpdateStats"]
