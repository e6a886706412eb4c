"""The app's wiring for annotations: the annotator, the notes view, changes on disk.

`AnnotatingApp` is a base of `ReaderApp`. It owns the `Annotator` (the store and the
changes, `reader.ui.annotation_actions`) and turns messages into calls: a view's
`AnnotationRequested` goes to the annotator; every `AnnotationsChanged` goes to the
main screen, which draws, counts and lists the annotations again
(`reader.ui.screens.view_marks`); F4 shows the notes view, and an annotation chosen
there opens its text with the caret on it (`MainScreen.open_annotation`, as the
library search does), or is confirmed, edited, deleted or moved. Every few seconds it
looks for texts and notes changed by other processes and shows them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.screens.main import MainScreen, main_screen
from reader.ui.widgets.notes_panel import NotesPanel

if TYPE_CHECKING:  # loaded with the first annotation work, not at start
    from reader.ui.annotation_actions import AnnotationsChanged, Annotator
    from reader.ui.file_watch import FileWatch
    from reader.ui.widgets.text_view import TextView


class AnnotatingApp(App[int]):
    """An app whose reading views make, show and find annotations."""

    BINDINGS = [
        Binding("f4", "notes", "Notes", id="app.notes"),
    ]

    library: Library
    folders: Folders
    _annotator: Annotator | None = None
    _watch: FileWatch | None = None

    @property
    def annotator(self) -> Annotator:
        """The annotations of the library and the changes to them."""
        if self._annotator is None:
            from reader.ui.annotation_actions import Annotator

            self._annotator = Annotator(self, self.library, self.folders)
        return self._annotator

    def annotations(self) -> Annotator:
        """The annotator (ReaderServices; made on first use)."""
        return self.annotator

    def current_document_id(self) -> str | None:
        """The id of the document in the active reading view, if any (ReaderServices)."""
        main = main_screen(self)
        document = main.active_document() if main is not None else None
        return document.id if document is not None else None

    async def show_notes(self, filter_text: str | None = None) -> None:
        """Show the notes view, filtered (ReaderServices)."""
        await self.action_notes(filter_text)

    # --- the reading views ---------------------------------------------------------------
    def on_text_view_annotation_requested(self, message: TextView.AnnotationRequested) -> None:
        self.annotator.request(message)

    def on_annotations_changed(self, message: AnnotationsChanged) -> None:
        main = main_screen(self)
        if main is not None:
            main.annotations_changed(message.doc_id)

    # --- changes made by other processes ----------------------------------------------
    def watch_files(self) -> None:
        """Look every few seconds for texts and notes changed by other processes."""
        from reader.ui.file_watch import WATCH_SECONDS, FileWatch

        self._watch = FileWatch()
        self.set_interval(WATCH_SECONDS, self.check_files)

    def check_files(self) -> None:
        """Show again what changed on disk (texts of the open views, their notes)."""
        main = main_screen(self)
        watch = self._watch
        if main is None or watch is None:
            return
        for document in main.open_documents():
            if watch.changed(self.library.text_path(document.id)):
                self._text_changed(main, document.id)
            if watch.changed(self.library.annotation_path(document.id)):
                self._notes_changed(document.id, document.title)

    def _text_changed(self, main: MainScreen, doc_id: str) -> None:
        from reader.core.errors import ReaderError

        try:
            document = self.library.load(doc_id)
        except ReaderError as exc:
            self.notify(str(exc), title="A text changed and cannot be read", severity="error")
            return
        if main.show_again(document):
            self.notify(f"“{document.title}” changed on disk: shown again.", timeout=5)

    def _notes_changed(self, doc_id: str, title: str) -> None:
        from reader.core.errors import ReaderError
        from reader.ui.annotation_actions import AnnotationsChanged

        annotations = self.annotator.open(doc_id)
        if annotations is None or not annotations.changed_on_disk():
            return
        waiting = annotations.dirty
        try:
            readable = annotations.retry()
        except ReaderError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        if not readable:
            self.annotator.report_broken(annotations)
        elif waiting:
            self.notify(f"The notes file of “{title}” is readable again: your change is saved.")
        else:
            self.notify(f"The notes on “{title}” changed on disk: shown again.", timeout=5)
        self.post_message(AnnotationsChanged(doc_id))

    # --- the notes view -----------------------------------------------------------------
    async def action_notes(self, filter_text: str | None = None) -> None:
        """Show every annotation of the library in the side panel (F4)."""
        main = main_screen(self)
        if main is not None:
            await main.show_notes(filter_text)

    def on_notes_panel_annotation_chosen(self, message: NotesPanel.AnnotationChosen) -> None:
        item = message.note.item
        if item.anchor is not None and not item.anchor.attached:
            self.notify(
                "This annotation's place was not found in the current text (orphaned). "
                "Its quote and note are kept; fix the quote in the file or delete it.",
                severity="warning",
                timeout=6,
            )
            return
        main = main_screen(self)
        if main is not None:
            main.open_annotation(message.note.document.id, item.start)

    def on_notes_panel_action_requested(self, message: NotesPanel.ActionRequested) -> None:
        doc_id, annotation_id = message.note.document.id, message.note.item.id
        actions = {
            "confirm": self.annotator.confirm,
            "edit": self.annotator.edit,
            "delete": self.annotator.delete,
        }
        # "move" (`m`) is LinkingApp's: Textual runs the handler of each class.
        action = actions.get(message.action)
        if action is not None:
            action(doc_id, annotation_id)
