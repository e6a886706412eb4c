"""Find in the document shown: the prompt, and the view's part that finds and walks.

`FindInText` (a mixin of `TextView`) finds case-insensitively in a thread worker,
highlights every match and walks them with n and N. `FindPrompt` is the one-line input
over the bottom of the reading view, pushed when `/` is pressed. Every edit is reported
to the view (which finds and highlights in a worker as the reader types); Enter
dismisses with the query, Escape with None. A modal screen keeps the view a pure
Line-API widget with no children and keeps the prompt's keys from reaching the view
while typing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.core.document import Document
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import FindFinished, HitWalkRequested
from reader.ui.widgets.text_style import PREFIX


class FindPrompt(ModalScreen[str | None]):
    """Asks for the text to find; dismissed with the query, or None if cancelled."""

    DEFAULT_CSS = """
    FindPrompt {
        align: center bottom;
        background: transparent;
    }
    FindPrompt > Input {
        width: 100%;
        dock: bottom;
        border: tall $accent;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="find.cancel")]
    """Escape closes the prompt without moving."""

    def __init__(self, on_change: Callable[[str], None], initial: str = "") -> None:
        """`on_change` is called with the query after every edit."""
        super().__init__()
        self._on_change = on_change
        self._initial = initial

    def compose(self) -> ComposeResult:
        yield Input(
            value=self._initial,
            placeholder="Find in this text (Enter to go, Esc to cancel)",
            id="find-input",
            select_on_focus=True,
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._on_change(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without finding."""
        self.dismiss(None)


class FindInText(TextCanvas):
    """`/` finds in the document shown; n and N walk the matches (or the search hits)."""

    walks_search_results = False
    """Whether n and N on the library search's hits walk the whole result list (the
    screen does that, see `HitWalkRequested`) rather than this document's hits."""

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._find_query = ""

    @property
    def find_query(self) -> str:
        """The last query found with `/` ("" if none)."""
        return self._find_query

    def action_find(self) -> None:
        """Ask for text to find in this document; matches are highlighted as you type."""
        if self.document is None:
            return
        start_query = self._find_query

        def done(query: str | None) -> None:
            if query is None:  # cancelled: put back what was found before
                self.find(start_query, jump=False)
            else:
                self.find(query, jump=True)

        self.app.push_screen(FindPrompt(lambda q: self.find(q, jump=False), start_query), done)

    def find(self, query: str, *, jump: bool = True) -> None:
        """Find `query` (case-insensitive) in a worker, highlight it, and with `jump`
        go to the first match from the top of the screen."""
        if self.document is None:
            return
        if not query:
            self._find_query = ""
            self.clear_highlights("find")
            self.clear_highlights("current")
            return
        self._find_worker(self.document, query, jump)

    @work(
        thread=True,
        exclusive=True,
        group="text-view-find",
        exit_on_error=False,
        description="finding in the text",
    )
    def _find_worker(self, document: Document, query: str, jump: bool) -> None:
        worker = get_current_worker()
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        ranges: list[tuple[int, int]] = []
        for i, match in enumerate(pattern.finditer(document.text)):
            ranges.append(match.span())
            if i % 4096 == 0 and worker.is_cancelled:
                return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, document, query, ranges, jump)

    def _found(
        self, document: Document, query: str, ranges: list[tuple[int, int]], jump: bool
    ) -> None:
        if document is not self.document:
            return
        self._find_query = query
        self.set_highlights("find", ranges, f"{PREFIX}find")
        self.clear_highlights("current")
        self.post_message(FindFinished(query, len(ranges), self))
        if not ranges:
            if jump:
                self.notify(f"Not found: {query}", severity="warning", timeout=2, markup=False)
            return
        if jump:
            self.next_highlight("find", forward=True)

    def go_to_hit(self, start: int, end: int) -> None:
        """Mark [start, end) "current" and bring it on screen (a third of the way down
        when it is not on screen already), as a step of a walk: not a jump."""
        if self.document is None:
            return
        self._walk_position = start
        self._highlights.set("current", [(start, end)], f"{PREFIX}current")
        if self._layout is None:
            self.scroll_to_offset(start, record_jump=False)
        else:
            self._reveal(start, record_jump=False)
        self.refresh()

    def _walk(self, forward: bool) -> None:
        layer = self._walk_layer
        if layer == "search" and self.walks_search_results:
            self.post_message(HitWalkRequested(self, forward))
            return
        if layer is None or self._highlights.get(layer) is None:
            self.notify("Nothing to go to: press / to find in this text", timeout=2)
            return
        self.next_highlight(layer, forward)

    def action_next_hit(self) -> None:
        """Go to the next match (of the find, or of the library search)."""
        self._walk(True)

    def action_previous_hit(self) -> None:
        """Go to the previous match."""
        self._walk(False)
