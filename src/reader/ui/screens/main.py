"""The main screen: library, reading area and side panel, and the flows between them.

Its bases own one flow each: loading the library and the index (`library_loading`),
the library search (`library_search`), walking its hits (`hit_walk`), what the
reading views show over their text (`view_marks`), the side panes' widths
(`pane_widths`), and what the app asks of it (`screen_requests`). `main_screen(app)`
finds it; the app and the palette ask it for what they need (the view and document
being read, the documents shown, the notes view, a search) through its own methods,
not through its parts.

Panes are moved between with Tab / Shift+Tab (pane by pane, not widget by widget), hidden
with F2 (library) and F3 (side panel), and resized with < and >. On narrow terminals
opening a document hides the library so the text keeps a readable width. Background
work (loading the catalog, building the index, searching, finding the terms to
highlight) runs in thread workers that post messages back here; the keyboard is never
blocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import AwaitMount, Widget
from textual.widgets import Footer

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.messages import PanesChanged, ScreenReady
from reader.ui.screens.library_loading import LibraryLoading
from reader.ui.screens.pane_widths import PaneWidths
from reader.ui.screens.screen_requests import ScreenRequests
from reader.ui.widgets.contents_list import ContentsList
from reader.ui.widgets.library_pane import LibraryPane
from reader.ui.widgets.reading_area import ReadingArea
from reader.ui.widgets.side_panel import CONTENTS, SidePanel
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.text_messages import LinkPointed, PositionChanged

if TYPE_CHECKING:  # imported where used (the index worker, the first document), not at start
    from reader.core.document import Document
    from reader.core.search import LibraryIndex
    from reader.ui.widgets.text_view import TextView

# Below this width the library is hidden when a document opens (the text needs the room:
# with the library, the side panel and margins, a text column under 160 is cramped);
# two documents side by side need as much.
NARROW = 160
NARROW_SPLIT = 200
ROOMY = 180


class MainScreen(PaneWidths, LibraryLoading, ScreenRequests):
    """Library, reading area and side panel, with a status line and footer."""

    # From ROOMY columns the library beside a text is wider (see reader.tcss): there is
    # room for its titles and their progress without narrowing the text.
    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (ROOMY, "-roomy")]

    BINDINGS = [
        Binding("tab", "focus_pane(1)", "Next pane", id="app.next_pane", show=False),
        Binding("shift+tab", "focus_pane(-1)", "Previous pane", id="app.previous_pane", show=False),
        Binding("s", "search", "Search", id="app.search"),
        Binding("t", "contents", "Contents", id="app.contents", show=False),
        Binding("f2", "toggle_library", "Library", id="app.toggle_library"),
        Binding("f3", "toggle_side", "Panel", id="app.toggle_side", show=False),
        Binding("less_than_sign", "resize(-1)", "Narrower", id="app.narrower", show=False),
        Binding("greater_than_sign", "resize(1)", "Wider", id="app.wider", show=False),
        Binding("V", "choose_beside", "Open beside", id="app.open_beside", show=False),
        Binding("ctrl+w", "close_split", "Close split", id="app.close_split", show=False),
        Binding("escape", "focus_reading", "Back to text", id="app.back", show=False),
    ]

    def __init__(
        self,
        library: Library,
        folders: Folders,
        open_id: str | None = None,
        at: int | None = None,
    ):
        super().__init__()
        self.library = library
        self.folders = folders
        self.open_id = open_id
        self.at = at
        self.index: LibraryIndex | None = None
        self.index_progress = "index: starting"
        self.search_query = ""
        """The query whose terms are highlighted in the reading views."""
        self.pending_query: str | None = None
        """A query typed while the index was being built, run when it is ready."""
        self._side: SidePanel | None = None
        self._side_mounting: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield LibraryPane(root=self.library.root, id="library")
            yield ReadingArea(id="reading")
            if self.open_id is not None:
                self._side = SidePanel(id="side")
                yield self._side
            # Otherwise the side panel is hidden until a document or a search needs it:
            # it is mounted after the first frame (see on_mount), not before it.
        yield StatusBar(id="status")
        yield Footer()

    # --- parts -------------------------------------------------------------------------
    @property
    def library_pane(self) -> LibraryPane:
        return self.query_one(LibraryPane)

    @property
    def reading(self) -> ReadingArea:
        return self.query_one(ReadingArea)

    @property
    def side(self) -> SidePanel:
        """The side panel (mounted now if needed before the first frame was even shown)."""
        return self._mount_side()

    def _mount_side(self) -> SidePanel:
        if self._side is None:
            self._side = SidePanel(id="side")
            self._side.display = False
            self._side_mounting = self.query_one("#panes", Horizontal).mount(self._side)
        return self._side

    async def side_ready(self) -> SidePanel:
        """The side panel once every part of it is mounted (its pages' fields and lists):
        what focusing a field right after showing the panel needs."""
        side = self.side
        if self._side_mounting is not None:
            await self._side_mounting
        return side

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    # --- start -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.status.clear_position(f"library {self.library.root.name}")
        self._fit_panes()
        # The side panel comes with the first document (or the first search); background
        # work starts after the first frame too, so neither delays it.
        self.call_after_refresh(self._mount_side)
        self.call_after_refresh(self.load_catalog)
        self.call_after_refresh(self.build_index)
        if self.open_id is not None:
            self.open_document(self.open_id, self.at)
        else:
            self.library_pane.table.focus()
        self.post_message(ScreenReady())  # the app restores the remembered layout

    # --- opening documents --------------------------------------------------------------
    def open_document(self, doc_id: str, offset: int | None = None, beside: bool = False) -> None:
        """Open a document in the active view (or beside it), at `offset` if given."""
        try:
            document = self.library.load(doc_id)
        except ReaderError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", markup=False)
            return
        if offset is not None:
            offset = max(0, min(offset, len(document.text)))
        first = not self.reading.open_views
        view = self.reading.open(document, offset, beside)
        if first:
            self.side.display = True
        self._document_shown(view, document)
        self._fit_panes()
        view.focus()

    def open_annotation(self, doc_id: str, start: int | None) -> None:
        """Open `doc_id` with the caret at `start` (where it was left if None): an
        annotation chosen in the notes view or among the search's hits."""
        self.open_document(doc_id, start)
        view = self.reading.active
        if start is not None and view.document is not None and view.document.id == doc_id:
            view.call_after_refresh(view.place_caret, start)

    def _document_shown(self, view: TextView, document: Document) -> None:
        """The screen shows `document` in `view`: its contents, and the search marks."""
        if view is self.reading.active:
            self.side.contents.show_document(document)
        self.mark_search(view, document)

    @on(LibraryPane.DocumentChosen)
    def document_chosen(self, message: LibraryPane.DocumentChosen) -> None:
        self.open_document(message.doc_id, None, message.beside)

    @on(ContentsList.SectionChosen)
    def section_chosen(self, message: ContentsList.SectionChosen) -> None:
        self.show_section(message.offset)

    @on(PositionChanged)
    def position_changed(self, message: PositionChanged) -> None:
        view = message.control
        if view is not None and view.document is not None:
            self.library_pane.note_reading(view.document.id, message.offset, message.seen)
        # Only the active view drives the breadcrumb and the contents.
        if view is not self.reading.active:
            return
        document = self.reading.active.document
        if document is None:
            return
        self.status.show_position(document.title, message.section, message.percent)
        self.side.contents.follow(message.offset)

    @on(LinkPointed)
    def link_pointed(self, message: LinkPointed) -> None:
        self.status.show_link(message.url)

    def on_descendant_focus(self, event: object) -> None:
        # The results' width follows the focus (see `_fit_search`).
        if self._fit_search():
            self._fit_panes(keep=self._pane_of(self.focused))
        # Focusing the other view of a split makes it the active one: follow it.
        if not self.reading.open_views:
            return
        view = self.reading.active
        if view.document is not None and self.side.contents.document is not view.document:
            self.side.contents.show_document(view.document)
            self.side.contents.follow(view.top_offset)

    # --- panes --------------------------------------------------------------------------
    def _panes(self) -> list[Widget]:
        """The panes that can take focus now, left to right."""
        panes: list[Widget] = []
        if self.library_pane.display:
            panes.append(self.library_pane)
        panes.extend(v for v in self.reading.views if v.display)
        if self.side.display:
            panes.append(self.side)
        return panes

    def _focus_target(self, pane: Widget) -> Widget:
        if pane is self.library_pane:
            return self.library_pane.table
        if pane is self.side:
            return self.side.focus_target()
        return pane

    def _pane_of(self, widget: Widget | None) -> Widget | None:
        while widget is not None:
            if widget in self._panes():
                return widget
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    def action_focus_pane(self, step: int) -> None:
        """Move focus to the next (or previous) visible pane."""
        panes = self._panes()
        if not panes:
            return
        current = self._pane_of(self.focused)
        index = panes.index(current) if current in panes else -1
        self._focus_target(panes[(index + step) % len(panes)]).focus()

    def action_focus_reading(self) -> None:
        """Go back to the text (Escape from a side pane); with no text open, to the
        library, so some pane always has the keys."""
        view = self.reading.active
        if view.display and view.document is not None:
            view.focus()
        elif self.library_pane.display:
            self.library_pane.table.focus()
        elif view.display:
            view.focus()

    async def action_contents(self) -> None:
        """Show the table of contents in the side panel and focus it."""
        await self.side_ready()
        self._show_side(CONTENTS)
        self.side.contents.focus()

    def _show_side(self, page: str) -> None:
        self.side.display = True
        self.side.show_page(page)
        self._fit_panes(keep=self.side)

    def action_toggle_library(self) -> None:
        """Hide or show the library pane."""
        pane = self.library_pane
        had_focus = pane.has_focus_within or self.focused is None
        pane.display = not pane.display
        if pane.display:
            self._fit_panes(keep=pane)
            pane.table.focus()
        elif had_focus or self._pane_of(self.focused) is None:
            self.action_focus_reading()
        self.post_message(PanesChanged("library"))

    def action_toggle_side(self) -> None:
        """Hide or show the side panel (hiding it gives the keys to the text, or to the
        library when no text is open)."""
        had_focus = self.side.has_focus_within or self.focused is None
        self.side.display = not self.side.display
        if self.side.display:
            self._fit_panes(keep=self.side)
        elif had_focus or self._pane_of(self.focused) is None:
            self.action_focus_reading()
        self.post_message(PanesChanged("side"))

    def _fit_panes(self, keep: Widget | None = None) -> None:
        """On a narrow terminal, show at most one side pane next to an open document;
        while the search page is shown, give its results most of the width."""
        self.library_pane.set_class(not self.reading.open_views, "-wide")
        self._fit_search()
        narrow = NARROW_SPLIT if self.reading.split else NARROW
        if self.size.width >= narrow or not self.reading.open_views:
            return
        if self.library_pane.display and self.side.display:
            hide = self.side if keep is self.library_pane else self.library_pane
            hide.display = False

    # --- split view ---------------------------------------------------------------------
    def action_choose_beside(self) -> None:
        """Choose a document to open beside the one being read."""
        from reader.ui.screens.beside_chooser import choose_beside

        choose_beside(self)

    def action_close_split(self) -> None:
        """Close the second view."""
        if self.reading.close_second():
            self.reading.active.focus()
            self._fit_panes()


def main_screen(app: App[Any]) -> MainScreen | None:
    """The app's main screen, whichever screen is on top of it (None while quitting)."""
    return next((s for s in reversed(app.screen_stack) if isinstance(s, MainScreen)), None)
