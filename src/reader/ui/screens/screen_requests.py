"""What the app and the palette ask of the main screen, in its own words.

A base of `MainScreen`. The app, its palette commands and its flows (annotating,
linking, importing) never walk the screen's parts (the reading area, the side panel,
the status line); they ask the screen: the view being read and its document, the
documents shown, a text shown again after a change on disk, the notes view, a section
to go to, a line about the work running in the background. A renamed part then
changes this module alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.screens.screen_parts import ScreenParts
from reader.ui.widgets.reading_area import ReadingArea, label_view
from reader.ui.widgets.side_panel import NOTES

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.ui.widgets.side_panel import SidePanel
    from reader.ui.widgets.text_view import TextView


class ScreenRequests(ScreenParts):
    """The main screen's answers to the app and the palette."""

    # Provided by MainScreen.
    def _show_side(self, page: str) -> None:
        raise NotImplementedError

    async def side_ready(self) -> SidePanel:
        raise NotImplementedError

    # --- the text being read ----------------------------------------------------------
    def active_view(self) -> TextView:
        """The active reading view (the one with the keys, or the last one that had
        them), whether or not it shows a document yet."""
        return self.reading.active

    def active_document(self) -> Document | None:
        """The document in the active reading view (None before one is opened)."""
        return self.reading.active.document

    def show_section(self, offset: int) -> None:
        """Bring `offset` of the document being read into view, with the keys in the
        text (a section chosen in the contents or the palette)."""
        view = self.reading.active
        if view.document is not None:
            view.scroll_to_offset(offset)
            view.focus()

    def open_documents(self) -> list[Document]:
        """The documents the reading views show, each once; none once the screen's parts
        are gone (the app is quitting: a timer may tick once more)."""
        areas = self.query(ReadingArea)
        shown: dict[str, Document] = {}
        for view in areas.first().open_views if areas else []:
            if view.document is not None:
                shown.setdefault(view.document.id, view.document)
        return list(shown.values())

    def show_again(self, document: Document) -> bool:
        """Show `document`, read again from disk, where each view showing an older
        version of it was; whether any view did."""
        views = [
            v
            for v in self.reading.open_views
            if v.document is not None
            and v.document.id == document.id
            and v.document is not document
        ]
        for view in views:
            offset = min(view.top_offset, len(document.text))
            label_view(view, document)
            view.show(document, offset)
        return bool(views)

    # --- the side panel and the status line -------------------------------------------
    async def show_notes(self, filter_text: str | None = None) -> None:
        """Show the notes view, filtered by `filter_text` (else listed again), with the
        keys in its list (in its filter when nothing is listed)."""
        await self.side_ready()  # the notes filter must be mounted to take focus
        self._show_side(NOTES)
        notes = self.side.notes
        if filter_text is not None:
            notes.set_filter(filter_text)
        else:
            notes.reload()
        notes.focus_list() if notes.notes else notes.focus_filter()

    def show_work(self, text: str) -> None:
        """Say on the status line what runs in the background ("" when nothing does)."""
        self.status.show_work(text)
