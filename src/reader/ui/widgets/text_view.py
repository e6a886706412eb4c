"""TextView: the reading view, a Line-API ScrollView over one Document.

Built the way toolong shows big logs: `virtual_size` is the number of display lines of
a `reader.core.layout.Layout`, `render_line(y)` paints only what is on screen, and
painted lines are kept in an LRU cache keyed on everything that changes their look
(the line, the layout, the margin, the highlights touching it). Colours come from
component classes, so themes control them.

Every position is an offset into `Document.text`. The view's position is the offset of
its top line (`top_offset`), kept across resizes and column-width changes, remembered
per document across runs (`reader.core.positions`) and restored by `show()`.

Messages go up: `PositionChanged` after scrolling, `FootnoteOpened` when a marker is
followed, `FindFinished` when an in-document find completes. Methods go down: `show`,
`scroll_to_offset`, `set_highlights`, `clear_highlights`, `next_highlight`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import get_current_worker

from reader.core.document import Document, Marker
from reader.core.layout import MIN_WIDTH, Layout, LayoutCancelled
from reader.core.positions import ReadingPositions
from reader.core.sections import SectionIndex
from reader.ui.widgets.text_find import FindPrompt
from reader.ui.widgets.text_highlights import HighlightLayer, Highlights
from reader.ui.widgets.text_paint import paint_line

PREFIX = "text-view--"
"""Prefix of the view's component classes (Textual's `widget-name--part` convention)."""

DEFAULT_COLUMN = 76
"""The default column width: a comfortable line for long reading."""

COLUMN_LIMITS = (20, 200)
COLUMN_STEP = 4
JUMP_HISTORY = 100
SAVE_DELAY = 1.0
"""Seconds of stillness before the reading position is written to disk."""


class TextView(ScrollView, can_focus=True, inherit_bindings=False):
    """A document reflowed to a readable column, with highlights, marks and find."""

    COMPONENT_CLASSES = {
        f"{PREFIX}{name}"
        for name in (
            "heading-1",
            "heading-2",
            "heading-3",
            "quote",
            "quote-bar",
            "note",
            "pre",
            "emphasis",
            "strong",
            "code",
            "link",
            "marker",
            "marker-cursor",
            "search",
            "find",
            "current",
            "annotation-yellow",
            "annotation-green",
            "annotation-blue",
            "annotation-pink",
            "annotation-purple",
        )
    }
    """Every part of the view's look; highlight layers name one of these."""

    DEFAULT_CSS = """
    TextView {
        scrollbar-gutter: stable;
        overflow-x: auto;
        overflow-y: scroll;
        background: $surface;
        color: $foreground;
    }
    TextView > .text-view--heading-1 { color: $text-accent; text-style: bold underline; }
    TextView > .text-view--heading-2 { color: $text-accent; text-style: bold; }
    TextView > .text-view--heading-3 { color: $text-primary; text-style: bold; }
    TextView > .text-view--quote { color: $foreground 85%; }
    TextView > .text-view--quote-bar { color: $accent; }
    TextView > .text-view--note { color: $text-muted; }
    TextView > .text-view--pre { color: $text-secondary; }
    TextView > .text-view--emphasis { text-style: italic; }
    TextView > .text-view--strong { text-style: bold; }
    TextView > .text-view--code { color: $text-warning; }
    TextView > .text-view--link { color: $text-primary; text-style: underline; }
    TextView > .text-view--marker { color: $text-success; text-style: bold; }
    TextView > .text-view--marker-cursor { background: $success 40%; text-style: bold; }
    TextView > .text-view--search { background: $warning 40%; }
    TextView > .text-view--find { background: $secondary 50%; }
    TextView > .text-view--current { background: $accent 80%; text-style: bold; }
    TextView > .text-view--annotation-yellow { background: $warning 30%; }
    TextView > .text-view--annotation-green { background: $success 30%; }
    TextView > .text-view--annotation-blue { background: $primary 30%; }
    TextView > .text-view--annotation-pink { background: $error 30%; }
    TextView > .text-view--annotation-purple { background: $secondary 30%; }
    """

    SYNC_LAYOUT_LIMIT: ClassVar[int] = 300_000
    """Texts up to this many characters are laid out whole at once (a few ms)."""

    LAYOUT_WINDOW: ClassVar[tuple[int, int]] = (20_000, 60_000)
    """Characters laid out before and after the place shown while a longer text is laid
    out whole in a worker (more than a screenful even on a wide terminal)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", show=False, id="view.down"),
        Binding("k,up", "line_up", "Up", show=False, id="view.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="view.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="view.page_up"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="view.half_down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="view.half_up"),
        Binding("g,home", "go_start", "Start", show=False, id="view.start"),
        Binding("G,end", "go_end", "End", show=False, id="view.end"),
        Binding("h,left", "scroll_left", "Left", show=False, id="view.left"),
        Binding("l,right", "scroll_right", "Right", show=False, id="view.right"),
        Binding("left_square_bracket", "previous_section", "Prev §", id="view.previous_section"),
        Binding("right_square_bracket", "next_section", "Next §", id="view.next_section"),
        Binding("m", "begin_mark", "Set mark", show=False, id="view.set_mark"),
        Binding("apostrophe,grave_accent", "begin_jump", "Go to mark", show=False, id="view.mark"),
        Binding("ctrl+o,backspace", "back", "Back", id="view.back"),
        Binding("enter", "follow_footnote", "Footnote", id="view.footnote"),
        Binding("f", "next_marker", "Next marker", show=False, id="view.next_marker"),
        Binding("F", "previous_marker", "Prev marker", show=False, id="view.previous_marker"),
        Binding("slash", "find", "Find", id="view.find"),
        Binding("n", "next_hit", "Next hit", show=False, id="view.next_hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="view.previous_hit"),
        Binding("plus,equals_sign", "widen", "Wider", show=False, id="view.wider"),
        Binding("minus", "narrow", "Narrower", show=False, id="view.narrower"),
    ]
    """Reading keys; each has an id so the app's keymap can rebind it."""

    column_width: reactive[int] = reactive(DEFAULT_COLUMN, init=False)
    """The widest the text column may be, in cells (+ and - change it)."""

    class PositionChanged(Message):
        """The view scrolled: the offset of the top line, percent read, section trail."""

        def __init__(
            self, offset: int, percent: float, section: str, view: TextView | None = None
        ) -> None:
            super().__init__()
            self.view = view
            """The view that moved (there may be two side by side)."""
            self.offset = offset
            """Offset in `Document.text` of the first visible line."""
            self.percent = percent
            """How much has been read: the bottom of the screen as a percentage."""
            self.section = section
            """The heading trail at the top line ("Part I › Chapter 3")."""

        @property
        def control(self) -> TextView | None:
            return self.view

    class FootnoteOpened(Message):
        """A footnote marker was followed: its label and the note's text ("" if missing)."""

        def __init__(self, label: str, text: str, view: TextView | None = None) -> None:
            super().__init__()
            self.view = view
            """The view whose marker was followed."""
            self.label = label
            """The note label as the text shows it (`16`, `a`, `1*`)."""
            self.text = text
            """The note's projection, `[16] ...`, or "" when the text does not define it."""

        @property
        def control(self) -> TextView | None:
            return self.view

    class FindFinished(Message):
        """An in-document find completed: the query and how many matches it has."""

        def __init__(self, query: str, count: int, view: TextView | None = None) -> None:
            super().__init__()
            self.view = view
            self.query = query
            self.count = count

        @property
        def control(self) -> TextView | None:
            return self.view

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
        view uses the state folder of `app.library` when the app has one, and
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
        self._anchor: tuple[int, int] | None = None  # (offset, top line) after a re-wrap
        self._highlights = Highlights()
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=1024)
        self._style_cache: dict[str, Style] = {}
        self._jumps: list[int] = []
        self._pending_key: Literal["mark", "jump"] | None = None
        self._find_query = ""
        self._walk_layer: str | None = None
        self._walk_position: int | None = None
        self._marker_cursor: Marker | None = None
        self._last_posted: tuple[int, int] | None = None
        self._save_timer: Timer | None = None
        self.set_reactive(TextView.column_width, self._clamp_column(column_width))

    # --- public API ---------------------------------------------------------------------
    def show(self, document: Document, offset: int | None = None) -> None:
        """Show `document` at `offset`, or where the reader left it when offset is None.

        Showing the document already shown only moves to `offset` (a jump, so Ctrl+O
        comes back), keeping its highlights, marks cursor and find.
        """
        if document is self.document and self._layout is not None:
            if offset is not None:
                self.scroll_to_offset(offset)
            return
        self._remember_position(save=True)
        self.document = document
        self._sections = SectionIndex(document)
        self._highlights.clear_all()
        self._jumps.clear()
        self._walk_layer = None
        self._walk_position = None
        self._marker_cursor = None
        self._find_query = ""
        self._last_posted = None
        if offset is None:
            store = self._store()
            offset = (store.offset(document.id) if store else None) or 0
        self._layout = None
        self._whole_layouts = {}
        self._wide = None
        self._anchor = None
        self._pending_offset = self._clamp_offset(offset)
        self._relayout()

    def scroll_to_offset(self, offset: int, *, record_jump: bool = True) -> None:
        """Scroll so the line holding `offset` is the top line (recording a jump)."""
        if self.document is None:
            return
        if record_jump:
            self._record_jump()
        offset = self._clamp_offset(offset)
        if self._layout is None:
            self._pending_offset = offset
            return
        if not self._layout.covers(offset):
            self._pending_offset = offset  # the whole layout goes there when it is ready
        self._scroll_to_line(self._layout.line_at(offset))

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

    def set_highlights(
        self, layer: str, ranges: Sequence[tuple[int, int]], style_class: str
    ) -> None:
        """Highlight `ranges` in layer `layer` with component class `style_class`.

        Layers in use: "search", "find", "current", "annotation-<colour>". n and N walk
        the most recently set of "search" and "find".
        """
        self._highlights.set(layer, ranges, style_class)
        if layer in ("search", "find"):
            self._walk_layer = layer
            self._walk_position = None
        self.refresh()

    def clear_highlights(self, layer: str) -> None:
        """Remove highlight layer `layer`."""
        self._highlights.clear(layer)
        if self._walk_layer == layer:
            other = "search" if layer == "find" else "find"
            self._walk_layer = other if self._highlights.get(other) else None
        self.refresh()

    def highlights(self, layer: str) -> list[tuple[int, int]]:
        """The ranges of layer `layer` (empty if it is not set)."""
        found = self._highlights.get(layer)
        return list(found.ranges) if found else []

    def next_highlight(self, layer: str, forward: bool = True) -> tuple[int, int] | None:
        """Move to the next (or previous) range of `layer`, mark it "current", return it.

        Walks from the last range moved to while it is on screen, else from the top
        of the screen; wraps around at either end.
        """
        found = self._highlights.get(layer)
        if self._layout is None or found is None or not found.ranges:
            return None
        hit = self._step(found, forward)
        self._walk_layer = layer
        self._walk_position = hit[0]
        self._highlights.set("current", [hit], f"{PREFIX}current")
        self._reveal(hit[0])
        self.refresh()
        return hit

    @property
    def find_query(self) -> str:
        """The last query found with `/` ("" if none)."""
        return self._find_query

    # --- rendering ----------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        index = self.scroll_offset.y + y
        if layout is None or self.document is None or index >= len(layout):
            return Strip.blank(width, base)
        start, end = layout.span(index)
        marks = self._highlights.on_line(start, end)
        margin = self._margin()
        key = (self._layout_generation, index, margin, marks)
        strip = self._line_cache.get(key)
        if strip is None:
            line = layout.line(index)
            text = Text(" " * margin, end="", no_wrap=True)
            text.append_text(paint_line(self.document.text, line, marks, self._style_of))
            text.stylize_before(base)
            strip = Strip(text.render(self.app.console), text.cell_len)
            self._line_cache[key] = strip
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, base)

    def notify_style_update(self) -> None:
        """The theme or styles changed: forget painted lines and resolved styles."""
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def _style_of(self, name: str) -> Style:
        """The Rich style of a component class (given with or without the prefix).

        Colours are taken blended against the view's background (so `$warning 40%`
        works) but only where the class sets them, so a highlight's background does not
        wipe out a heading's colour. An unknown class falls back to the search look.
        """
        cached = self._style_cache.get(name)
        if cached is not None:
            return cached
        full_name = name if name.startswith(PREFIX) else PREFIX + name
        if full_name not in self.COMPONENT_CLASSES:
            full_name = f"{PREFIX}search"
        full = self.get_component_rich_style(full_name)
        partial = self.get_component_rich_style(full_name, partial=True)
        style = (
            Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            + partial.without_color
        )
        self._style_cache[name] = style
        return style

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
        """The offset to keep on top across a re-layout."""
        if self._pending_offset is not None:
            keep = self._pending_offset
            self._pending_offset = None
            return keep
        if self._anchor is not None and self._anchor[1] == self._top_line():
            # Not scrolled since the last re-layout: keep the same offset on top, so
            # several re-wraps in a row (+ + -) do not creep back a line each time.
            return self._anchor[0]
        return self.top_offset

    def _install(self, layout: Layout, keep: int) -> None:
        """Show `layout`, with the line holding `keep` on top."""
        self._layout = layout
        self._layout_generation += 1
        self._line_cache.clear()
        self._update_virtual_size()
        self._scroll_to_line(layout.line_at(keep))
        self._anchor = (keep, self._top_line())
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

    # --- scrolling and position ---------------------------------------------------------
    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False, immediate=True, force=True)
        self._position_changed()

    def _reveal(self, offset: int) -> None:
        """Bring `offset` on screen (a third of the way down) if it is not already."""
        if self._layout is None:
            return
        line = self._layout.line_at(offset)
        if line in self._visible_lines():
            return
        self._record_jump()
        height = self.scrollable_content_region.height
        self._scroll_to_line(max(0, line - height // 3))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
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
        text_length = max(1, len(self.document.text))
        lines = self._visible_lines()
        bottom = self._layout.span(lines[-1])[1] if lines else top
        at_end = self.scroll_offset.y >= self.max_scroll_y
        percent = 100.0 if at_end else min(100.0, 100.0 * bottom / text_length)
        section = self._section_at_top()
        self.post_message(self.PositionChanged(top, percent, section, self))
        self._remember_position(save=False)

    def _section_at_top(self) -> str:
        if self._sections is None or self._layout is None:
            return ""
        index = self._top_line()
        # A blank separator line belongs with the block below it, for the breadcrumb.
        if index + 1 < len(self._layout) and self._layout.line(index).block < 0:
            index += 1
        return self._sections.trail_at(self._layout.span(index)[0])

    def _record_jump(self) -> None:
        if self.document is None:
            return
        here = self.top_offset
        if not self._jumps or self._jumps[-1] != here:
            self._jumps.append(here)
            del self._jumps[:-JUMP_HISTORY]

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

    # --- remembering positions ----------------------------------------------------------
    def _store(self) -> ReadingPositions | None:
        """The reading-position store: given, or the app library's, or none."""
        if not self._positions_checked:
            self._positions_checked = True
            root = getattr(getattr(self.app, "library", None), "root", None)
            if root is not None:
                self._positions = ReadingPositions.for_library(root)
                if self._positions.problem:
                    self.notify(self._positions.problem, severity="warning")
        return self._positions

    def _remember_position(self, *, save: bool) -> None:
        if self.document is None or self._layout is None:
            return
        store = self._store()
        if store is None:
            return
        store.remember(self.document.id, self.top_offset, self.document.text_hash)
        if save:
            self._save_positions()
        elif self.is_mounted:
            if self._save_timer is not None:
                self._save_timer.stop()
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_positions)

    def _save_positions(self) -> None:
        store = self._positions
        if store is None:
            return
        try:
            store.save()
        except OSError as exc:
            self.notify(f"Could not save the reading position: {exc}", severity="warning")

    def on_unmount(self) -> None:
        """Keep the reader's place when the view (or the app) goes away."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._remember_position(save=True)

    # --- moving -------------------------------------------------------------------------
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
        target = self._sections.next_start(self.top_offset) if self._sections else None
        if target is None:
            self.app.bell()
            return
        self.scroll_to_offset(target)

    def action_previous_section(self) -> None:
        """Go to the previous heading (the start of this section first)."""
        top = self.top_offset
        if self._layout is not None and self._layout.line(self._top_line()).block < 0:
            top += 1  # on a separator, the section is the one below
        target = self._sections.previous_start(top) if self._sections else None
        if target is None:
            self.app.bell()
            return
        self.scroll_to_offset(target)

    def action_back(self) -> None:
        """Go back to where the last jump started."""
        if not self._jumps:
            self.app.bell()
            return
        self.scroll_to_offset(self._jumps.pop(), record_jump=False)

    def action_widen(self) -> None:
        """Widen the text column."""
        self.column_width += COLUMN_STEP

    def action_narrow(self) -> None:
        """Narrow the text column."""
        self.column_width -= COLUMN_STEP

    # --- marks --------------------------------------------------------------------------
    def action_begin_mark(self) -> None:
        """m: the next letter names a mark set at the top line."""
        self._pending_key = "mark"

    def action_begin_jump(self) -> None:
        """': the next letter names the mark to go to."""
        self._pending_key = "jump"

    def on_key(self, event: events.Key) -> None:
        """Take the letter after m or ' (before any binding sees it)."""
        if self._pending_key is None:
            return
        pending, self._pending_key = self._pending_key, None
        event.stop()
        event.prevent_default()
        letter = event.character or ""
        if event.key == "escape":
            return
        if len(letter) != 1 or not letter.isalpha():
            self.notify("A mark is named by a letter", severity="warning")
            return
        if pending == "mark":
            self.set_mark(letter)
        else:
            self.jump_to_mark(letter)

    def set_mark(self, letter: str) -> None:
        """Set mark `letter` at the top line of the current document."""
        store = self._store()
        if self.document is None or store is None:
            return
        store.set_mark(self.document.id, letter, self.top_offset)
        self._save_positions()
        self.notify(f"Mark {letter} set", timeout=1.5)

    def jump_to_mark(self, letter: str) -> None:
        """Go to mark `letter` (a jump)."""
        store = self._store()
        offset = store.mark(self.document.id, letter) if store and self.document else None
        if offset is None:
            self.notify(f"No mark {letter} in this text", severity="warning")
            return
        self.scroll_to_offset(offset)

    # --- footnotes ----------------------------------------------------------------------
    def _markers_on_screen(self) -> list[Marker]:
        if self.document is None:
            return []
        first, last = self._visible_span()
        return [m for m in self.document.markers if first <= m.start < last]

    def _move_marker_cursor(self, forward: bool) -> None:
        if self.document is None or not self.document.markers:
            self.app.bell()
            return
        markers = self.document.markers
        first, last = self._visible_span()
        cursor = self._marker_cursor
        if cursor is None or not first <= cursor.start < last:
            ahead = [m for m in markers if m.start >= first] if forward else []
            behind = [m for m in markers if m.start < last] if not forward else []
            candidates = ahead if forward else behind
            chosen = (candidates[0] if forward else candidates[-1]) if candidates else None
        else:
            i = markers.index(cursor) + (1 if forward else -1)
            chosen = markers[i] if 0 <= i < len(markers) else None
        if chosen is None:
            self.app.bell()
            return
        self._marker_cursor = chosen
        self._highlights.set("marker-cursor", [(chosen.start, chosen.end)], "marker-cursor")
        self._reveal(chosen.start)
        self.refresh()

    def action_next_marker(self) -> None:
        """Select the next footnote marker (Enter follows it)."""
        self._move_marker_cursor(True)

    def action_previous_marker(self) -> None:
        """Select the previous footnote marker."""
        self._move_marker_cursor(False)

    def action_follow_footnote(self) -> None:
        """Follow the selected footnote marker, or the first one on screen."""
        on_screen = self._markers_on_screen()
        cursor = self._marker_cursor
        marker = cursor if cursor is not None and cursor in on_screen else None
        if marker is None and on_screen:
            marker = on_screen[0]
        if marker is None:
            self.notify("No footnote marker on screen", timeout=2)
            return
        self.follow_marker(marker)

    def follow_marker(self, marker: Marker) -> None:
        """Go to the note `marker` points at (a jump) and post FootnoteOpened."""
        if self.document is None:
            return
        note = self.document.marker_definition(marker)
        self._marker_cursor = marker
        self._highlights.set("marker-cursor", [(marker.start, marker.end)], "marker-cursor")
        if note is None:
            self.notify(f"Note {marker.label} is not in this text", severity="warning")
            self.post_message(self.FootnoteOpened(marker.label, "", self))
            return
        self._highlights.set("current", [(note.start, note.end)], f"{PREFIX}current")
        self.scroll_to_offset(note.start)
        self.refresh()
        self.post_message(self.FootnoteOpened(marker.label, note.text, self))

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

    def on_click(self, event: events.Click) -> None:
        """Clicking a footnote marker follows it."""
        point = event.get_content_offset(self)
        if point is None or self.document is None:
            return
        offset = self.offset_at_point(point.x, point.y)
        if offset is None:
            return
        for marker in self.document.markers:
            if marker.start <= offset < marker.end:
                self.follow_marker(marker)
                return

    # --- find in document ---------------------------------------------------------------
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
        self.post_message(self.FindFinished(query, len(ranges), self))
        if not ranges:
            if jump:
                self.notify(f"Not found: {query}", severity="warning", timeout=2)
            return
        if jump:
            self.next_highlight("find", forward=True)

    def _walk(self, forward: bool) -> None:
        layer = self._walk_layer
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

    def _step(self, layer: HighlightLayer, forward: bool) -> tuple[int, int]:
        """The range after (or before) the walking position, wrapping around."""
        first, last = self._visible_span()
        ref = self._walk_position
        if ref is None or not first <= ref < last:
            ref = first - 1 if forward else first
        hit = layer.after(ref) if forward else layer.before(ref)
        if hit is None:
            hit = layer.ranges[0] if forward else layer.ranges[-1]
            self.notify("Wrapped around the text", timeout=1.5)
        return hit
