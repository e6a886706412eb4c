"""One document's annotations: load, change and save `annotations/<doc-id>.toml` safely.

`AnnotationFile` holds one document's annotations, each resolved against the current
text (`anchored.AnchoredAnnotation`: the annotation, its anchor state and its citation).
Changes (`add_highlight`, `add_note`, `update`, `confirm`, `delete`, `undo_delete`:
see `editing`) stay in memory until `save`, which:

- takes a lock (the `filelock` package; the lock file is kept out of the library, see
  `reader.core.locks`), so two copies of the app never write at once;
- re-reads the file and merges by id: what is on disk now (including hand edits and
  other instances' work) is the base, this instance's own changes go on top, and every
  id recorded as deleted (here or there) stays deleted;
- writes the re-attached offsets of annotations whose quote was found exactly (keeping
  the quote); a fuzzy match stays as it was until the user confirms it, and an orphan
  keeps its last known data;
- writes atomically (`reader.core.atomic`): a crash leaves the old file or the new one;
  changes it could not write are kept in the state folder (`recovery`).
- parses the new text back first and refuses (a ReaderError) to write a file that would
  not load as exactly what was meant, so a rendering bug never breaks the file.

Loading never writes. A malformed file (bad TOML, wrong types, unknown schema) is left
byte-for-byte untouched: `error` holds the FileFormatError (path, line, column) and the
document's annotations are read-only until the file is fixed and reloaded.

Every public method takes an internal lock, so the UI may call them from a worker thread.
"""

from __future__ import annotations

import time
from pathlib import Path

from filelock import FileLock, Timeout

from reader.core.annotations import fileformat, parsecache
from reader.core.annotations import recovery as recovery_file
from reader.core.annotations.anchored import reattached
from reader.core.annotations.editing import EditableAnnotations
from reader.core.annotations.merge import merge
from reader.core.annotations.model import Annotation
from reader.core.annotations.parsecache import ParseCache
from reader.core.atomic import atomic_write_text
from reader.core.document import Document
from reader.core.errors import FileFormatError, ReaderError
from reader.core.locks import lock_path
from reader.core.tomlfile import read_utf8

LOCK_TIMEOUT = 10.0  # seconds to wait for another instance to finish saving


class AnnotationFile(EditableAnnotations):
    """The annotations of one document and their file (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        document: Document,
        cache: ParseCache | None = None,
        recovery: Path | None = None,
    ) -> None:
        super().__init__(document)
        self.path = path
        self.recovery_path = recovery
        """Where changes that could not be saved are kept (in the state folder)."""
        self._cache = cache or ParseCache(None)
        self._last: tuple[str, fileformat.AnnotationFileData, str] | None = None
        """(key, data, text) of the file as last read or written."""
        self.lock_path = lock_path(path)
        self.dropped: list[str] = []
        """Ids whose changes the last save dropped: deleted elsewhere meanwhile."""
        self.saved_at_ns = 0
        """When the last save wrote (monotonic clock, taken under the file's lock)."""
        self.reload()
        self.recovered = self._take_recovery()
        """Changes a previous run could not save, put back as unsaved changes here."""

    # --- loading --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again (dropping unsaved changes) and re-attach every annotation."""
        with self._mutex:
            self._pending.clear()
            try:
                data, _ = self._read()
            except FileFormatError as exc:
                self.error = exc
                self._order, self._current, self._items = [], {}, {}
                return
            self.error = None
            self._order = [a.id for a in data.annotations]
            self._current = {a.id: a for a in data.annotations}
            self._resolve_all()

    # --- saving ---------------------------------------------------------------------
    def save(self) -> None:
        """Merge this instance's changes into the file on disk and write it atomically.

        A change that cannot be saved (the file was broken meanwhile, another copy holds
        the lock too long, the disk refuses) is kept: in memory, as an unsaved change
        that the next successful save writes, and in the recovery file, so that even a
        crash or a quit does not lose it. `retry` saves it once the file is readable."""
        with self._mutex:
            self._check_writable()
            try:
                with FileLock(self.lock_path, timeout=LOCK_TIMEOUT):
                    self._merge_and_write()
            except Timeout:
                self._keep_for_recovery()
                raise ReaderError(
                    f"{self.path}: another reader is saving these notes; your change is "
                    "kept and will be saved with the next one"
                ) from None
            except (ReaderError, OSError):
                self._keep_for_recovery()
                raise
            self._drop_recovery()

    def changed_on_disk(self) -> bool:
        """Whether the file's bytes differ from what this copy last read or wrote."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return self._last is not None
        return self._last is None or parsecache.key(data) != self._last[0]

    def retry(self) -> bool:
        """Read the file again: if it is readable (again), save what is waiting (changes
        refused while it was broken) or take in what changed on disk. False while the
        file is still malformed."""
        with self._mutex:
            try:
                self._read()
            except FileFormatError as exc:
                self.error = exc
                return False
            self.error = None
            if self._pending:
                self.save()
            else:
                self.reload()
            return True

    def _merge_and_write(self) -> None:
        try:
            disk, disk_text = self._read()
        except FileFormatError as exc:
            # Someone broke the file since it was loaded: never overwrite it.
            self.error = exc
            raise
        head = fileformat.render(
            fileformat.AnnotationFileData(self.document.id), self.document.title
        )
        merged = merge(
            disk,
            disk_text,
            self._current,
            self._order,
            self._pending,
            lambda annotation: reattached(annotation, self.document),
            head,
            self.path,
        )
        if merged.text != disk_text and (merged.annotations or merged.deleted or disk_text):
            atomic_write_text(self.path, merged.text)
            data = fileformat.AnnotationFileData(
                self.document.id, merged.annotations, merged.deleted
            )
            file_key = parsecache.key(merged.text.encode("utf-8"))
            self._cache.put(self.document.id, file_key, data)
            self._last = (file_key, data, merged.text)
        self.dropped = merged.dropped
        self.saved_at_ns = time.monotonic_ns()  # under the lock: orders saves of all copies
        self._order = [a.id for a in merged.annotations]
        self._current = {a.id: a for a in merged.annotations}
        self._pending.clear()
        self._resolve_all()

    def _read(self) -> tuple[fileformat.AnnotationFileData, str]:
        """The file's data and text (empty when there is no file yet). A file read or
        written before (same bytes) is not parsed again (see `parsecache`)."""
        try:
            text = read_utf8(self.path)
        except FileFormatError as exc:
            if isinstance(exc.__cause__, FileNotFoundError):
                return fileformat.AnnotationFileData(self.document.id), ""
            raise
        file_key = parsecache.key(text.encode("utf-8"))
        if self._last is not None and self._last[0] == file_key:
            return self._last[1], text
        data = self._cache.get(self.document.id, file_key)
        if data is None or data.document != self.document.id:
            data = fileformat.parse(text, self.path, self.document.id)
            self._cache.put(self.document.id, file_key, data)
        self._last = (file_key, data, text)
        return data, text

    # --- recovery -------------------------------------------------------------------
    def _keep_for_recovery(self) -> None:
        """Write the unsaved changes to the recovery file (best effort)."""
        if self.recovery_path is None or not self._pending:
            return
        waiting = [
            self._current[i]
            for i in self._order
            if i in self._pending.fields and i in self._current
        ]
        recovery_file.keep(self.recovery_path, self.document, waiting, self._pending.deleted)

    def _drop_recovery(self) -> None:
        if self.recovery_path is not None:
            recovery_file.drop(self.recovery_path)

    def _take_recovery(self) -> list[Annotation]:
        """Put the changes a previous run could not save back as unsaved changes."""
        if self.recovery_path is None or self.error is not None:
            return []
        data = recovery_file.read(self.recovery_path, self.document.id)
        if data is None:
            return []
        for annotation in data.annotations:
            self.restore(annotation)
        for ann_id in data.deleted:
            if ann_id in self._current:
                self.delete(ann_id)
        return data.annotations
