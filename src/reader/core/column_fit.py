"""Fitting text into terminal cells: a table's columns to a width, a cell's text to its
column, and a line of parts (a breadcrumb) to the room it has.

The library pane lists documents in columns taken in order of importance (the title,
then how far and when it was read, then the rest). `fit_columns` decides which of them
show and how wide they are:

- a column whose text may wrap (title, author) *needs* its widest cell, or, when that
  is wider than `WRAP_FROM` cells, the narrowest width from there at which every cell
  takes at most `WRAP_BUDGET` lines; at the *least* it takes the narrowest width at
  which every cell takes at most `MAX_LINES` lines without a word cut; any other column
  needs its widest cell;
- the columns show in order while their needs fit: the first one always shows, and the
  first that does not fit leaves out itself and every column after it (so a less
  important column never takes room from a more important one). An *essential* column
  (the reading progress) may make the wrapping columns before it take their least
  width, so that it shows; the others never make them wrap more than `WRAP_BUDGET`;
- the room left over widens the columns, in order, to their widest cell (only the
  wrapping ones can be narrower); what still remains goes to the first column, so the
  table fills its pane.

`wrap_cell` then breaks a cell's text at spaces into lines of the column's width, and
only when it would take more than `MAX_LINES` lines (truly no room) elides its middle
with "…", keeping its start and end. `fit_parts` shares one line between a title and
a section in the same spirit.

Widths are terminal cells (East Asian wide characters take two), and wrapping is the
reading view's (`reader.core.wrapping`: at spaces and after dashes). Plain Python, no UI
imports.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reader.core.wrapping import cell_width, has_wide_characters, wrap

GAP = 2
"""Cells between two columns (a table's cell padding, one each side)."""

WRAP_BUDGET = 2
"""Lines a wrapping column may take when deciding which columns fit."""

WRAP_FROM = 40
"""Cells from which a wrapping column may be wrapped to make room for other columns:
narrower text is never wrapped for that."""

MAX_LINES = 4
"""Lines a cell may take before its middle is elided (and a wrapping column may take to
make room for an essential one)."""

ELLIPSIS = "…"


def text_width(text: str) -> int:
    """Terminal cells `text` takes (see `reader.core.wrapping.cell_width`)."""
    if text.isascii():
        return len(text)
    return sum(cell_width(ch) for ch in text)


@dataclass(frozen=True)
class ColumnSpec:
    """What a column holds, for fitting: its key, its widest cell (header included) in
    cells, the width under which it would leave the other columns no room, and the
    least width it takes to make room for an essential column (both its widest cell
    for a column that does not wrap)."""

    key: str
    natural: int
    need: int
    least: int

    @classmethod
    def fixed(cls, key: str, cells: Sequence[str]) -> ColumnSpec:
        """A column whose cells never wrap: it needs its widest cell."""
        natural = max((text_width(cell) for cell in cells), default=0)
        return cls(key, natural, natural, natural)

    @classmethod
    def wrapping(cls, key: str, cells: Sequence[str], header: str = "") -> ColumnSpec:
        """A column whose cells wrap: it needs its widest cell when that is at most
        `WRAP_FROM` cells wide; otherwise the narrowest width from `WRAP_FROM` at which
        every cell takes at most `WRAP_BUDGET` lines."""
        natural = max((text_width(cell) for cell in (header, *cells)), default=0)
        need = _narrowest(cells, min(natural, WRAP_FROM), natural, WRAP_BUDGET)
        words = (text_width(word) for cell in (header, *cells) for word in cell.split())
        least = _narrowest(cells, min(need, max(words, default=0)), need, MAX_LINES)
        return cls(key, natural, need, least)


def _narrowest(cells: Sequence[str], low: int, high: int, lines: int) -> int:
    """The narrowest width in [low, high] at which every cell takes at most `lines`
    lines (`high` when none does before it)."""
    while low < high:  # greedy wrapping takes no more lines at a greater width
        middle = (low + high) // 2
        if all(len(_wrap(cell, middle)) <= lines for cell in cells):
            high = middle
        else:
            low = middle + 1
    return low


def fit_columns(
    columns: Sequence[ColumnSpec],
    width: int,
    gap: int = GAP,
    essential: Collection[str] = (),
) -> dict[str, int]:
    """The widths of the columns that show in `width` cells (in order; a column left
    out has no key), each separated by `gap` cells (counted once per column); the
    columns named in `essential` may make the wrapping ones before them take their
    least width."""
    if not columns:
        return {}
    shown: list[ColumnSpec] = [columns[0]]
    tight = False
    for column in columns[1:]:
        trial = [*shown, column]
        if _cost(trial, gap, False) <= width:
            shown.append(column)
        elif column.key in essential and _cost(trial, gap, True) <= width:
            shown.append(column)
            tight = True
        else:
            break
    used = _cost(shown, gap, tight)
    widths = {column.key: column.least if tight else column.need for column in shown}
    first = shown[0].key
    if used > width:  # not even the first column fits: it takes what there is
        widths[first] = max(1, width - gap)
        return widths
    room = width - used
    for column in shown:
        if room > 0:
            grow = min(room, column.natural - widths[column.key])
            widths[column.key] += grow
            room -= grow
    widths[first] += room
    return widths


def _cost(columns: Sequence[ColumnSpec], gap: int, tight: bool) -> int:
    """The cells `columns` take at their need (or, `tight`, their least width)."""
    return sum((column.least if tight else column.need) + gap for column in columns)


def wrap_cell(text: str, width: int, max_lines: int = MAX_LINES) -> list[str]:
    """`text` broken at spaces into lines at most `width` cells wide (a word wider than
    that is broken where it must be); at most `max_lines` lines, the middle of the text
    elided when it would take more."""
    width = max(1, width)
    lines = _wrap(text, width)
    if len(lines) <= max_lines:
        return lines
    # The longest start-and-end of the text that still fits (few steps: a bisection).
    low, high = 0, len(text)
    while low < high:
        keep = (low + high + 1) // 2
        if len(_wrap(elide_to(text, keep), width)) <= max_lines:
            low = keep
        else:
            high = keep - 1
    return _wrap(elide_to(text, low), width)[:max_lines]


def elide_to(text: str, keep: int) -> str:
    """`text` with its middle replaced by "…", keeping `keep` of its characters (the
    start gets the odd one)."""
    if keep >= len(text):
        return text
    head = text[: (keep + 1) // 2].rstrip()
    tail = text[len(text) - keep // 2 :].lstrip() if keep > 1 else ""
    return f"{head}{ELLIPSIS}{tail}"


def elide_middle(text: str, width: int) -> str:
    """`text` on one line of at most `width` cells: whole if it fits, else elided in
    the middle."""
    if text_width(text) <= width:
        return text
    if width <= 0:
        return ""
    return wrap_cell(text, width, 1)[0]


def fit_parts(first: str, second: str, width: int, joiner: str = " › ") -> tuple[str, str]:
    """Share one line of `width` cells between `first` and `second`, written with
    `joiner` between them: both whole when they fit; otherwise each keeps at least
    half of the room (or all it needs, when it needs less) and is elided in the middle."""
    if not second:
        return elide_middle(first, width), ""
    room = width - text_width(joiner)
    a, b = text_width(first), text_width(second)
    if a + b <= room:
        return first, second
    half = max(0, room) // 2
    if a <= half:
        b_room = room - a
    elif b <= half:
        b_room = b
    else:
        b_room = max(0, room) - half
    return elide_middle(first, max(0, room - b_room)), elide_middle(second, b_room)


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrapping at spaces and after dashes (`reader.core.wrapping`); words wider
    than `width` are cut into pieces."""
    lines = wrap(text, 0, len(text), width, has_wide_characters(text))
    return [text[start:end].strip() for start, end in lines]
