"""Annotation actions done from the app: changes to the store, the note editor, drawing.

`Annotator` holds the library's `AnnotationStore` and does what the reading view asks
for (`TextView.AnnotationRequested`): highlight a span (then open the note editor),
edit, recolour, delete, undo and redo (every change to an annotation is recorded per
document, see `reader.core.annotations.history`), write a note in $EDITOR, a note on
the whole document, and confirm a fuzzy match from the notes view. Every change is
saved at once (the store locks, merges and writes atomically), so a note is on disk
the moment it is written; then `AnnotationsChanged` tells the app to redraw and
recount.

Saving happens on the UI thread on purpose: a save is a small file written in a few
milliseconds, and doing it in order keeps "saved" meaning saved when the next key
arrives. A malformed file makes its document read-only: every change is refused with
the file's path, line and column, and the file is never touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.message import Message

from reader.core.annotations import PALETTE, AnchorState, AnnotationFile, AnnotationStore
from reader.core.annotations.history import Change, Histories
from reader.core.annotations.model import Annotation
from reader.core.annotations.store import AnchoredAnnotation
from reader.core.document import Document
from reader.core.errors import FileFormatError, ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.external_editor import edit_in_editor
from reader.ui.screens.note_editor import NoteEdit, NoteEditor
from reader.ui.widgets.text_caret import AnnotationSpan
from reader.ui.widgets.text_view import TextView

QUOTE_IN_MESSAGES = 40
"""Characters of a quote repeated in notifications."""


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


def short(quote: str) -> str:
    """A quote cut for a one-line message."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_IN_MESSAGES else flat[: QUOTE_IN_MESSAGES - 1] + "…"


def spans_of(annotations: AnnotationFile) -> list[AnnotationSpan]:
    """The annotations of a file as the view draws them (placed ones only)."""
    spans: list[AnnotationSpan] = []
    for item in annotations.items():
        if item.start is None or item.end is None:
            continue
        a = item.annotation
        spans.append(AnnotationSpan(item.start, item.end, a.colour, bool(a.note.strip()), a.id))
    return spans


class Annotator:
    """Makes and changes annotations for the app (see the module docstring)."""

    def __init__(self, app: App[Any], library: Library, folders: Folders | None = None) -> None:
        self.app = app
        self.store = AnnotationStore(
            library,
            folders.cache if folders is not None else None,
            folders.state if folders is not None else None,
        )
        self.histories = Histories()
        """What `u` undoes and Ctrl+R redoes, per document."""
        self._reported: set[str] = set()  # documents whose broken file was reported

    # --- reading ------------------------------------------------------------------------
    def open(self, doc_id: str) -> AnnotationFile | None:
        """The annotations of `doc_id` (None, after saying why, if it cannot be loaded)."""
        try:
            return self.store.open(doc_id)
        except ReaderError as exc:
            self.app.notify(str(exc), title="Annotations", severity="error", markup=False)
            return None

    def document_shown(self, view: TextView, document: Document) -> None:
        """A view shows `document`: read its annotations again (hand edits count),
        report a broken file or annotations that lost their place, and draw them."""
        annotations = self.open(document.id)
        if annotations is None:
            return
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
            self._reported.discard(document.id)
            self._report_unplaced(annotations)
        view.set_annotations(spans_of(annotations))

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

    def draw(self, view: TextView) -> None:
        """Draw the annotations of the document `view` shows."""
        if view.document is None:
            return
        annotations = self.open(view.document.id)
        if annotations is not None:
            view.set_annotations(spans_of(annotations))

    # --- changing -----------------------------------------------------------------------
    def writable(self, doc_id: str) -> AnnotationFile | None:
        """The annotations of `doc_id` if they may change; else None, after saying why."""
        annotations = self.open(doc_id)
        if annotations is None:
            return None
        if annotations.read_only:
            annotations.retry()  # fixed meanwhile?
        if annotations.read_only:
            self.app.notify(
                "Not changed: the notes on this text are read-only until their file is "
                f"fixed.\n{where(annotations.error) if annotations.error else ''}",
                title="Annotations are read-only",
                severity="error",
                timeout=10,
                markup=False,
            )
            return None
        return annotations

    def _change(self, annotations: AnnotationFile, change: Callable[[], object]) -> bool:
        """Apply `change` and save; False (after saying why) if either failed."""
        try:
            change()
            annotations.save()
        except ReaderError as exc:
            # An unsaved change stays in memory: the next save (the lock free again)
            # writes it; a file broken meanwhile makes the document read-only.
            self.app.notify(str(exc), title="Not saved", severity="error", markup=False)
            if annotations.error is not None:
                self.report_broken(annotations)
            self.app.post_message(AnnotationsChanged(annotations.document.id))
            return False
        if annotations.dropped:
            self.app.notify(
                "That annotation was deleted elsewhere meanwhile (in another copy of the "
                "app or by hand): the deletion stands and this change was not applied.",
                title="Deleted elsewhere",
                severity="warning",
                timeout=8,
            )
        self.app.post_message(AnnotationsChanged(annotations.document.id))
        return True

    def _recorded(
        self,
        annotations: AnnotationFile,
        what: str,
        annotation_id: str | None,
        change: Callable[[], AnchoredAnnotation | Annotation | None],
    ) -> Change | None:
        """`_change` that records the change for undo: the annotation `annotation_id`
        before (None: `change` creates one) and after (None: it deletes it). Returns
        the change, None if it failed (and was reported)."""
        before = annotations.get(annotation_id).annotation if annotation_id else None
        result: list[AnchoredAnnotation | Annotation | None] = []
        if not self._change(annotations, lambda: result.append(change())):
            return None
        made = result[0]
        after = made.annotation if isinstance(made, AnchoredAnnotation) else None
        if after is not None and after.id in {i.id for i in annotations.items()}:
            after = annotations.get(after.id).annotation
        if before is None and after is None:
            return None
        recorded = Change(what, before, after)
        self.histories.of(annotations.document.id).record(recorded)
        return recorded

    def highlight(self, doc_id: str, start: int, end: int, *, edit: bool) -> None:
        """Highlight [start, end) (saved at once); with `edit`, open the note editor."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        change = self._recorded(
            annotations, "highlight", None, lambda: annotations.add_highlight(start, end)
        )
        if change is None or (made := change.after) is None:
            return
        if edit:
            self.edit(doc_id, made.id, new=True)
        else:
            self.app.notify(
                f"Highlighted “{short(made.quote)}” (e adds a note, u undoes it)",
                timeout=3,
                markup=False,
            )

    def edit(self, doc_id: str, annotation_id: str, *, new: bool = False) -> None:
        """Open the note editor on an annotation; saving applies colour, note and tags."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        try:
            item = annotations.get(annotation_id)
        except ReaderError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        a = item.annotation

        def saved(result: NoteEdit | None) -> None:
            if result is None:
                return
            self._recorded(
                annotations,
                "note",
                annotation_id,
                lambda: annotations.update(
                    annotation_id, note=result.note, tags=result.tags, colour=result.colour
                ),
            )

        title = "New highlight" if new else ("Note" if a.note.strip() else "Highlight")
        self.app.push_screen(
            NoteEditor(
                title=f"{title} · {annotations.document.title}",
                quote=a.quote,
                citation=str(item.citation),
                note=a.note,
                tags=a.tags,
                colour=a.colour,
            ),
            saved,
        )

    def document_note(self, doc_id: str) -> None:
        """Write a note on the whole document in the editor."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return

        def saved(result: NoteEdit | None) -> None:
            if result is None:
                return
            if not result.note.strip():
                self.app.notify("Not added: the note was empty", severity="warning")
                return
            self._recorded(
                annotations,
                "note on the document",
                None,
                lambda: annotations.add_note(result.note, result.tags, result.colour),
            )

        document = annotations.document
        self.app.push_screen(
            NoteEditor(
                title=f"Note on the document · {document.title}",
                quote="",
                citation=", ".join(p for p in (document.author, document.title) if p),
            ),
            saved,
        )

    def recolour(self, doc_id: str, annotation_id: str) -> None:
        """Give an annotation the next colour of the palette."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        colour = annotations.get(annotation_id).annotation.colour
        following = PALETTE[(PALETTE.index(colour) + 1) % len(PALETTE)]
        if self._recorded(
            annotations,
            "colour",
            annotation_id,
            lambda: annotations.update(annotation_id, colour=following),
        ):
            self.app.notify(f"Colour: {following} (c again for the next)", timeout=2)

    def delete(self, doc_id: str, annotation_id: str) -> None:
        """Delete an annotation (u brings it back)."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        quote = annotations.get(annotation_id).annotation.quote
        if self._recorded(
            annotations, "delete", annotation_id, lambda: annotations.delete(annotation_id)
        ):
            what = f"“{short(quote)}”" if quote else "the note on the document"
            self.app.notify(f"Deleted {what}. u brings it back.", timeout=5, markup=False)

    def undo(self, doc_id: str, *, redo: bool = False) -> None:
        """Undo (or redo) the last change to this document's annotations."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        history = self.histories.of(doc_id)
        step = history.redo if redo else history.undo
        done: list[Change | None] = []
        if not self._change(annotations, lambda: done.append(step(annotations))):
            return
        change = done[0]
        verb = "Redone" if redo else "Undone"
        if change is None:
            self.app.notify(f"Nothing to {'redo' if redo else 'undo'} here", timeout=2)
            return
        annotation = change.after or change.before
        assert annotation is not None
        what = f"“{short(annotation.quote)}”" if annotation.quote else "the note on the document"
        self.app.notify(f"{verb}: {change.what} of {what}", timeout=3, markup=False)

    def confirm(self, doc_id: str, annotation_id: str) -> None:
        """Accept a fuzzy match: its quote becomes the text found."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        item = annotations.get(annotation_id)
        if item.state is not AnchorState.FUZZY:
            self.app.notify("Only an approximate (fuzzy) match needs confirming", timeout=2)
            return
        if self._change(annotations, lambda: annotations.confirm(annotation_id)):
            self.app.notify("Confirmed: the annotation now quotes the text found", timeout=3)

    def external(self, doc_id: str, annotation_id: str) -> None:
        """Write an annotation's note in $EDITOR (the app steps aside meanwhile)."""
        annotations = self.writable(doc_id)
        if annotations is None:
            return
        note = annotations.get(annotation_id).annotation.note
        try:
            text = edit_in_editor(self.app, note)
        except ReaderError as exc:
            self.app.notify(str(exc), title="$EDITOR", severity="error", markup=False)
            return
        if text is None:
            self.app.notify("The editor failed; the note is unchanged", severity="warning")
        elif text != note:
            self._recorded(
                annotations,
                "note",
                annotation_id,
                lambda: annotations.update(annotation_id, note=text),
            )

    # --- the view's requests ------------------------------------------------------------
    def request(self, message: TextView.AnnotationRequested) -> None:
        """Do what a reading view asked for."""
        view = message.view
        document = view.document if view is not None else None
        if document is None:
            return
        doc_id = document.id
        action, target = message.action, message.annotation_id
        if action in ("annotate", "highlight"):
            if message.start is not None and message.end is not None:
                self.highlight(doc_id, message.start, message.end, edit=action == "annotate")
        elif action in ("undo", "redo"):
            self.undo(doc_id, redo=action == "redo")
        elif action == "document":
            self.document_note(doc_id)
        elif target is not None:
            handlers = {
                "edit": self.edit,
                "recolour": self.recolour,
                "delete": self.delete,
                "external": self.external,
            }
            handler = handlers.get(action)
            if handler is not None:
                try:
                    handler(doc_id, target)
                except ReaderError as exc:
                    self.app.notify(str(exc), severity="error", markup=False)
