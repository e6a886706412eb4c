"""The annotation store: every document's annotations, one `AnnotationFile` each.

`AnnotationStore` keeps each document's file open once loaded, so the UI and the
commands share one view of it (see `annotation_file` for loading, changing and saving
one file, and `anchored` for an annotation placed in the text).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from reader.core.annotations.annotation_file import AnnotationFile
from reader.core.annotations.parsecache import ParseCache
from reader.core.errors import ReaderError
from reader.core.library import Library


class AnnotationStore:
    """The annotations of a whole library: one `AnnotationFile` per document, kept open
    so the UI and the commands share one view of each file."""

    def __init__(
        self, library: Library, cache: Path | None = None, state: Path | None = None
    ) -> None:
        """`cache` is the library's cache folder (parsed files are kept below it);
        `state` its state folder (changes that could not be saved are kept below it)."""
        self.library = library
        self._recovery = state / "recovery" if state is not None else None
        self._parse_cache = ParseCache(cache / "annotations" if cache is not None else None)
        self._files: dict[str, AnnotationFile] = {}
        self._mutex = threading.Lock()

    def open(self, doc_id: str) -> AnnotationFile:
        """The annotations of `doc_id` (loaded on first use; reloaded if the text changed)."""
        document = self.library.load(doc_id)
        with self._mutex:
            current = self._files.get(doc_id)
            if current is None:
                recovery = self._recovery / f"{doc_id}.toml" if self._recovery else None
                current = AnnotationFile(
                    self.library.annotation_path(doc_id), document, self._parse_cache, recovery
                )
                self._files[doc_id] = current
            elif current.document is not document:
                current.use_document(document)
            return current

    def unsaved(self) -> list[AnnotationFile]:
        """The open files holding changes not saved yet (each retried first)."""
        with self._mutex:
            files = list(self._files.values())
        for file in files:
            if file.dirty:
                with contextlib.suppress(ReaderError):
                    file.retry()
        return [f for f in files if f.dirty]

    def files(self) -> list[AnnotationFile]:
        """The annotation files of every document in the library, in id order."""
        return [self.open(doc_id) for doc_id in self.library.ids()]

    def orphaned_files(self) -> list[Path]:
        """Annotation files whose document is not in the library (kept, never deleted)."""
        folder = self.library.annotations_dir
        if not folder.is_dir():
            return []
        return sorted(
            p
            for p in folder.glob("*.toml")
            if not p.name.startswith(".") and not self.library.has(p.stem)
        )
