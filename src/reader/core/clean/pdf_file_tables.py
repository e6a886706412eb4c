"""Tables on PDF pages: runs of rows made of many short, mostly numeric pieces.

A row (line pieces side by side, see `pdf_file_layout.rows_of`; dot leaders split a
piece into cells) is tabular when it has at least three cells, short or mostly
figures; three or more tabular rows in a row, close together, are a table. Its lines
leave the text flow and come back as one `Line` carrying the table's rows, placed where
the table stood, so that reading order and paragraphs are not disturbed by it.

A table whose rows all have the same number of cells is kept as a table (a pipe
table); otherwise its rows are kept verbatim, cells separated by two spaces, in a
`table damaged` fence. Nothing of a table is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.clean.pdf_chars import Line, Page
from reader.core.clean.pdf_file_layout import rows_of

_FIGURE = re.compile(r"^[-–$€£(]?[\d.,/%:()\s-]+[)%]?$")
_MIN_ROWS = 3
_LEADER = re.compile(r"\s*(?:\.\s?){4,}\s*")


@dataclass
class Table:
    rows: list[list[str]]

    @property
    def regular(self) -> bool:
        counts = {len(r) for r in self.rows}
        return len(counts) == 1 and counts.pop() >= 2


def _split(line: Line) -> list[str]:
    """A piece's cells: dot leaders (`Fees ...... $85`) separate cells too."""
    return [c for c in _LEADER.split(line.text.strip()) if c.strip()]


def _prose(line: Line) -> bool:
    """A piece of running text (a neighbouring column's line), not a cell."""
    if _LEADER.search(line.text):
        return False
    text = line.text.strip()
    return len(text.split()) >= 5 and not _FIGURE.match(text)


def _cells(row: list[Line]) -> list[Line]:
    return [x for x in row if not _prose(x)]


def _tabular(row: list[Line]) -> bool:
    texts = [c for x in _cells(row) for c in _split(x)]
    if len(texts) < 3:
        return False
    figures = sum(1 for t in texts if _FIGURE.match(t))
    short = sorted(len(t) for t in texts)[len(texts) // 2] <= 12
    return figures * 2 >= len(texts) or (short and figures >= 1)


def take_tables(page: Page, size: float) -> int:
    """Replace each table of `page` by one Line holding it; the number of tables."""
    rows = rows_of(page.lines)
    found: list[list[list[Line]]] = []
    run: list[list[Line]] = []
    for row in rows:
        close = not run or row[0].top - max(x.bottom for x in run[-1]) < 2.5 * size
        if _tabular(row) and close:
            run.append(row)
            continue
        if len(run) >= _MIN_ROWS:
            found.append(run)
        run = [row] if _tabular(row) else []
    if len(run) >= _MIN_ROWS:
        found.append(run)
    if not found:
        return 0
    taken: set[int] = set()
    holders: list[Line] = []
    for table_rows in found:
        table_rows = [_cells(r) for r in table_rows]
        lines = [x for r in table_rows for x in r]
        taken.update(id(x) for x in lines)
        holder = Line(
            text="\ue002",
            x0=min(x.x0 for x in lines),
            x1=max(x.x1 for x in lines),
            top=min(x.top for x in lines),
            bottom=max(x.bottom for x in lines),
            size=size,
            bold=False,
            page=page.number,
        )
        holder.table = Table([[c for x in r for c in _split(x)] for r in table_rows])
        holders.append(holder)
    page.lines = [x for x in page.lines if id(x) not in taken] + holders
    return len(found)
