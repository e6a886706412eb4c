"""A cache of parsed annotation files, so a big file is not parsed again at every read.

Parsing TOML in Python is slow: a file of 20,000 annotations (7 MB) takes seconds with
tomllib, and the checks of every field take more. The cache keeps, per document, the
checked annotations of the file's last known content in the cache folder (in Python's
`marshal` format, several times faster to load than JSON; the cache folder is the
user's own, never part of a shared library),
keyed by a hash of the file's bytes (BLAKE2b): any change to the file, by this program,
another copy or a hand edit, changes the key, and the file is parsed again. A save
stores what it wrote, so the next read of a file this program wrote is a cache hit.

The cache is only ever a copy: a missing, stale or damaged cache file is ignored (and
replaced), and nothing is cached whose values `marshal` cannot hold (a TOML date in an unknown key).
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from reader.core.annotations.fileformat import AnnotationFileData
from reader.core.annotations.model import Annotation, Target
from reader.core.atomic import atomic_write_bytes

VERSION = 1


def key(data: bytes) -> str:
    """The cache key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ParseCache:
    """Parsed annotation files under `folder` (None: no cache)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, doc_id: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{doc_id}.marshal"

    def get(self, doc_id: str, file_key: str) -> AnnotationFileData | None:
        """The parsed file whose bytes have `file_key`, if cached."""
        path = self._path(doc_id)
        if path is None:
            return None
        try:
            cached = marshal.loads(path.read_bytes())
            if cached.get("version") != VERSION or cached.get("key") != file_key:
                return None
            return AnnotationFileData(
                cached["document"],
                [_annotation(row) for row in cached["annotations"]],
                list(cached["deleted"]),
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, AttributeError):
            return None

    def put(self, doc_id: str, file_key: str, data: AnnotationFileData) -> None:
        """Remember `data` as the parse of the bytes with `file_key` (best effort)."""
        path = self._path(doc_id)
        if path is None:
            return
        try:
            data_bytes = marshal.dumps(
                {
                    "version": VERSION,
                    "key": file_key,
                    "document": data.document,
                    "deleted": data.deleted,
                    "annotations": [_row(a) for a in data.annotations],
                }
            )
            atomic_write_bytes(path, data_bytes)
        except (OSError, TypeError, ValueError):
            pass  # an extra value marshal cannot hold (a TOML date), or no room: no cache


def _row(a: Annotation) -> tuple[Any, ...]:
    t = a.target
    target = None if t is None else (t.quote, t.prefix, t.suffix, t.start, t.end, t.text_hash)
    return (a.id, a.kind, a.created, a.updated, a.colour, a.tags, a.note, target, a.extra)


def _annotation(row: tuple[Any, ...]) -> Annotation:
    ann_id, kind, created, updated, colour, tags, note, target, extra = row
    return Annotation(
        ann_id,
        kind,
        created,
        updated,
        colour,
        tuple(tags),
        note,
        None if target is None else Target(*target),
        dict(extra),
    )
