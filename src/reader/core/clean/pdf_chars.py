"""Characters of a PDF page with their positions and type, grouped into line pieces.

pypdfium2 (PDFium's text layer, Apache/BSD) gives each character its box, its font and
weight and its angle. This module turns a page into `Line`s: runs of characters on one
baseline with no wide gap inside (a gap wider than about two spaces ends the piece, so
the columns of a page or the cells of a table are separate pieces). Coordinates are
top-down points (0 at the top of the page).

Rotated characters (margin stamps printed sideways) are dropped and counted. A run of
digits set smaller and raised above the baseline is a note marker: it is kept in the
text as `MARK_OPEN + digits + MARK_CLOSE`, for the block builder to link or flatten.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from statistics import median
from typing import Any

import pypdfium2.raw as pdfium_c

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


@dataclass
class Line:
    """A piece of one printed line: text, box (top-down points), type size, boldness."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int = 0
    marks: int = 0  # note markers inside
    table: Any = None  # a pdf_file_tables.Table standing in for the lines it replaced

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    """One page's line pieces, its size, and how many rotated characters it dropped."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rotated: int = 0
    outside: int = 0


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool


class _Fonts:
    """Font facts per text object (fetched once per object, not per character)."""

    def __init__(self) -> None:
        self.cache: dict[Any, tuple[bool, bool]] = {}
        self.buf = ctypes.create_string_buffer(256)

    def facts(self, textpage: Any, index: int) -> tuple[bool, bool]:
        """(bold, rotated) of the character's text object."""
        obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        got = self.cache.get(key)
        if got is None:
            weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
            name = ""
            if obj:
                font = pdfium_c.FPDFTextObj_GetFont(obj)
                if font and pdfium_c.FPDFFont_GetBaseFontName(font, self.buf, 256):
                    name = self.buf.value.decode("latin-1", "replace")
            lowered = name.lower()
            bold = weight >= 600 or any(w in lowered for w in ("bold", "black", "heavy", "semib"))
            angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
            rotated = 0.05 < angle < 6.23
            got = (bold, rotated)
            self.cache[key] = got
        return got


def read_page(textpage: Any, number: int, box: tuple[float, float, float, float]) -> Page:
    """The line pieces of one page (textpage: a raw FPDF_TEXTPAGE; box: the visible
    part of the page, left, bottom, right, top in PDF points)."""
    x0, y0, x1, y1 = box
    height = y1
    page = Page(number, x1 - x0, y1 - y0)
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return page
    fonts = _Fonts()
    rect = pdfium_c.FS_RECTF()
    chars: list[_Char | None] = []
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        ch = chr(code) if 0 < code < 0x110000 else ""
        if ch in ("\r", "\n", ""):
            chars.append(None)
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect)
        bold, rotated = fonts.facts(textpage, i)
        if rotated:
            page.rotated += 1
            continue
        if rect.right <= rect.left and ch != " ":
            continue
        if rect.bottom > y1 - 1 or rect.top < y0 + 1 or rect.right < x0 + 1 or rect.left > x1 - 1:
            page.outside += 1  # beyond the page's edges (a printer's proof slug)
            continue
        chars.append(
            _Char(
                ch, rect.left - x0, rect.right - x0, height - rect.top, height - rect.bottom, bold
            )
        )
    page.lines = _lines(chars, number)
    return page


def _lines(chars: list[_Char | None], number: int) -> list[Line]:
    """Group characters into line pieces."""
    out: list[Line] = []
    run: list[_Char] = []

    def flush() -> None:
        if run:
            line = _make_line(run, number)
            if line is not None:
                out.append(line)
            run.clear()

    newline = False  # PDFium wrote a line break: kept only if the next character agrees
    for c in chars:
        if c is None:
            newline = True
            continue
        if c.ch == " " and (not run or newline):
            continue
        if run:
            last = next((r for r in reversed(run) if r.ch != " "), run[-1])
            h = max(last.bottom - last.top, 1.0)
            overlap = min(c.bottom, last.bottom) - max(c.top, last.top)
            gap = c.x0 - last.x1
            small = min(h, c.bottom - c.top)
            broken = overlap < 0.3 * small or gap > 1.2 * small or gap < -1.5 * h
            if newline and not broken and c.ch != " " and gap > -0.5 * small:
                # A raised marker or a change of font on the same line, not a new line.
                if gap > 0.2 * small and run[-1].ch != " ":
                    run.append(_Char(" ", last.x1, c.x0, last.top, last.bottom, last.bold))
            elif newline or (c.ch != " " and broken):
                flush()
        newline = False
        run.append(c)
    flush()
    return out


def _make_line(run: list[_Char], number: int) -> Line | None:
    while run and run[-1].ch == " ":
        run.pop()
    if not run:
        return None
    letters = [c for c in run if not c.ch.isspace()]
    if not letters:
        return None
    heights = [c.bottom - c.top for c in letters]
    size = median(heights)
    base = median(c.bottom for c in letters)
    parts: list[str] = []
    marks = 0
    i = 0
    while i < len(run):
        c = run[i]
        if c.ch.isdigit() and _raised(c, size, base):
            j = i
            while j < len(run) and run[j].ch.isdigit() and _raised(run[j], size, base):
                j += 1
            fraction = (j < len(run) and run[j].ch in "/⁄") or (i > 0 and run[i - 1].ch in "/⁄")
            if j - i <= 3 and not fraction and any(not x.ch.isspace() for x in run[:i]):
                while parts and parts[-1] == " ":
                    parts.pop()  # a marker belongs to the word before it
                parts.append(MARK_OPEN + "".join(x.ch for x in run[i:j]) + MARK_CLOSE)
                marks += 1
                i = j
                continue
            parts.extend(x.ch for x in run[i:j])  # a note's own label, at its line start
            i = j
            continue
        parts.append(c.ch)
        i += 1
    text = "".join(parts)
    bold = all(c.bold for c in letters if c.ch.isalnum())
    return Line(
        text=" ".join(text.split()) if "  " in text else text,
        x0=run[0].x0,
        x1=max(c.x1 for c in run),
        top=min(c.top for c in letters),
        bottom=max(c.bottom for c in letters),
        size=size,
        bold=bold,
        page=number,
        marks=marks,
    )


def _raised(c: _Char, size: float, base: float) -> bool:
    h = c.bottom - c.top
    return h < 0.85 * size and c.bottom < base - 0.2 * size
