"""What each chunk of a PDF extraction is: heading, quotation, table, list item, paragraph.

The extractor keeps no styles, so structure is read from the text itself:

- numbered headings: a short line `4.`, `4.1.` or `10` + a title, whose number fits the
  sequence so far (the next section, or a subsection of the current one); the level
  follows the depth of the number (sections 2, subsections 3, ...), keeping the number
  as written;
- unnumbered headings: a short line (at most 12 words) that starts with a capital,
  does not end like a sentence, and stands between finished paragraphs; "Bibliography",
  "References", "Notes" and the like are top-level, others sit one level below the
  section they are in;
- a sub-heading disguised as a list item: a short bullet with no punctuation among
  bullets that are bibliographic entries;
- quotations: a chunk that opens with a quotation mark and closes with one (followed only
  by note markers or a bracketed citation), or several chunks from an unclosed opening
  mark to the chunk that closes it; "(...)" between quoted chunks belongs to the quote;
- flattened tables: lines that each start with a year or number and are mostly
  numbers, with the header line before them; the cells cannot be told apart any more,
  so the table is kept verbatim and marked damaged.
"""

from __future__ import annotations

import re

from reader.core.clean.model import Report
from reader.core.clean.pdf_layout import LIST, PARAGRAPH, QUOTE_MARK, Chunk, ends_sentence

HEADING = "heading"
QUOTE = "quote"
TABLE = "table"

BACK_MATTER = re.compile(
    r"^(bibliography|references|works cited|sources|notes|endnotes|appendix|"
    r"select bibliography|further reading)$",
    re.I,
)
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s+(\S.*)$")
_OPENING_QUOTES = '"“‘«'
_QUOTE_CHARS = '"“”«»'
_ROW = re.compile(r"^\d{4}(?:[-–]\d{2,4})?\b")
_NUMBER = re.compile(r"^\(?\d[\d,.]*%?\)?$")


def _words(text: str) -> int:
    return len(text.split())


def mark_back_matter(chunks: list[Chunk]) -> int:
    """Make "Bibliography"-like lines headings; the index of the first (or len)."""
    first = len(chunks)
    for i, chunk in enumerate(chunks):
        if chunk.kind == PARAGRAPH and BACK_MATTER.match(chunk.text.rstrip(":")):
            chunk.kind, chunk.level = HEADING, 2
            first = min(first, i)
    return first


def mark_numbered_headings(chunks: list[Chunk], report: Report) -> None:
    """Numbered section headings whose numbers follow on from each other."""
    top = 0
    last: tuple[int, ...] = ()
    found = 0
    for chunk in chunks:
        if chunk.kind != PARAGRAPH or len(chunk.lines) > 2:
            continue
        m = _NUMBERED.match(chunk.text)
        if not m or len(chunk.text) > 160 or not m.group(3)[:1].isupper():
            continue
        if re.search(r"[a-z]{2}\.\s+[A-Z]", m.group(3)):
            continue  # two sentences: a numbered paragraph, not a heading
        number = tuple(int(p) for p in m.group(1).split("."))
        fits = (len(number) == 1 and number[0] == top + 1) or (
            len(number) > 1 and number[0] == top and number > last
        )
        if not fits:
            continue
        top, last = number[0], number
        chunk.kind, chunk.level = HEADING, 1 + len(number)
        found += 1
    report.count("numbered headings", found)


def _heading_like(chunk: Chunk) -> bool:
    text = chunk.text
    return (
        chunk.kind == PARAGRAPH
        and len(chunk.lines) == 1
        and len(text) <= 90
        and 1 <= _words(text) <= 12
        and text[:1].isupper()
        and not ends_sentence(text)
        and not text.endswith((",", "-", "?"))
        and not re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|\]\(#\)|[\"“”]", text)
    )


def mark_plain_headings(chunks: list[Chunk]) -> None:
    """Unnumbered headings: short capitalised lines between finished paragraphs."""
    for i, chunk in enumerate(chunks):
        if not _heading_like(chunk) or i + 1 >= len(chunks):
            continue
        before = chunks[i - 1] if i else None
        after = chunks[i + 1]
        if before is not None and before.kind == PARAGRAPH and not ends_sentence(before.text):
            continue
        if after.kind == PARAGRAPH and after.text[:1].islower():
            continue
        if after.kind == TABLE:
            continue
        chunk.kind = HEADING
    _set_levels(chunks)


def _set_levels(chunks: list[Chunk]) -> None:
    """Levels of unnumbered headings, from what surrounds them."""
    section_level = 0  # level of the enclosing heading that has a number or is back matter
    for chunk in chunks:
        if chunk.kind != HEADING:
            continue
        if BACK_MATTER.match(chunk.text.rstrip(":")):
            chunk.level, section_level = 2, 2
        elif _NUMBERED.match(chunk.text) and chunk.level:
            section_level = 2 if chunk.level == 2 else section_level
        elif not chunk.level:
            chunk.level = section_level + 1 if section_level else 2


def mark_list_headings(chunks: list[Chunk]) -> None:
    """A short unpunctuated bullet among bibliographic bullets is a sub-heading."""
    for i, chunk in enumerate(chunks):
        if chunk.kind != LIST:
            continue
        text = chunk.text
        if _words(text) > 5 or len(text) > 50 or re.search(r"[.,;:]", text):
            continue
        neighbours = [c for c in chunks[max(0, i - 2) : i + 3] if c is not chunk]
        if sum(1 for c in neighbours if c.kind == LIST and ". " in c.text) < 2:
            continue
        previous = [c for c in chunks[:i] if c.kind == HEADING]
        chunk.kind, chunk.label = HEADING, ""
        if previous and not BACK_MATTER.match(previous[-1].text):
            chunk.level = previous[-1].level
        else:
            chunk.level = previous[-1].level + 1 if previous else 2


def _closes_quote(text: str) -> bool:
    """The text ends with a closing quotation mark and at most markers or a citation."""
    last = max(text.rfind(q) for q in _QUOTE_CHARS)
    if last < 0:
        return False
    tail = text[last + 1 :]
    for _ in range(4):  # markers and citations, possibly several, possibly nested
        tail = re.sub(
            r"\[[^\[\]]*\](?:\(#\))?|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\((?:Ibid|ibid|\.{3}|…)[^()]*\)", "", tail
        )
    return not re.search(r"[^\s.,;\])]", tail)


# A citation after a quotation's closing mark: a lost link ("[title](#)", possibly
# wrapped in a bracket of the text), a bracketed reference, or a parenthesised one.
# It must hold a letter: "[12]" or "[\\[1\\]](#)" is a note marker, not a citation.
_TRAILING_CITATION = re.compile(
    r"(?P<cite>\[{1,2}[^\[\]]*\]\(#\)\]{0,2}|\[[^\[\]]+\]|\([^()]+\))\s*$"
)


def split_citation(text: str) -> tuple[str, str]:
    """(quotation, citation) for a quoted chunk whose closing mark a citation follows.

    "... the whole process". [A Manifesto ...](#)" gives the quotation up to its
    closing mark and the citation; a chunk without such a citation comes back whole
    with an empty citation. Note markers are not citations and stay in the quotation.
    """
    m = _TRAILING_CITATION.search(text)
    if m is None or not re.search(r"[^\W\d_]", m.group("cite")):
        return text, ""
    quoted = text[: m.start()].rstrip()
    last = quoted.rstrip(".,;: ")[-1:]
    if not last or last not in _QUOTE_CHARS:
        return text, ""
    return quoted, m.group("cite")


def _opens_quote(text: str) -> bool:
    return text[:1] in _OPENING_QUOTES


def _unclosed(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    curly = text.count("“") > text.count("”")
    return straight or curly


def mark_quotes(chunks: list[Chunk]) -> None:
    """Block quotations: chunks that are wholly quoted, alone or in a run."""
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if chunk.kind == QUOTE_MARK:
            chunk.kind = QUOTE
        if chunk.kind != PARAGRAPH or not _opens_quote(chunk.text):
            i += 1
            continue
        if _closes_quote(chunk.text) and len(chunk.text) >= 80:
            chunk.kind = QUOTE
            i += 1
            continue
        if _unclosed(chunk.text):
            end = None
            for j in range(i + 1, min(i + 8, len(chunks))):
                if chunks[j].kind != PARAGRAPH:
                    break
                if _closes_quote(chunks[j].text):
                    end = j
                    break
            if end is not None:
                for c in chunks[i : end + 1]:
                    c.kind = QUOTE
                i = end + 1
                continue
        i += 1
    # An ellipsis standing for omitted paragraphs between quoted ones is quoted too.
    for i in range(1, len(chunks) - 1):
        if (
            chunks[i].kind == PARAGRAPH
            and re.fullmatch(r"[(\[]?(?:\.{3,5}|…)[)\]]?", chunks[i].text)
            and chunks[i - 1].kind == QUOTE
            and chunks[i + 1].kind == QUOTE
        ):
            chunks[i].kind = QUOTE


def _row_like(line: str) -> bool:
    if not _ROW.match(line):
        return False
    tokens = line.split()
    numbers = sum(1 for t in tokens if _NUMBER.match(t))
    return numbers * 2 >= len(tokens)


def mark_tables(chunks: list[Chunk], report: Report) -> None:
    """Flattened tables: numeric rows, with the header line just before them."""
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        if chunk.kind == PARAGRAPH and len(chunk.lines) >= 3 and all(map(_row_like, chunk.lines)):
            chunk.kind, chunk.info = TABLE, "damaged"
            before = chunks[i - 1] if i else None
            if (
                before is not None
                and before.kind == PARAGRAPH
                and len(before.lines) == 1
                and not ends_sentence(before.text)
                and _words(before.text) <= 20
            ):
                chunk.lines = [before.text, *chunk.lines]
                del chunks[i - 1]
                i -= 1
            report.count("flattened tables kept as damaged", 1)
        i += 1
