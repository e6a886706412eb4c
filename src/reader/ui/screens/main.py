"""The main screen: library, reading area and side panel, and the flows between them.

Panes are moved between with Tab / Shift+Tab (pane by pane, not widget by widget), hidden
with F2 (library) and F3 (side panel), and resized with < and >. On narrow terminals
opening a document hides the library so the text keeps a readable width. Background
work (loading the catalog, building the index, searching, finding the terms to
highlight) runs in thread workers that post messages back here; the keyboard is never
blocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import AwaitMount, Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.core.catalog import CatalogEntry, iter_catalog
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.core.positions import ReadingPositions
from reader.ui.messages import CatalogLoaded, IndexProgressed, IndexReady
from reader.ui.screens.search_flows import CURRENT_LAYER, SEARCH_LAYER, SearchFlows
from reader.ui.widgets.contents_list import ContentsList
from reader.ui.widgets.library_pane import LibraryPane
from reader.ui.widgets.reading_area import ReadingArea
from reader.ui.widgets.side_panel import CONTENTS, SEARCH, SidePanel
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
PANE_STEP = 4
PANE_MIN = 16
MIN_TEXT = 40
"""Below this many columns left for the text, the search hides the library pane."""


def results_width(screen: int) -> int:
    """The width of the side panel while it shows search results: about 60% of the
    screen, and at least 56 columns (all of a narrow screen but 22 for the text)."""
    return max(min(screen - 22, 56), screen * 62 // 100)


class MainScreen(SearchFlows):
    """Library, reading area and side panel, with a status line and footer."""

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
        self._search_width: int | None = None
        """The results' width as set with < and > (None: `results_width`)."""
        self._side_width: int | None = None
        """The side panel's width on its other pages as set with < and >."""
        self._library_hidden_for_search = False
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

    def on_unmount(self) -> None:
        """The search index's open files go with the screen (the app is quitting)."""
        if self.index is not None:
            self.index.close()

    @work(thread=True, exclusive=True, group="catalog", exit_on_error=False)
    def load_catalog(self) -> None:
        """Read every document's metadata for the library pane."""
        worker = get_current_worker()
        entries: list[CatalogEntry] = []
        problems: list[str] = []
        cache = self.folders.cache  # unchanged texts are listed without parsing
        for item in iter_catalog(self.library, lambda: worker.is_cancelled, cache):
            if isinstance(item, ReaderError):
                problems.append(str(item))
            else:
                entries.append(item)
        positions = ReadingPositions.in_folder(self.folders.state).documents
        self.post_message(CatalogLoaded(entries, problems, positions))

    @on(CatalogLoaded)
    def show_catalog(self, message: CatalogLoaded) -> None:
        self.library_pane.set_entries(message.entries, message.positions)
        if not self.reading.open_views:
            count = len(message.entries)
            self.status.clear_position(
                f"library {self.library.root.name}: {count} document{'s' if count != 1 else ''}"
            )
        for problem in message.problems:
            self.notify(problem, title="A text could not be read", severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        """Bring the search index up to date (incremental; builds it when missing)."""
        from reader.core.search import LibraryIndex

        worker = get_current_worker()
        index = LibraryIndex(self.library, self.folders.cache)

        def progress(done: int, total: int, doc_id: str) -> None:
            self.post_message(IndexProgressed(done, total, doc_id))

        stats = index.update(progress=progress, cancel=lambda: worker.is_cancelled)
        if stats.stale:  # the cache cannot be written: searches answer from the last state
            self.app.call_from_thread(
                self.notify,
                stats.stale,
                title="Search index not updated",
                severity="warning",
                markup=False,
            )
        if worker.is_cancelled:
            index.close()
            return
        self.post_message(IndexReady(index))
        # In the background: searches go on reading the state they opened.
        index.merge()

    @on(IndexProgressed)
    def show_index_progress(self, message: IndexProgressed) -> None:
        self.index_progress = f"indexing {message.done}/{message.total}"
        self.status.show_work(self.index_progress)
        if self.pending_query is not None:
            self.side.search.set_status(self._waiting_text())

    @on(IndexReady)
    def index_ready(self, message: IndexReady) -> None:
        if self.index is not None and self.index is not message.index:
            self.index.close()  # its searcher's files; a search still on it opens them again
        self.index = message.index
        self.status.show_work("")
        if self.pending_query is not None:
            query, self.pending_query = self.pending_query, None
            self.run_search(query)

    def _waiting_text(self) -> str:
        return f"The search index is being built ({self.index_progress}); results follow."

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

    def _document_shown(self, view: TextView, document: Document) -> None:
        if view is self.reading.active:
            self.side.contents.show_document(document)
        if self.search_query:
            self.find_highlights(view.id or "", document.id, self.search_query)
        else:
            view.clear_highlights(SEARCH_LAYER)
        view.clear_highlights(CURRENT_LAYER)

    @on(LibraryPane.DocumentChosen)
    def document_chosen(self, message: LibraryPane.DocumentChosen) -> None:
        self.open_document(message.doc_id, None, message.beside)

    @on(ContentsList.SectionChosen)
    def section_chosen(self, message: ContentsList.SectionChosen) -> None:
        view = self.reading.active
        if view.document is not None:
            view.scroll_to_offset(message.offset)
            view.focus()

    @on(PositionChanged)
    def position_changed(self, message: PositionChanged) -> None:
        view = message.control
        if view is not None and view.document is not None:
            self.library_pane.note_reading(view.document.id, message.offset)
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

    def show_side_page(self, page: str) -> None:
        """Show the side panel at `page` (contents, search or notes), fitting the panes."""
        self._show_side(page)

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

    def action_toggle_side(self) -> None:
        """Hide or show the side panel (hiding it gives the keys to the text, or to the
        library when no text is open)."""
        had_focus = self.side.has_focus_within or self.focused is None
        self.side.display = not self.side.display
        if self.side.display:
            self._fit_panes(keep=self.side)
        elif had_focus or self._pane_of(self.focused) is None:
            self.action_focus_reading()

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

    def _fit_search(self) -> bool:
        """Results get the room they need while the side panel has focus (or no text is
        open): most of the width, the library hidden when the text would be left too
        narrow. Back in the text, the panel takes its usual width again (and the library
        comes back: True then, for the panes to be fitted again)."""
        side = self.side
        reading = bool(self.reading.open_views) and self._pane_of(self.focused) is not side
        if side.display and side.page == SEARCH and not reading:
            width = self._search_width or results_width(self.size.width)
            side.styles.width = width
            room = self.size.width - width - self.library_pane.outer_size.width
            if self.library_pane.display and room < MIN_TEXT:
                self.library_pane.display = False
                self._library_hidden_for_search = True
        else:
            side.styles.width = self._side_width
            if self._library_hidden_for_search:
                self._library_hidden_for_search = False
                self.library_pane.display = True
                return True
        return False

    def on_resize(self, event: object) -> None:
        if self._fit_search():
            self._fit_panes(keep=self._pane_of(self.focused))

    def action_resize(self, step: int) -> None:
        """Make the focused side pane narrower (<) or wider (>); from the text, the
        side panel."""
        pane = self._pane_of(self.focused)
        if pane not in (self.library_pane, self.side):
            pane = self.side if self.side.display else self.library_pane
        if pane is None or not pane.display:
            return
        width = pane.outer_size.width + step * PANE_STEP
        width = max(PANE_MIN, min(width, self.size.width - 30))
        pane.styles.width = width
        if pane is self.side:
            if self.side.page == SEARCH:
                self._search_width = width
            else:
                self._side_width = width

    # --- split view ---------------------------------------------------------------------
    def action_choose_beside(self) -> None:
        """Choose a document to open beside the one being read."""
        from textual.command import CommandPalette

        from reader.ui.palette.documents import BesideCommands

        self.app.push_screen(CommandPalette(providers=[BesideCommands], placeholder="Open beside…"))

    def action_close_split(self) -> None:
        """Close the second view."""
        if self.reading.close_second():
            self.reading.active.focus()
            self._fit_panes()
