"""The main screen's library search: running queries, opening hits, walking them.

A base of `MainScreen`. A query is checked (a syntax error is shown with its place and
never run), run in a worker, its hits grouped by sentence and cut into concordance
lines there too (documents read once and kept while unchanged), and handed to the
search panel. Choosing a hit opens it a third of the way down the view, every term
highlighted; from then on n and N walk every hit of the results (`HitWalk`), opening
the next document at the end of one, and the status line says "hit 7 of 25 · document
2 of 3". Walking is not jumping: Ctrl+O goes back to where the search started.
Queries run are kept per library (`searches.toml` in the state folder): Up and Down
in the field walk them, Ctrl+S saves one under a name, and the palette reruns it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.display import safe_str
from reader.ui.messages import HighlightsFound, SearchFinished
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.side_panel import SEARCH, SidePanel
from reader.ui.widgets.text_messages import HitWalkRequested, JumpRequested

if TYPE_CHECKING:
    from reader.core.concordance import KwicLine
    from reader.core.document import Document
    from reader.core.search import LibraryIndex
    from reader.core.search.walk import HitWalk, WalkStep
    from reader.core.searches import Searches
    from reader.ui.widgets.reading_area import ReadingArea
    from reader.ui.widgets.status_bar import StatusBar
    from reader.ui.widgets.text_view import TextView

SEARCH_LAYER = "search"
CURRENT_LAYER = "current"
SEARCH_STYLE = "text-view--search"
CURRENT_STYLE = "text-view--current"
RESULT_DOCUMENTS = 50
DOCUMENT_CACHE = 32
TYPEAHEAD_LIMIT = 3.0
"""Seconds after a search key within which the search field must have taken focus for
the keys typed meanwhile to go to it (else they are handed on as typed)."""


class SearchFlows(Screen[None]):
    """Library search, hit walking and the jump list across documents."""

    library: Library
    folders: Folders
    index: LibraryIndex | None
    search_query: str
    pending_query: str | None
    walk: HitWalk | None = None
    _searches: Searches | None = None
    _documents: dict[str, tuple[int, Document]]

    # Provided by MainScreen.
    @property
    def side(self) -> SidePanel:
        raise NotImplementedError

    @property
    def reading(self) -> ReadingArea:
        raise NotImplementedError

    @property
    def status(self) -> StatusBar:
        raise NotImplementedError

    def _show_side(self, page: str) -> None:
        raise NotImplementedError

    async def side_ready(self) -> SidePanel:
        raise NotImplementedError

    def open_document(self, doc_id: str, offset: int | None = None, beside: bool = False) -> None:
        raise NotImplementedError

    def _document_shown(self, view: TextView, document: Document) -> None:
        raise NotImplementedError

    # --- documents, read once -----------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        """Document `doc_id`, parsed again only when its file changed (thread-safe
        enough: the worst case parses a text twice)."""
        if not hasattr(self, "_documents"):
            self._documents = {}
        path = self.library.text_path(doc_id)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = -1
        cached = self._documents.get(doc_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        document = self.library.load(doc_id)
        self._documents[doc_id] = (stamp, document)
        while len(self._documents) > DOCUMENT_CACHE:
            del self._documents[next(iter(self._documents))]
        return document

    def _load_or_none(self, doc_id: str) -> Document | None:
        try:
            return self.document(doc_id)
        except ReaderError:
            return None

    # --- past and saved searches --------------------------------------------------------
    def searches(self) -> Searches:
        """The library's past and saved searches (read on first use)."""
        if self._searches is None:
            from reader.core.searches import Searches

            self._searches = Searches.in_folder(self.folders.state)
            if self._searches.problem:
                self.notify(self._searches.problem, severity="warning", markup=False)
        return self._searches

    def remember_query(self, query: str) -> None:
        """Keep `query` in the history (Up in the field brings it back)."""
        searches = self.searches()
        try:
            searches.remember(query)
        except OSError as exc:
            self.notify(f"Could not keep the search history: {exc}", severity="warning")
        self.side.search.set_history(searches.history)

    @on(SearchPanel.SaveRequested)
    def save_requested(self, message: SearchPanel.SaveRequested) -> None:
        from reader.ui.screens.name_prompt import NamePrompt

        def save(name: str | None) -> None:
            if not name:
                return
            try:
                saved = self.searches().save_as(name, message.query)
            except (ReaderError, OSError) as exc:
                self.notify(str(exc), title="Not saved", severity="error", markup=False)
                return
            self.notify(
                f"Saved as @{saved}: run it from the palette or `reader search @{saved}`",
                markup=False,
            )

        self.app.push_screen(NamePrompt(f"Save the search {safe_str(message.query)!r} as"), save)

    async def run_saved(self, name: str) -> None:
        """Show the search page and run the saved search `name`."""
        await self.search_for(self.searches().query_of(name))

    async def search_for(self, query: str) -> None:
        """Show the search page with `query` in the field, and search."""
        await self.side_ready()
        self._show_side(SEARCH)
        self.side.search.focus_field(query)

    # --- running a query ----------------------------------------------------------------
    async def action_search(self) -> None:
        """Show the search page of the side panel and focus its field; keys typed
        meanwhile are typed into it (see `typeahead`)."""
        try:
            await self.side_ready()
            self._show_side(SEARCH)
            panel = self.side.search
            panel.focus_field()
            if not panel.history.queries:
                panel.set_history(self.searches().history)
        finally:
            typed, self._typeahead = self._typeahead or [], None
            if self._typeahead_timer is not None:
                self._typeahead_timer.stop()
        if typed:
            panel.type_ahead(typed)

    _typeahead: list[str] | None = None
    _typeahead_timer: Timer | None = None

    def typeahead(self, event: events.Key, search_keys: list[str]) -> bool:
        """The app hands every key here as it arrives, before it goes to the focused
        widget. After a search key (pressed outside a text field) the keys that follow
        are kept until the search field has focus, then typed into it: on a first
        launch, building the index can make showing the field slow. True when the key
        was kept."""
        if self._typeahead is not None:
            if event.key in ("enter", "backspace") or (event.character and event.is_printable):
                self._typeahead.append(
                    event.key if event.key in ("enter", "backspace") else event.character or ""
                )
                return True
            return False
        if event.key in search_keys and not isinstance(self.focused, Input):
            self._typeahead = []
            # Should the key not open the search after all, hand the keys back.
            self._typeahead_timer = self.set_timer(TYPEAHEAD_LIMIT, self._typeahead_expired)
        return False

    def _typeahead_expired(self) -> None:
        kept, self._typeahead = self._typeahead or [], None
        self._typeahead_timer = None
        for key in kept:
            character = key if len(key) == 1 else None
            self.app.post_message(events.Key(key, character))

    @on(SearchPanel.SearchRequested)
    def search_requested(self, message: SearchPanel.SearchRequested) -> None:
        from reader.core.search.syntax import check_query

        panel = self.side.search
        if not message.query:
            panel.clear_results()
            return
        problem = check_query(message.query)
        if problem is not None:
            self.pending_query = None
            panel.show_error(message.query, problem)
            return
        if self.index is None:
            self.pending_query = message.query
            panel.set_status(self._waiting_text())
            return
        self.run_search(message.query)

    def _waiting_text(self) -> str:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Search the library (the newest query cancels the one before); group the
        hits by sentence and cut the concordance, in this worker too."""
        from reader.core.concordance import kwic_lines
        from reader.core.search.sentences import group_results

        worker = get_current_worker()
        index = self.index
        if index is None:
            return
        try:
            results = index.search(
                query,
                limit=RESULT_DOCUMENTS,
                hits_per_document=None,
                cancel=lambda: worker.is_cancelled,
            )
        except ReaderError as exc:
            self.post_message(SearchFinished(query, None, str(exc)))
            return
        if worker.is_cancelled:
            return
        grouped = group_results(results, self._load_or_none, index.projection)
        kwic = kwic_lines(results, self.document, index.projection)
        if not worker.is_cancelled:
            self.post_message(SearchFinished(query, results, grouped=grouped, kwic=kwic))

    @on(SearchFinished)
    def search_finished(self, message: SearchFinished) -> None:
        panel = self.side.search
        if message.query != panel.query_text.strip():
            return  # the reader typed on; a newer search is on its way
        if message.results is None:
            panel.show_error(message.query, message.error)
        else:
            panel.show_results(message.results, message.grouped, message.kwic)

    # --- opening and walking hits -------------------------------------------------------
    @on(SearchPanel.HitChosen)
    def hit_chosen(self, message: SearchPanel.HitChosen) -> None:
        from reader.core.search.walk import HitWalk

        self.search_query = message.query
        self.remember_query(message.query)
        results = self.side.search.results
        if results is not None and results.query == message.query:
            self.walk = HitWalk(results)
        hit = message.hit
        self.open_document(hit.doc_id, hit.start, message.beside)
        view = (
            self.reading.views[1] if message.beside and self.reading.split else self.reading.active
        )
        view.go_to_hit(hit.start, hit.end)
        self._show_walk(hit.doc_id, hit.start)
        for other in self.reading.open_views:
            other.walks_search_results = True
            if other is not view and other.document is not None:
                self.find_highlights(other.id or "", other.document.id, message.query)

    def _show_walk(self, doc_id: str, start: int) -> None:
        index = self.walk.index_of(doc_id, start) if self.walk is not None else None
        self.status.show_walk(self.walk.where(index) if self.walk and index is not None else "")

    @on(HitWalkRequested)
    def walk_requested(self, message: HitWalkRequested) -> None:
        from reader.ui.widgets.text_view import TextView

        view = message.view
        walk = self.walk
        if not isinstance(view, TextView) or view.document is None:
            return
        if walk is None or not len(walk) or walk.query != self.search_query:
            view.walks_search_results = False
            view.next_highlight(SEARCH_LAYER, message.forward)
            return
        step = walk.next_from(
            view.document.id, view.walk_reference(message.forward), message.forward
        )
        if step is None:
            return
        if step.wrapped:
            where = "first" if message.forward else "last"
            self.notify(f"Past the end of the results: back to the {where} hit", timeout=2)
        self.go_to_step(view, step)

    def go_to_step(self, view: TextView, step: WalkStep) -> None:
        """Show hit `step` of the walk in `view` (opening its document: not a jump)."""
        if view.document is None or view.document.id != step.doc_id:
            try:
                document = self.document(step.doc_id)
            except ReaderError as exc:
                self.notify(str(exc), title="Cannot open", severity="error", markup=False)
                return
            self.reading.open_in(view, document, step.start, record_jump=False)
            self._document_shown(view, document)
        view.go_to_hit(step.start, step.end)
        if self.walk is not None:
            self.status.show_walk(self.walk.where(step.index))

    @on(JumpRequested)
    def jump_requested(self, message: JumpRequested) -> None:
        """Ctrl+O (or Ctrl+Y) back to another document: open it there."""
        from reader.ui.widgets.text_view import TextView

        view = message.view
        if not isinstance(view, TextView):
            return
        try:
            document = self.document(message.doc_id)
        except ReaderError as exc:
            self.notify(str(exc), title="Cannot go back", severity="error", markup=False)
            return
        self.reading.open_in(view, document, message.offset, record_jump=False)
        self._document_shown(view, document)
        self.status.show_walk("")

    @work(thread=True, group="highlights", exit_on_error=False)
    def find_highlights(self, view_id: str, doc_id: str, query: str) -> None:
        """Find every occurrence of the query's terms in a document, for one view."""
        index = self.index
        if index is None:
            return
        ranges = index.terms_in(doc_id, query)
        self.post_message(HighlightsFound(view_id, doc_id, query, ranges))

    @on(HighlightsFound)
    def highlights_found(self, message: HighlightsFound) -> None:
        from reader.ui.widgets.text_view import TextView

        view = self.reading.query_one(f"#{message.view_id}", TextView)
        if view.document is None or view.document.id != message.doc_id:
            return
        if message.query != self.search_query:
            return
        view.set_highlights(SEARCH_LAYER, message.ranges, SEARCH_STYLE)
        view.walks_search_results = self.walk is not None

    # --- exporting the concordance ------------------------------------------------------
    @on(SearchPanel.ConcordanceExportRequested)
    def export_concordance(self, message: SearchPanel.ConcordanceExportRequested) -> None:
        from reader.ui.screens.export_prompt import ExportPrompt

        lines = message.lines
        query = self.side.search.results.query if self.side.search.results else "search"
        slug = "".join(c if c.isalnum() else "-" for c in query.lower()).strip("-")[:40]
        default = Path("exports") / f"concordance-{slug or 'search'}.csv"

        def write(path: Path | None) -> None:
            if path is not None:
                self._write_concordance(path, lines)

        self.app.push_screen(
            ExportPrompt("Concordance as CSV (.csv) or Markdown (.md)", self.library.root, default),
            write,
        )

    def _write_concordance(self, path: Path, lines: list[KwicLine]) -> None:
        from reader.core.atomic import atomic_write_text
        from reader.core.concordance import to_csv, to_markdown

        text = to_markdown(lines) if path.suffix.lower() in (".md", ".markdown") else to_csv(lines)
        try:
            atomic_write_text(path, text)
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc}", severity="error", markup=False)
            return
        self.notify(f"{len(lines)} concordance lines written to {path}", markup=False)
