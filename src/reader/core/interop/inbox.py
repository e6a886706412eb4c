"""The inbox: imported highlights that found no document in the library.

`inbox.toml` in the library keeps each one with its quote, note, tags, where the
other program said it was, the book's title, author and URL, the file it came from,
the time of the import and its origin id, so nothing an import reads is ever dropped.
A later import that finds the document takes the entry out of the inbox. The file is
written atomically; a damaged inbox is reported, never overwritten.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import tomli_w

from reader.core.annotations.model import utc_now
from reader.core.atomic import atomic_write_text
from reader.core.errors import FileFormatError
from reader.core.interop.model import Foreign

FILE_NAME = "inbox.toml"
HEADER = (
    "# Imported highlights that matched no document of this library (reader notes import).\n"
    "# Import the file again with --doc ID once the text is in the library.\n"
)


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """One highlight waiting for its document."""

    origin: str
    format: str
    file: str
    imported: str
    title: str
    author: str
    url: str
    where: str
    quote: str
    note: str
    tags: list[str]


def entry(record: Foreign, file_name: str) -> InboxEntry:
    """The inbox entry of a record read from `file_name`."""
    return InboxEntry(
        origin=record.origin,
        format=record.format,
        file=file_name,
        imported=utc_now(),
        title=record.title,
        author=record.author,
        url=record.url,
        where=record.where,
        quote=record.quote,
        note=record.note,
        tags=list(record.tags),
    )


def path_of(root: Path) -> Path:
    return root / FILE_NAME


def _read(root: Path) -> list[dict[str, Any]]:
    path = path_of(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileFormatError(path, f"the inbox is damaged ({exc}); fix or move it") from None
    items = data.get("item", [])
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def load(root: Path) -> dict[str, dict[str, Any]]:
    """The entries of the inbox by origin."""
    return {str(i.get("origin", "")): i for i in _read(root) if i.get("origin")}


def update(root: Path, arriving: list[InboxEntry], leaving: set[str]) -> None:
    """Add `arriving` entries and take out those whose origin is in `leaving`."""
    items = [i for i in _read(root) if i.get("origin") not in leaving]
    known = {i.get("origin") for i in items}
    items += [asdict(e) for e in arriving if e.origin not in known]
    text = HEADER + (tomli_w.dumps({"item": items}, multiline_strings=True) if items else "")
    atomic_write_text(path_of(root), text)
