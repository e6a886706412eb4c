"""Endnotes of PDF files: a "Notes" or "Endnotes" heading followed by numbered entries.

Each such section ends at the next heading; its paragraphs that start with a number
(`12.`, `12`) start a note, the others continue the note before. The section belongs
to the text before it (back to the previous notes section): a book of essays has one
per essay, each numbered from 1. With one section, labels stay as printed; with more,
the k-th section's note 3 is `k.3` and the markers of its essay point to it.
"""

from __future__ import annotations

import re

from reader.core.clean.pdf_file_blocks import HEADING, Note, Para

_NOTES_HEADING = re.compile(r"^(?:end\s*)?notes(?: and references)?:?$", re.I)
_ENTRY = re.compile(r"^(\d{1,3})\.?\s+(?=\S)")


def take_endnotes(paras: list[Para]) -> tuple[list[Para], list[Note], list[int]]:
    """(body paragraphs, endnotes, the series of each body paragraph: 1, 2, ...).

    Series 0 means the document has at most one notes section (labels unchanged)."""
    sections: list[tuple[int, int]] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.kind == HEADING and _NOTES_HEADING.match(p.text.strip()):
            j = i + 1
            while j < len(paras) and paras[j].kind != HEADING:
                j += 1
            if j > i + 1 and _ENTRY.match(paras[i + 1].text):
                sections.append((i, j))
                i = j
                continue
        i += 1
    if not sections:
        return paras, [], [0] * len(paras)
    many = len(sections) > 1
    notes: list[Note] = []
    body: list[Para] = []
    series: list[int] = []
    start = 0
    for k, (head, end) in enumerate(sections, 1):
        for p in paras[start:head]:
            body.append(p)
            series.append(k if many else 0)
        for p in paras[head + 1 : end]:
            m = _ENTRY.match(p.text)
            if m:
                label = f"{k}.{m.group(1)}" if many else m.group(1)
                notes.append(Note(label, p.text[m.end() :]))
            elif notes:
                notes[-1].text += " " + p.text
        start = end
    for p in paras[start:]:
        body.append(p)
        series.append(len(sections) + 1 if many else 0)
    return body, notes, series
