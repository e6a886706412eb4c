"""Footnotes and endnotes of PDF extractions: finding the definitions, checking markers.

Two layouts are recognised:

- footnotes at the foot of each page: lines that start with superscript digits
  (`¹² Ibid., 36.`), wedged between the halves of a paragraph the page break cut;
- endnotes gathered after the body: chunks that start with a bracketed number
  (`[12] In Trotsky, ...`), running to the end of the text. A chunk in that area with
  no number of its own continues the note before it.

Definitions are taken out of the chunk list (their removal is page-break evidence for
the paragraph joiner) and returned as `NoteDef`s keyed by the source's own label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.clean.model import Report
from reader.core.clean.pdf_inline import superscript_label
from reader.core.clean.pdf_layout import PARAGRAPH, Chunk

_FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(\S.*)$")
_ENDNOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@dataclass
class NoteDef:
    """A note definition: its label and its text (still extractor Markdown-ish)."""

    label: str
    text: str


def take_footnotes(chunks: list[Chunk]) -> tuple[list[Chunk], list[NoteDef]]:
    """Take superscript-numbered footnote lines out of the chunks."""
    body: list[Chunk] = []
    notes: list[NoteDef] = []
    removed = False
    for chunk in chunks:
        first = _FOOTNOTE.match(chunk.lines[0]) if chunk.kind == PARAGRAPH else None
        if first is None:
            chunk.after_break = chunk.after_break or removed
            removed = False
            body.append(chunk)
            continue
        for line in chunk.lines:
            m = _FOOTNOTE.match(line)
            if m:
                notes.append(NoteDef(superscript_label(m.group(1)), m.group(2)))
            else:  # a wrapped line of the note above
                notes[-1].text += " " + line
        removed = True
    return body, notes


def _endnote_area_start(chunks: list[Chunk]) -> int | None:
    """Where the endnotes begin: the last `[1]` chunk after which most chunks are notes."""
    for i in range(len(chunks) - 1, -1, -1):
        m = _ENDNOTE.match(chunks[i].text)
        if m and m.group(1) == "1":
            rest = chunks[i:]
            numbered = sum(1 for c in rest if _ENDNOTE.match(c.text))
            if numbered >= max(2, (len(rest) + 1) // 2) or numbered == len(rest):
                return i
    return None


def take_endnotes(chunks: list[Chunk], report: Report) -> tuple[list[Chunk], list[NoteDef]]:
    """Take the bracket-numbered endnotes at the end of the text out of the chunks."""
    start = _endnote_area_start(chunks)
    if start is None:
        return chunks, []
    notes: list[NoteDef] = []
    for chunk in chunks[start:]:
        m = _ENDNOTE.match(chunk.text)
        if m:
            notes.append(NoteDef(m.group(1), m.group(2)))
        else:
            notes[-1].text += " " + chunk.text
            report.note(
                f"text in the notes area joined to note {notes[-1].label}: "
                f"{chunk.text[:60]!r} (if it is displaced body text, move it with a correction)"
            )
    return chunks[:start], notes


def merge_duplicates(notes: list[NoteDef], report: Report) -> dict[str, NoteDef]:
    """Notes by label; a label defined twice keeps the first and says so."""
    out: dict[str, NoteDef] = {}
    for note in notes:
        if note.label in out:
            report.note(f"note {note.label} is defined twice; both texts are kept under it")
            out[note.label].text += " " + note.text
        else:
            out[note.label] = note
    return out


def check_markers(used: list[str], notes: dict[str, NoteDef], report: Report) -> None:
    """Report notes no marker refers to and markers used more than once."""
    counts = Counter(used)
    for label in notes:
        if label not in counts:
            report.note(f"note {label} has no marker in the text")
    for label, n in sorted(counts.items(), key=lambda kv: _label_key(kv[0])):
        if n > 1:
            report.note(f"note {label} is referred to {n} times")


def undefined_markers(text: str, labels: set[str]) -> list[str]:
    """Superscript markers in `text` whose label has no definition."""
    return [
        superscript_label(m.group(0))
        for m in _SUPERSCRIPT_RUN.finditer(text)
        if superscript_label(m.group(0)) not in labels
    ]


def _label_key(label: str) -> tuple[int, str]:
    digits = re.match(r"\d+", label)
    return (int(digits.group(0)) if digits else 10**9, label)


def ordered(notes: dict[str, NoteDef]) -> list[NoteDef]:
    """Notes in label order (numeric labels numerically)."""
    return sorted(notes.values(), key=lambda n: _label_key(n.label))
