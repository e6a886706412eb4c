"""Shared fixtures: every test runs with its cache, state and config inside tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
