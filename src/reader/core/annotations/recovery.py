"""The recovery file: one document's changes that could not be saved.

When a save fails (the file was broken meanwhile, another copy held the lock too long,
the disk refused), the changes waiting are written to `<state>/recovery/<doc-id>.toml`
in the annotation file format, so that even a crash or a quit does not lose them; the
next run puts them back as unsaved changes, and a successful save removes the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from reader.core.annotations import fileformat
from reader.core.annotations.model import Annotation
from reader.core.atomic import atomic_write_text
from reader.core.document import Document
from reader.core.errors import FileFormatError
from reader.core.tomlfile import read_utf8


def keep(path: Path, document: Document, waiting: list[Annotation], deleted: Iterable[str]) -> None:
    """Write the changes waiting to the recovery file `path` (best effort: if it fails,
    the change is still in memory)."""
    data = fileformat.AnnotationFileData(document.id, waiting, sorted(deleted))
    with contextlib.suppress(OSError):
        atomic_write_text(path, fileformat.render(data, document.title))


def drop(path: Path) -> None:
    """Remove the recovery file (its changes are saved)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def read(path: Path, doc_id: str) -> fileformat.AnnotationFileData | None:
    """What the recovery file `path` holds; None if there is none (or it is unreadable:
    left for a person to look at)."""
    try:
        return fileformat.parse(read_utf8(path), path, doc_id)
    except FileFormatError:
        return None
