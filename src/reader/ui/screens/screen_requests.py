"""What the app and the palette ask of the main screen, in its own words.

A base of `MainScreen`. The app, its palette commands and its flows (annotating,
linking, importing) never walk the screen's parts (the reading area, the side panel,
the status line); they ask the screen: the view being read and its document, the
documents shown, a text shown again after a change on disk, the notes view, a section
to go to, a line about the work running in the background; and, for the remembered
layout, which texts and panes are shown and how wide. A renamed part then changes this
module alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.messages import Pane
from reader.ui.screens.screen_parts import ScreenParts
from reader.ui.widgets.reading_area import ReadingArea, label_view
from reader.ui.widgets.side_panel import NOTES

if TYPE_CHECKING:
    from textual.css.scalar import Scalar
    from textual.widget import Widget

    from reader.core.document import Document
    from reader.ui.widgets.side_panel import SidePanel
    from reader.ui.widgets.text_view import TextView


def _cells(scalar: Scalar | None) -> int | None:
    """A width set in cells, as an int (None for a fraction, a percentage or nothing)."""
    if scalar is None or not scalar.is_cells:
        return None
    return int(scalar.value)


class ScreenRequests(ScreenParts):
    """The main screen's answers to the app and the palette."""

    # Provided by MainScreen.
    def _show_side(self, page: str) -> None:
        raise NotImplementedError

    async def side_ready(self) -> SidePanel:
        raise NotImplementedError

    def _fit_panes(self, keep: Widget | None = None) -> None:
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

    # --- the layout, as the remembered layout reads and restores it --------------------
    def is_split(self) -> bool:
        """Whether two documents are shown side by side."""
        return self.reading.split

    def showing_text(self) -> bool:
        """Whether a reading view shows a document (none does before the first opens)."""
        return bool(self.reading.open_views)

    def reading_views(self) -> list[TextView]:
        """Both reading views, first then second (the second is hidden unless split)."""
        return self.reading.views

    def _pane(self, pane: Pane) -> Widget:
        return self.library_pane if pane == "library" else self.side

    def pane_shown(self, pane: Pane) -> bool:
        """Whether `pane` is shown."""
        return bool(self._pane(pane).display)

    def show_pane(self, pane: Pane, shown: bool) -> None:
        """Show or hide `pane` (the others are fitted by `fit_panes`)."""
        self._pane(pane).display = shown

    def fit_panes(self, keep: Pane | None = None) -> None:
        """Fit the panes to the terminal after they were shown or hidden (`keep` stays)."""
        self._fit_panes(self._pane(keep) if keep is not None else None)

    def library_width(self, set_here: bool = False) -> int | None:
        """The library pane's width in cells (None for a fraction or a percentage); with
        `set_here`, only a width set on the pane itself (< and >, or restored), not one
        from the style sheet."""
        styles = self.library_pane.styles
        return _cells(styles.inline.width if set_here else styles.width)

    def set_library_width(self, width: int) -> None:
        """Make the library pane `width` cells wide."""
        self.library_pane.styles.width = width
