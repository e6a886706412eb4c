"""The annotation store: load, change and save `annotations/<doc-id>.toml` safely.

`AnnotationFile` holds one document's annotations, each resolved against the current
text (`AnchoredAnnotation`: the annotation, its anchor state and its citation). Changes
(`add_highlight`, `add_note`, `update`, `confirm`, `delete`, `undo_delete`) stay in
memory until `save`, which:

- takes a lock (the `filelock` package; the lock file is kept out of the library, see
  `reader.core.locks`), so two copies of the app never write at once;
- re-reads the file and merges by id: what is on disk now (including hand edits and
  other instances' work) is the base, this instance's own changes go on top, and every
  id recorded as deleted (here or there) stays deleted;
- writes the re-attached offsets of annotations whose quote was found exactly (keeping
  the quote); a fuzzy match stays as it was until the user confirms it, and an orphan
  keeps its last known data;
- writes atomically (`reader.core.atomic`): a crash leaves the old file or the new one.
- parses the new text back first and refuses (a ReaderError) to write a file that would
  not load as exactly what was meant, so a rendering bug never breaks the file.

Loading never writes. A malformed file (bad TOML, wrong types, unknown schema) is left
byte-for-byte untouched: `error` holds the FileFormatError (path, line, column) and the
document's annotations are read-only until the file is fixed and reloaded.

Every public method takes an internal lock, so the UI may call them from a worker thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from reader.core.annotations import fileformat, parsecache
from reader.core.annotations.anchoring import Anchor, AnchorState, make_target, resolve
from reader.core.annotations.citation import Citation, cite
from reader.core.annotations.merge import EDITABLE, Pending, merge
from reader.core.annotations.model import (
    DEFAULT_COLOUR,
    HIGHLIGHT,
    NOTE,
    Annotation,
    check_colour,
    new_id,
    normalise_tags,
    utc_now,
)
from reader.core.annotations.parsecache import ParseCache
from reader.core.atomic import atomic_write_text
from reader.core.document import Document
from reader.core.errors import FileFormatError, ReaderError, UsageError
from reader.core.library import Library
from reader.core.locks import lock_path
from reader.core.tomlfile import read_utf8

LOCK_TIMEOUT = 10.0  # seconds to wait for another instance to finish saving


@dataclass(frozen=True, slots=True)
class AnchoredAnnotation:
    """An annotation placed in the current text: its anchor (None for a note on the whole
    document) and its citation."""

    annotation: Annotation
    anchor: Anchor | None
    citation: Citation

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def state(self) -> AnchorState | None:
        """ok / moved / fuzzy / orphaned; None for a note on the whole document."""
        return self.anchor.state if self.anchor else None

    @property
    def start(self) -> int | None:
        """Where it starts in the current text (None if on the document or orphaned)."""
        return self.anchor.start if self.anchor and self.anchor.attached else None

    @property
    def end(self) -> int | None:
        return self.anchor.end if self.anchor and self.anchor.attached else None

    @property
    def orphaned(self) -> bool:
        return self.state is AnchorState.ORPHANED


class AnnotationFile:
    """The annotations of one document (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        document: Document,
        cache: ParseCache | None = None,
        recovery: Path | None = None,
    ) -> None:
        self.path = path
        self.document = document
        self.recovery_path = recovery
        """Where changes that could not be saved are kept (in the state folder)."""
        self._cache = cache or ParseCache(None)
        self._last: tuple[str, fileformat.AnnotationFileData, str] | None = None
        """(key, data, text) of the file as last read or written."""
        self.lock_path = lock_path(path)
        self.error: FileFormatError | None = None
        self._mutex = threading.RLock()
        self._order: list[str] = []
        self._current: dict[str, Annotation] = {}
        self._items: dict[str, AnchoredAnnotation] = {}
        self._pending = Pending()
        self.dropped: list[str] = []
        """Ids whose changes the last save dropped: deleted elsewhere meanwhile."""
        self.saved_at_ns = 0
        """When the last save wrote (monotonic clock, taken under the file's lock)."""
        self._last_deleted: Annotation | None = None
        self.reload()
        self.recovered = self._take_recovery()
        """Changes a previous run could not save, put back as unsaved changes here."""

    # --- reading --------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """True while the file on disk is malformed: nothing may change or be saved."""
        return self.error is not None

    @property
    def dirty(self) -> bool:
        """True when there are changes not saved yet."""
        return bool(self._pending)

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

    def use_document(self, document: Document) -> None:
        """Re-attach everything to a new version of the text (unsaved changes are kept)."""
        with self._mutex:
            self.document = document
            self._resolve_all()

    def items(self) -> list[AnchoredAnnotation]:
        """Every annotation: notes on the document first, then in text order, orphans last."""
        with self._mutex:
            return sorted((self._item(i) for i in self._order), key=_reading_order)

    def get(self, annotation_id: str) -> AnchoredAnnotation:
        """The annotation with this id (ReaderError if there is none)."""
        with self._mutex:
            try:
                return self._item(annotation_id)
            except KeyError:
                raise ReaderError(
                    f"no annotation {annotation_id!r} on {self.document.id}"
                ) from None

    def orphans(self) -> list[AnchoredAnnotation]:
        """Annotations that could not be re-attached to the current text."""
        return [i for i in self.items() if i.orphaned]

    # --- changing -------------------------------------------------------------------
    def add_highlight(
        self,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
        colour: str = DEFAULT_COLOUR,
    ) -> AnchoredAnnotation:
        """Highlight [start, end) of the document's text (a note makes it kind "note")."""
        text = self.document.text
        if not 0 <= start < end <= len(text):
            raise UsageError(f"the span {start}-{end} is not inside the text (0-{len(text)})")
        target = make_target(text, start, end, self.document.text_hash)
        return self._add(HIGHLIGHT if not note.strip() else NOTE, note, tags, colour, target)

    def add_note(
        self, note: str, tags: Iterable[str] = (), colour: str = DEFAULT_COLOUR
    ) -> AnchoredAnnotation:
        """A note on the whole document."""
        if not note.strip():
            raise UsageError("a note on the whole document needs some text")
        return self._add(NOTE, note, tags, colour, None)

    def _add(
        self, kind: str, note: str, tags: Iterable[str], colour: str, target: object
    ) -> AnchoredAnnotation:
        with self._mutex:
            self._check_writable()
            now = utc_now()
            annotation = Annotation(
                id=new_id(),
                kind=kind,
                created=now,
                updated=now,
                colour=check_colour(colour),
                tags=normalise_tags(tags),
                note=_plain_newlines(note),
                target=target,  # type: ignore[arg-type]
            )
            self._put(annotation, None)
            return self._items[annotation.id]

    def add_imported(self, annotation: Annotation) -> AnchoredAnnotation:
        """Add an annotation made elsewhere (`reader notes import`), keeping its times,
        tags, note and extra fields (such as its `origin`); it gets a fresh id if its own
        is taken here."""
        with self._mutex:
            self._check_writable()
            if not annotation.id or annotation.id in self._current:
                annotation = replace(annotation, id=new_id())
            annotation = replace(
                annotation,
                colour=check_colour(annotation.colour),
                tags=normalise_tags(annotation.tags),
                note=_plain_newlines(annotation.note),
            )
            self._put(annotation, None)
            return self._items[annotation.id]

    def update(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        colour: str | None = None,
    ) -> AnchoredAnnotation:
        """Change the note, tags or colour of an annotation."""
        with self._mutex:
            self._check_writable()
            old = self.get(annotation_id).annotation
            changes: dict[str, object] = {}
            if note is not None:
                changes["note"] = note = _plain_newlines(note)
                if old.target is not None:  # a bare highlight is one without a note
                    changes["kind"] = NOTE if note.strip() else HIGHLIGHT
            if tags is not None:
                changes["tags"] = normalise_tags(tags)
            if colour is not None:
                changes["colour"] = check_colour(colour)
            self._put(old.touched(**changes), set(changes))
            return self._items[annotation_id]

    def move(self, annotation_id: str, start: int, end: int) -> AnchoredAnnotation:
        """Put an annotation on [start, end) of the current text (its quote becomes that
        text): for one that lost its place, or was imported to the wrong one."""
        with self._mutex:
            self._check_writable()
            text = self.document.text
            if not 0 <= start < end <= len(text):
                raise UsageError(f"the span {start}-{end} is not inside the text (0-{len(text)})")
            old = self.get(annotation_id).annotation
            target = make_target(text, start, end, self.document.text_hash)
            self._put(old.touched(target=target), {"target"})
            return self._items[annotation_id]

    def confirm(self, annotation_id: str) -> AnchoredAnnotation:
        """Accept a fuzzy match: the target becomes the matched text at its new place."""
        with self._mutex:
            self._check_writable()
            item = self.get(annotation_id)
            if item.state is not AnchorState.FUZZY or item.anchor is None:
                return item
            target = make_target(
                self.document.text, item.anchor.start, item.anchor.end, self.document.text_hash
            )
            self._put(item.annotation.touched(target=target), {"target"})
            return self._items[annotation_id]

    def delete(self, annotation_id: str) -> Annotation:
        """Delete an annotation (recorded, so a merge never brings it back); undoable."""
        with self._mutex:
            self._check_writable()
            annotation = self.get(annotation_id).annotation
            del self._current[annotation_id]
            self._items.pop(annotation_id, None)
            self._pending.fields.pop(annotation_id, None)
            self._pending.restored.discard(annotation_id)
            self._pending.deleted.add(annotation_id)
            self._last_deleted = annotation
            return annotation

    def undo_delete(self) -> AnchoredAnnotation | None:
        """Bring back the last deleted annotation (None if there is nothing to undo)."""
        with self._mutex:
            self._check_writable()
            annotation = self._last_deleted
            if annotation is None:
                return None
            self._last_deleted = None
            self._pending.deleted.discard(annotation.id)
            self._pending.restored.add(annotation.id)
            self._put(annotation, None)
            return self._items[annotation.id]

    def restore(self, annotation: Annotation) -> AnchoredAnnotation:
        """Put `annotation` back exactly as given (undo and redo): back from deletion,
        or its note, tags and colour as they were."""
        with self._mutex:
            self._check_writable()
            self._pending.deleted.discard(annotation.id)
            if annotation.id not in self._current:
                self._pending.restored.add(annotation.id)
                self._put(annotation, None)
            else:
                self._put(annotation, set(EDITABLE))
            return self._items[annotation.id]

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
        data = fileformat.AnnotationFileData(
            self.document.id, waiting, sorted(self._pending.deleted)
        )
        with contextlib.suppress(OSError):  # if it fails, the change is still in memory
            atomic_write_text(self.recovery_path, fileformat.render(data, self.document.title))

    def _drop_recovery(self) -> None:
        if self.recovery_path is not None:
            with contextlib.suppress(OSError):
                self.recovery_path.unlink(missing_ok=True)

    def _take_recovery(self) -> list[Annotation]:
        """Put the changes a previous run could not save back as unsaved changes."""
        if self.recovery_path is None or self.error is not None:
            return []
        try:
            text = read_utf8(self.recovery_path)
            data = fileformat.parse(text, self.recovery_path, self.document.id)
        except FileFormatError:
            return []  # none (or unreadable: left for a person to look at)
        for annotation in data.annotations:
            self.restore(annotation)
        for ann_id in data.deleted:
            if ann_id in self._current:
                self.delete(ann_id)
        return data.annotations

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
            self._reattached,
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

    def _reattached(self, annotation: Annotation) -> Annotation:
        """The annotation with its target moved to where its exact quote is now."""
        target, doc = annotation.target, self.document
        if target is None or (
            target.text_hash == doc.text_hash
            and doc.text[target.start : target.end] == target.quote
        ):
            return annotation
        anchor = resolve(target, doc.text, doc.text_hash)
        if not anchor.exact or (target.text_hash == doc.text_hash and anchor.start == target.start):
            return annotation
        return replace(
            annotation, target=make_target(doc.text, anchor.start, anchor.end, doc.text_hash)
        )

    # --- internals ------------------------------------------------------------------
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

    def _check_writable(self) -> None:
        if self.error is not None:
            raise ReaderError(
                f"the notes on {self.document.id} are read-only until their file is fixed: "
                f"{self.error}"
            )

    def _put(self, annotation: Annotation, fields: set[str] | None) -> None:
        """Keep a changed annotation; `fields` says what changed (None: all of it)."""
        if annotation.id not in self._current:
            self._order.append(annotation.id)
        self._current[annotation.id] = annotation
        self._pending.touch(annotation.id, fields)
        self._items[annotation.id] = self._anchored(annotation)

    def _resolve_all(self) -> None:
        """Forget every placement: each is worked out again when first asked for (a
        command that adds one note to a file of thousands places only that one)."""
        self._items = {}

    def _item(self, annotation_id: str) -> AnchoredAnnotation:
        item = self._items.get(annotation_id)
        if item is None:
            item = self._items[annotation_id] = self._anchored(self._current[annotation_id])
        return item

    def _anchored(self, annotation: Annotation) -> AnchoredAnnotation:
        doc = self.document
        if annotation.target is None:
            return AnchoredAnnotation(annotation, None, cite(doc, None))
        anchor = resolve(annotation.target, doc.text, doc.text_hash)
        return AnchoredAnnotation(annotation, anchor, cite(doc, anchor.start, anchor.attached))


def _plain_newlines(note: str) -> str:
    """The note with CRLF line ends as LF: a TOML file stores them so, and a saved note
    must read back as it was written."""
    return note.replace("\r\n", "\n")


def _reading_order(item: AnchoredAnnotation) -> tuple[int, int, str]:
    if item.anchor is None:
        return (0, 0, item.annotation.created)
    if not item.anchor.attached:
        return (2, item.anchor.start, item.annotation.created)
    return (1, item.anchor.start, item.annotation.created)


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
