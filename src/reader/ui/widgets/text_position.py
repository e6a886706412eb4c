"""Where the reader is in the reading view: announced as the view moves.

Every move of the top line posts one `PositionChanged` (the top offset, how far the
reader has seen and the percent read to there, as the library shows it too, and the
section trail of the line a third down, where jumps show their target) and asks for the
place to be remembered (`text_memory`). `announce_position` posts it again when the view
becomes the active one.

A mixin of `TextView` on `text_canvas.TextCanvas`.
"""

from __future__ import annotations

from reader.core.reading_progress import percent_read
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import PositionChanged


class PositionReports(TextCanvas):
    """Posts `PositionChanged` when the top line moves."""

    def announce_position(self) -> None:
        """Post PositionChanged even if the top line did not move (the view has just
        become the active one, and the breadcrumb must follow it)."""
        self._last_posted = None
        self._position_changed()

    def _position_changed(self) -> None:
        """Post PositionChanged if the top line moved, and schedule saving it."""
        if self.document is None or self._layout is None:
            return
        top = self.top_offset
        key = (id(self.document), top)
        if key == self._last_posted:
            return
        self._last_posted = key
        seen = self.seen_offset()
        percent = percent_read(seen, len(self.document.text))
        section = self._section_at_top()
        self.post_message(PositionChanged(top, percent, section, self, seen))
        self._remember_position(save=False)

    def _section_at_top(self) -> str:
        """The section trail of the line a third down (where jumps show their target)."""
        if self._sections is None or self._layout is None:
            return ""
        index = min(len(self._layout) - 1, self._top_line() + self._jump_row())
        # A blank separator line belongs with the block below it, for the breadcrumb.
        if index + 1 < len(self._layout) and self._layout.line(index).block < 0:
            index += 1
        return self._sections.trail_at(self._layout.span(index)[0])
