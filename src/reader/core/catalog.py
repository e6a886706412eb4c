"""The library as a list: one row per document with what the library pane shows.

A `CatalogEntry` holds the title, author, date, length and number of notes of a text.
Notes are counted from `annotations/<id>.toml` when it parses (every entry of every
array of tables, e.g. `[[highlight]]` and `[[note]]`); an unreadable or malformed file
counts as 0 here, because the annotations view is where such a file is reported.

Given a cache folder, what comes from the text itself (all but the notes) is kept in
`catalog.json` there, keyed by each file's modification time and size: a library whose
texts have not changed is listed without parsing any of them (the length is that of the
projection, which only a parse gives). Notes are always counted afresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import tomlfile
from reader.core.atomic import atomic_write_text
from reader.core.errors import ReaderError
from reader.core.library import Library

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationFile

CACHE_FILE = "catalog.json"
CACHE_VERSION = 1


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


def note_count(library: Library, doc_id: str, annotations: AnnotationFile | None = None) -> int:
    """How many annotations document `doc_id` has: the entries of its
    `annotations/<id>.toml` (0 if missing or malformed), or of `annotations` when the
    file is open already (the app's copy, a change not saved yet included). The one
    definition of the count the library pane shows."""
    if annotations is not None:
        return len(annotations.items())
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


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: rebuilt from the texts
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


TEXT_FIELDS = ("title", "author", "date", "length", "headings")
"""What the cache keeps of each entry: all that comes from the text itself."""


def _from_cache(cached: Any, doc_id: str, key: list[int]) -> CatalogEntry | None:
    if not isinstance(cached, dict) or cached.get("key") != key:
        return None
    try:
        return CatalogEntry(doc_id=doc_id, notes=0, **{f: cached[f] for f in TEXT_FIELDS})
    except (KeyError, TypeError):
        return None


def _parsed(library: Library, doc_id: str) -> CatalogEntry:
    doc = library.load(doc_id)
    return CatalogEntry(
        doc_id=doc.id,
        title=doc.title,
        author=doc.author,
        date=doc.date,
        length=len(doc.text),
        notes=0,
        headings=len(doc.headings),
    )


def _write_cache(path: Path, entries: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False)
        atomic_write_text(path, text)
    except OSError:
        pass  # the cache only saves time: the next run parses again


def iter_catalog(
    library: Library, cancel: Callable[[], bool] | None = None, cache_dir: Path | None = None
) -> Iterator[CatalogEntry | ReaderError]:
    """Every document of the library as an entry, or the error that kept it from loading.

    With `cache_dir`, texts unchanged since the cache was written are not parsed."""
    cache_path = cache_dir / CACHE_FILE if cache_dir is not None else None
    cached = _read_cache(cache_path) if cache_path is not None else {}
    fresh: dict[str, Any] = {}
    for doc_id in library.ids():
        if cancel is not None and cancel():
            return
        try:
            stat = library.text_path(doc_id).stat()
            key = [stat.st_mtime_ns, stat.st_size]
        except OSError:
            key = []  # gone since it was listed: loading it says so
        entry = _from_cache(cached.get(doc_id), doc_id, key)
        if entry is None:
            try:
                entry = _parsed(library, doc_id)
            except ReaderError as exc:
                yield exc
                continue
        fresh[doc_id] = {"key": key, **{f: getattr(entry, f) for f in TEXT_FIELDS}}
        yield replace(entry, notes=note_count(library, doc_id))
    if cache_path is not None and fresh != cached:
        _write_cache(cache_path, fresh)
