"""The caret and the selection of the reading view, and the annotations drawn in it.

`v` shows a caret (where the reader last had it, if that is on screen, else at the
start of the top line) and starts a selection there; h/l move the caret by character,
w/b by word, ( and ) by sentence, { and } by paragraph, j/k by line, and the selection
follows (it includes the character under the caret). Esc cancels. Dragging the mouse
over the text selects too. `a` asks for the selection to be annotated, S and P for
the sentence or the paragraph under the caret to be highlighted.

The view does not keep annotations: whoever does gives it their spans
(`set_annotations`), which are drawn in their colour and walked with `.` and `,` (the
caret lands on each). Actions on "the annotation under the caret" (edit, recolour,
delete, $EDITOR) and the others are posted as `AnnotationRequested` messages.

While the caret is shown, the caret keys replace the scrolling keys they share a
letter with (`check_action`); the rest of the view's keys keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events

from reader.core import motions
from reader.core.annotations import PALETTE
from reader.core.document import Document
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import (
    AnnotationAction,
    AnnotationPointed,
    AnnotationRequested,
    LinkPointed,
)
from reader.ui.widgets.text_style import ANNOTATION_CLASSES, NOTED_CLASS, PREFIX

CARET_LAYER = "caret"
SELECTION_LAYER = "selection"
NOTED_LAYER = "annotation-noted"

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


@dataclass(frozen=True, slots=True)
class AnnotationSpan:
    """An annotation as the view draws it: where, in which colour, with a note or not."""

    start: int
    end: int
    colour: str
    noted: bool
    annotation_id: str


class CaretSelection(TextCanvas):
    """The caret, the selection, and the annotations drawn in the view."""

    _last_caret: int | None = None
    _pointed_id: str | None = None
    _pointed_url: str = ""
    """The highlight the caret was last on (to say when it comes onto another)."""

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._caret: int | None = None
        self._selection_anchor: int | None = None
        self._goal_column: int | None = None
        self._drag_origin: int | None = None
        self._dragged = False
        self._last_caret = None
        self._annotations: list[AnnotationSpan] = []
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
        under = self.annotation_at(caret)
        under_id = under.annotation_id if under is not None else None
        if under_id != self._pointed_id:
            self._pointed_id = under_id
            if under_id is not None:
                self.post_message(AnnotationPointed(under_id, view=self))

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

    # --- annotations --------------------------------------------------------------------
    def set_annotations(self, spans: Sequence[AnnotationSpan]) -> None:
        """Draw these annotations (replacing those drawn before), each in its colour."""
        self._annotations = sorted(spans, key=lambda s: (s.start, s.end))
        for colour in PALETTE:
            ranges = [(s.start, s.end) for s in self._annotations if s.colour == colour]
            if ranges:
                self._highlights.set(f"annotation-{colour}", ranges, ANNOTATION_CLASSES[colour])
            else:
                self._highlights.clear(f"annotation-{colour}")
        noted = [(s.start, s.end) for s in self._annotations if s.noted]
        if noted:
            self._highlights.set(NOTED_LAYER, noted, NOTED_CLASS)
        else:
            self._highlights.clear(NOTED_LAYER)
        self.refresh()

    @property
    def annotation_spans(self) -> list[AnnotationSpan]:
        """The annotations drawn, in text order."""
        return list(self._annotations)

    def annotation_at(self, offset: int) -> AnnotationSpan | None:
        """The annotation drawn over `offset` (the shortest, if several overlap)."""
        found = [s for s in self._annotations if s.start <= offset < s.end]
        return min(found, key=lambda s: s.end - s.start) if found else None

    def _pointed_annotation(self) -> AnnotationSpan | None:
        """The annotation under the caret; without a caret, the only one on screen."""
        if self._caret is not None:
            return self.annotation_at(self._caret)
        first, last = self._visible_span()
        shown = [s for s in self._annotations if s.start < last and s.end > first]
        if self._last_caret is not None and first <= self._last_caret < last:
            under = self.annotation_at(self._last_caret)
            if under is not None:
                return under
        return shown[0] if len(shown) == 1 else None

    def _walk_annotations(self, forward: bool) -> None:
        if not self._annotations:
            self.notify("No highlights in this text yet: v selects, a annotates", timeout=3)
            return
        here = self._pointed() if self._caret is not None else self.top_offset - 1
        starts = [s.start for s in self._annotations]
        if forward:
            ahead = [s for s in starts if s > here]
            target = ahead[0] if ahead else starts[0]
        else:
            behind = [s for s in starts if s < here]
            target = behind[-1] if behind else starts[-1]
        if (forward and target <= here) or (not forward and target >= here):
            self.notify("Wrapped around the text", timeout=1.5)
        self._reveal(target)
        self.place_caret(target)

    def action_next_annotation(self) -> None:
        """Caret to the next highlight."""
        self._walk_annotations(True)

    def action_previous_annotation(self) -> None:
        """Caret to the previous highlight."""
        self._walk_annotations(False)

    def _request(
        self,
        action: AnnotationAction,
        start: int | None = None,
        end: int | None = None,
        annotation_id: str | None = None,
    ) -> None:
        self.post_message(
            AnnotationRequested(
                action, start=start, end=end, annotation_id=annotation_id, view=self
            )
        )

    def action_annotate(self) -> None:
        """Highlight the selection and write a note on it."""
        span = self._trimmed(self.selection)
        if span is None:
            self.notify("Select some text first: v starts a selection", timeout=3)
            return
        self.cancel_selection()
        existing = self._annotation_covering(span)
        if existing is not None:  # the same passage again: edit its note, no duplicate
            self._request("edit", annotation_id=existing.annotation_id)
            return
        self._request("annotate", start=span[0], end=span[1])

    def _annotation_covering(self, span: tuple[int, int]) -> AnnotationSpan | None:
        """An annotation that already highlights (nearly) exactly `span`: the same start
        and end give or take a few characters of white space or punctuation."""
        for existing in self._annotations:
            if abs(existing.start - span[0]) <= 2 and abs(existing.end - span[1]) <= 2:
                return existing
        return None

    def _trimmed(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """`span` without white space at either end (None if nothing is left)."""
        if span is None or self.document is None:
            return None
        start, end = span
        chosen = self.document.text[start:end]
        start += len(chosen) - len(chosen.lstrip())
        end -= len(chosen) - len(chosen.rstrip())
        return (start, end) if end > start else None

    def action_highlight_sentence(self) -> None:
        """Highlight the sentence under the caret."""
        if self.document is not None:
            span = motions.sentence_at(self.document, self._pointed())
            self._highlight(span)

    def action_highlight_paragraph(self) -> None:
        """Highlight the paragraph under the caret."""
        if self.document is not None:
            self._highlight(motions.paragraph_at(self.document, self._pointed()))

    def _highlight(self, span: tuple[int, int] | None) -> None:
        span = self._trimmed(span)
        if span is None:
            self.notify("Nothing to highlight here", timeout=2)
            return
        if self._caret is not None:
            self._selection_anchor = None
            self._caret_moved()
        existing = self._annotation_covering(span)
        if existing is not None:
            self.notify("Already highlighted: e edits its note, c recolours it", timeout=3)
            self.place_caret(existing.start)
            return
        self._request("highlight", start=span[0], end=span[1])

    def _on_pointed(self, action: AnnotationAction) -> None:
        span = self._pointed_annotation()
        if span is None:
            self.notify(
                "Put the caret on a highlight first (. goes to the next one)",
                timeout=3,
            )
            return
        self._request(action, annotation_id=span.annotation_id, start=span.start, end=span.end)

    def action_edit_annotation(self) -> None:
        """Edit the note, colour and tags of the highlight under the caret."""
        self._on_pointed("edit")

    def action_recolour_annotation(self) -> None:
        """Give the highlight under the caret the next colour of the palette."""
        self._on_pointed("recolour")

    def action_delete_annotation(self) -> None:
        """Delete the highlight under the caret (u brings it back)."""
        self._on_pointed("delete")

    def action_external_edit(self) -> None:
        """Write the note of the highlight under the caret in $EDITOR."""
        self._on_pointed("external")

    def action_undo_delete(self) -> None:
        """Undo the last change to this document's annotations (create, edit, recolour,
        delete); the binding keeps its old id so remapped keys still work."""
        self._request("undo")

    def action_redo_change(self) -> None:
        """Make the last undone change again."""
        self._request("redo")

    def action_document_note(self) -> None:
        """Write a note on the whole document."""
        self._request("document")
