"""TextCanvas: the heart of the reading view, a Line-API ScrollView over one Document.

Built the way toolong shows big logs: `virtual_size` is the number of display lines of
a `reader.core.layout.Layout`, and `render_line(y)` (`text_render`) paints only what is
on screen, from a cache of painted lines that this class empties when the layout
changes.

Every position is an offset into `Document.text`. The view's position is the offset of
its top line (`top_offset`), kept across resizes and column-width changes. A jump (a
hit, a mark, a footnote, a section, `--at`) shows its target a third of the way down
(`focus_offset` is the line there), never on the top line.

This class lays out and scrolls; `TextView` adds the rest as one mixin per job
(painting the lines, the highlight layers, announcing the position, scrolling keys,
remembered places, footnotes, find, caret and selection, annotations). The hooks
`_record_jump`, `_remember_position`, `_remembered_offset`, `_position_changed` and
`_reset_document_state` are where those parts join in.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events, work
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.document import Document
from reader.core.layout import MIN_WIDTH, Layout, LayoutCancelled
from reader.core.positions import ReadingPositions
from reader.core.sections import SectionIndex
from reader.ui.widgets.text_highlights import Highlights
from reader.ui.widgets.text_messages import DocumentShown
from reader.ui.widgets.text_style import COMPONENT_CLASSES

DEFAULT_COLUMN = 76
"""The default column width: a comfortable line for long reading."""

COLUMN_LIMITS = (20, 200)

JUMP_ROW = 3
"""A jump's target is shown a third of the way down the view (1/JUMP_ROW), so the
sentence around it is in view, above it as well as below."""


class TextCanvas(ScrollView, can_focus=True, inherit_bindings=False):
    """A document reflowed to a readable column, laid out and scrolled by offset."""

    COMPONENT_CLASSES = COMPONENT_CLASSES

    SYNC_LAYOUT_LIMIT: ClassVar[int] = 300_000
    """Texts up to this many characters are laid out whole at once (a few ms)."""

    LAYOUT_WINDOW: ClassVar[tuple[int, int]] = (20_000, 60_000)
    """Characters laid out before and after the place shown while a longer text is laid
    out whole in a worker (more than a screenful even on a wide terminal)."""

    column_width: reactive[int] = reactive(DEFAULT_COLUMN, init=False)
    """The widest the text column may be, in cells (+ and - change it)."""

    def __init__(
        self,
        *,
        positions: ReadingPositions | None = None,
        column_width: int = DEFAULT_COLUMN,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        """`positions` is where reading positions and marks are kept; without it the
        view uses the state folder `app.folders.state` when the app has one, and
        remembers nothing otherwise."""
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.document: Document | None = None
        """The document shown, if any."""
        self._positions = positions
        self._positions_checked = positions is not None
        self._layout: Layout | None = None
        self._layout_generation = 0
        self._whole_layouts: dict[int, Layout] = {}  # by width, for the current document
        self._wide: bool | None = None  # whether the current document has wide characters
        self._sections: SectionIndex | None = None
        self._pending_offset: int | None = None
        self._pending_jump = False  # the pending offset goes a third down, not on top
        # The offset the last jump went to, and the top line it left the view at.
        self._last_target: tuple[int, int] | None = None
        self._anchor: tuple[int, int] | None = None  # (offset, top line) after a re-wrap
        self._highlights = Highlights()
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=1024)
        self._style_cache: dict[str, Style] = {}
        self._walk_layer: str | None = None
        self._walk_position: int | None = None
        self._last_posted: tuple[int, int] | None = None
        self._reset_document_state()
        self.set_reactive(TextCanvas.column_width, self._clamp_column(column_width))

    # --- hooks for the parts of the view ------------------------------------------------
    def _reset_document_state(self) -> None:
        """Forget what belongs to the document shown (extended by each part)."""
        self.sideways = 0
        """How far wide tables and preformatted blocks are shifted left (prose never is)."""
        self._highlights.clear_all()
        self._walk_layer = None
        self._walk_position = None
        self._last_posted = None
        self._last_target = None

    def _record_jump(self) -> None:
        """The view is about to jump elsewhere (the jump list records where from)."""

    def _remember_position(self, *, save: bool) -> None:
        """The top line moved (remembered per document, saved now or soon)."""

    def _remembered_offset(self, doc_id: str) -> int | None:
        """Where the reader left `doc_id` last time, if known."""
        return None

    def _position_changed(self) -> None:
        """The top line may have moved (announced by `text_position`)."""

    # --- public API ---------------------------------------------------------------------
    def show(
        self,
        document: Document,
        offset: int | None = None,
        *,
        record_jump: bool = True,
        on_top: bool = False,
    ) -> None:
        """Show `document` at `offset` (a jump: shown a third of the way down, or on the
        top line with `on_top`), or where the reader left it when offset is None.

        Showing the document already shown only moves to `offset`, keeping its
        highlights, marks cursor and find. Leaving another document is a jump too
        (Ctrl+O comes back to it) unless `record_jump` is False. A new document is
        announced with `DocumentShown`.
        """
        if document is self.document and self._layout is not None:
            if offset is not None:
                self.scroll_to_offset(offset, record_jump=record_jump, on_top=on_top)
            return
        if record_jump:
            self._record_jump()  # leaving a document is a jump (nothing if none is shown)
        self._remember_position(save=True)
        self.document = document
        self._sections = SectionIndex(document)
        self._reset_document_state()
        explicit = offset is not None
        if offset is None:
            offset = self._remembered_offset(document.id) or 0
        self._layout = None
        self._whole_layouts = {}
        self._wide = None
        self._anchor = None
        self._pending_offset = self._clamp_offset(offset)
        self._pending_jump = not on_top and explicit
        self._relayout()
        # Posted from the view's own queue: a message sent while an ancestor (the screen
        # opening the document) is running would not bubble up past that ancestor.
        self.call_later(self._announce_document, document)

    def _announce_document(self, document: Document) -> None:
        if document is self.document:
            self.post_message(DocumentShown(document, self))

    def scroll_to_offset(
        self, offset: int, *, record_jump: bool = True, on_top: bool = False
    ) -> None:
        """Jump to `offset`: its line a third of the way down the view (on the top line
        with `on_top`), recording a jump unless `record_jump` is False."""
        if self.document is None:
            return
        if record_jump:
            self._record_jump()
        offset = self._clamp_offset(offset)
        self._last_target = None
        if self._layout is None:
            self._pending_offset = offset
            self._pending_jump = not on_top
            return
        if not self._layout.covers(offset):
            self._pending_offset = offset  # the whole layout goes there when it is ready
            self._pending_jump = not on_top
        line = self._layout.line_at(offset)
        self._scroll_to_line(line if on_top else max(0, line - self._jump_row()))
        self._last_target = (offset, self._top_line())

    def _jump_row(self) -> int:
        """The row of the view a jump's target is shown on."""
        # Counted without the horizontal scrollbar, which comes and goes with the text.
        height = self.scrollable_content_region.height + self.scrollbar_size_horizontal
        return max(0, height // JUMP_ROW)

    @property
    def focus_offset(self) -> int:
        """The offset of the line a third of the way down the view: where jumps show
        their targets, and the place a jump leaves from (what Ctrl+O comes back to)."""
        if self._layout is None or not len(self._layout):
            return self.top_offset
        line = min(len(self._layout) - 1, self._top_line() + self._jump_row())
        return self._layout.span(line)[0]

    @property
    def top_offset(self) -> int:
        """The offset of the first visible line (0 when nothing is shown)."""
        if self._layout is None or not len(self._layout):
            return self._pending_offset or 0
        return self._layout.span(self._top_line())[0]

    @property
    def text_layout(self) -> Layout | None:
        """The current layout (None until the view has a size and a document)."""
        return self._layout

    # --- geometry -----------------------------------------------------------------------
    def _text_width(self) -> int:
        available = self.scrollable_content_region.width - 2
        return max(MIN_WIDTH, min(self.column_width, available))

    def _margin(self) -> int:
        if self._layout is None:
            return 1
        return max(1, (self.scrollable_content_region.width - self._layout.width) // 2)

    def _top_line(self) -> int:
        if self._layout is None:
            return 0
        return min(self.scroll_offset.y, max(0, len(self._layout) - 1))

    def _visible_lines(self) -> range:
        if self._layout is None:
            return range(0)
        top = self._top_line()
        return range(top, min(len(self._layout), top + self.scrollable_content_region.height))

    def _visible_span(self) -> tuple[int, int]:
        """[first, last) offsets of the text on screen."""
        lines = self._visible_lines()
        if self._layout is None or not lines:
            return (0, 0)
        return (self._layout.span(lines[0])[0], self._layout.span(lines[-1])[1] + 1)

    def seen_offset(self) -> int:
        """How far the reader has seen: the offset just past the last line on screen, or
        the text's length when the view is scrolled to its end (what the percent read is
        of, on the status line and in the library)."""
        lines = self._visible_lines()
        if self.document is None or self._layout is None or not lines:
            return self.top_offset
        if self.scroll_offset.y >= self.max_scroll_y:
            return len(self.document.text)
        return self._layout.span(lines[-1])[1]

    def _relayout(self) -> None:
        """Lay the document out for the current width, keeping the top offset in place.

        A long text first gets a window of blocks around the place to show, laid out
        at once, and the whole text is laid out in a worker that swaps itself in when
        done: the first screen never waits for the rest of the book.
        """
        document = self.document
        if document is None or self.scrollable_content_region.width <= 0:
            return  # not sized yet: on_resize does it
        width = self._text_width()
        if self._layout is not None and self._layout.width == width:
            return
        keep = self._keep_offset()
        whole = self._whole_layouts.get(width)
        if whole is None and len(document.text) <= self.SYNC_LAYOUT_LIMIT:
            whole = Layout(document, width, wide=self._wide)
            self._remember_layout(whole)
        if whole is not None:
            self._install(whole, keep)
            return
        self._install(Layout.window(document, width, keep, *self.LAYOUT_WINDOW), keep)
        # Start after the first frame is painted, so the worker does not compete with it.
        self.call_after_refresh(self._whole_layout_worker, document, width, self._wide)

    def _keep_offset(self) -> int:
        """The offset to keep on top across a re-layout (for a pending jump, its target)."""
        if self._pending_offset is not None:
            keep = self._pending_offset
            self._pending_offset = None
            return keep
        self._pending_jump = False
        if self._last_target is not None and self._last_target[1] == self._top_line():
            # Not scrolled since the last jump: its target stays a third of the way down.
            self._pending_jump = True
            return self._last_target[0]
        if self._anchor is not None and self._anchor[1] == self._top_line():
            # Not scrolled since the last re-layout: keep the same offset on top, so
            # several re-wraps in a row (+ + -) do not creep back a line each time.
            return self._anchor[0]
        return self.top_offset

    def _install(self, layout: Layout, keep: int) -> None:
        """Show `layout`, with the line holding `keep` on top (a third of the way down
        when `keep` is a pending jump's target)."""
        self._layout = layout
        self._layout_generation += 1
        self._line_cache.clear()
        self._update_virtual_size()
        line = layout.line_at(keep)
        jump, self._pending_jump = self._pending_jump, False
        if jump:
            line = max(0, line - self._jump_row())
        self._scroll_to_line(line)
        self._anchor = (self.top_offset if jump else keep, self._top_line())
        if jump:
            self._last_target = (keep, self._top_line())
        self.refresh()

    def _remember_layout(self, layout: Layout) -> None:
        self._wide = layout.wide
        self._whole_layouts[layout.width] = layout
        while len(self._whole_layouts) > 4:
            del self._whole_layouts[next(iter(self._whole_layouts))]

    # A description is given so that Textual does not repr() the whole Document.
    @work(
        thread=True,
        exclusive=True,
        group="text-view-layout",
        exit_on_error=False,
        description="laying out the text",
    )
    def _whole_layout_worker(self, document: Document, width: int, wide: bool | None) -> None:
        worker = get_current_worker()
        if document is not self.document:
            return
        try:
            layout = Layout(document, width, wide=wide, cancelled=lambda: worker.is_cancelled)
        except LayoutCancelled:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._whole_layout_ready, layout)

    def _whole_layout_ready(self, layout: Layout) -> None:
        if layout.document is not self.document:
            return
        self._remember_layout(layout)
        current = self._layout
        if current is not None and current.is_window and current.width == layout.width:
            self._install(layout, self._keep_offset())

    def _update_virtual_size(self) -> None:
        if self._layout is None:
            self.virtual_size = Size(0, 0)
            return
        self.virtual_size = Size(self._margin() + self._layout.max_cells, len(self._layout))

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width available changes; the margin follows the width."""
        self._line_cache.clear()
        self._relayout()
        self._update_virtual_size()

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False, immediate=True, force=True)
        self._position_changed()

    def _reveal(self, offset: int, record_jump: bool = True) -> None:
        """Bring `offset` on screen (a third of the way down) if it is not already."""
        if self._layout is None:
            return
        line = self._layout.line_at(offset)
        if line in self._visible_lines():
            return
        if record_jump:
            self._record_jump()
        self._scroll_to_line(max(0, line - self._jump_row()))
        self._last_target = (offset, self._top_line())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._position_changed()

    def _clamp_offset(self, offset: int) -> int:
        if self.document is None:
            return 0
        return min(max(0, offset), len(self.document.text))

    @staticmethod
    def _clamp_column(width: int) -> int:
        return min(max(width, COLUMN_LIMITS[0]), COLUMN_LIMITS[1])

    def validate_column_width(self, width: int) -> int:
        return self._clamp_column(width)

    def watch_column_width(self) -> None:
        self._relayout()

    # --- points -------------------------------------------------------------------------
    def offset_at_point(self, x: int, y: int) -> int | None:
        """The offset shown at content coordinates (x, y), if text is there."""
        if self._layout is None:
            return None
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self._layout):
            return None
        line = self._layout.line(index)
        column = x + self.scroll_offset.x - self._margin() - line.indent
        if column < 0:
            return None
        offset = self._layout.offset_at(index, column)
        return offset if offset < line.end else None
