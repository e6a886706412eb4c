"""The plain-text cleaner: paragraphs separated by blank lines, nothing else assumed."""

from __future__ import annotations

from reader.core.clean.model import Cleaned, Report
from reader.core.clean.text import normalize_spaces
from reader.core.document import PARAGRAPH
from reader.core.inline import escape_inline
from reader.core.markdown import MdBlock


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs with their lines joined by single spaces."""
    out: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        clean = normalize_spaces(line)
        if clean:
            current.append(clean)
        elif current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def clean(text: str, report: Report) -> Cleaned:
    """Each blank-line separated paragraph becomes a paragraph block."""
    blocks = [MdBlock(PARAGRAPH, escape_inline(p)) for p in paragraphs(text)]
    report.count("paragraphs", len(blocks))
    return Cleaned(blocks)
