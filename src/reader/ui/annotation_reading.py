"""Annotations read for the app: the store, reading a file again, reporting its problems.

`AnnotationReader` (the base of `Annotator`) holds the library's `AnnotationStore`.
When a view starts showing a document its annotations are read again (`read_again`:
hand edits count), changes a previous run could not save are saved, and problems are
said once, in words: a malformed file (its path, line and column; the notes read-only
until it is fixed) and annotations that lost their place in the text (orphaned or
fuzzy, listed by the notes view). `AnnotationsChanged` is what a change announces.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.app import App
from textual.message import Message

from reader.core.annotations import AnchorState, AnnotationFile, AnnotationStore
from reader.core.errors import FileFormatError, ReaderError
from reader.core.library import Library
from reader.core.paths import Folders


class AnnotationsChanged(Message):
    """The annotations of `doc_id` changed (and were saved)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id


def where(error: FileFormatError) -> str:
    """A malformed file's problem for people: path, line and column spelled out."""
    place = str(error.path)
    if error.line:
        place += f", line {error.line}" + (f", column {error.column}" if error.column else "")
    return f"{place}: {error.detail}"


class AnnotationReader:
    """Reads annotation files for the app and reports their problems."""

    def __init__(self, app: App[Any], library: Library, folders: Folders | None = None) -> None:
        self.app = app
        self.store = AnnotationStore(
            library,
            folders.cache if folders is not None else None,
            folders.state if folders is not None else None,
        )
        self._reported: set[str] = set()  # documents whose broken file was reported

    # --- reading ------------------------------------------------------------------------
    def open(self, doc_id: str) -> AnnotationFile | None:
        """The annotations of `doc_id` (None, after saying why, if it cannot be loaded)."""
        try:
            return self.store.open(doc_id)
        except ReaderError as exc:
            self.app.notify(str(exc), title="Annotations", severity="error", markup=False)
            return None

    def read_again(self, doc_id: str) -> AnnotationFile | None:
        """A view starts showing `doc_id`: read its annotations again (hand edits count),
        save what a previous run could not, and report a broken file or annotations that
        lost their place. None (after saying why) if they cannot be loaded."""
        annotations = self.open(doc_id)
        if annotations is None:
            return None
        if annotations.recovered:
            self._save_recovered(annotations)
        elif annotations.dirty or annotations.error is not None:
            with contextlib.suppress(ReaderError):  # the change stays kept if this fails
                annotations.retry()  # a change refused while the file was broken, or a fix
        else:
            annotations.reload()
        if annotations.error is not None:
            self.report_broken(annotations)
        else:
            self._reported.discard(doc_id)
            self._report_unplaced(annotations)
        return annotations

    def _save_recovered(self, annotations: AnnotationFile) -> None:
        """Save the changes a previous run could not save, and say so."""
        count = len(annotations.recovered)
        annotations.recovered = []
        noun = "change" if count == 1 else "changes"
        try:
            annotations.save()
        except ReaderError as exc:
            self.app.notify(
                f"{count} unsaved {noun} from last time are kept, not saved yet: {exc}",
                title="Recovered notes",
                severity="warning",
                timeout=12,
            )
            return
        self.app.notify(
            f"{count} {noun} to these notes could not be saved last time; saved now.",
            title="Recovered notes",
            timeout=8,
        )

    def report_broken(self, annotations: AnnotationFile) -> None:
        """Say (once per document) that its file is malformed and the notes read-only."""
        doc_id = annotations.document.id
        if doc_id in self._reported or annotations.error is None:
            return
        self._reported.add(doc_id)
        self.app.notify(
            f"{where(annotations.error)}\nThe notes on this text are read-only until the "
            "file is fixed; the file is left as it is.",
            title="Malformed annotations file",
            severity="error",
            timeout=15,
            markup=False,
        )

    def _report_unplaced(self, annotations: AnnotationFile) -> None:
        items = annotations.items()
        orphans = sum(1 for i in items if i.state is AnchorState.ORPHANED)
        fuzzy = sum(1 for i in items if i.state is AnchorState.FUZZY)
        if not orphans and not fuzzy:
            return
        parts = []
        if orphans:
            parts.append(f"{orphans} could not be found in the text (orphaned)")
        if fuzzy:
            parts.append(f"{fuzzy} found only approximately (to confirm)")
        self.app.notify(
            "Of the annotations on this text, " + " and ".join(parts) + ". F4 lists them "
            "(filter: is:orphaned is:fuzzy); none is lost.",
            title="Annotations",
            severity="warning",
            timeout=8,
            markup=False,
        )
