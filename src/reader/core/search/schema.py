"""The Whoosh schema of the library index, and its version stamp.

One Whoosh document per text. `content` is the projection (footnote markers blanked),
indexed with positions and character ranges (its unstemmed words, for prefix, fuzzy
and did-you-mean, are kept in a word list beside the index: see `wordlist`).
`title`, `author`, `date` and `id` are the filter fields of the query language. The
projection itself (`text`, UTF-8, in a per-document column compressed on its own: a
snippet reads it without inflating the whole stored record), where its sentences end
(`sentences`, a packed array, see `snippets.sentence_ends`), the section headings and
the content hash and a checksum of the projection and sentence table (see
`segments.content_check`) are kept too, so hits, snippets and sections come from the index
alone, consistent with its offsets.

Bump `SCHEMA_VERSION` whenever the schema or the analysis changes: an index stamped with
another version is rebuilt.
"""

from __future__ import annotations

from typing import Any

from whoosh.analysis.filters import CharsetFilter, LowercaseFilter
from whoosh.analysis.morph import StemFilter
from whoosh.columns import CompressedBytesColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from reader.core.search.analysis import ProjectionTokenizer, projection_analyzer
from reader.core.search.indexing import ProjectionText

SCHEMA_VERSION = 7
CONTENT = "content"
TEXT_COLUMN = "text"
SENTENCES_COLUMN = "sentences"
# The fields with a length column (for BM25F).
SCORED_FIELDS = (CONTENT, "title", "author")


def build_schema() -> Any:
    """A fresh Schema object for the library index."""
    meta_analyzer = ProjectionTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(
            analyzer=meta_analyzer | StemFilter(),  # type: ignore[no-untyped-call]
            stored=True,
            phrase=True,
        ),
        author=TEXT(analyzer=meta_analyzer, stored=True, phrase=True),
        date=KEYWORD(stored=True, lowercase=True, commas=False),
        content=ProjectionText(analyzer=projection_analyzer(), multitoken_query="phrase"),
        text=COLUMN(CompressedBytesColumn(level=1)),  # type: ignore[no-untyped-call]
        sentences=COLUMN(VarBytesColumn()),  # type: ignore[no-untyped-call]
        headings=STORED(),
        hash=STORED(),
        check=STORED(),
    )


def date_terms(date: str) -> str:
    """The date filter tokens of a text: "1923", "1923-04", "1923-04-16" for 1923-04-16."""
    date = date.strip()
    if not date:
        return ""
    parts = date.split("-")
    return " ".join("-".join(parts[: i + 1]) for i in range(len(parts)))
