"""The widths of the side panes: < and >, and the room the search results get.

A base of `MainScreen`. `<` and `>` make the focused side pane (from the text, the side
panel) narrower or wider. The side panel keeps two widths set that way, one for its
usual pages and one for search results; the app remembers both across runs
(`side_widths`, `restore_side_widths`). While the results have focus (or no text is
open) they get most of the width (`results_width`), the library hidden when the text
would be left too narrow and shown again when the text has the keys back.
"""

from __future__ import annotations

from textual.widget import Widget

from reader.ui.messages import PanesChanged
from reader.ui.screens.screen_parts import ScreenParts
from reader.ui.widgets.side_panel import SEARCH

PANE_STEP = 4
PANE_MIN = 16
MIN_TEXT = 40
"""Below this many columns left for the text, the search hides the library pane."""


def results_width(screen: int) -> int:
    """The width of the side panel while it shows search results: about 60% of the
    screen, and at least 56 columns (all of a narrow screen but 22 for the text)."""
    return max(min(screen - 22, 56), screen * 62 // 100)


class PaneWidths(ScreenParts):
    """The side panes' widths, set with < and > and fitted to the search results."""

    _search_width: int | None = None
    """The results' width as set with < and > (None: `results_width`)."""
    _side_width: int | None = None
    """The side panel's width on its other pages as set with < and >."""
    _library_hidden_for_search = False

    # Provided by MainScreen.
    def _pane_of(self, widget: Widget | None) -> Widget | None:
        raise NotImplementedError

    def _fit_panes(self, keep: Widget | None = None) -> None:
        raise NotImplementedError

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
        self.post_message(PanesChanged())

    def side_widths(self) -> tuple[int | None, int | None]:
        """The side panel's widths set with < and >: on its usual pages, and while it
        shows search results (None: the default)."""
        return self._side_width, self._search_width

    def restore_side_widths(self, side: int | None, search: int | None) -> None:
        """Set the side panel's widths as remembered (None: the default), taken when the
        panes are next fitted (the panel is not even mounted before the first frame)."""
        self._side_width, self._search_width = side, search
