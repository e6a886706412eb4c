"""The caret and the selection of the reading view, by keyboard and by mouse.

`v` shows a caret (where the reader last had it, if that is on screen, else at the
start of the top line) and starts a selection there; h/l move the caret by character,
w/b by word, ( and ) by sentence, { and } by paragraph, j/k by line, and the selection
follows (it includes the character under the caret). Esc cancels. Dragging the mouse
over the text selects too. The caret coming onto a link is announced (`LinkPointed`).

While the caret is shown, the caret keys replace the scrolling keys they share a
letter with (`check_action`); the rest of the view's keys keep working. What is done
with a selection (annotating it) is `text_annotations`' part.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from reader.core import motions
from reader.core.document import Document
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import LinkPointed
from reader.ui.widgets.text_style import PREFIX

CARET_LAYER = "caret"
SELECTION_LAYER = "selection"

CARET_ACTIONS = frozenset(
    {
        "caret_left",
        "caret_right",
        "caret_down",
        "caret_up",
        "caret_word",
        "caret_word_end",
        "caret_word_back",
        "caret_sentence",
        "caret_sentence_back",
        "caret_paragraph",
        "caret_paragraph_back",
        "caret_cancel",
    }
)
"""Actions that only work while the caret is shown (their keys scroll otherwise)."""

SELECTING_ACTIONS = frozenset({"caret_word_end", "exact_selection"})
"""Actions that only work while a selection is made (their keys edit a highlight else)."""

LEADING_PUNCTUATION = ".,;:!?)]}…"
"""Characters a snapped selection does not start with (the end of the sentence before)."""


class CaretSelection(TextCanvas):
    """The caret and the selection, moved by the caret keys and the mouse."""

    _last_caret: int | None = None
    _pointed_url: str = ""
    """The link the caret was last on (to say when it comes onto another)."""

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._caret: int | None = None
        self._selection_anchor: int | None = None
        self._goal_column: int | None = None
        self._drag_origin: int | None = None
        self._dragged = False
        self._last_caret = None
        self._exact = False

    # --- state --------------------------------------------------------------------------
    @property
    def caret(self) -> int | None:
        """The caret's offset while it is shown (None otherwise)."""
        return self._caret

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected [start, end), if a selection is being made: widened to whole
        words and without the end of the sentence before it, unless `x` asked for the
        exact characters."""
        if self._caret is None or self._selection_anchor is None or self.document is None:
            return None
        text = self.document.text
        lo = min(self._caret, self._selection_anchor)
        hi = min(max(self._caret, self._selection_anchor) + 1, len(text))
        if self._exact:
            return (lo, hi)
        lo, hi = motions.whole_words(text, lo, hi)
        while lo < hi - 1 and (text[lo] in LEADING_PUNCTUATION or text[lo].isspace()):
            lo += 1
        return (lo, hi)

    @property
    def exact(self) -> bool:
        """Whether the selection is the exact characters (else whole words)."""
        return self._exact

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Caret keys count only while the caret is shown (else their key scrolls);
        `e` and `x` are selection keys only while selecting (else `e` edits a note)."""
        if action in SELECTING_ACTIONS:
            return self._caret is not None and self._selection_anchor is not None
        if action in CARET_ACTIONS:
            return self._caret is not None
        return super().check_action(action, parameters)

    def place_caret(self, offset: int, *, select: bool = False) -> None:
        """Show the caret at `offset` (starting a selection there with `select`)."""
        if self.document is None:
            return
        self._caret = self._drawn(self._clamp_offset(offset), forward=True)
        self._selection_anchor = self._caret if select else None
        self._exact = False
        self._goal_column = None
        self._caret_moved()
        self.refresh_bindings()

    def select(self, start: int, end: int) -> None:
        """Select [start, end) (the caret on its last character)."""
        if self.document is None or end <= start:
            return
        self.place_caret(start, select=True)
        self._caret = self._clamp_offset(end - 1)
        self._caret_moved()

    def cancel_selection(self) -> None:
        """Hide the caret and drop the selection."""
        if self._caret is not None:
            self._last_caret = self._caret
        self._caret = None
        self._selection_anchor = None
        self._highlights.clear(CARET_LAYER)
        self._highlights.clear(SELECTION_LAYER)
        if self._pointed_url:
            self._pointed_url = ""
            self.post_message(LinkPointed("", view=self))
        self.refresh()
        self.refresh_bindings()

    def _caret_moved(self) -> None:
        """Draw caret and selection, and keep the caret on screen."""
        caret = self._caret
        if caret is None:
            return
        self._highlights.set(CARET_LAYER, [(caret, caret + 1)], f"{PREFIX}caret")
        selection = self.selection
        if selection is None:
            self._highlights.clear(SELECTION_LAYER)
        else:
            self._highlights.set(SELECTION_LAYER, [selection], f"{PREFIX}selection")
        self._keep_on_screen(caret)
        self.refresh()
        url = self.document.link_at(caret) if self.document is not None else ""
        if url != self._pointed_url:
            self._pointed_url = url
            self.post_message(LinkPointed(url, view=self))

    def _keep_on_screen(self, offset: int) -> None:
        """Scroll the least that shows `offset` (caret moves are not jumps)."""
        if self._layout is None:
            return
        line = self._layout.line_at(offset)
        visible = self._visible_lines()
        if not visible or line in visible:
            return
        if line < visible.start:
            self._scroll_to_line(line)
        else:
            self._scroll_to_line(max(0, line - len(visible) + 1))

    def _drawn(self, offset: int, forward: bool) -> int:
        """The nearest offset at or after (before) `offset` that is drawn on screen:
        not a block separator nor a space swallowed at a line break."""
        layout = self._layout
        if layout is None or not len(layout):
            return offset
        index = layout.line_at(offset)
        step = 1 if forward else -1
        for _ in range(4):  # a separator line, then the next line with text
            line = layout.line(index)
            if line.start <= offset < line.end:
                return offset
            if line.end > line.start:
                return line.end - 1 if not forward or offset < line.start else offset
            if not 0 <= index + step < len(layout):
                break
            index += step
            line = layout.line(index)
            offset = line.start if forward else max(line.start, line.end - 1)
        return offset

    def _start_point(self) -> int:
        """Where the caret appears: where it last was, if on screen, else at the last
        jump's target (a hit, a mark, `--at`) if on screen, else the top line."""
        first, last = self._visible_span()
        if self._last_caret is not None and first <= self._last_caret < last:
            return self._last_caret
        if self._last_target is not None and first <= self._last_target[0] < last:
            return self._drawn(self._last_target[0], forward=True)
        return self._drawn(self.top_offset, forward=True)

    def _current_match(self) -> tuple[int, int] | None:
        """The find match or search hit last jumped to, if it is on screen."""
        current = self._highlights.get("current")
        if current is None or not current.ranges:
            return None
        first, last = self._visible_span()
        start, end = current.ranges[0]
        return (start, end) if first <= start < last and end > start else None

    def _pointed(self) -> int:
        """The offset the one-key actions act on: the caret, or where it would appear."""
        return self._caret if self._caret is not None else self._start_point()

    # --- caret keys ---------------------------------------------------------------------
    def _move(self, target: Callable[[Document, int], int], forward: bool) -> None:
        if self.document is None or self._caret is None:
            return
        self._caret = self._drawn(self._clamp_offset(target(self.document, self._caret)), forward)
        self._goal_column = None
        self._caret_moved()

    def _forward(
        self, to_start: Callable[[Document, int], int], to_end: Callable[[Document, int], int]
    ) -> Callable[[Document, int], int]:
        """While selecting, forward moves stop at ends (the selection holds whole words)."""
        return to_end if self._selection_anchor is not None else to_start

    def action_select(self) -> None:
        """v: show the caret and start a selection; again: stop selecting."""
        if self.document is None:
            return
        if self._caret is None:
            match = self._current_match()
            if match is not None:  # after / or a search hit: start with the match selected
                self.place_caret(match[0], select=True)
                self._caret = self._clamp_offset(match[1] - 1)
                self._caret_moved()
                return
            self.place_caret(self._start_point(), select=True)
        elif self._selection_anchor is None:
            self._selection_anchor = self._caret
            self._caret_moved()
        else:
            self._selection_anchor = None
            self._caret_moved()

    def action_caret_cancel(self) -> None:
        """Esc: hide the caret, drop the selection."""
        self.cancel_selection()

    def action_caret_left(self) -> None:
        """Caret one character left."""
        self._move(lambda _d, o: max(0, o - 1), forward=False)

    def action_caret_right(self) -> None:
        """Caret one character right."""
        self._move(lambda d, o: min(len(d.text) - 1, o + 1), forward=True)

    def action_caret_word(self) -> None:
        """Caret to the start of the next word (vim's w)."""
        self._move(motions.next_word, forward=True)

    def action_caret_word_end(self) -> None:
        """Caret to the end of this or the next word (vim's e), while selecting."""
        self._move(motions.word_end, forward=True)

    def action_exact_selection(self) -> None:
        """x while selecting: the exact characters, or whole words again."""
        self._exact = not self._exact
        self._caret_moved()
        self.notify(
            "Selecting exact characters" if self._exact else "Selecting whole words",
            timeout=2,
        )

    def action_caret_word_back(self) -> None:
        """Caret to the previous word."""
        self._move(motions.previous_word, forward=False)

    def action_caret_sentence(self) -> None:
        """Caret to the next sentence."""
        self._move(self._forward(motions.next_sentence, motions.sentence_end), forward=True)

    def action_caret_sentence_back(self) -> None:
        """Caret to the start of this or the previous sentence."""
        self._move(motions.previous_sentence, forward=False)

    def action_caret_paragraph(self) -> None:
        """Caret to the next paragraph."""
        self._move(self._forward(motions.next_paragraph, motions.paragraph_end), forward=True)

    def action_caret_paragraph_back(self) -> None:
        """Caret to the start of this or the previous paragraph."""
        self._move(motions.previous_paragraph, forward=False)

    def _move_line(self, step: int) -> None:
        layout = self._layout
        if layout is None or self._caret is None:
            return
        index, column = layout.column_of(self._caret)
        goal = self._goal_column if self._goal_column is not None else column
        target = index + step
        while 0 <= target < len(layout) and layout.line(target).end <= layout.line(target).start:
            target += step  # skip the blank line between blocks
        if not 0 <= target < len(layout):
            self.app.bell()
            return
        line = layout.line(target)
        offset = min(layout.offset_at(target, goal), line.end - 1)
        self._caret = max(line.start, offset)
        self._goal_column = goal
        self._caret_moved()

    def action_caret_down(self) -> None:
        """Caret one line down."""
        self._move_line(1)

    def action_caret_up(self) -> None:
        """Caret one line up."""
        self._move_line(-1)

    # --- mouse --------------------------------------------------------------------------
    def offset_near_point(self, x: int, y: int) -> int | None:
        """The offset nearest content coordinates (x, y) on the line there (for drags)."""
        layout = self._layout
        if layout is None or not len(layout):
            return None
        height = max(1, self.scrollable_content_region.height)
        index = self.scroll_offset.y + min(max(y, 0), height - 1)
        index = min(max(index, 0), len(layout) - 1)
        line = layout.line(index)
        column = max(0, x + self.scroll_offset.x - self._margin() - line.indent)
        offset = layout.offset_at(index, column)
        return max(line.start, min(offset, line.end - 1))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Pressing the left button over the text may start a selection."""
        if event.button != 1 or self.document is None:
            return
        point = event.get_content_offset(self)
        if point is None:
            return
        self._drag_origin = self.offset_near_point(point.x, point.y)
        self._dragged = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Dragging selects from where the button went down to the pointer."""
        if self._drag_origin is None:
            return
        if not event.button:
            self._end_drag()
            return
        point = event.get_content_offset_capture(self)
        height = self.scrollable_content_region.height
        if point.y < 0:
            self._scroll_to_line(max(0, self._top_line() - 1))
        elif point.y >= height:
            self._scroll_to_line(min(self.max_scroll_y, self._top_line() + 1))
        offset = self.offset_near_point(point.x, point.y)
        if offset is None or (offset == self._drag_origin and not self._dragged):
            return
        self._dragged = True
        self._selection_anchor = self._drag_origin
        self._caret = offset
        self._caret_moved()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """Releasing the button ends a drag (the selection stays for `a`)."""
        self._end_drag()

    def _end_drag(self) -> None:
        if self._drag_origin is None:
            return
        self._drag_origin = None
        self.release_mouse()
        if self._dragged:
            self.refresh_bindings()

    def on_click(self, event: events.Click) -> None:
        """The click that ends a drag is not a click on a footnote marker."""
        if self._dragged:
            self._dragged = False
            event.prevent_default()
