"""PDF file lines in reading order -> paragraphs, headings, notes (the common blocks).

- Footnotes: at the foot of a column, the trailing run of lines set smaller than the
  body, starting with a label (`1`, `12`, `*`); each label starts a note, other lines
  continue it. Raised small digits in the body (see `pdf_chars`) become `[^N]` markers
  when a note has that label, plain text otherwise.
- Headings: a short run of lines set clearly larger than the body, or wholly bold and
  short without a final full stop, or numbered like `13.1 INTRODUCTION`. Levels come
  from the sizes (largest first) and from the depth of the numbering.
- Paragraphs: a new one starts after a wider gap than the lines' spacing, at an indented
  first line, or after a short line that ends a sentence. A paragraph cut by a column
  or page break is joined when it had not ended a sentence.
- Line ends: a hyphen is removed only when the joined word is a word of the document
  (`mend.join_hyphenated`); ligature splits are repaired at the end (`mend`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.core.clean.mend import Vocabulary, join_hyphenated
from reader.core.clean.pdf_chars import MARK_CLOSE, MARK_OPEN, Line
from reader.core.clean.pdf_file_layout import Placed

HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE = "table"

_NOTE_START = re.compile(
    r"^(?:" + MARK_OPEN + r")?(\d{1,3}|[*†‡§])(?:" + MARK_CLOSE + r")?\.?\s*(?=\S)"
)
_BULLETS = "•◦▪‣●○■□–"
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[A-Z])")
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*(?:" + MARK_OPEN + r"\d+" + MARK_CLOSE + r")*$")


@dataclass
class Para:
    """A block being built: its kind, lines of text and the style it started with."""

    kind: str
    text: str
    size: float
    bold: bool
    page: int
    level: int = 0
    last: Line | None = None
    lines: int = 1
    table: Any = None


@dataclass
class Note:
    label: str
    text: str


@dataclass
class Built:
    paras: list[Para] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def clean_line_text(text: str) -> str:
    """A line's text without control characters (PDFium writes 0x02 for a soft hyphen)."""
    text = text.replace("\x02", "-").replace("\u00ad", "-")
    return "".join(ch for ch in text if ch >= " " or ch == "\t").replace("\t", " ")


def take_footnotes(
    placed: list[Placed], body: float, page_height: float, notes: list[Note]
) -> list[Placed]:
    """Split one page's lines into body lines and the footnotes at its column feet.

    The notes found are added to `notes`; a foot that starts without a label continues
    the last note (a long note runs on to the next column or page).
    """
    last_label = next((int(n.label) for n in reversed(notes) if n.label.isdigit()), 0)
    by_column: dict[int, list[int]] = {}
    for n, p in enumerate(placed):
        by_column.setdefault(p.column if p.column >= 0 else -1 - n, []).append(n)
    taken: set[int] = set()
    for indexes in by_column.values():
        lines = [placed[n] for n in indexes]
        i = len(lines)
        while (
            i > 0
            and lines[i - 1].line.size <= 0.9 * body
            and lines[i - 1].line.top > 0.4 * page_height
        ):
            i -= 1
        foot = lines[i:]
        found: list[Note] = []
        first = clean_line_text(foot[0].line.text) if foot else ""
        continued = (
            foot
            and notes
            and not _NOTE_START.match(first)
            and not _ENDS_SENTENCE.search(notes[-1].text)
            and first[:1].islower()
        )
        if continued:
            found.append(notes.pop())
        if foot and (continued or _NOTE_START.match(first)):
            for p in foot:
                text = clean_line_text(p.line.text)
                m = _NOTE_START.match(text)
                label = m.group(1) if m else ""
                fits = m is not None and (
                    not label.isdigit()
                    or last_label == 0
                    or 0 < int(label) - last_label <= 2
                    or (int(label) == 1 and text[m.end() : m.end() + 1].isupper())
                )
                if m and fits and not (continued and p is foot[0]):
                    found.append(Note(label, text[m.end() :]))
                    if label.isdigit():
                        last_label = int(label)
                elif found:
                    found[-1].text = _join(found[-1].text, text, None)
                else:
                    break
        if found:
            notes.extend(found)
            taken.update(indexes[i:])
    return [p for n, p in enumerate(placed) if n not in taken]


def _join(before: str, after: str, vocab: Vocabulary | None) -> str:
    """Two lines of one paragraph joined: a hyphenated word mended, else one space."""
    if not before:
        return after
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].isalpha():
        word = re.match(r"\S+", after)
        rest = after[word.end() :] if word else after
        head = before.rsplit(" ", 1)
        left = head[-1]
        joined = join_hyphenated(left, word.group(0) if word else "", vocab or Vocabulary())
        return (head[0] + " " if len(head) > 1 else "") + joined + rest
    if before.endswith(("/", "–", "—")) and not before.endswith(" –"):
        return before + after
    return before + " " + after


class Builder:
    """Turns placed lines (all pages, reading order) into paragraphs and headings."""

    def __init__(self, body: float, vocab: Vocabulary) -> None:
        self.body = body
        self.vocab = vocab
        self.paras: list[Para] = []
        self.current: Para | None = None
        self.spacing = body * 1.2

    def _style(self, line: Line, text: str) -> str:
        short = len(text) < 120 and sum(c.isalpha() for c in text) >= 2
        if line.size >= 1.15 * self.body and short:
            return HEADING
        if line.bold and short and not text.rstrip().endswith((".", ",")) and len(text) > 2:
            return HEADING
        m = _NUMBERED.match(text)
        if m and short and text[m.end() :].isupper() and len(text[m.end() :]) > 3:
            return HEADING
        return PARAGRAPH

    def add(self, p: Placed, prev: Placed | None) -> None:
        line = p.line
        if line.table is not None:
            para = Para(TABLE, "", line.size, False, line.page, table=line.table)
            self.paras.append(para)
            self.current = None
            return
        text = clean_line_text(line.text).strip()
        if not text or (line.size > 1.3 * self.body and not any(c.isalnum() for c in text)):
            return  # nothing, or an icon set large (a "!" beside a caution)
        kind = self._style(line, text)
        cur = self.current
        if cur is not None and self._continues(cur, kind, p, prev, text):
            cur.text = _join(cur.text, text, self.vocab)
            cur.last = line
            cur.lines += 1
            return
        self.current = Para(kind, text, line.size, line.bold, line.page, last=line)
        self.paras.append(self.current)

    def _continues(self, cur: Para, kind: str, p: Placed, prev: Placed | None, text: str) -> bool:
        line = p.line
        last = cur.last
        if last is None or prev is None:
            return False
        alnum = any(c.isalnum() for c in text) and any(c.isalnum() for c in cur.text)
        if text[:1] in _BULLETS or not alnum:
            return False  # a bullet, or a separator such as "*****" (its own paragraph)
        if kind != cur.kind:
            if (
                cur.kind == HEADING
                and cur.size < 1.15 * self.body
                and text[:1].islower()
                and line.page == last.page
                and 0 <= line.top - last.bottom < line.size
            ):
                cur.kind = PARAGRAPH  # a bold run-in head: the sentence goes on
                return True
            return False
        if kind == HEADING:
            same = abs(line.size - cur.size) < 0.5 and line.bold == cur.bold
            close = (
                line.page == last.page
                and -0.5 * line.size <= line.top - last.bottom < 2 * line.size
            )
            return same and close and cur.lines < 4 and not _NUMBERED.match(text)
        if abs(line.size - cur.size) > 0.15 * self.body and line.page == last.page:
            return False
        moved = p.first_in_column or line.page != last.page or prev.column != p.column
        indent = line.x0 - p.column_x0
        if moved:
            # Across a column or page break: join an unfinished sentence, unless the
            # new line is indented like a paragraph's first line.
            if _ENDS_SENTENCE.search(cur.text):
                return False
            return indent < 0.8 * line.size or text[:1].islower()
        gap = line.top - last.bottom
        pitch = line.top - last.top
        if pitch <= 0 or gap > 0.9 * line.size:
            return False
        if indent > 0.8 * line.size and last.x0 - p.column_x0 < 0.5 * line.size:
            return False  # an indented first line
        ended = _ENDS_SENTENCE.search(cur.text)
        column_width = p.column_x1 - p.column_x0
        if ended and last.x1 < p.column_x0 + 0.75 * column_width and len(text) > 0:
            return False  # a short last line
        return not (line.x0 < last.x0 - 2 * line.size and ended)


def heading_levels(paras: list[Para], body: float) -> None:
    """Set heading levels: numbered headings by depth, others by size, largest first."""
    sizes = sorted(
        {round(p.size) for p in paras if p.kind == HEADING and not _NUMBERED.match(p.text)},
        reverse=True,
    )
    for p in paras:
        if p.kind != HEADING:
            continue
        m = _NUMBERED.match(p.text)
        if m:
            p.level = min(2 + m.group(1).count("."), 6)
        elif round(p.size) in sizes:
            p.level = min(1 + sizes.index(round(p.size)), 4)
            if p.size < 1.08 * body:
                p.level = max(p.level, 3)
        else:
            p.level = 3
