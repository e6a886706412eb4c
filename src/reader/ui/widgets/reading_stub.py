"""A stand-in for the reading view with the same API, used until `text_view` lands."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.document import Document


class TextView(ScrollView, can_focus=True):
    """The document, wrapped to a column, with highlight layers (a minimal stand-in)."""

    COMPONENT_CLASSES = {"text-view--search", "text-view--find", "text-view--current"}
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", id="view.down", show=False),
        Binding("k,up", "scroll_up", "Up", id="view.up", show=False),
        Binding("n", "next_hit", "Next hit", id="view.next_hit"),
        Binding("N", "previous_hit", "Previous hit", id="view.previous_hit"),
    ]
    DEFAULT_CSS = """
    TextView > .text-view--search { background: $warning 40%; }
    TextView > .text-view--find { background: $accent 40%; }
    TextView > .text-view--current { background: $accent; }
    """

    class PositionChanged(Message):
        """The top of the view moved."""

        def __init__(self, view: TextView, offset: int, percent: float, section: str) -> None:
            super().__init__()
            self.view = view
            self.offset = offset
            self.percent = percent
            self.section = section

        @property
        def control(self) -> TextView:
            return self.view

    class FootnoteOpened(Message):
        """A footnote marker was followed."""

        def __init__(self, label: str, text: str) -> None:
            super().__init__()
            self.label = label
            self.text = text

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self._lines: list[tuple[int, str]] = []
        self._layers: dict[str, tuple[list[tuple[int, int]], str]] = {}

    def show(self, document: Document, offset: int | None = None) -> None:
        self.document = document
        self._lines = []
        for block in document.blocks:
            pos = block.start
            for line in textwrap.wrap(block.text, 76) or [""]:
                at = document.text.find(line, pos)
                self._lines.append((at, line))
                pos = at + len(line)
            self._lines.append((block.end, ""))
        self.virtual_size = self.virtual_size.with_height(len(self._lines))
        self.call_after_refresh(self.scroll_to_offset, offset or 0)
        self.refresh()

    def _line_of(self, offset: int) -> int:
        for y, (start, _text) in enumerate(self._lines):
            if start > offset:
                return max(0, y - 1)
        return max(0, len(self._lines) - 1)

    def scroll_to_offset(self, offset: int, *, record_jump: bool = True) -> None:
        self.scroll_to(y=self._line_of(offset), animate=False, immediate=True)
        self._post_position()

    @property
    def top_offset(self) -> int:
        y = int(self.scroll_offset.y)
        return self._lines[y][0] if y < len(self._lines) else 0

    def _post_position(self) -> None:
        if self.document is None:
            return
        top = self.top_offset
        heading = self.document.section_at(top)
        percent = 100.0 * top / max(1, len(self.document.text))
        self.post_message(
            self.PositionChanged(self, top, percent, heading.text if heading else "")
        )

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._post_position()

    def set_highlights(self, layer: str, ranges: Sequence[tuple[int, int]], style_class: str) -> None:
        self._layers[layer] = (sorted(ranges), style_class)
        self.refresh()

    def clear_highlights(self, layer: str) -> None:
        self._layers.pop(layer, None)
        self.refresh()

    def highlights(self, layer: str) -> list[tuple[int, int]]:
        return list(self._layers.get(layer, ([], ""))[0])

    def next_highlight(self, layer: str, forward: bool = True) -> tuple[int, int] | None:
        ranges = self._layers.get(layer, ([], ""))[0]
        top = self.top_offset
        line_end = self._lines[self._line_of(top)][0] + len(self._lines[self._line_of(top)][1])
        if forward:
            found = next((r for r in ranges if r[0] >= line_end), None)
        else:
            found = next((r for r in reversed(ranges) if r[0] < top), None)
        if found:
            self.scroll_to_offset(found[0])
        return found

    def action_next_hit(self) -> None:
        self.next_highlight("search", True)

    def action_previous_hit(self) -> None:
        self.next_highlight("search", False)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        if index >= len(self._lines):
            return Strip.blank(self.size.width, self.rich_style)
        start, text = self._lines[index]
        styles = [self.rich_style] * len(text)
        for ranges, style_class in self._layers.values():
            style = self.rich_style + self.get_component_rich_style(style_class)
            for a, b in ranges:
                for i in range(max(a, start), min(b, start + len(text))):
                    styles[i - start] = style
        segments = [Segment(ch, st) for ch, st in zip(text, styles, strict=True)]
        return Strip(segments).extend_cell_length(self.size.width, Style())
