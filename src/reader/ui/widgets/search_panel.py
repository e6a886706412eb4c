"""Library search in the side panel: a query field, a count line and the results.

Typing asks for a search after a short pause (`SearchRequested`); the screen runs it in
a worker and hands back the results grouped by sentence (`show_results`). Each document
shows its count and its first sentences, each a whole sentence wrapped with a hanging
indent, every match marked, its place at the right; "+ N more" shows the rest in place.
Highlights and notes that match are listed first, told apart by the colour of their
mark. `c` turns the list into a concordance (one line per hit, the match in a centre
column; `o` sorts it by the words to the left or right, `x` exports it).

Up and Down in the field walk past queries (`set_history`); Ctrl+S saves the query
under a name; Enter accepts the suggestion when nothing matched. A query the language
cannot read shows the parser's message with the place marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from reader.ui.display import safe
from reader.ui.widgets.search_history import QueryHistory
from reader.ui.widgets.search_options import (
    NOTE_HIT_PREFIX,
    SORT_NAMES,
    SUGGESTION_ID,
    count_line,
    error_line,
    hit_at,
    kwic_options,
    sentence_options,
)

if TYPE_CHECKING:  # the search engine is imported when first used, not at startup
    from reader.core.annotations import AnnotationHit
    from reader.core.concordance import KwicLine
    from reader.core.search import SearchHit, SearchResults
    from reader.core.search.sentences import DocumentSentences
    from reader.core.search.syntax import QuerySyntaxError

DEBOUNCE_SECONDS = 0.2
"""How long typing must pause before a search starts."""


class HitList(OptionList):
    """The results of the last search (sentences, or concordance lines)."""

    BINDINGS = [
        Binding("v", "open_beside", "Beside", id="results.open_beside"),
        Binding("c", "concordance", "Concordance", id="results.concordance"),
        Binding("o", "sort", "Sort concordance", show=False, id="results.sort"),
        Binding("x", "export", "Export concordance", show=False, id="results.export"),
    ]

    def _panel(self) -> SearchPanel:
        return self.query_ancestor(SearchPanel)

    def action_open_beside(self) -> None:
        """Open the highlighted hit in the second view."""
        self._panel().choose(self.highlighted, beside=True)

    def action_concordance(self) -> None:
        """Switch between sentences and the concordance (keyword in context)."""
        self._panel().toggle_concordance()

    def action_sort(self) -> None:
        """Sort the concordance: as found, by the left words, by the right words."""
        self._panel().next_sort()

    def action_export(self) -> None:
        """Export the concordance as CSV or Markdown."""
        panel = self._panel()
        if panel.kwic:
            panel.post_message(SearchPanel.ConcordanceExportRequested(panel.sorted_kwic()))


class SearchPanel(Vertical):
    """The query field, the count line and the results."""

    BINDINGS = [Binding("ctrl+s", "save_search", "Save search", id="search.save")]

    class SearchRequested(Message):
        """The query changed and typing paused (or Enter): search for `query`."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class HitChosen(Message):
        """The reader chose a hit (`beside`: open it in the second view)."""

        def __init__(self, hit: SearchHit, query: str, beside: bool = False) -> None:
            super().__init__()
            self.hit = hit
            self.query = query
            self.beside = beside

    class AnnotationHitChosen(Message):
        """The reader chose a highlight or note among the results."""

        def __init__(self, hit: AnnotationHit) -> None:
            super().__init__()
            self.hit = hit

    class SaveRequested(Message):
        """Ctrl+S: save `query` under a name."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class ConcordanceExportRequested(Message):
        """`x` in the concordance: write these lines to a file."""

        def __init__(self, lines: list[KwicLine]) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: SearchResults | None = None
        self.grouped: list[DocumentSentences] = []
        self.kwic: list[KwicLine] = []
        self.note_hits: list[AnnotationHit] = []
        self.note_query = ""
        self.concordance = False
        self.kwic_sort = "position"
        self.expanded: set[str] = set()
        self.history = QueryHistory()
        self._targets: dict[str, object] = {}
        self._timer: Timer | None = None
        self._focus_when_shown = False
        self._submit_typed: str | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search the library (↑ past searches)", id="search-input")
        yield Static("", id="search-status", markup=False)
        yield HitList(id="search-hits")

    # --- the field ----------------------------------------------------------------------
    @property
    def query_text(self) -> str:
        """The query as typed."""
        return self.query_one("#search-input", Input).value

    def focus_field(self, query: str | None = None) -> None:
        """Focus the query field (and set its text when given)."""
        field = self.query_one("#search-input", Input)
        if query is not None:
            field.value = query
            field.cursor_position = len(query)
        # Focus at once: keys typed right after `s` must land in the field.
        self.screen.set_focus(field)

    def set_status(self, text: str | Content) -> None:
        """Show a line of status (index progress, counts, an error); a string is shown
        through the display sanitiser."""
        self.query_one("#search-status", Static).update(
            safe(text) if isinstance(text, str) else text
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._focus_when_shown = False
        self.history.edited(event.value)
        if self._timer is not None:
            self._timer.stop()
        if self._submit_typed is not None and event.value == self._submit_typed:
            # Enter was typed ahead: search at once and go to the results.
            self._submit_typed = None
            self._focus_when_shown = True
            self._request()
            return
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._request)

    def _request(self) -> None:
        self._timer = None
        self.post_message(self.SearchRequested(self.query_text.strip()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter searches at once and moves to the first result; when nothing matched it
        # takes the suggestion.
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._focus_when_shown = True
            self._request()
        elif self._suggestion() is not None:
            self.search_now(self._suggestion() or "")
        elif self._targets:
            self._focus_first()
        else:
            self._focus_when_shown = True

    def on_key(self, event: events.Key) -> None:
        field = self.query_one("#search-input", Input)
        if not field.has_focus or event.key not in ("up", "down"):
            return
        event.stop()
        if event.key == "up":
            query = self.history.back(field.value)
        else:
            query = self.history.forward()
            if query is None and self._targets:
                self._focus_first()
                return
        if query is not None:
            self.focus_field(query)

    def type_ahead(self, keys: list[str]) -> None:
        """Type `keys` (characters, "backspace", "enter") into the field: what was typed
        before the field could take it."""
        field = self.query_one("#search-input", Input)
        value = field.value
        submit = False
        for key in keys:
            if key == "backspace":
                value = value[:-1]
            elif key == "enter":
                submit = True
            else:
                value += key
        self._submit_typed = value if submit else None
        self.focus_field(value)

    def search_now(self, query: str) -> None:
        """Put `query` in the field and search for it at once (the suggestion taken)."""
        if query == self.query_text:
            self._focus_when_shown = True
            self._request()
            return
        self._submit_typed = query
        self.focus_field(query)

    def set_history(self, queries: list[str]) -> None:
        """The past queries Up and Down walk (oldest first)."""
        self.history.queries = list(queries)

    def action_save_search(self) -> None:
        """Save the query under a name (asked for by the screen)."""
        query = self.query_text.strip()
        if query:
            self.post_message(self.SaveRequested(query))

    # --- results ------------------------------------------------------------------------
    def _suggestion(self) -> str | None:
        """The suggestion, when nothing at all matched."""
        results = self.results
        if results is None or not results.suggestion or results.documents or self._notes():
            return None
        return results.suggestion

    def _notes(self) -> list[AnnotationHit]:
        results = self.results
        query = results.query if results else self.query_text.strip()
        return self.note_hits if self.note_query == query else []

    def show_results(
        self,
        results: SearchResults,
        grouped: list[DocumentSentences] | None = None,
        kwic: list[KwicLine] | None = None,
    ) -> None:
        """Show `results` (for the query in the field), grouped by sentence."""
        if self.results is None or self.results.query != results.query:
            self.expanded = set()
        self.results = results
        self.grouped = list(grouped or [])
        self.kwic = list(kwic or [])
        self.refresh_results()
        if self._focus_when_shown and self._targets:
            self._focus_first()
        self._focus_when_shown = False

    def show_error(self, query: str, error: QuerySyntaxError | str) -> None:
        """Say why `query` cannot run; a syntax error shows the query with its place."""
        self.results, self.grouped, self.kwic = None, [], []
        self._targets = {}
        self.query_one(HitList).clear_options()
        if isinstance(error, str):
            self.set_status(error)
            return
        self.set_status(error_line(query, error))

    def refresh_results(self) -> None:
        """Build the list again (after a resize, an expansion, a change of view)."""
        hits = self.query_one(HitList)
        self._width = hits.size.width
        # The room for text: the list less its scrollbar (counted whether shown yet or
        # not: a long list gets one), the options' padding and gutter.
        width = hits.size.width or max(20, self.size.width - 2)
        width -= hits.styles.scrollbar_size_vertical
        width -= hits.get_component_styles("option-list--option").padding.width
        width -= hits._get_left_gutter_width()
        kept = hits.highlighted_option.id if hits.highlighted_option is not None else None
        if self.concordance:
            options, self._targets = kwic_options(self.sorted_kwic(), self.kwic_sort, width)
        else:
            options, self._targets = sentence_options(
                self._suggestion(), self._notes(), self.grouped, self.expanded, width
            )
        hits.clear_options()
        hits.add_options(options)
        self.set_status(count_line(self.results, self.grouped, self._notes()))
        if kept is not None and kept in self._targets:
            hits.highlighted = hits.get_option_index(kept)

    def sorted_kwic(self) -> list[KwicLine]:
        """The concordance lines in the chosen order."""
        from reader.core.concordance import sort_lines

        return sort_lines(self.kwic, self.kwic_sort)

    def show_annotation_hits(self, query: str, hits: list[AnnotationHit]) -> None:
        """List the highlights and notes matching `query` with the text hits."""
        self.note_query, self.note_hits = query, hits
        if self.results is not None and self.results.query == query:
            self.refresh_results()

    def clear_results(self, status: str = "") -> None:
        """Show no results."""
        self.results, self.grouped, self.kwic = None, [], []
        self._targets = {}
        self.note_hits, self.note_query = [], ""
        self.query_one(HitList).clear_options()
        self.set_status(status)

    def hits(self) -> list[SearchHit]:
        """Every hit of the sentences listed, in order."""
        return [h for item in self.grouped for e in item.sentences for h in e.hits]

    def has_results(self) -> bool:
        """Whether anything can be chosen in the list."""
        return bool(self._targets)

    def toggle_concordance(self) -> None:
        """Switch between sentences and the concordance."""
        self.concordance = not self.concordance
        self.refresh_results()
        self._focus_first()

    def next_sort(self) -> None:
        """The next order of the concordance (as found, left words, right words)."""
        if not self.concordance:
            return
        order = list(SORT_NAMES)
        self.kwic_sort = order[(order.index(self.kwic_sort) + 1) % len(order)]
        self.refresh_results()

    def _focus_first(self) -> None:
        hits = self.query_one(HitList)
        hits.focus()
        for index in range(hits.option_count):
            if hits.get_option_at_index(index).id in self._targets:
                hits.highlighted = index
                return

    def on_resize(self, event: events.Resize) -> None:
        hits = self.query_one(HitList)
        if self.results is not None and hits.size.width != self._width:
            self.call_after_refresh(self.refresh_results)

    def choose(self, index: int | None, beside: bool = False) -> None:
        """Act on the option at `index`: open a hit, show more, take the suggestion."""
        from reader.core.concordance import KwicLine
        from reader.core.search.sentences import SentenceEntry

        hits = self.query_one(HitList)
        if index is None or index >= hits.option_count:
            return
        key = hits.get_option_at_index(index).id
        target = self._targets.get(key or "")
        query = self.results.query if self.results else self.query_text.strip()
        if key == SUGGESTION_ID and isinstance(target, str):
            self.search_now(target)
        elif key and key.startswith("more-") and isinstance(target, str):
            self.expanded.add(target)
            self.refresh_results()
        elif isinstance(target, SentenceEntry):
            self.post_message(self.HitChosen(target.hits[0], query, beside))
        elif isinstance(target, KwicLine):
            hit = hit_at(self.results, target.doc_id, target.start)
            if hit is not None:
                self.post_message(self.HitChosen(hit, query, beside))
        elif target is not None and key and key.startswith(NOTE_HIT_PREFIX):
            self.post_message(self.AnnotationHitChosen(target))  # type: ignore[arg-type]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)
