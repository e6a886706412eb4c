"""The main screen's parts, declared once for the bases that use them.

`MainScreen` is assembled from bases with one flow each (`view_marks`, `hit_walk`,
`library_search`, `library_loading`, `pane_widths`, `screen_requests`). They use the
screen's parts (the library pane, the reading area, the side panel, the status line),
which `MainScreen` provides; `ScreenParts` declares them, typed, so that each base reads
and type-checks on its own and a renamed part is an error, not a feature switched off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from reader.ui.widgets.library_pane import LibraryPane
    from reader.ui.widgets.reading_area import ReadingArea
    from reader.ui.widgets.side_panel import SidePanel
    from reader.ui.widgets.status_bar import StatusBar


class ScreenParts(Screen[None]):
    """The parts of the main screen its bases use (provided by `MainScreen`)."""

    @property
    def library_pane(self) -> LibraryPane:
        """The library pane (the catalog's table)."""
        raise NotImplementedError

    @property
    def reading(self) -> ReadingArea:
        """The reading area (one view, or two side by side)."""
        raise NotImplementedError

    @property
    def side(self) -> SidePanel:
        """The side panel (contents, search results, notes)."""
        raise NotImplementedError

    @property
    def status(self) -> StatusBar:
        """The status line."""
        raise NotImplementedError
