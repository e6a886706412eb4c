"""Rendering the reading view's lines (Textual's Line API) and resolving their styles.

`render_line(y)` paints only what is on screen: each display line becomes a strip
(`text_paint.paint_line`) kept in an LRU cache keyed on everything that changes its
look (the line, the layout, the margin, the highlights touching it). Tables and
preformatted lines are shifted by `sideways`, with ‹ and › where they are cut.
Colours come from component classes (`text_style`), blended against the view's
background, and the highlight palette from `reader.core.highlight_colours`, so themes
control them.

A mixin of `TextView` on `text_canvas.TextCanvas`, which lays out and scrolls.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.core.annotations.model import PALETTE
from reader.core.document import PRE, TABLE
from reader.core.highlight_colours import ansi_text, palette
from reader.core.layout import SEPARATOR
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_paint import damaged_warning, is_damaged, paint_line
from reader.ui.widgets.text_style import PREFIX


class RenderedLines(TextCanvas):
    """The lines on screen, painted and cached, in the theme's colours."""

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
            damaged = self._damaged_line(index)
            text.append_text(
                paint_line(self.document.text, line, marks, self._style_of, damaged=damaged)
            )
            if line.block == SEPARATOR and self._damaged_line(index + 1):
                text.append_text(damaged_warning(self._style_of))
            text.stylize_before(base)
            strip = Strip(text.render(self.app.console), text.cell_len)
            self._line_cache[key] = strip
        if layout.line(index).kind not in (TABLE, PRE):
            return strip.crop_extend(0, width, base)
        return self._sideways_strip(strip, width, base)

    def _sideways_strip(self, strip: Strip, width: int, base: Style) -> Strip:
        """A table or preformatted line, shifted by `sideways`, with ‹ and › at the
        edges where it is cut, so a reader knows there is more to the left or right."""
        shift = self.sideways
        shown = strip.crop_extend(shift, shift + width, base)
        if strip.cell_length <= shift + width and not shift:
            return shown
        cut = self._style_of("damaged")
        segments = list(shown)
        left = Strip([Segment("‹", cut)]) if shift else None
        right = Strip([Segment("›", cut)]) if strip.cell_length > shift + width else None
        body = Strip(segments, width)
        if left is not None:
            body = Strip.join([left, body.crop(1, width)])
        if right is not None:
            body = Strip.join([body.crop(0, width - 1), right])
        return body

    def _damaged_line(self, index: int) -> bool:
        """Whether display line `index` belongs to a block marked damaged."""
        layout = self._layout
        if layout is None or self.document is None or not 0 <= index < len(layout):
            return False
        block = layout.line(index).block
        return block != SEPARATOR and is_damaged(self.document.blocks[block])

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
        colour = full_name.removeprefix(f"{PREFIX}annotation-")
        if colour in PALETTE:
            style = self.palette_style(colour)
            self._style_cache[name] = style
            return style
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

    def palette_style(self, colour: str) -> Style:
        """A highlight's look: the fixed palette of `reader.core.highlight_colours` for
        the theme's brightness, in the terminal's own ANSI colours when it has only 16."""
        entry = palette(self.app.current_theme.dark)[colour]
        if self.app.console.color_system in ("standard", "windows"):
            return Style(
                bgcolor=Color.from_ansi(entry.ansi), color=Color.from_ansi(ansi_text(entry.ansi))
            )
        return Style(bgcolor=entry.background, color=entry.text)
