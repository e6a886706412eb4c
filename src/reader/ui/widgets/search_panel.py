"""Library search in the side panel: a query field, a status line and the hits.

Typing in the field asks for a search after a short pause (`SearchRequested`); the
screen runs it in a worker and hands the results back with `show_results`. Hits are
grouped by document with counts, each hit a line of context with the matched words
marked; the did-you-mean suggestion is a line you can choose, and the glossary variants
that were applied are named. Enter on a hit announces `HitChosen` (`v`: open it beside).
Colours come from theme variables, so every theme marks matches its own way.
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
from textual.widgets.option_list import Option

from reader.ui.display import safe
from reader.ui.widgets.search_labels import (
    LEAD,
    NOTE_HIT_PREFIX,
    annotation_hit_options,
    excerpt,
    label,
)

if TYPE_CHECKING:  # the search engine is imported when first used, not at startup
    from reader.core.annotations import AnnotationHit
    from reader.core.search import SearchHit, SearchResults

# How long typing must pause before a search starts: short enough to feel live, long
# enough not to search for every keystroke of a word.
DEBOUNCE_SECONDS = 0.2
TITLE_STYLE = "bold $text-accent"
SECTION_STYLE = "italic $text-muted"
SUGGESTION_ID = "suggestion"
TEXT_LABEL_WIDTH = 4
"""Text hits sit under their document's header: their label ("text") takes no more room."""
CONTEXT_WIDTH = 90
"""Characters of context after the trim; the section follows, seen on a wide panel."""


def hit_line(hit: SearchHit, lead: int = LEAD) -> Content:
    """One line for a hit: the context with the matched words marked, first (so they
    are in view however narrow the panel), then the section. Shown literally."""
    line = excerpt(hit.snippet, hit.snippet_marks, lead, CONTEXT_WIDTH)
    if hit.section:
        line = line.append(safe(f"  · {hit.section}", SECTION_STYLE))
    return line


class HitList(OptionList):
    """The hits of the last search, under one header line per document."""

    BINDINGS = [
        Binding("v", "open_beside", "Beside", id="results.open_beside"),
    ]

    def action_open_beside(self) -> None:
        """Open the highlighted hit in the second view."""
        self.query_ancestor(SearchPanel).choose(self.highlighted, beside=True)


class SearchPanel(Vertical):
    """The query field, a status line and the grouped hits."""

    class SearchRequested(Message):
        """The query changed and typing paused: search for `query`."""

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: SearchResults | None = None
        self._hits: list[SearchHit] = []
        self.note_hits: list[AnnotationHit] = []
        """The highlights and notes matching `note_query`, listed above the text hits."""
        self.note_query = ""
        self._timer: Timer | None = None
        self._focus_when_shown = False
        """Enter was pressed before the results came: move to the first hit when they do."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search the library", id="search-input")
        yield Static("", id="search-status", markup=False)
        yield HitList(id="search-hits")

    @property
    def query_text(self) -> str:
        """The query as typed."""
        return self.query_one("#search-input", Input).value

    def focus_field(self, query: str | None = None) -> None:
        """Focus the query field (and set its text when given)."""
        field = self.query_one("#search-input", Input)
        if query is not None:
            field.value = query
        # Focus at once (not after the next refresh): keys typed right after `s` must
        # land in the field, even when the panel has only just been shown.
        self.screen.set_focus(field)

    def set_status(self, text: str) -> None:
        """Show a line of status (index progress, counts, an error)."""
        self.query_one("#search-status", Static).update(safe(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._focus_when_shown = False
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self._request)

    def _request(self) -> None:
        self._timer = None
        self.post_message(self.SearchRequested(self.query_text.strip()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter searches at once (no pause) and moves to the first hit when there is one.
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._focus_when_shown = True
            self._request()
        elif self._hits:
            self._focus_first_hit()
        else:
            self._focus_when_shown = True

    def _focus_first_hit(self) -> None:
        hits = self.query_one(HitList)
        hits.focus()
        hits.highlighted = self._first_hit_index()

    def on_key(self, event: events.Key) -> None:
        field = self.query_one("#search-input", Input)
        if field.has_focus and event.key == "down" and self._hits:
            event.stop()
            self._focus_first_hit()

    def _first_hit_index(self) -> int:
        hits = self.query_one(HitList)
        for index in range(hits.option_count):
            option = hits.get_option_at_index(index)
            if option.id and option.id.isdigit():
                return index
        return 0

    def _lead(self) -> int:
        """Context kept before the first match: more as the panel is made wider."""
        width = self.query_one(HitList).scrollable_content_region.width
        return LEAD if width <= 0 else max(6, min(30, (width - 10) // 3))

    def show_results(self, results: SearchResults) -> None:
        """Show the hits of `results` (they are for the query in the field)."""
        self.results = results
        self._hits = []
        hits = self.query_one(HitList)
        # Results can be shown again (when notes join them): keep the reader's place.
        kept = hits.highlighted_option.id if hits.highlighted_option is not None else None
        hits.clear_options()
        options: list[Option] = []
        if results.suggestion:
            options.append(
                Option(
                    Content.assemble(
                        "Did you mean ", safe(results.suggestion, "bold underline"), "?"
                    ),
                    id=SUGGESTION_ID,
                )
            )
        if self.note_query == results.query:
            options += annotation_hit_options(self.note_hits, self._lead())
        lead = self._lead()
        for document in results.documents:
            header = Content.assemble(
                safe(document.title, TITLE_STYLE),
                safe(f"  {document.author}" if document.author else "", "$text-muted"),
                f"  {document.hit_count} hit{'s' if document.hit_count != 1 else ''}",
            )
            options.append(Option(header, disabled=True))
            for hit in document.hits:
                line = label("text", TEXT_LABEL_WIDTH).append(hit_line(hit, lead))
                options.append(Option(line, id=str(len(self._hits))))
                self._hits.append(hit)
        hits.add_options(options)
        self.set_status(self._summary(results))
        if kept is not None and any(o.id == kept for o in options):
            hits.highlighted = hits.get_option_index(kept)
        if self._focus_when_shown and self._hits:
            self._focus_first_hit()
        self._focus_when_shown = False

    @staticmethod
    def _summary(results: SearchResults) -> str:
        if not results.query:
            return ""
        docs = len(results.documents)
        if results.total_hits == 0:
            text = f"No hits for {results.query!r}."
        else:
            text = (
                f"{results.total_hits} hit{'s' if results.total_hits != 1 else ''} in "
                f"{docs} document{'s' if docs != 1 else ''}."
            )
        if results.variants:
            text += " Variants: " + ", ".join(results.variants) + "."
        for warning in results.warnings:
            text += f" Warning: {warning}"  # e.g. a broken glossary.toml, searched without it
        return text

    def show_annotation_hits(self, query: str, hits: list[AnnotationHit]) -> None:
        """List the highlights and notes matching `query` with the text hits."""
        self.note_query, self.note_hits = query, hits
        if self.results is not None and self.results.query == query:
            self.show_results(self.results)
        elif self.results is None and query == self.query_text.strip():
            hit_list = self.query_one(HitList)
            hit_list.clear_options()
            hit_list.add_options(annotation_hit_options(hits, self._lead()))

    def clear_results(self, status: str = "") -> None:
        """Show no hits."""
        self.results = None
        self._hits = []
        self.note_hits, self.note_query = [], ""
        self.query_one(HitList).clear_options()
        self.set_status(status)

    def hits(self) -> list[SearchHit]:
        """The hits as listed, in order."""
        return list(self._hits)

    def choose(self, index: int | None, beside: bool = False) -> None:
        """Open the option at `index` (a hit, or the did-you-mean suggestion)."""
        hits = self.query_one(HitList)
        if index is None or index >= hits.option_count:
            return
        option = hits.get_option_at_index(index)
        if option.id == SUGGESTION_ID and self.results and self.results.suggestion:
            self.focus_field(self.results.suggestion)
        elif option.id is not None and option.id.startswith(NOTE_HIT_PREFIX):
            note_hit = self.note_hits[int(option.id.removeprefix(NOTE_HIT_PREFIX))]
            self.post_message(self.AnnotationHitChosen(note_hit))
        elif option.id is not None and option.id.isdigit():
            hit = self._hits[int(option.id)]
            query = self.results.query if self.results else self.query_text
            self.post_message(self.HitChosen(hit, query, beside))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)
