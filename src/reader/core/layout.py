"""Layout: a Document's projection wrapped into display lines for one column width.

The reading view shows `Document.text` as *display lines*. A `Layout` maps both ways:

- display line -> offsets: line `i` shows `text[start:end]` (its visible characters)
  after `indent` cells, and it *owns* every offset in `[start, next line's start)`, so
  the spaces swallowed at a wrap point and the newlines of a block separator belong to
  exactly one line;
- offset -> display line: `line_at(offset)` (a bisection).

Rules, chosen for reading rather than for fidelity to a terminal:

- paragraphs, headings, list items and notes are reflowed to the width, breaking at
  spaces (and after a dash inside a word); a word longer than the width is cut;
- list items and notes hang: continuation lines are indented under the text, after the
  bullet, number or `[label]`;
- quotations are indented (the view draws a bar in the indent) and each of their source
  lines is wrapped on its own;
- tables and preformatted blocks are never reflowed: one display line per source line,
  indented, possibly wider than the column (the view clips or scrolls sideways);
- one blank display line stands for each block separator.

Wrapping counts code points, except in a stretch that holds East Asian wide
characters, where it counts terminal cells (see `wrapping`). Line boundaries are kept
in flat integer lists and `DisplayLine` records are made on demand, so a 5 MB text lays
out in a single pass of C-level regular expressions and little else.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.document import (
    LIST_ITEM,
    NOTE,
    PRE,
    QUOTE,
    TABLE,
    Block,
    Document,
)
from reader.core.inline import Span
from reader.core.wrapping import WIDE, cell_width, has_wide_characters, wrap

QUOTE_INDENT = 2
"""Cells before a quotation's text (the view draws its bar in them)."""

PRE_INDENT = 2
"""Cells before each line of a table or preformatted block."""

MIN_WIDTH = 8
"""The narrowest column a layout accepts; narrower requests are raised to this."""

CANCEL_CHECK = 256
"""Blocks laid out between two checks of the `cancelled` callback."""

SEPARATOR = -1
"""`DisplayLine.block` of the blank line that stands for a block separator."""


class LayoutCancelled(Exception):
    """Raised by `Layout` when its `cancelled` callback asks it to stop."""


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One display line: `text[start:end]` shown after `indent` cells.

    `block` is the index of the block in `Document.blocks` (or `SEPARATOR`), `kind`
    and `level` are that block's, `first` is true on a block's first line (where a
    quotation's bar starts and a list marker stands), and `spans` are the block's inline
    spans clipped to this line, with offsets into `Document.text`.
    """

    index: int
    start: int
    end: int
    block: int
    kind: str
    level: int
    indent: int
    first: bool
    spans: tuple[Span, ...]


class Layout:
    """The display lines of one Document at one column width."""

    def __init__(
        self,
        document: Document,
        width: int,
        *,
        wide: bool | None = None,
        blocks: tuple[int, int] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Lay out `document` at `width` cells.

        `wide` says whether the text may hold wide characters (computed when not
        given; `rewrap` passes it on). `blocks` = (first, stop) lays out only those
        blocks: a *window*, which a view shows at once while the whole text is laid
        out in the background. A window's lines are the same as the whole layout's
        lines for those blocks.
        """
        self.document = document
        self.width = max(MIN_WIDTH, width)
        count = len(document.blocks)
        first, stop = blocks if blocks is not None else (0, count)
        self.blocks = (max(0, first), min(count, stop))
        """The (first, stop) block indices laid out."""
        if wide is None:
            stretch = document.text
            if blocks is not None and self.blocks[0] < self.blocks[1]:
                stretch = stretch[self._window_start() : self._window_end()]
            wide = has_wide_characters(stretch)
        self.wide = wide
        # One (start, end) per display line, and the block index of each line.
        self._lines: list[tuple[int, int]] = []
        self._blocks: list[int] = []
        self._block_first_line: list[int] = []
        self._max_cells = self.width
        self._build(cancelled)

    @classmethod
    def window(cls, document: Document, width: int, offset: int, before: int, after: int) -> Layout:
        """A layout of the blocks around `offset`: at least `before` characters before
        it and `after` characters after it (whole blocks)."""
        if not document.blocks:
            return cls(document, width)
        blocks = document.blocks
        here = document.block_index_at(offset)
        first = here
        while first > 0 and offset - blocks[first].start < before:
            first -= 1
        stop = here + 1
        while stop < len(blocks) and blocks[stop - 1].end - offset < after:
            stop += 1
        return cls(document, width, blocks=(first, stop))

    @property
    def is_window(self) -> bool:
        """Whether only some of the document's blocks are laid out."""
        return self.blocks != (0, len(self.document.blocks))

    def covers(self, offset: int) -> bool:
        """Whether `offset` is laid out (always true of a whole layout)."""
        if not self.is_window:
            return True
        return self._window_start() <= offset <= self._window_end()

    def _window_start(self) -> int:
        return self.document.blocks[self.blocks[0]].start

    def _window_end(self) -> int:
        return self.document.blocks[self.blocks[1] - 1].end

    def rewrap(self, width: int) -> Layout:
        """The same document (or window) laid out at another width."""
        return Layout(self.document, width, wide=self.wide, blocks=self.blocks)

    # --- building -------------------------------------------------------------------
    def _build(self, cancelled: Callable[[], bool] | None) -> None:
        text = self.document.text
        lines, blocks = self._lines, self._blocks
        firsts = self._block_first_line
        all_blocks = self.document.blocks
        first, stop = self.blocks
        for index in range(first, stop):
            block = all_blocks[index]
            if cancelled is not None and index % CANCEL_CHECK == 0 and cancelled():
                raise LayoutCancelled()
            if index > first:
                previous_end = all_blocks[index - 1].end
                lines.append((previous_end, previous_end))
                blocks.append(SEPARATOR)
            firsts.append(len(lines))
            block_lines = self._block_lines(text, block)
            lines.extend(block_lines)
            blocks.extend([index] * len(block_lines))

    def _block_lines(self, text: str, block: Block) -> list[tuple[int, int]]:
        kind = block.kind
        if kind in (TABLE, PRE):
            out = []
            pos = block.start
            for line in block.text.split("\n"):
                out.append((pos, pos + len(line)))
                self._max_cells = max(self._max_cells, PRE_INDENT + len(line))
                pos += len(line) + 1
            return out
        if kind == QUOTE:
            out = []
            pos = block.start
            for line in block.text.split("\n"):
                out.extend(wrap(text, pos, pos + len(line), self.width - QUOTE_INDENT, self.wide))
                pos += len(line) + 1
            return out
        hang = _hanging_indent(block)
        if not hang:
            return wrap(text, block.start, block.end, self.width, self.wide)
        # The first line is as wide as the column; later lines are narrower by the hang.
        first = wrap(text, block.start, block.end, self.width, self.wide)
        if len(first) <= 1:
            return first
        rest_start = first[1][0]
        return [first[0], *wrap(text, rest_start, block.end, self.width - hang, self.wide)]

    # --- queries --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._lines)

    @property
    def max_cells(self) -> int:
        """The widest line in cells, indent included (tables may exceed the width)."""
        return self._max_cells

    def line(self, index: int) -> DisplayLine:
        """Display line `index` (0-based)."""
        start, end = self._lines[index]
        block_index = self._blocks[index]
        if block_index == SEPARATOR:
            return DisplayLine(index, start, end, SEPARATOR, "", 0, 0, False, ())
        block = self.document.blocks[block_index]
        first = start == block.start
        return DisplayLine(
            index,
            start,
            end,
            block_index,
            block.kind,
            block.level,
            _indent(block, first),
            first,
            _clip_spans(block, start, end),
        )

    def text(self, index: int) -> str:
        """The visible characters of display line `index` (without its indent)."""
        start, end = self._lines[index]
        return self.document.text[start:end]

    def span(self, index: int) -> tuple[int, int]:
        """The [start, end) offsets of the visible characters of display line `index`."""
        return self._lines[index]

    def line_at(self, offset: int) -> int:
        """The display line that owns `offset` (clamped to the lines laid out)."""
        if not self._lines:
            return 0
        return max(0, bisect_right(self._lines, offset, key=_start_of) - 1)

    def column_of(self, offset: int) -> tuple[int, int]:
        """(display line, cell column after the indent) where `offset` is shown."""
        index = self.line_at(offset)
        start, end = self._lines[index]
        stretch = self.document.text[start : min(offset, end)]
        if self.wide and WIDE.search(stretch):
            return index, sum(cell_width(ch) for ch in stretch)
        return index, len(stretch)

    def offset_at(self, index: int, column: int) -> int:
        """The offset shown at cell `column` (after the indent) of display line `index`."""
        index = min(max(0, index), len(self) - 1)
        start, end = self._lines[index]
        if column <= 0:
            return start
        cells = 0
        for pos in range(start, end):
            cells += cell_width(self.document.text[pos])
            if cells > column:
                return pos
        return end

    def first_line_of_block(self, block_index: int) -> int:
        """The display line where block `block_index` starts."""
        return self._block_first_line[block_index - self.blocks[0]]


def _start_of(line: tuple[int, int]) -> int:
    return line[0]


def _hanging_indent(block: Block) -> int:
    """Cells that continuation lines of a list item or note are indented by."""
    if block.kind == LIST_ITEM:
        return block.text.find(" ") + 1 if " " in block.text else 0
    if block.kind == NOTE:
        return len(block.label) + 3  # "[label] "
    return 0


def _indent(block: Block, first: bool) -> int:
    if block.kind == QUOTE:
        return QUOTE_INDENT
    if block.kind in (TABLE, PRE):
        return PRE_INDENT
    if block.kind in (LIST_ITEM, NOTE) and not first:
        return _hanging_indent(block)
    return 0


def _clip_spans(block: Block, start: int, end: int) -> tuple[Span, ...]:
    """The block's spans that overlap [start, end), clipped, in document offsets."""
    if not block.spans:
        return ()
    lo, hi = start - block.start, end - block.start
    return tuple(
        Span(max(s.start, lo) + block.start, min(s.end, hi) + block.start, s.kind, s.data)
        for s in block.spans
        if s.start < hi and s.end > lo
    )


__all__ = [
    "MIN_WIDTH",
    "PRE_INDENT",
    "QUOTE_INDENT",
    "SEPARATOR",
    "DisplayLine",
    "Layout",
    "LayoutCancelled",
]
