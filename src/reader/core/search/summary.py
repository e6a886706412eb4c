"""The count line of a search, said honestly, for the app and the CLI alike.

A query of filters only (`author:cliff`, `date:1923`) matches documents, not words:
it is said so ("3 documents by cliff") rather than "No hits". Hits and sentences are
counted from the same results that are listed, so the line always adds up; highlights
and notes found with the text are counted too.
"""

from __future__ import annotations

import re

from reader.core.search.records import SearchResults

_FILTER = re.compile(r"(?<![\w:])(title|author|date|id):(\"[^\"]*\"|\[[^\]]*\]|\S+)")
_FILTER_WORDS = {"author": "by", "title": "titled", "date": "dated", "id": "with id"}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 hit`, `2 hits` (or the plural given)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def filters_only(query: str) -> list[tuple[str, str]]:
    """The (field, value) filters of `query` when it holds nothing else (no words to
    find in the text), else an empty list."""
    found = [(m.group(1), m.group(2).strip('"')) for m in _FILTER.finditer(query)]
    rest = _FILTER.sub(" ", query)
    rest = re.sub(r"\b(AND|OR)\b|[()]", " ", rest)
    return found if found and not rest.strip() else []


def count_line(results: SearchResults, sentences: int | None = None, notes: int = 0) -> str:
    """The line that says what the search found (see the module docstring).
    `sentences` is the number of sentence entries listed (None: not counted),
    `notes` the number of highlights and notes found."""
    if not results.query:
        return ""
    docs = len(results.documents)
    found: list[str] = []
    filters = filters_only(results.query)
    if filters and docs and results.total_hits == 0:
        described = " and ".join(f"{_FILTER_WORDS[f]} {v}" for f, v in filters)
        found.append(f"{plural(docs, 'document')} {described}")
    elif results.total_hits:
        line = f"{plural(results.total_hits, 'hit')}"
        if sentences is not None and sentences != results.total_hits:
            line += f" in {plural(sentences, 'sentence')}"
        line += f" in {plural(docs, 'document')}"
        if results.total_documents > docs:
            line += f" (of {results.total_documents} matching)"
        found.append(line)
    if notes:
        found.append(plural(notes, "highlight or note", "highlights and notes"))
    if not found:
        return f"Nothing matches {results.query}."
    return "; ".join(found) + "."
