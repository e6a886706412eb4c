"""Annotation actions done from the app: changes to the store and the note editor.

`Annotator` holds the library's `AnnotationStore` and does what the reading view asks
for (`TextView.AnnotationRequested`): highlight a span (then open the note editor),
edit, recolour, delete, undo and redo (every change to an annotation is recorded per
document, see `reader.core.annotations.history`), write a note in $EDITOR, a note on
the whole document, and confirm a fuzzy match from the notes view. Every change is
saved at once (the store locks, merges and writes atomically), so a note is on disk
the moment it is written; then `AnnotationsChanged` tells the app, and the screen
draws and counts them again (`reader.ui.screens.view_marks`, which draws them on the
views: the annotator never draws).

Saving happens on the UI thread on purpose: a save is a small file written in a few
milliseconds, and doing it in order keeps "saved" meaning saved when the next key
arrives. A malformed file makes its document read-only: every change is refused with
the file's path, line and column, and the file is never touched. Reading the files and
reporting their problems is `reader.ui.annotation_reading`'s part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from reader.core.annotations import PALETTE, AnchorState, AnnotationFile
from reader.core.annotations.anchored import AnchoredAnnotation
from reader.core.annotations.history import Change, Histories
from reader.core.annotations.model import Annotation
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.annotation_reading import AnnotationReader, AnnotationsChanged, where
from reader.ui.external_editor import edit_in_editor
from reader.ui.screens.note_editor import NoteEdit, NoteEditor
from reader.ui.widgets.text_view import TextView

__all__ = ["AnnotationsChanged", "Annotator"]

QUOTE_IN_MESSAGES = 40
"""Characters of a quote repeated in notifications."""


def short(quote: str) -> str:
    """A quote cut for a one-line message."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= QUOTE_IN_MESSAGES else flat[: QUOTE_IN_MESSAGES - 1] + "…"


class Annotator(AnnotationReader):
    """Makes and changes annotations for the app (see the module docstring)."""

    def __init__(self, app: App[Any], library: Library, folders: Folders | None = None) -> None:
        super().__init__(app, library, folders)
        self.histories = Histories()
        """What `u` undoes and Ctrl+R redoes, per document."""

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

    def save_change(self, annotations: AnnotationFile, change: Callable[[], object]) -> bool:
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
        """`save_change` that records the change for undo: the annotation `annotation_id`
        before (None: `change` creates one) and after (None: it deletes it). Returns
        the change, None if it failed (and was reported)."""
        before = annotations.get(annotation_id).annotation if annotation_id else None
        result: list[AnchoredAnnotation | Annotation | None] = []
        if not self.save_change(annotations, lambda: result.append(change())):
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
        if not self.save_change(annotations, lambda: done.append(step(annotations))):
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
        if self.save_change(annotations, lambda: annotations.confirm(annotation_id)):
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
