"""Scrolling keys of the reading view: lines, pages, start and end, sections, width,
and the sideways shift of wide tables and preformatted blocks (h/l, the arrows).

A mixin of `TextView`; the keys are bound in `TextView.BINDINGS`.
"""

from __future__ import annotations

from reader.core.document import PRE, TABLE
from reader.ui.widgets.text_canvas import TextCanvas

COLUMN_STEP = 4
SIDEWAYS_STEP = 8
"""Columns that h/l (or the arrows) shift a wide table sideways."""


class Scrolling(TextCanvas):
    """Moving through the text by line, page, section; widening the column."""

    def jump_reference(self) -> int:
        """Where a relative jump (the next section) counts from: the last jump's target
        while the view has not moved since, else the top line at the start of the text,
        else the line a third down."""
        if self._last_target is not None and self._last_target[1] == self._top_line():
            return self._last_target[0]
        return self.top_offset if self._top_line() == 0 else self.focus_offset

    def action_scroll_right(self) -> None:
        """Shift the wide tables and preformatted blocks on screen left, to show more of
        their right side (prose never scrolls sideways: it is wrapped to the column)."""
        widest = self.widest_block_line()
        if not widest:
            self.sideways = 0
            self.notify("Nothing here is cut off at the side", timeout=2)
            return
        limit = widest - self.scrollable_content_region.width + 1
        self.sideways = min(limit, self.sideways + SIDEWAYS_STEP)
        self.refresh()

    def action_scroll_left(self) -> None:
        """Shift the wide blocks back towards their left edge."""
        self.sideways = max(0, self.sideways - SIDEWAYS_STEP)
        self.refresh()

    def widest_block_line(self) -> int:
        """The widest table or preformatted line on screen (0 if none is wider than
        the view): how far sideways scrolling can go."""
        layout = self._layout
        if layout is None:
            return 0
        width = self.scrollable_content_region.width
        widest = 0
        for index in self._visible_lines():
            line = layout.line(index)
            if line.kind in (TABLE, PRE):
                cells = self._margin() + line.indent + (line.end - line.start)
                widest = max(widest, cells)
        return widest if widest > width else 0

    def _scroll_by(self, lines: int) -> None:
        self._scroll_to_line(max(0, min(self.max_scroll_y, self._top_line() + lines)))

    def _page(self) -> int:
        # Keep two lines of the old page on screen for the eye to find its place.
        return max(1, self.scrollable_content_region.height - 2)

    def action_line_down(self) -> None:
        """Scroll one line down."""
        self._scroll_by(1)

    def action_line_up(self) -> None:
        """Scroll one line up."""
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        """Scroll a screenful down."""
        self._scroll_by(self._page())

    def action_page_up(self) -> None:
        """Scroll a screenful up."""
        self._scroll_by(-self._page())

    def action_half_page_down(self) -> None:
        """Scroll half a screen down."""
        self._scroll_by(max(1, self.scrollable_content_region.height // 2))

    def action_half_page_up(self) -> None:
        """Scroll half a screen up."""
        self._scroll_by(-max(1, self.scrollable_content_region.height // 2))

    def action_go_start(self) -> None:
        """Go to the start of the text (a jump: Ctrl+O comes back)."""
        self._record_jump()
        self._scroll_to_line(0)

    def action_go_end(self) -> None:
        """Go to the end of the text (a jump)."""
        self._record_jump()
        self._scroll_to_line(self.max_scroll_y)

    def action_next_section(self) -> None:
        """Go to the next heading."""
        target = self._sections.next_start(self.jump_reference()) if self._sections else None
        if target is None:
            self.app.bell()
            return
        self.scroll_to_offset(target)

    def action_previous_section(self) -> None:
        """Go to the previous heading (the start of this section first)."""
        top = self.jump_reference()
        if self._layout is not None and self._layout.line(self._layout.line_at(top)).block < 0:
            top += 1  # on a separator, the section is the one below
        target = self._sections.previous_start(top) if self._sections else None
        if target is None:
            self.app.bell()
            return
        self.scroll_to_offset(target)

    def action_widen(self) -> None:
        """Widen the text column."""
        self.column_width += COLUMN_STEP

    def action_narrow(self) -> None:
        """Narrow the text column."""
        self.column_width -= COLUMN_STEP
