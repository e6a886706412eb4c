"""Shared fixtures: every test runs with its cache, state and config inside tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.library import Library

PROJECT = Path(__file__).resolve().parent.parent
TEXTS = PROJECT / "texts"
SEEDS = PROJECT / "seeds"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the cache, state, config and data folders into the test's temporary directory."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    yield


@pytest.fixture(autouse=True)
def close_search_indexes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every search index a test made is closed after it (an open searcher holds about
    eight files; a whole run would otherwise hold over a thousand)."""
    from reader.core.search import LibraryIndex

    made: list[LibraryIndex] = []
    init = LibraryIndex.__init__

    def recorded(self: LibraryIndex, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(LibraryIndex, "__init__", recorded)
    yield
    for index in made:
        index.close()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A copy of the bundled library (texts, annotations, glossary) in tmp_path."""
    root = tmp_path / "library"
    shutil.copytree(TEXTS, root / "texts")
    (root / "annotations").mkdir()
    glossary = PROJECT / "glossary.toml"
    if glossary.exists():
        shutil.copy(glossary, root / "glossary.toml")
    return Library(root)


@pytest.fixture
def empty_library(tmp_path: Path) -> Library:
    """A library with empty texts/ and annotations/ folders."""
    root = tmp_path / "empty"
    (root / "texts").mkdir(parents=True)
    (root / "annotations").mkdir()
    return Library(root)
