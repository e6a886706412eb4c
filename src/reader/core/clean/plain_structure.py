"""Finding the structure of a plain text: paragraphs, title lines, headings, quotations.

Plain text has no markup, so structure is read from layout and punctuation, and every
rule leans towards leaving a paragraph a paragraph:

- paragraphs are separated by blank lines (or, in a text with no blank lines and long
  lines, each line is one); a paragraph split by a stray blank line mid-sentence is
  joined again;
- the first few short lines before the prose (author, book title, "16. Chapter title")
  are the source's own title block: they become metadata and a level-1 heading;
- a section heading is a short single line without closing punctuation, standing
  between paragraphs of prose;
- a block quotation is a paragraph introduced by one ending in a colon, a paragraph
  whose lines all start with `>`, or an indented paragraph in a text that does not
  indent its paragraphs. A quotation that has no citation marker of its own may go on
  into the next paragraphs up to the one that carries the marker;
- bulleted lines, and paragraphs numbered 1, 2, 3 ... in a row, are list items (a
  numbered paragraph is never taken for a quotation);
- a trailing "Last updated on ..." line is web-archive furniture, not text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from reader.core.clean.model import Report
from reader.core.clean.plain_notes import MARKER, ends_with_marker
from reader.core.clean.text import normalize_spaces
from reader.core.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE


@dataclass
class Para:
    """A paragraph of the source: its raw lines, its text on one line, and its role."""

    lines: list[str]
    text: str
    kind: str = PARAGRAPH
    level: int = 0
    label: str = ""
    parts: list[str] = field(default_factory=list)  # list items held by one paragraph


def _para(lines: list[str]) -> Para:
    return Para(lines, " ".join(x for x in (normalize_spaces(line) for line in lines) if x))


def split_paragraphs(text: str) -> list[Para]:
    """Blank-line separated paragraphs; one per line if the text has long unbroken lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if normalize_spaces(line):
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    # No blank lines at all, but long lines: one paragraph per line (an unwrapped text).
    if len(groups) == 1 and len(groups[0]) >= 3:
        lengths = [len(line) for line in groups[0]]
        if statistics.median(lengths) >= 100:
            groups = [[line] for line in groups[0]]
    return [_para(g) for g in groups]


# --- trailing furniture -------------------------------------------------------------------

_FOOTER = re.compile(
    r"^(?:last\s+(?:updated|modified|revised)\b.*|top\s+of\s+(?:the\s+)?page|back\s+to\s+top)$",
    re.I,
)


def strip_footer(paras: list[Para], report: Report) -> list[Para]:
    """Drop web-archive footer lines ("Last updated on 28 July 2009") at the end."""
    end = len(paras)
    while end and len(paras[end - 1].text) <= 80 and _FOOTER.match(paras[end - 1].text):
        end -= 1
    report.count("footer lines removed", len(paras) - end)
    return paras[:end]


# --- the title block ----------------------------------------------------------------------

# Roman numerals only in capitals: "Civil: the war" is not chapter "Civil".
_CHAPTER = re.compile(
    r"^(?:(?i:chapter|part|book)\s+)?(\d{1,3}|[IVXLC]{1,7})(?:[.:]|\s+[-–—])\s+(\S.*)$"
)
_CHAPTER_ALONE = re.compile(r"^(?:chapter|part|book)\s+(\d{1,3}|[IVXLC]{1,7}|[a-z]+)$", re.I)
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "y"})
_BY = re.compile(r"^by\s+(\S.*)$", re.I)


def _is_short_line(p: Para) -> bool:
    t = p.text
    return (
        len(p.lines) == 1
        and 0 < len(t) <= 100
        and len(t.split()) <= 15
        and t[-1] not in ".,;:"
        and not MARKER.search(t)
    )


def _name_like(text: str) -> bool:
    """A person's name: two to four capitalised words (particles allowed), no digits."""
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in text) or ":" in text:
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words) and words[-1][0].isupper()


def _is_prose(p: Para) -> bool:
    return len(p.text.split()) >= 8 and p.text[-1] in '.?!:’”")]'


def read_title_block(paras: list[Para], report: Report) -> tuple[dict[str, Any], list[Para]]:
    """Metadata stated by the leading short lines, and the paragraphs with them replaced.

    Recognised: "Author / Work / 16. Chapter title" (any of the first two may be
    missing), "Chapter 3" followed by its title, "Title / by Author", or a single title
    line. The chapter (or the title) becomes a level-1 heading; nothing is guessed when
    the lines do not fit one of these shapes.
    """
    head: list[Para] = []
    for p in paras[:5]:
        if not _is_short_line(p) or p.kind != PARAGRAPH:
            break
        head.append(p)
    if not head or len(head) == len(paras) or not _is_prose(paras[len(head)]):
        return {}, paras
    lines = [p.text for p in head]
    meta: dict[str, Any] = {}
    heading = ""
    used = 0
    chapter_at = next(
        (i for i, t in enumerate(lines) if _CHAPTER.match(t) or _CHAPTER_ALONE.match(t)), -1
    )
    if chapter_at >= 0:
        line = lines[chapter_at]
        m = _CHAPTER.match(line)
        if m:
            meta["chapter"], meta["title"] = m.group(1), m.group(2)
            heading, used = line, chapter_at + 1
        else:
            alone = _CHAPTER_ALONE.match(line)
            assert alone is not None
            meta["chapter"] = alone.group(1)
            heading, used = line, chapter_at + 1
            if chapter_at + 1 < len(lines):  # "Chapter 3" then its title on the next line
                meta["title"] = lines[chapter_at + 1]
                heading, used = f"{line}: {lines[chapter_at + 1]}", chapter_at + 2
        before = lines[:chapter_at]
        if len(before) == 2:
            author, work = (before[0], before[1])
            if _name_like(before[1]) and not _name_like(before[0]):
                author, work = before[1], before[0]
            meta["author"], meta["work"] = author, work
        elif len(before) == 1:
            meta["author" if _name_like(before[0]) else "work"] = before[0]
        elif before:
            return {}, paras  # too many lines above the chapter to tell what they are
    elif len(lines) <= 2:
        by = _BY.match(lines[-1]) if len(lines) == 2 else None
        if len(lines) == 1:
            meta["title"] = heading = lines[0]
            used = 1
        elif by:
            meta["title"], meta["author"] = lines[0], by.group(1)
            heading, used = lines[0], 2
        elif _name_like(lines[0]) and not _name_like(lines[1]):
            meta["author"], meta["title"] = lines[0], lines[1]
            heading, used = lines[1], 2
        else:
            return {}, paras
    else:
        return {}, paras
    report.count("title lines read as metadata", used)
    title = Para([heading], heading, HEADING, level=1)
    return meta, [title, *head[used:], *paras[len(head) :]]


# --- paragraphs split by a stray blank line -----------------------------------------------


def join_broken(paras: list[Para], report: Report) -> list[Para]:
    """Join a paragraph that stops mid-sentence to the next one, which starts in lowercase."""
    out: list[Para] = []
    pieces: list[list[str]] = []  # the texts each output paragraph is joined from
    for p in paras:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == p.kind == PARAGRAPH
            and (len(pieces[-1]) > 1 or len(prev.text.split()) >= 8)
            and (pieces[-1][-1][-1].isalpha() or pieces[-1][-1][-1] in ",-–")
            and p.text[0].islower()
        ):
            prev.lines.extend(p.lines)
            pieces[-1].append(p.text)
            report.count("paragraphs joined across blank lines")
            continue
        out.append(p)
        pieces.append([p.text])
    for para, parts in zip(out, pieces, strict=True):
        if len(parts) > 1:
            para.text = " ".join(parts)
    return out


# --- lists --------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-*•–]\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$", re.S)
# "1.", "(a)", "IV." ...: a paragraph that starts like this is an item, not a quotation.
ENUMERATED = re.compile(r"^(?:\(?(?:\d{1,3}|[a-z]|[IVXLC]{1,7})[.)])\s")


def _mark_numbered(paras: list[Para], report: Report) -> None:
    """Two or more paragraphs in a row numbered n, n+1, ... are an ordered list."""
    i = 0
    while i < len(paras):
        run = [i]
        m = _NUMBERED.match(paras[i].text) if paras[i].kind == PARAGRAPH else None
        while m and run[-1] + 1 < len(paras):
            nxt = paras[run[-1] + 1]
            n = _NUMBERED.match(nxt.text) if nxt.kind == PARAGRAPH else None
            prev_number = _NUMBERED.match(paras[run[-1]].text)
            assert prev_number is not None
            if not n or int(n.group(1)) != int(prev_number.group(1)) + 1:
                break
            run.append(run[-1] + 1)
        if m and len(run) >= 2:
            for j in run:
                number = _NUMBERED.match(paras[j].text)
                assert number is not None
                paras[j].kind, paras[j].label = LIST_ITEM, number.group(1) + "."
                paras[j].parts = [number.group(2)]
            report.count("list items", len(run))
        i = run[-1] + 1


def mark_lists(paras: list[Para], report: Report) -> None:
    """Bulleted lines are list items (one per bullet); so are numbered paragraphs in a row."""
    _mark_numbered(paras, report)
    for p in paras:
        if p.kind != PARAGRAPH or not _BULLET.match(p.lines[0]):
            continue
        items: list[list[str]] = []
        for line in p.lines:
            m = _BULLET.match(line)
            if m:
                items.append([m.group(1)])
            else:
                items[-1].append(line)
        p.kind, p.label = LIST_ITEM, "-"
        p.parts = [normalize_spaces(" ".join(item)) for item in items]
        report.count("list items", len(p.parts))


# --- headings -----------------------------------------------------------------------------


def heading_like(p: Para) -> bool:
    """A short single line that does not end like a sentence (a candidate heading)."""
    t = p.text
    if p.kind != PARAGRAPH or len(p.lines) != 1 or not t:
        return False
    words = t.split()
    if len(words) > 12 or len(t) > 80 or not (t[0].isupper() or t[0].isdigit()):
        return False
    if MARKER.search(t):
        return False
    if t[-1] in "?!":
        # A lone question in prose is usually rhetorical; "The enigma: Why ...?" is a title.
        return ": " in t and len(words) >= 3
    return t[-1].isalnum() or t[-1] == ")"


def mark_headings(paras: list[Para], report: Report) -> None:
    """Heading-like lines standing alone between prose paragraphs become level-2 headings."""
    for i, p in enumerate(paras):
        if not heading_like(p):
            continue
        prev = paras[i - 1] if i else None
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is None or nxt.kind != PARAGRAPH or heading_like(nxt) or not _is_prose(nxt):
            continue
        if prev is not None and (heading_like(prev) or prev.text.endswith(":")):
            continue
        p.kind, p.level = HEADING, 2
        report.count("headings found")


# --- quotations ---------------------------------------------------------------------------

_ELLIPSIS_START = re.compile(r"^(?:\.\s?\.\s?\.|…)")
_OPENING_QUOTES = '‘“"«„'
# How many paragraphs a quotation without its own citation may run on into.
_MAX_RUN_ON = 3


def _quotable(p: Para) -> bool:
    return (
        p.kind == PARAGRAPH
        and len(p.text.split()) >= 5
        and not p.text.endswith(":")
        and not ENUMERATED.match(p.text)
    )


def _run_on(paras: list[Para], i: int) -> None:
    """Extend the quotation at `i`, which has no citation marker, to where one closes it."""
    pending: list[Para] = []
    for j in range(i + 1, min(len(paras), i + 1 + _MAX_RUN_ON)):
        q = paras[j]
        if not _quotable(q) or heading_like(q):
            return
        if not pending and _ELLIPSIS_START.match(q.text):
            q.kind = QUOTE  # "... under present conditions": the quotation goes on
            if ends_with_marker(q.text):
                return
            continue
        # The paragraph that carries the citation closes the quotation, unless it is
        # the author's own prose quoting inline (opening quote marks inside it).
        if ends_with_marker(q.text) and (
            q.text[0] in _OPENING_QUOTES or not any(c in q.text for c in _OPENING_QUOTES)
        ):
            for x in [*pending, q]:
                x.kind = QUOTE
            return
        pending.append(q)


def _introduced(paras: list[Para], i: int) -> bool:
    """True if the paragraph before `i` is prose that ends with a colon."""
    return i > 0 and paras[i - 1].kind == PARAGRAPH and paras[i - 1].text.endswith(":")


def mark_quotes(paras: list[Para], report: Report) -> None:
    """Mark block quotations (see the module docstring for the rules)."""
    indented = {id(p) for p in paras if all(line.startswith("  ") for line in p.lines)}
    # Indentation marks quotations only in a text whose paragraphs are mostly flush left.
    indents_are_quotes = 0 < len(indented) * 3 <= len(paras)
    for i, p in enumerate(paras):
        explicit = all(line.lstrip().startswith(">") for line in p.lines)
        if p.kind == PARAGRAPH and explicit and p.text.lstrip("> "):
            p.lines = [line.lstrip()[1:] for line in p.lines]
            p.text = " ".join(x for x in (normalize_spaces(line) for line in p.lines) if x)
            p.kind = QUOTE
        elif indents_are_quotes and id(p) in indented and _quotable(p):
            p.kind = QUOTE
        elif _introduced(paras, i) and _quotable(p) and not heading_like(p):
            p.kind = QUOTE
            if not ends_with_marker(p.text):
                _run_on(paras, i)
    report.count("quotations found", sum(1 for p in paras if p.kind == QUOTE))
