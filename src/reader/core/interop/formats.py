"""Which format a file is in, and reading it into `Foreign` records.

Detection is by content, not by name: JSON is told apart by its keys (calibre,
KOReader, Web Annotation/Hypothesis), a Lua table by its `return {`, a CSV by its
Highlight column, our Markdown by its properties and callouts, KOReader's Markdown by
its `### Page N @` lines, and Kindle's clippings by their `==========` separators. A
`.sdr` folder is read through the `metadata.*.lua` file inside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.errors import ReaderError
from reader.core.interop import calibre, kindle, koreader, markdown, readwise, w3c
from reader.core.interop.model import MAX_RECORDS, Foreign, read_limited

FORMAT_NAMES = {
    "jsonld": "W3C Web Annotation JSON-LD",
    "hypothesis": "Hypothesis JSON",
    "kindle": "Kindle clippings",
    "koreader": "KOReader",
    "readwise": "Readwise CSV",
    "calibre": "calibre annotations",
    "markdown": "reader Markdown export",
}


def metadata_file(path: Path) -> Path:
    """The file to read for `path`: the metadata file inside a KOReader `.sdr` folder."""
    if path.is_dir():
        found = sorted(path.glob("metadata.*.lua"))
        if not found:
            raise ReaderError(f"{path}: a folder without a KOReader metadata.*.lua file")
        return found[0]
    return path


def read_file(path: Path, doc_iris: dict[str, str]) -> list[Foreign]:
    """The highlights in the file at `path` (ReaderError if it cannot be read)."""
    path = metadata_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: {exc.strerror or exc}") from None
    records = read_text(read_limited(data, str(path)), doc_iris)
    return records[:MAX_RECORDS]


def read_text(text: str, doc_iris: dict[str, str]) -> list[Foreign]:
    """The highlights in `text`, whatever its format."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "[{":
        try:
            data = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            data = None
        if data is not None:
            return _read_json(data, doc_iris)
    if stripped.startswith("return") or (stripped.startswith("--") and stripped[2:3] != "-"):
        return koreader.read_lua(stripped)
    if readwise.looks_like(stripped):
        return readwise.read(stripped)
    if markdown.looks_like(stripped):
        return markdown.read(stripped)
    if koreader.looks_like_markdown(stripped):
        return koreader.read_markdown(stripped)
    if kindle.looks_like(stripped):
        return kindle.read(stripped)
    raise ReaderError(
        "not a format reader knows: expected W3C/Hypothesis JSON, Kindle clippings, "
        "a KOReader metadata file or export, Readwise CSV, calibre JSON or reader Markdown"
    )


def _read_json(data: Any, doc_iris: dict[str, str]) -> list[Foreign]:
    if calibre.looks_like(data):
        return calibre.read(data)
    if koreader.looks_like_json(data):
        return koreader.read_json(data)
    if w3c.looks_like(data):
        return w3c.read(data, doc_iris)
    raise ReaderError("JSON that is neither Web Annotation, Hypothesis, KOReader nor calibre")
