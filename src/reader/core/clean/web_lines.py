"""Lines of a web-page dump and what a bare line can be: a heading or a flattened list.

A page saved as text has one line per HTML block (a paragraph, a heading, a table) and
blank lines only here and there, so each non-blank line is the unit the web cleaner
works on. `Line` keeps both the raw text (non-breaking spaces intact: they are evidence
of indentation and of table cells) and the text with ordinary spaces.

Headings lost their markup and are bare short lines. What tells them apart from the
short lines around them (citations such as "Ibid; p. 69-70", a signature, a salutation
inside a letter) is: no closing punctuation, title-style capitals, no page reference,
a blank line on at least one side, and no padding that splits it into list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.clean.text import normalize_spaces

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the source."""

    number: int  # 1-based line number in the cleaned-up source
    raw: str  # as in the source, non-breaking spaces kept
    text: str  # with plain single spaces, trimmed
    blank_before: bool  # a blank line (or the start of the text) comes before it
    blank_after: bool  # a blank line (or the end of the text) comes after it

    @property
    def indented(self) -> bool:
        """True when the source line starts with padding (quotations often do)."""
        return self.raw[:1] in (" ", NBSP)


def content_lines(raw_lines: list[str]) -> list[Line]:
    """The non-blank lines, each knowing whether a blank line stands before or after it."""
    texts = [normalize_spaces(x) for x in raw_lines]
    out: list[Line] = []
    for i, (raw, text) in enumerate(zip(raw_lines, texts, strict=True)):
        if not text:
            continue
        before = i == 0 or not texts[i - 1]
        after = i == len(texts) - 1 or not texts[i + 1]
        out.append(Line(i + 1, raw, text, before, after))
    return out


# --- headings -----------------------------------------------------------------------

# Words a title leaves in lower case.
# fmt: off
_MINOR_WORDS = frozenset((
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for",
    "from", "with", "by", "against", "as", "into", "over", "under", "up", "out", "upon",
    "via", "vs", "versus",
))
# fmt: on
_TITLE_TOKEN = re.compile(r"^(?:[–—-]|&|[(\"“]?[\w][\w’'.,()-]*[)\"”]?)$")
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90

# A page reference or a source abbreviation: the mark of a citation, never of a heading.
PAGE_REFERENCE = re.compile(
    r"\bIbid\b|\bop\.?\s?cit\b|\bpp?[.,]*\s?\d|\bpages?\s+\d|\bVol(?:ume)?\.?\s*(?:\d|[IVXL]+\b)",
    re.IGNORECASE,
)


def is_title_case(text: str) -> bool:
    """True when every word but the minor ones starts with a capital letter (or a digit)."""
    tokens = text.split()
    if not tokens or not tokens[0][:1].isupper():
        return False
    for token in tokens:
        if not _TITLE_TOKEN.match(token):
            return False
        word = token.strip('("“”)')
        if not word or not word[0].isalpha() or word.lower() in _MINOR_WORDS:
            continue
        if not word[0].isupper():
            return False
    return True


def is_heading(line: Line) -> bool:
    """True for a bare section heading: a short title-case line standing apart."""
    text = line.text
    if not (line.blank_before or line.blank_after):
        return False
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    if not text[-1].isalnum() or PAGE_REFERENCE.search(text):
        return False
    if NBSP in line.raw and flattened_cells(line) is not None:
        return False  # short title-case items padded apart: a flattened list, not a title
    return is_title_case(text)


# --- flattened tables ---------------------------------------------------------------

# A cell boundary: padding that holds at least one non-breaking space, or 3+ spaces.
_CELL_GAP = re.compile(r"(?<![ \u00a0])[ \u00a0]*\u00a0[ \u00a0]*| {3,}")  # runs from their start
LIST_MIN_CELLS = 4
CELL_MAX_WORDS = 5


def flattened_cells(line: Line) -> list[str] | None:
    """The cells of a table or list that was flattened into one padded line, else None.

    A flattened list is a line of short title-case items separated by padding (runs
    of non-breaking spaces), e.g. "Great Britain      Serbia      France  Japan".
    Items whose padding was lost in the source stay together; a per-document
    correction can restore the gap.
    """
    cells = [normalize_spaces(c) for c in _CELL_GAP.split(line.raw.strip(" \u00a0"))]
    cells = [c for c in cells if c]
    if len(cells) < LIST_MIN_CELLS:
        return None
    if any(len(c.split()) > CELL_MAX_WORDS or not is_title_case(c.rstrip(".")) for c in cells):
        return None
    last = cells[-1]
    if last.endswith(".") and not any(c.endswith(".") for c in cells[:-1]):
        cells[-1] = last[:-1]  # the full stop closes the run-on sentence, not the item
    return cells


# --- sentences split across lines ---------------------------------------------------

_OPEN_END = re.compile(r"[\w,]$")


def ends_mid_sentence(text: str) -> bool:
    """True when a line stops where no sentence can end (after a word or a comma)."""
    return bool(_OPEN_END.search(text)) and len(text.split()) > HEADING_MAX_WORDS
