"""Pages of a PDF extraction: furniture, footnotes at page feet, broken words.

This pass runs on the whole text before it is cut into chunks, because it needs the
pages. Page breaks are known from form feeds when the extractor wrote them; otherwise
from the furniture itself (a stamp or running header line marks a break).

1. Furniture (`furniture.find_furniture`): with form feeds, the lines that recur at the
   top or bottom of many pages, up to changing numbers and OCR noise; without, short
   lines with a number or an address that recur at least three times (a running head
   with its page number, a download stamp with its date). Bare page numbers next to a
   break go too. Each break becomes a form feed on a line of its own, so that the chunk
   splitter knows where pages end.
2. Footnotes: on each page, a line that starts with a small number (the next note
   number of the document) after a line that ends a sentence, and whose number was used
   as a marker earlier on the page (`word.12`, `word12`), starts the page's notes; every
   line from there to the page end belongs to them. They are rewritten with superscript
   labels (the form the note machinery reads), and so is the marker.
3. Words broken by the typesetting: a line-end hyphen and a ligature split are mended
   against the document's own vocabulary (`mend`).
"""

from __future__ import annotations

import re

from reader.core.clean.furniture import find_furniture, is_page_number, line_key
from reader.core.clean.mend import Vocabulary, join_hyphenated, repair_ligatures
from reader.core.clean.model import Report

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NOTE_LINE = re.compile(r"^(\d{1,3})\s+(?=[\"“‘(\[]?[A-Z])")
_SENTENCE_END = re.compile(r"[.!?:][\"”’)\]]*\s*$|[.!?][\"”’)\]]*\d{1,3}\s*$")
_STAMP_HINT = re.compile(r"\d|https?://|www\.|@")
_MIN_KEY_LETTERS = 10
_FURNITURE = "running headers and stamps"
_PAGE_NUMBERS = "page numbers"
_NOTE_SKIP = 30  # OCR loses labels: the next note found may be a few numbers on
_NOTE_BACK = 10  # ... or misreads one, so that the true next one looks smaller


def prepare(text: str, report: Report) -> str:
    """The text with furniture gone, page breaks as form-feed lines, notes marked."""
    vocab = Vocabulary.of_text(text)
    text, repaired = repair_ligatures(text, vocab)
    report.count("ligature splits repaired", repaired)
    pages = _pages(text, report)
    if len(pages) > 1:
        last = [0]
        pages = [_footnotes(page, last, report) for page in pages]
    lines = _mend_hyphens([line for page in pages for line in [*page, "\f"]][:-1], vocab, report)
    return "\n".join(lines)


def _pages(text: str, report: Report) -> list[list[str]]:
    """The text's pages as lists of lines, furniture removed."""
    if text.count("\f") >= 2:
        pages = [p.split("\n") for p in text.split("\f")]
        found = find_furniture(pages, edge=3, min_share=0.3)
        out: list[list[str]] = []
        for page in pages:
            filled = [i for i, line in enumerate(page) if line.strip()]
            edges = set(filled[:3] + filled[-3:])
            keep: list[str] = []
            for i, line in enumerate(page):
                glued = found.glued_prefix(line) if filled and i == filled[0] else 0
                if glued:
                    report.removed(_FURNITURE, unit="lines", example=line[:glued])
                    line = line[glued:].lstrip()
                if i in edges and not glued and found.is_furniture(line):
                    report.removed(_FURNITURE, unit="lines", example=line)
                elif i in edges and is_page_number(line):
                    report.removed(_PAGE_NUMBERS, unit="lines", example=line)
                else:
                    keep.append(line)
            out.append(keep)
        return out
    split: list[list[str]] = [[]]
    for line in _recurring_stamps(text.split("\n"), report):
        if line == "\f":
            split.append([])
        else:
            split[-1].append(line)
    return split


def _recurring_stamps(lines: list[str], report: Report) -> list[str]:
    """Without form feeds: short numbered lines recurring three times or more become
    page breaks (a form feed on its own line)."""
    candidates = [
        [line]
        for line in lines
        if 0 < len(line.strip()) <= 200
        and _STAMP_HINT.search(line)
        and not line.rstrip().endswith((".", ",", ";", "?", "!"))
        and sum(ch.isalpha() for ch in line_key(line)) >= _MIN_KEY_LETTERS
    ]
    if len(candidates) < 3:
        return lines
    found = find_furniture(candidates, edge=1, min_share=0.0, numbered_min=3)
    if not found:
        return lines
    out: list[str] = []
    for line in lines:
        if (
            0 < len(line.strip()) <= 200
            and _STAMP_HINT.search(line)
            and not line.rstrip().endswith((".", ",", ";", "?", "!"))
            and found.is_furniture(line)
        ):
            report.removed(_FURNITURE, unit="lines", example=line)
            if out and out[-1] != "\f":
                out.append("\f")
        else:
            out.append(line)
    out = _heads_beside_breaks(out, report)
    # A bare page number beside a break is part of it.
    cleaned: list[str] = []
    for i, line in enumerate(out):
        near = (i > 0 and out[i - 1] == "\f") or (i + 1 < len(out) and out[i + 1] == "\f")
        if near and is_page_number(line):
            report.removed(_PAGE_NUMBERS, unit="lines", example=line)
            continue
        cleaned.append(line)
    return cleaned


# A running head seen once: a page number (two or more digits) and a few words, nothing
# of a sentence; "202 Research handbook on ...", "Public programmes and ... 203".
_RUNNING_HEAD = re.compile(
    r"^(?:\d{3,4}\s+[A-Z][^.!?;:,\d]{8,120}|[A-Z][^.!?;:,\d]{8,120}\s\d{2,4})$"
)


def _after_break(lines: list[str], i: int) -> bool:
    """The first line after a break (or the last before one)."""
    before = next((x for x in reversed(lines[:i]) if x == "\f" or x.strip()), "")
    after = next((x for x in lines[i + 1 :] if x == "\f" or x.strip()), "")
    return before == "\f" or after == "\f"


def _heads_beside_breaks(lines: list[str], report: Report) -> list[str]:
    """Running heads with a page number next to the breaks found so far: on two pages
    or more (odd and even pages carry different heads, each on half the pages)."""
    near = [
        i
        for i, line in enumerate(lines)
        if line != "\f"
        and "\f" in lines[max(0, i - 2) : i + 3]
        and 0 < len(line.strip()) <= 200
        and _STAMP_HINT.search(line)
        and not line.rstrip().endswith((".", ",", ";", "?", "!"))
        and sum(ch.isalpha() for ch in line_key(line)) >= _MIN_KEY_LETTERS
    ]
    drop = {i for i in near if _RUNNING_HEAD.match(lines[i].strip()) and _after_break(lines, i)}
    if len(near) >= 2:
        found = find_furniture([[lines[i]] for i in near], edge=1, min_share=0.0)
        drop |= {i for i in near if found.is_furniture(lines[i])}
    for i in sorted(drop):
        report.removed(_FURNITURE, unit="lines", example=lines[i])
    return [line for i, line in enumerate(lines) if i not in drop]


def _footnotes(page: list[str], last: list[int], report: Report) -> list[str]:
    """Mark the notes at the foot of one page (superscript labels, own chunk).

    `last[0]` is the last note number seen so far in the document: a page's first note
    must follow on from it (or have its marker on the page), which tells a note from a
    numbered paragraph.
    """
    original = page
    body_end = None
    filled = [i for i, line in enumerate(page) if line.strip()]
    low = filled[len(filled) // 3] if len(filled) >= 3 else 1  # notes stand low on a page
    for i in range(max(1, low), len(page)):
        m = _NOTE_LINE.match(page[i])
        if not m:
            continue
        before = next((x for x in reversed(page[:i]) if x.strip()), "")
        apart = not page[i - 1].strip()  # a blank line between body and notes
        number = int(m.group(1))
        marked = _marker_at(page[:i], m.group(1)) is not None
        if not before or not (
            apart or _SENTENCE_END.search(before) or (marked and number == last[0] + 1)
        ):
            continue
        follows = -_NOTE_BACK < number - last[0] <= _NOTE_SKIP and number > 0
        if number == 0 or not (follows or marked):
            continue
        body_end = i
        break
    if body_end is None:
        unglued = _unglue_note(page, last)
        if unglued is None:
            return original
        return _footnotes(unglued, last, report)
    body = page[:body_end]
    notes = _split_run_on_notes(page[body_end:])
    labels: list[str] = []
    out_notes: list[str] = []
    for line in notes:
        m = _NOTE_LINE.match(line)
        if m and (not labels or 0 < int(m.group(1)) - int(labels[-1]) <= _NOTE_SKIP):
            labels.append(m.group(1))
            last[0] = max(last[0], int(m.group(1)))
            out_notes.append(m.group(1).translate(_SUPER) + " " + line[m.end() :])
        elif line.strip():
            out_notes.append(line)
    for label in labels:
        at = _marker_at(body, label)
        if at is not None:
            row, col = at
            body[row] = body[row][:col] + label.translate(_SUPER) + body[row][col + len(label) :]
    report.count("footnotes found at page feet", len(labels))
    return [*body, "", *out_notes, ""]


_GLUED_NOTE = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(\d{1,3})\s+(?=[\"“(]?[A-Z])")


def _split_run_on_notes(lines: list[str]) -> list[str]:
    """Notes run together on one line (`1 See A. 2 See B.`) put on lines of their own:
    only where the number is the next one."""
    out: list[str] = []
    current = 0
    for line in lines:
        m = _NOTE_LINE.match(line)
        if m:
            current = int(m.group(1))
        start = 0
        for g in _GLUED_NOTE.finditer(line):
            if current and int(g.group(2)) == current + 1:
                out.append(line[start : g.start(2)].rstrip())
                start = g.start(2)
                current += 1
        out.append(line[start:])
    return out


def _unglue_note(page: list[str], last: list[int]) -> list[str] | None:
    """A page whose first note was run into the last line of its body (`... of the
    programme. 1 See for example: ...`), with the note put on a line of its own; None
    when there is none. The note must be the document's next note, and its marker must
    stand earlier on the page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    if len(filled) < 2:
        return None
    for i in reversed(filled[len(filled) // 3 :]):
        line = page[i]
        for m in _GLUED_NOTE.finditer(line):
            number = int(m.group(2))
            if not 0 < number - last[0] <= 3:
                continue
            head = [*page[:i], line[: m.start(2)]]
            if _marker_at(head, m.group(2)) is None:
                continue
            return [*page[:i], line[: m.start(2)].rstrip(), "", line[m.start(2) :], *page[i + 1 :]]
    return None


def _marker_at(lines: list[str], label: str) -> tuple[int, int] | None:
    """Where `label` stands glued to a word or its punctuation (the last such place)."""
    pattern = re.compile(r"(?<=[^\W\d_][.,;:!?\"”’)]|[^\W\d_]{2})" + label + r"(?!\d)")
    for row in range(len(lines) - 1, -1, -1):
        found = list(pattern.finditer(lines[row]))
        if found:
            return row, found[-1].start()
    return None


def _mend_hyphens(lines: list[str], vocab: Vocabulary, report: Report) -> list[str]:
    """Join `founda-` / `tional` across a line end when the joined word is a word."""
    mended = 0
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        if not line.endswith("-") or len(line) < 2 or not line[-2].isalpha():
            continue
        m = re.match(r"\s*([^\W\d_]+)", nxt)
        if not m:
            continue
        if m.group(1)[:1].isupper():  # "Soviet-" / "German": a compound, closed up
            lines[i] = line + m.group(1)
            rest = nxt[m.end() :].lstrip()
            lines[i + 1] = rest if rest else "\x00"
            continue
        left = line.rsplit(" ", 1)[-1]
        joined = join_hyphenated(left, m.group(1), vocab)
        if "-" in joined[len(left) - 1 : len(left)]:
            continue
        lines[i] = line[: len(line) - len(left)] + joined
        rest = nxt[m.end() :].lstrip()
        lines[i + 1] = rest if rest else "\x00"  # the whole next line moved up
        mended += 1
    report.count("hyphenated words joined", mended)
    return [line for line in lines if line != "\x00"]
