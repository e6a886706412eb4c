"""The library search, top to bottom: a query, its text and annotation hits, the one chosen.

A base of `MainScreen`, and the one owner of the flow. A query typed in the search panel
(`SearchPanel.SearchRequested`) is checked (a syntax error is shown with its place and
never run), then run in two workers: the text search, its hits grouped by sentence and
cut into concordance lines there too, and the search of the highlights and notes, which
are listed first, labelled. Choosing a text hit opens it a third of the way down the
view, every term marked (`view_marks`), and n and N walk the results from there
(`hit_walk`); choosing an annotation opens its text with the caret on it. A query typed
while the index is still being built runs when it is ready. Queries run are kept per
library (`searches.toml` in the state folder): Up and Down in the field walk them,
Ctrl+S saves one under a name, and the palette reruns it. Keys typed right after `s`,
before the field could take them, are typed into it (`typeahead`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.core.errors import ReaderError
from reader.core.paths import Folders
from reader.ui.display import safe_str
from reader.ui.messages import SearchFinished
from reader.ui.screens.hit_walk import HitWalking
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.side_panel import SEARCH, SidePanel

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationHit
    from reader.core.searches import Searches

RESULT_DOCUMENTS = 50
TYPEAHEAD_LIMIT = 3.0
"""Seconds after a search key within which the search field must have taken focus for
the keys typed meanwhile to go to it (else they are handed on as typed)."""


class LibrarySearch(HitWalking):
    """The library search: queries, results, and opening what was chosen."""

    folders: Folders
    pending_query: str | None
    _searches: Searches | None = None

    # Provided by MainScreen.
    def _show_side(self, page: str) -> None:
        raise NotImplementedError

    async def side_ready(self) -> SidePanel:
        raise NotImplementedError

    def open_document(self, doc_id: str, offset: int | None = None, beside: bool = False) -> None:
        raise NotImplementedError

    def open_annotation(self, doc_id: str, start: int | None) -> None:
        raise NotImplementedError

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
        """Show the search page as `s` does, with `query` in the field, and search."""
        await self.action_search()
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
        self._search_annotations(message.query)
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

    # --- the annotations that match ------------------------------------------------------
    @work(thread=True, exclusive=True, group="annotation-search", exit_on_error=False)
    def _search_annotations(self, query: str) -> None:
        """Find the highlights and notes matching `query` (listed with the text hits)."""
        from reader.core.annotations import search_annotations

        annotator = self._annotator()
        if annotator is None:
            return
        hits = search_annotations(annotator.store, query)
        self.app.call_from_thread(self._annotations_found, query, hits)

    def _annotations_found(self, query: str, hits: list[AnnotationHit]) -> None:
        self.side.search.show_annotation_hits(query, hits)

    @on(SearchPanel.AnnotationHitChosen)
    def annotation_hit_chosen(self, message: SearchPanel.AnnotationHitChosen) -> None:
        self.open_annotation(message.hit.doc_id, message.hit.start)

    # --- exporting the concordance ------------------------------------------------------
    @on(SearchPanel.ConcordanceExportRequested)
    def export_concordance(self, message: SearchPanel.ConcordanceExportRequested) -> None:
        from reader.ui.screens.concordance_export import export_concordance

        results = self.side.search.results
        query = results.query if results else "search"
        export_concordance(self, self.library, message.lines, query)
