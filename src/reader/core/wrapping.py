"""Wrapping a stretch of text at a column width, counting terminal cells where needed.

A greedy wrap breaks at spaces (and after a dash inside a word) and cuts a word longer
than the width. It counts code points, except in a stretch that holds East Asian wide
characters, where it counts terminal cells (and breaks between any two wide
characters); `has_wide_characters` tells once per document whether that can happen.
The common case is one C-level regular expression per stretch (`_wrap_pattern`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters of the Basic Multilingual Plane that take two cells (kept apart from the
# astral planes: a class of BMP ranges only compiles to a fast bitmap).
_WIDE_BMP = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def has_wide_characters(text: str) -> bool:
    """Whether `text` may hold characters two cells wide (checked once per document).

    Astral characters are detected by their UTF-16 surrogate pairs, which is far
    cheaper than a character class over the whole text; any astral character counts.
    """
    if text.isascii():
        return False
    if _WIDE_BMP.search(text):
        return True
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    """The regular expression whose matches are the lines of a greedy wrap at `width`.

    One greedy construct so that the longest fitting line wins, whether it ends at the
    end of a word or just after a dash inside one; then a lone one-character word; then
    a forced cut of a word longer than the width.
    """
    if width < 2:
        return re.compile(r"[^ \n]")
    return re.compile(
        rf"[^ \n](?:[^\n]{{0,{width - 2}}}(?:[^ \n](?=[ \n]|$)|[-–—](?=[^ \n])))"
        rf"|[^ \n](?=[ \n]|$)"
        rf"|[^ \n]{{1,{width}}}"
    )


def cell_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _wrap_cells(text: str, start: int, stop: int, width: int) -> list[tuple[int, int]]:
    """Greedy wrap of text[start:stop] counting terminal cells (for wide characters)."""
    out: list[tuple[int, int]] = []
    i = start
    while i < stop:
        while i < stop and text[i] == " ":
            i += 1
        if i >= stop:
            break
        cells = 0
        j = i
        last_break = -1  # end of the last complete word that fits
        while j < stop:
            w = cell_width(text[j])
            if cells + w > width and j > i:
                break
            cells += w
            j += 1
            if j == stop or text[j] == " ":
                last_break = j
            elif text[j - 1] in "-–—" or w == 2:
                last_break = j  # wide scripts break between any two characters
        if j < stop and last_break > i:
            j = last_break
        end = j
        while end > i and text[end - 1] == " ":
            end -= 1
        out.append((i, end))
        i = j
    return out


def wrap(text: str, start: int, stop: int, width: int, wide: bool) -> list[tuple[int, int]]:
    """The lines ([start, end) of their visible characters) of a greedy wrap of
    text[start:stop] at `width`; `wide`: the text may hold wide characters."""
    width = max(2, width)
    if wide and WIDE.search(text, start, stop):
        lines = _wrap_cells(text, start, stop, width)
    else:
        lines = [m.span() for m in _wrap_pattern(width).finditer(text, start, stop)]
    if not lines:
        return [(start, start)]  # an empty stretch still takes one line
    if lines[0][0] != start:
        lines[0] = (start, lines[0][1])  # leading spaces belong to the first line
    return lines
