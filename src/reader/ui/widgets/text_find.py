"""Find in the document shown: the view's part that finds and walks the matches.

`FindInText` (a mixin of `TextView`) finds case-insensitively in a thread worker,
highlights every match and walks them with n and N. `/` asks for the query with
`FindRequested` (the app shows `reader.ui.screens.find_prompt.FindPrompt`); the view
finds as the reader types, and Escape puts back what was found before.
"""

from __future__ import annotations

import re

from textual import work
from textual.worker import get_current_worker

from reader.core.document import Document
from reader.ui.widgets.text_layers import HighlightLayers
from reader.ui.widgets.text_messages import FindFinished, FindRequested, HitWalkRequested
from reader.ui.widgets.text_style import PREFIX


class FindInText(HighlightLayers):
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

        self.post_message(
            FindRequested(start_query, lambda q: self.find(q, jump=False), done, self)
        )

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
