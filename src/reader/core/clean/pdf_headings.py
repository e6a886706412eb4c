"""Headings of PDF extractions that the layout pass cannot see: `###` lines a converter
wrote, and numbered headings glued to their first sentence (`glued_headings`).

`###` lines are honoured when they are heading-like (short, not a sentence run on):
the number of `#` gives the level. A `#` run before long text is a converter's
mistake: the marks are removed and the text stays a paragraph. Either way no `#` is
left in the text.
"""

from __future__ import annotations

import re

from reader.core.clean.glued_headings import split_heading
from reader.core.clean.model import Report
from reader.core.clean.pdf_blocks import HEADING
from reader.core.clean.pdf_layout import PARAGRAPH, Chunk

_HASHES = re.compile(r"^(#{1,6})\s+(\S.*)$")
_DEPTH = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})")


def converter_headings(chunks: list[Chunk], report: Report) -> list[Chunk]:
    """Chunks whose first line is a `### Heading` made headings (or the marks dropped)."""
    out: list[Chunk] = []
    honoured = dropped = 0
    for chunk in chunks:
        m = _HASHES.match(chunk.lines[0]) if chunk.kind == PARAGRAPH else None
        if m is None:
            out.append(chunk)
            continue
        text = m.group(2).rstrip("# ").strip() or m.group(2)
        if len(text) <= 150:
            out.append(Chunk([text], HEADING, level=len(m.group(1)), after_break=chunk.after_break))
            honoured += 1
            if len(chunk.lines) > 1:
                out.append(Chunk(chunk.lines[1:]))
        else:
            chunk.lines[0] = text
            out.append(chunk)
            dropped += 1
    report.count("converter headings (#) kept", honoured)
    report.count("converter heading marks (#) removed", dropped)
    return out


def split_glued_headings(chunks: list[Chunk], report: Report) -> list[Chunk]:
    """A numbered heading run into its paragraph becomes a heading and a paragraph."""
    out: list[Chunk] = []
    split = 0
    for chunk in chunks:
        found = split_heading(chunk.text) if chunk.kind == PARAGRAPH else None
        if found is None:
            out.append(chunk)
            continue
        heading, rest = found
        depth = _DEPTH.match(heading)
        level = 1 + (depth.group(1).count(".") + 1 if depth else 1)
        out.append(Chunk([heading], HEADING, level=min(level, 6), after_break=chunk.after_break))
        out.append(Chunk([rest]))
        split += 1
    report.count("numbered headings split from their first sentence", split)
    return out
