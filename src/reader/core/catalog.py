"""The library as a list: one row per document with what the library pane shows.

A `CatalogEntry` holds the title, author, date, length and number of notes of a text.
Notes are counted from `annotations/<id>.toml` when it parses (every entry of every
array of tables, e.g. `[[highlight]]` and `[[note]]`); an unreadable or malformed file
counts as 0 here, because the annotations view is where such a file is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.core import tomlfile
from reader.core.errors import ReaderError
from reader.core.library import Library


@dataclass(frozen=True)
class CatalogEntry:
    """One document as the library pane lists it."""

    doc_id: str
    title: str
    author: str
    date: str
    length: int  # characters of the projection
    notes: int
    headings: int


def note_count(library: Library, doc_id: str) -> int:
    """How many annotations `annotations/<id>.toml` holds (0 if missing or malformed)."""
    path = library.annotation_path(doc_id)
    if not path.is_file():
        return 0
    try:
        data = tomlfile.read(path)
    except ReaderError:
        return 0
    return sum(
        len(value)
        for value in data.values()
        if isinstance(value, list) and all(isinstance(item, dict) for item in value)
    )


def iter_catalog(
    library: Library, cancel: Callable[[], bool] | None = None
) -> Iterator[CatalogEntry | ReaderError]:
    """Every document of the library as an entry, or the error that kept it from loading."""
    for doc_id in library.ids():
        if cancel is not None and cancel():
            return
        try:
            doc = library.load(doc_id)
        except ReaderError as exc:
            yield exc
            continue
        yield CatalogEntry(
            doc_id=doc.id,
            title=doc.title,
            author=doc.author,
            date=doc.date,
            length=len(doc.text),
            notes=note_count(library, doc_id),
            headings=len(doc.headings),
        )
