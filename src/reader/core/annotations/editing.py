"""One document's annotations in memory, and the changes made to them.

`EditableAnnotations` holds the annotations, each resolved against the current text
when first asked for (`anchored.AnchoredAnnotation`), and makes the changes
(`add_highlight`, `add_note`, `add_imported`, `update`, `move`, `confirm`, `delete`,
`undo_delete`, `restore`), each recorded as pending (`merge.Pending`) until the file
saves it: `annotation_file.AnnotationFile` builds on this class with loading and
saving. While the file is malformed (`error`), nothing may change.

Every public method takes an internal lock, so the UI may call them from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace

from reader.core.annotations.anchored import AnchoredAnnotation, anchored, reading_order
from reader.core.annotations.anchoring import AnchorState, make_target
from reader.core.annotations.merge import EDITABLE, Pending
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
from reader.core.document import Document
from reader.core.errors import FileFormatError, ReaderError, UsageError


class EditableAnnotations:
    """One document's annotations in memory, and the changes made to them (see the
    module docstring)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.error: FileFormatError | None = None
        """Why the annotations are read-only (their file is malformed), if they are."""
        self._mutex = threading.RLock()
        self._order: list[str] = []
        self._current: dict[str, Annotation] = {}
        self._items: dict[str, AnchoredAnnotation] = {}
        self._pending = Pending()
        self._last_deleted: Annotation | None = None

    # --- reading --------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """True while the file on disk is malformed: nothing may change or be saved."""
        return self.error is not None

    @property
    def dirty(self) -> bool:
        """True when there are changes not saved yet."""
        return bool(self._pending)

    def use_document(self, document: Document) -> None:
        """Re-attach everything to a new version of the text (unsaved changes are kept)."""
        with self._mutex:
            self.document = document
            self._resolve_all()

    def items(self) -> list[AnchoredAnnotation]:
        """Every annotation: notes on the document first, then in text order, orphans last."""
        with self._mutex:
            return sorted((self._item(i) for i in self._order), key=reading_order)

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

    # --- internals ------------------------------------------------------------------
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
        self._items[annotation.id] = anchored(annotation, self.document)

    def _resolve_all(self) -> None:
        """Forget every placement: each is worked out again when first asked for (a
        command that adds one note to a file of thousands places only that one)."""
        self._items = {}

    def _item(self, annotation_id: str) -> AnchoredAnnotation:
        item = self._items.get(annotation_id)
        if item is None:
            item = self._items[annotation_id] = anchored(
                self._current[annotation_id], self.document
            )
        return item


def _plain_newlines(note: str) -> str:
    """The note with CRLF line ends as LF: a TOML file stores them so, and a saved note
    must read back as it was written."""
    return note.replace("\r\n", "\n")
