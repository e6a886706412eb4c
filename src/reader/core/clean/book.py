"""The book cleaner: Project Gutenberg texts and other plain-text books.

Used by the plain cleaner when a text carries a Gutenberg header or footer, or reads as a
book (several chapter divisions). Steps: take off Gutenberg's wrapping and keep what it
says as metadata (`gutenberg`); split paragraphs; drop the table of contents; take out
note definitions (`book_notes`); find the divisions and their levels, verse, tables,
signatures and quotations (`book_structure`); unwrap the rest into paragraphs, with
emphasis and note markers. The date is what the book states: "First published ... 1920",
a year on the title page, or the dateline of a letter; nothing is invented.
"""

from __future__ import annotations

import re

from reader.core.clean.book_notes import illustration_caption, render_inline, take_definitions
from reader.core.clean.book_structure import (
    DATE_WORD,
    BookPara,
    drop_contents,
    mark_divisions,
    mark_layout,
    merge_preformatted,
    split_book,
)
from reader.core.clean.gutenberg import Wrapped, is_gutenberg, unwrap
from reader.core.clean.model import Cleaned, Report
from reader.core.document import HEADING, NOTE, PARAGRAPH, PRE, QUOTE
from reader.core.markdown import MdBlock

_SEPARATOR = re.compile(r"^[*.\u2022~=\-_ \t]{3,}$")
_PUBLISHED = re.compile(
    r"\b(?:first published|published|copyright|\u00a9)\b[^\n]{0,40}?\b(1[5-9]\d\d|20\d\d)\b", re.I
)
_ROMAN_YEAR = re.compile(r"^M{1,2}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\.?$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def looks_like_book(text: str) -> bool:
    """True for a Gutenberg text, or a text with at least two chapter divisions."""
    if is_gutenberg(text):
        return True
    paras = split_book(text)
    if len(paras) < 10:
        return False
    divisions = mark_divisions([BookPara(list(p.lines), p.gap) for p in paras])
    return sum(1 for p in divisions if p.kind == HEADING) >= 2


def clean(text: str, report: Report) -> Cleaned:
    """Blocks and metadata of a plain-text book."""
    wrapped = unwrap(text) if is_gutenberg(text) else Wrapped(text)
    report.count("Gutenberg header and licence lines removed", wrapped.removed_lines)
    paras = [p for p in split_book(wrapped.body) if not _SEPARATOR.match(p.flat)]
    paras, toc = drop_contents(paras)
    report.count("table of contents lines removed", toc)
    keep, notes = take_definitions([p.lines for p in paras])
    positions = {id(paras[k]): k for k in keep}
    paras = [paras[k] for k in keep]
    paras = mark_divisions(paras)
    meta = dict(wrapped.meta)
    date = _date(paras)
    if date:
        meta["date"] = date
    mark_layout(paras)
    paras = merge_preformatted(paras)

    blocks: list[MdBlock] = []
    for para in paras:
        pos = positions.get(id(para), 0)
        if para.kind == HEADING:
            blocks.append(MdBlock(HEADING, render_inline(para.text, pos, notes), level=para.level))
            continue
        caption = illustration_caption(para.flat)
        if caption is not None:
            report.count("illustrations", 1)
            if caption:
                blocks.append(MdBlock(PARAGRAPH, render_inline(caption, pos, notes)))
            continue
        if para.kind == PRE:
            lines = tuple(x.rstrip() for x in _dedent(para.lines))
            blocks.append(MdBlock(PRE, lines=lines))
            report.count("verse or tables kept line by line", 1)
            continue
        for piece in para.extra or [para.flat]:
            blocks.append(MdBlock(para.kind, render_inline(piece, pos, notes)))
    for label, note in notes.cited:
        blocks.append(MdBlock(NOTE, render_inline(note, 10**9, notes), label=label))
    for d in notes.uncited():
        label = notes.unique(d.label)
        report.note(f"note {d.label} is never cited in the text")
        blocks.append(MdBlock(NOTE, render_inline(d.text, 10**9, notes), label=label))
    blocks = [b for b in blocks if b.text.strip() or b.lines]
    report.count("headings", sum(1 for b in blocks if b.kind == HEADING))
    report.count("notes", sum(1 for b in blocks if b.kind == NOTE))
    report.count("paragraphs", sum(1 for b in blocks if b.kind == PARAGRAPH))
    report.count("quotations", sum(1 for b in blocks if b.kind == QUOTE))
    return Cleaned(blocks, meta)


def _dedent(lines: list[str]) -> list[str]:
    indent = min(len(x) - len(x.lstrip()) for x in lines if x.strip())
    return [x[indent:] for x in lines]


def _roman_value(token: str) -> int:
    total = 0
    for a, b in zip(token, [*token[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


def _date(paras: list[BookPara]) -> str:
    """The year the book states in its front matter, or the dateline of a single letter."""
    front: list[BookPara] = []
    for p in paras:
        if p.kind == HEADING and front:
            break
        front.append(p)
    for p in front[:40]:
        m = _PUBLISHED.search(p.flat)
        if m:
            return m.group(1)
    for p in front[:40]:
        for line in p.lines:
            token = line.strip()
            if _ROMAN_YEAR.match(token):
                value = _roman_value(token.rstrip("."))
                if 1500 <= value <= 2100:
                    return str(value)
    datelines = [
        m.group(1)
        for p in paras
        if p.kind == PARAGRAPH and len(p.flat) <= 60 and _is_dateline(p.flat)
        for m in [_YEAR.search(p.flat)]
        if m
    ]
    return datelines[0] if len(datelines) == 1 else ""


def _is_dateline(text: str) -> bool:
    return bool(_YEAR.search(text)) and bool(DATE_WORD.search(text)) and "," in text
