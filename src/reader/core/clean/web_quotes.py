"""Quotations and their citations in web-page dumps.

Articles of this kind quote at length: a quotation is one or more lines that open with a
quotation mark (often after an indent of non-breaking spaces) and run until a line ends
with a closing mark, and the next line is its citation ("Ibid; p. 69-70", "Trotsky, Lev
“My Life”; New York; 1970; p. 441."). The marks are typed carelessly: a closing mark may
be printed as an opening one ("harmony…“"), inner quotations use straight marks, a
quotation may lose its opening mark, and a citation may follow the closing mark on the
same line. A quotation ends at the first of:

- a line ending with a closing mark (after trailing punctuation);
- a line whose closing mark is followed, on the same line, by a citation;
- a line followed by a citation line.

The search for the end stops at a heading and after `QUOTE_MAX_LINES` lines; a
quotation that never ends there is taken to be its first line only. Blank lines inside a
quotation are allowed (a quoted speech of several paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.clean.web_lines import PAGE_REFERENCE, Line

OPENING_MARKS = '“"„«'
CURLY_CLOSERS = "”“»"
STRAIGHT_CLOSERS = '"”'
QUOTE_MAX_LINES = 60
CITATION_MAX_CHARS = 320
CITATION_TAIL_MAX_CHARS = 200  # a citation following a closing mark on the same line
CITATION_CONTINUATION_MAX_CHARS = 80  # a second citation line ("In Meijer Ibid; p. 319.")

_TRAILING = " \u00a0.;:,"
_YEAR = re.compile(r"\b1[5-9]\d\d\b|\b20\d\d\b")
_SOURCE_WORD = re.compile(r"\b(?:Works|Document|Cited|Letter|Telegram|Memo|Minutes)\b")
# Words that make a line a sentence of prose rather than a reference.
_PROSE_VERB = re.compile(
    r"\b(?:is|are|was|were|had|has|have|will|would|could|should|did|does|confirms|writes|"
    r"says|said|argues|shows|notes)\b"
)


@dataclass
class Quotation:
    """A quotation: its lines (one per quoted paragraph) and its citation, if any.

    `lines` are source lines; `last_text` replaces the text of the last one when a
    citation that followed its closing mark was split off into `citation`.
    """

    lines: list[Line]
    last_text: str = ""
    citation: list[str] = field(default_factory=list)
    cited_lines: int = 0  # source lines the citation took (0 when it shared the last)

    @property
    def consumed(self) -> int:
        """How many source lines the quotation and its citation take."""
        return len(self.lines) + self.cited_lines

    def texts(self) -> list[str]:
        """The quoted paragraphs' texts, with an inline citation cut off the last."""
        out = [line.text for line in self.lines]
        if self.last_text:
            out[-1] = self.last_text
        return out


# Abbreviations that are lower case in references and say nothing about prose.
_REFERENCE_ABBREVIATIONS = frozenset({"p", "pp", "ed", "eds", "cf", "vol", "no", "op", "cit"})


def _lowercase_ratio(text: str) -> float:
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w’'-]*", text)
        if w.lower() not in _REFERENCE_ABBREVIATIONS
    ]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].islower()) / len(words)


def looks_like_citation(text: str, max_chars: int = CITATION_MAX_CHARS) -> bool:
    """True for a reference to a source: author, title, place, year, page; not prose."""
    if len(text) > max_chars or ends_with_closer(text, CURLY_CLOSERS + STRAIGHT_CLOSERS):
        return False
    strong = bool(PAGE_REFERENCE.search(text) or _SOURCE_WORD.search(text))
    weak = bool(_YEAR.search(text)) and (";" in text or ":" in text)
    if not (strong or weak):
        return False
    if _PROSE_VERB.search(text):
        return False
    return _lowercase_ratio(text) <= 0.5


def ends_with_closer(text: str, closers: str) -> bool:
    """True when the last character before trailing punctuation is a closing mark."""
    stripped = text.rstrip(_TRAILING)
    return bool(stripped) and stripped[-1] in closers


def _closers_for(text: str) -> str:
    mark = text.lstrip(" \u00a0")[:1]
    return STRAIGHT_CLOSERS if mark == '"' else CURLY_CLOSERS


def opens_quotation(line: Line) -> bool:
    """True for a line that starts a quotation with an opening mark.

    A line that starts with a quoted phrase and then goes on as prose ("“Dual command”
    was the compromise ...") does not: its first closing mark comes early and the line
    does not end with one.
    """
    text = line.text
    if text[:1] not in OPENING_MARKS:
        return False
    closers = _closers_for(text)
    if ends_with_closer(text, closers):
        return True
    first_close = min((i for i, ch in enumerate(text[1:], 1) if ch in "”»"), default=-1)
    return first_close < 0 or first_close > len(text) // 2


def closes_unopened(line: Line) -> bool:
    """True for a line that ends a quotation whose opening mark was lost."""
    text = line.text
    curly = text.count("“") + text.count("”")
    return ends_with_closer(text, "”") and curly % 2 == 1


def split_inline_citation(text: str, closers: str) -> tuple[str, str] | None:
    """(quotation, citation) when a citation follows the closing mark on the same line."""
    for i, ch in enumerate(text):
        if ch not in closers or i == 0:
            continue
        j = i + 1
        while j < len(text) and text[j] in ";:.,":
            j += 1
        if j == len(text) or not text[j].isspace():
            continue
        tail = text[j:].strip()
        if tail and looks_like_citation(tail, CITATION_TAIL_MAX_CHARS):
            return text[:j].rstrip(), tail
    return None


def _citation_lines(lines: list[Line], start: int) -> list[Line]:
    """The citation lines that start at `start` (none if that line is not a citation)."""
    out: list[Line] = []
    if start < len(lines) and looks_like_citation(lines[start].text):
        out.append(lines[start])
        k = start + 1
        while (
            k < len(lines)
            and not lines[k].blank_before
            and looks_like_citation(lines[k].text, CITATION_CONTINUATION_MAX_CHARS)
        ):
            out.append(lines[k])
            k += 1
    return out


def find_quotation(
    lines: list[Line], start: int, is_heading: Callable[[Line], bool]
) -> Quotation | None:
    """The quotation that starts at `lines[start]`, or None if no quotation starts there."""
    first = lines[start]
    if opens_quotation(first):
        closers = _closers_for(first.text)
        stop = min(len(lines), start + QUOTE_MAX_LINES)
        for end in range(start, stop):
            line = lines[end]
            if end > start and is_heading(line):
                break
            quote = _ending_at(lines, start, end, closers)
            if quote is not None:
                return quote
        return Quotation([first])
    if closes_unopened(first):
        citation = _citation_lines(lines, start + 1)
        if citation:
            return _cited([first], citation)
    return None


def _cited(body: list[Line], citation: list[Line]) -> Quotation:
    return Quotation(body, citation=[x.text for x in citation], cited_lines=len(citation))


def _ending_at(lines: list[Line], start: int, end: int, closers: str) -> Quotation | None:
    """The quotation lines[start..end] if line `end` ends it, with its citation."""
    line = lines[end]
    body = lines[start : end + 1]
    if ends_with_closer(line.text, closers):
        return _cited(body, _citation_lines(lines, end + 1))
    split = split_inline_citation(line.text, CURLY_CLOSERS if closers == CURLY_CLOSERS else '"”')
    if split is not None:
        return Quotation(body, last_text=split[0], citation=[split[1]])
    citation = _citation_lines(lines, end + 1)
    return _cited(body, citation) if citation else None
