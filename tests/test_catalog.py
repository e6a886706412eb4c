"""The catalog (the library pane's rows) and its cache of what comes from each text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.core.catalog import CACHE_FILE, CatalogEntry, iter_catalog
from reader.core.library import Library


def entries(library: Library, cache: Path | None) -> list[CatalogEntry]:
    found = list(iter_catalog(Library(library.root), cache_dir=cache))
    assert all(isinstance(e, CatalogEntry) for e in found)
    return [e for e in found if isinstance(e, CatalogEntry)]


def test_cached_catalog_equals_the_parsed_one(library: Library, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    parsed = entries(library, None)
    assert entries(library, cache) == parsed  # fills the cache
    assert (cache / CACHE_FILE).is_file()
    assert entries(library, cache) == parsed  # read from it


def test_unchanged_texts_come_from_the_cache(library: Library, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = entries(library, cache)
    # Change a cached title without touching the text: only the cache can supply it.
    data = json.loads((cache / CACHE_FILE).read_text(encoding="utf-8"))
    doc_id = first[0].doc_id
    data["entries"][doc_id]["title"] = "From the cache"
    (cache / CACHE_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert entries(library, cache)[0].title == "From the cache"


def test_a_changed_text_is_read_again(library: Library, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    doc_id = entries(library, cache)[0].doc_id
    path = library.text_path(doc_id)
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('title = "', 'title = "Revised: ', 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert entries(library, cache)[0].title.startswith("Revised: ")


def test_a_damaged_cache_is_rebuilt(library: Library, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert entries(library, cache) == entries(library, None)
    json.loads((cache / CACHE_FILE).read_text(encoding="utf-8"))  # written anew


def test_note_counts_are_always_fresh(library: Library, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    doc_id = entries(library, cache)[0].doc_id
    library.annotations_dir.mkdir(parents=True, exist_ok=True)
    library.annotation_path(doc_id).write_text(
        '[[highlight]]\nid = "a"\n\n[[note]]\nid = "b"\n', encoding="utf-8"
    )
    assert entries(library, cache)[0].notes == 2


def test_the_note_count_of_an_open_file_is_that_of_the_file(library: Library) -> None:
    from reader.core.annotations import AnnotationStore
    from reader.core.catalog import note_count

    doc_id = library.ids()[0]
    store = AnnotationStore(library)
    annotations = store.open(doc_id)
    text = annotations.document.text
    annotations.add_highlight(0, min(10, len(text)))
    annotations.add_note("On the whole text.")
    annotations.save()
    assert note_count(library, doc_id) == 2  # read from annotations/<id>.toml
    assert note_count(library, doc_id, annotations) == 2  # the app's open copy
    annotations.add_note("Not saved yet.")
    assert note_count(library, doc_id, annotations) == 3
    assert note_count(library, doc_id) == 2
