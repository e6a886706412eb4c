"""Page layout of PDF files: furniture at the page edges, columns, reading order.

- Furniture: each page's rows (line pieces side by side) are sorted top to bottom; the
  first and last rows are handed to `furniture.find_furniture`, which finds what recurs
  on many pages (running headers and footers, proof and download stamps, with changing
  numbers). Those rows, and a bare page number at an edge, are removed.
- Columns: the gutters of a page are the vertical strips no body line crosses, with
  text on both sides; a line that crosses a gutter spans columns (a title, a wide table).
- Reading order: the page is cut into bands at each spanning line; inside a band each
  column is read top to bottom, left column first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.core.clean.furniture import find_furniture, is_page_number
from reader.core.clean.model import Report
from reader.core.clean.pdf_chars import Line, Page

FURNITURE = "running headers, footers and stamps"
PAGE_NUMBERS = "page numbers"


@dataclass
class Placed:
    """A line in reading order: which column of its page it is in (-1: spanning)."""

    line: Line
    column: int
    column_x0: float
    column_x1: float
    first_in_column: bool = False


def body_size(pages: list[Page]) -> float:
    """The type size of most of the text (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def rows_of(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into rows (overlapping vertically), top to bottom, each left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda x: (x.top, x.x0)):
        if rows:
            last = rows[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            overlap = min(bottom, line.bottom) - max(top, line.top)
            if overlap > 0.5 * min(bottom - top, line.bottom - line.top):
                last.append(line)
                continue
        rows.append([line])
    return [sorted(r, key=lambda x: x.x0) for r in rows]


def row_text(row: list[Line]) -> str:
    return " ".join(x.text for x in row)


def remove_furniture(pages: list[Page], report: Report, edge: int = 3) -> None:
    """Drop running headers, footers, stamps and page numbers from every page, in place."""
    page_rows = [rows_of(p.lines) for p in pages]
    found = find_furniture(
        [[row_text(r) for r in rows] for rows in page_rows], edge=edge, min_share=0.3
    )
    for page, rows in zip(pages, page_rows, strict=True):
        drop: set[int] = set()
        edges = rows[:edge] + rows[-edge:] if len(rows) > 2 * edge else rows
        for row in edges:
            text = row_text(row)
            if found.is_furniture(text):
                report.removed(FURNITURE, unit="lines", example=text)
            elif is_page_number(text):
                report.removed(PAGE_NUMBERS, unit="lines", example=text)
            else:
                # A header row may hold a page number piece beside the running title.
                pieces = [x for x in row if not is_page_number(x.text)]
                if pieces and len(pieces) < len(row) and found.is_furniture(row_text(pieces)):
                    report.removed(FURNITURE, unit="lines", example=text)
                else:
                    continue
            drop.update(id(x) for x in row)
        page.lines = [x for x in page.lines if id(x) not in drop]
    report.removed("rotated margin text", sum(p.rotated for p in pages), unit="characters")
    report.removed("text beyond the page edges", sum(p.outside for p in pages), unit="characters")


def gutters(page: Page, size: float) -> list[tuple[float, float]] | None:
    """The vertical strips between the columns of a page, left to right (None: too few
    lines to tell)."""
    lines = [x for x in page.lines if x.text.strip()]
    if len(lines) < 8:
        return None
    left = min(x.x0 for x in lines)
    right = max(x.x1 for x in lines)
    span = right - left
    if span <= 0:
        return []
    narrow = [x for x in lines if x.width < 0.6 * span]
    if len(narrow) < 0.5 * len(lines):
        return []
    cover = [0] * (int(span) + 2)
    for x in narrow:
        for i in range(max(0, int(x.x0 - left)), min(len(cover), int(x.x1 - left) + 1)):
            cover[i] += 1
    out: list[tuple[float, float]] = []
    start = None
    allowed = max(1, len(narrow) // 25)  # a title or two may cross a gutter
    for i, n in enumerate(cover):
        if n <= allowed and start is None:
            start = i
        elif n > allowed and start is not None:
            if start > 0 and i - start >= max(0.6 * size, 4.0):  # not a margin
                out.append((left + start, left + i))
            start = None
    # Every column must be a real column: wide, and holding a fair share of the lines.
    bounds = [left] + [g for pair in out for g in pair] + [right]
    cols = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    ok = all(b - a >= 0.18 * span for a, b in cols) and all(
        sum(1 for x in narrow if a - 1 <= x.x0 and x.x1 <= b + 1) >= 0.1 * len(narrow)
        for a, b in cols
    )
    return out if ok else []


def all_gutters(pages: list[Page], size: float) -> list[list[tuple[float, float]]]:
    """Each page's gutters; a page with too few lines to tell takes the layout most
    pages of the document have (when its lines fit it)."""
    found = [gutters(p, size) for p in pages]
    layouts = Counter(tuple((round(a), round(b)) for a, b in g) for g in found if g is not None)
    usual = [(float(a), float(b)) for a, b in layouts.most_common(1)[0][0]] if layouts else []
    out: list[list[tuple[float, float]]] = []
    for page, g in zip(pages, found, strict=True):
        if g is None:
            fits = all(not (x.x0 < a and x.x1 > b) for x in page.lines for a, b in usual)
            g = usual if fits else []
        out.append(g)
    return out


def reading_order(page: Page, gaps: list[tuple[float, float]]) -> list[Placed]:
    """The page's lines in reading order, given its gutters."""
    if not page.lines:
        return []
    left = min(x.x0 for x in page.lines)
    right = max(x.x1 for x in page.lines)
    bounds = [left] + [g for pair in gaps for g in pair] + [right]
    cols = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]

    narrowest = min(b - a for a, b in cols)

    # A line may run into a gutter, but not across it into the next column.
    reach = [
        (
            cols[i - 1][1] + (cols[i][0] - cols[i - 1][1]) / 2 if i else cols[0][0],
            cols[i][1] + (cols[i + 1][0] - cols[i][1]) / 2 if i + 1 < len(cols) else cols[i][1],
        )
        for i in range(len(cols))
    ]

    def column_of(line: Line) -> int:
        for i, (a, b) in enumerate(reach):
            if line.x0 >= a - 2 and line.x1 <= b + 2:
                return i
        if line.width < 0.6 * narrowest:
            # A small piece astride a gutter (an icon, a label): the column of its middle.
            middle = (line.x0 + line.x1) / 2
            return min(range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - middle))
        return -1

    out: list[Placed] = []
    band: dict[int, list[Line]] = {}

    def flush_band() -> None:
        for i in sorted(band):
            first = True
            for line in sorted(band[i], key=lambda x: (x.top, x.x0)):
                out.append(Placed(line, i, cols[i][0], cols[i][1], first))
                first = False
        band.clear()

    for line in sorted(page.lines, key=lambda x: (x.top, x.x0)):
        col = column_of(line) if len(cols) > 1 else 0
        if col < 0:
            flush_band()
            out.append(Placed(line, -1, left, right, True))
        else:
            band.setdefault(col, []).append(line)
    flush_band()
    return out
