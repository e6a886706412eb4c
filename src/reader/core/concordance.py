"""A concordance (keyword in context): one line per hit, the match in a centre column.

Like the KWIC views of corpus tools: each hit is cut from the projection with the words
to its left and right (within its block; line breaks as spaces), so lines can be
aligned on the match and sorted by the words before it (nearest first) or after it.
Lines export as CSV (RFC 4180, via the csv module) or as a Markdown table.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.core.document import BLOCK_SEPARATOR, Document
from reader.core.errors import ReaderError
from reader.core.search.records import SearchResults

CONTEXT = 80
"""Characters kept on each side of a match (lines are cut further to fit a width)."""
SORTS = ("position", "left", "right")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class KwicLine:
    """One hit in context: `left` + `match` + `right` is a stretch of the projection."""

    doc_id: str
    title: str
    start: int
    end: int
    left: str
    match: str
    right: str
    place: str = ""


def kwic_line(
    doc_id: str, title: str, text: str, start: int, end: int, place: str = ""
) -> KwicLine:
    """The concordance line of text[start:end] (offsets into the projection)."""
    left_end = text.rfind(BLOCK_SEPARATOR, max(0, start - CONTEXT), start)
    left_from = max(0, start - CONTEXT) if left_end < 0 else left_end + len(BLOCK_SEPARATOR)
    right_stop = text.find(BLOCK_SEPARATOR, end, end + CONTEXT)
    right_to = min(len(text), end + CONTEXT) if right_stop < 0 else right_stop

    def flat(s: str) -> str:
        return s.replace("\n", " ")

    return KwicLine(
        doc_id,
        title,
        start,
        end,
        flat(text[left_from:start]),
        flat(text[start:end]),
        flat(text[end:right_to]),
        place,
    )


def sort_lines(lines: Iterable[KwicLine], by: str = "position") -> list[KwicLine]:
    """Lines in reading order ("position": as given), by the words to the left (the
    nearest word first) or by the words to the right; ties keep the given order."""
    lines = list(lines)
    if by == "left":
        return sorted(lines, key=lambda ln: [w.casefold() for w in _WORD.findall(ln.left)][::-1])
    if by == "right":
        return sorted(lines, key=lambda ln: [w.casefold() for w in _WORD.findall(ln.right)])
    return lines


def aligned(line: KwicLine, side: int) -> tuple[str, str, str]:
    """(left, match, right) cut to `side` characters on each side, the left padded so
    every match starts in the same column."""
    left = line.left[-side:] if side > 0 else ""
    right = line.right[:side] if side > 0 else ""
    return left.rjust(side), line.match, right


def format_lines(lines: Sequence[KwicLine], width: int = 100) -> list[str]:
    """Plain aligned lines fitting `width` characters (for the CLI)."""
    longest = max((len(ln.match) for ln in lines), default=0)
    side = max(10, (width - longest - 2) // 2)
    return [" ".join(aligned(ln, side)).rstrip() for ln in lines]


FIELDS = ("document", "place", "start", "end", "left", "match", "right")


def _row(line: KwicLine) -> list[str]:
    return [
        line.doc_id,
        line.place,
        str(line.start),
        str(line.end),
        line.left.strip(),
        line.match,
        line.right.strip(),
    ]


def to_csv(lines: Iterable[KwicLine]) -> str:
    """The lines as CSV with a header row (see FIELDS)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for line in lines:
        writer.writerow(_row(line))
    return out.getvalue()


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(lines: Iterable[KwicLine]) -> str:
    """The lines as a Markdown table (left context right-aligned, like a concordance)."""
    rows = ["| " + " | ".join(FIELDS) + " |", "|---|---|--:|--:|--:|:-:|:--|"]
    for line in lines:
        rows.append("| " + " | ".join(_cell(c) for c in _row(line)) + " |")
    return "\n".join(rows) + "\n"


def kwic_lines(
    results: SearchResults,
    load: Callable[[str], Document],
    indexed: Callable[[str], str | None] | None = None,
) -> list[KwicLine]:
    """A line for every hit of `results`, documents in their order, hits in reading
    order. The context is cut from `indexed(doc_id)`, the projection the hits' offsets
    point into (else the document's text); `load(doc_id)` reads a document for the
    citable places (one that cannot be read is left out)."""
    lines: list[KwicLine] = []
    for result in results.documents:
        if not result.hits:
            continue
        try:
            document = load(result.doc_id)
        except ReaderError:
            continue
        text = (indexed(result.doc_id) if indexed is not None else None) or document.text
        for hit in sorted(result.hits, key=lambda h: (h.start, h.end)):
            if hit.end <= len(text):
                same = document.text[hit.start : hit.end] == text[hit.start : hit.end]
                place = str(document.location(hit.start)) if same else ""
                lines.append(
                    kwic_line(result.doc_id, result.title, text, hit.start, hit.end, place)
                )
    return lines
