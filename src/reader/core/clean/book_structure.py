"""The structure of a plain-text book: paragraphs, chapter headings, contents, verse.

A book's layout is read from its paragraphs (blank-line separated, each with the number
of blank lines before it: Gutenberg puts several before a chapter):

- divisions: "VOLUME/BOOK/PART/CHAPTER/LETTER/LECTURE ... I" (Roman, Arabic or a number
  word), "Chapter 1. Title", a Roman numeral alone on its line ("II."), front and back
  matter ("PREFACE", "INTRODUCTION", "APPENDIX" ...). A short title line right after a
  division is its title ("CHAPTER I" + "OUR RICHES" -> "CHAPTER I. OUR RICHES").
  Levels follow the ranks present: VOLUME > BOOK > PART > CHAPTER > numbered section; a
  bare numeral is a chapter when the book has no CHAPTER lines, else a section; front
  and back matter stand at the level of the book's top divisions. Nothing
  else becomes a heading, so a short line of dialogue or verse never does;
- a table of contents (after "CONTENTS", lines with page numbers or entries that come
  back later as headings) is dropped: the app builds its own;
- verse, ASCII tables and other short-line layouts keep their line breaks (preformatted);
  signatures and datelines at the end of a letter or preface stay their own paragraphs;
  indented prose is a quotation; everything else is unwrapped into paragraphs.

Every pattern is anchored and bounded, so that no input makes them backtrack.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from reader.core.document import HEADING, PARAGRAPH, PRE, QUOTE


@dataclass
class BookPara:
    """A paragraph of a book: its lines, the blank lines before it, and its role."""

    lines: list[str]
    gap: int
    kind: str = PARAGRAPH
    level: int = 0
    text: str = ""  # the heading text (for headings)
    rank: int = 0
    extra: list[str] = field(default_factory=list)

    @property
    def flat(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


_NUMBER_WORDS = (
    "ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|"
    "FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY|FIRST|SECOND|THIRD|FOURTH|FIFTH|"
    "SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|TWELFTH|LAST"
)
_RANKS = {"VOLUME": 0, "BOOK": 1, "PART": 2}
MATTER = -1  # preface, appendix ...: at the level of the book's top divisions
_DIVISION = re.compile(
    r"^(VOLUME|BOOK|PART|CHAPTER|CHAP\.|LETTER|LECTURE|ARTICLE|ESSAY|STAVE|CANTO|SECTION)"
    rf"[ \t]+([IVXLCDM]{{1,8}}|\d{{1,3}}|(?:{_NUMBER_WORDS}))\b\.?"
    r"(?:[ \t]*[.:\u2014\u2013-][ \t]*|[ \t]+)?([^\n]{0,120})$",
    re.I,
)
_MATTER = re.compile(
    r"^(?:(?:THE |AUTHOR'?S |TRANSLATOR'?S |EDITOR'?S )?(?:PREFACE|INTRODUCTION|FOREWORD|"
    r"PROLOGUE|EPILOGUE|AFTERWORD|CONCLUSION|POSTSCRIPT|INTRODUCTORY|APPENDIX|INDEX|NOTES|"
    r"GLOSSARY|BIBLIOGRAPHY|ADDENDUM|DEDICATION)(?:[ \t]+TO THE[^\n]{0,40}EDITION)?"
    r"(?:[ \t]+[IVXLC\d]{1,6})?)[.:]?$",
    re.I,
)
_NUMERAL = re.compile(r"^([IVXLC]{1,7})\.?$")
_NUMERAL_TITLE = re.compile(r"^([IVXLC]{1,7})\.[ \t]+([^\n]{2,100})$")
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CONTENTS = re.compile(r"^(?:TABLE OF )?CONTENTS\.?$|^LIST OF ILLUSTRATIONS\.?$", re.I)
_PAGE_NUMBER = re.compile(r"(?:\s|\.)(?:\d{1,4}|[ivxlc]{1,6})$")
DATE_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?|\b1[5-9]\d\d\b|\b20\d\d\b"
)
_LETTER = re.compile(r"[A-Za-z]")


def split_book(text: str) -> list[BookPara]:
    """Blank-line separated paragraphs with the blank lines before each."""
    paras: list[BookPara] = []
    current: list[str] = []
    gap = 0
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
            continue
        if current:
            paras.append(BookPara(current, gap))
            current, gap = [], 0
        gap += 1
    if current:
        paras.append(BookPara(current, gap))
    return paras


def _is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN.match(token.upper()))


def _title_like(para: BookPara) -> bool:
    """A short line that can be a division's title: no sentence, no dialogue."""
    flat = para.flat
    if len(para.lines) > 3 or not (2 <= len(flat) <= 120) or not _LETTER.search(flat):
        return False
    if flat[0] in "\"'\u201c\u2018([" or flat[-1] in ",;" or flat[0].islower():
        return False
    letters = [c for c in flat if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / max(1, len(letters))
    if upper > 0.8:
        return True
    words = flat.split()
    capitals = sum(w[0].isupper() for w in words if w[0].isalpha())
    return flat[-1] not in ".!?:" and capitals * 2 >= len(words) and len(words) <= 12


def _division(para: BookPara) -> tuple[int, str] | None:
    """(rank, heading text) when the paragraph names a division of the book."""
    if len(para.lines) > 3:
        return None
    first = para.lines[0].strip()
    if len(first) > 130:
        return None
    m = _DIVISION.match(first)
    if m:
        word = m.group(1).upper()
        number = m.group(2)
        if (
            number.isalpha()
            and not _is_roman(number)
            and not re.fullmatch(_NUMBER_WORDS, number.upper())
        ):
            return None
        rest = " ".join([m.group(3).strip(), *(x.strip() for x in para.lines[1:])]).strip()
        if rest and (rest[0].islower() or len(rest) > 120):
            return None  # "Part of the problem ..." is prose
        return _RANKS.get(word, 3), first if not para.lines[1:] else _join(para.lines)
    if _MATTER.match(first) and len(para.lines) == 1:
        return MATTER, first
    m = _NUMERAL.match(first)
    if m and _is_roman(m.group(1)) and len(para.lines) == 1:
        return 4, first
    m = _NUMERAL_TITLE.match(first)
    if m and _is_roman(m.group(1)) and len(para.lines) <= 2:
        title = BookPara([m.group(2), *para.lines[1:]], 0)
        if _title_like(title) and not _PAGE_NUMBER.search(first):
            return 4, _join(para.lines)
    return None


def _join(lines: list[str]) -> str:
    return " ".join(x.strip() for x in lines if x.strip())


def _with_title(head: str, title: str) -> str:
    head = head.rstrip()
    sep = " " if head.endswith((".", ":")) else ". "
    return head + sep + title


def drop_contents(paras: list[BookPara]) -> tuple[list[BookPara], int]:
    """The paragraphs without a table of contents, and how many lines it had."""
    out: list[BookPara] = []
    dropped = 0
    i = 0
    while i < len(paras):
        para = paras[i]
        if len(para.lines) == 1 and _CONTENTS.match(para.lines[0].strip()):
            j = i + 1
            seen: set[str] = set()
            while j < len(paras) and _toc_like(paras[j]):
                if j > i + 1 and paras[j].gap >= 3:
                    break
                key = _norm(paras[j].lines[0])
                if key in seen:
                    break
                seen.update(_norm(x) for x in paras[j].lines)
                j += 1
            if j > i + 1:
                dropped += sum(len(p.lines) for p in paras[i:j])
                i = j
                continue
        out.append(para)
        i += 1
    return out, dropped


def _norm(line: str) -> str:
    return " ".join(line.split()).upper()


def _toc_like(para: BookPara) -> bool:
    for line in para.lines:
        s = line.strip()
        if len(s) > 90:
            return False
        if _PAGE_NUMBER.search(s) or s.upper() in ("PAGE", "CHAPTER PAGE"):
            continue
        if len(s) <= 70 and not any(c.islower() for c in s):
            continue
        return False
    return True


def mark_divisions(paras: list[BookPara]) -> list[BookPara]:
    """Headings for the divisions, with their titles joined and their levels set."""
    out: list[BookPara] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        found = _division(para)
        if found is None:
            out.append(para)
            i += 1
            continue
        rank, text = found
        para.kind, para.rank, para.text = HEADING, rank, text
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        bare = rank in (0, 1, 2) or (rank == 4 and _NUMERAL.match(text)) or _bare_division(text)
        if nxt is not None and bare and _division(nxt) is None and _title_like(nxt):
            para.text = _with_title(text, nxt.flat)
            i += 1
        out.append(para)
        i += 1
    chapters = any(p.kind == HEADING and p.rank == 3 and _DIVISION.match(p.text) for p in out)
    if not chapters:  # bare numerals are the chapters of this book
        for p in out:
            if p.kind == HEADING and p.rank == 4:
                p.rank = 3
    top = min((p.rank for p in out if p.kind == HEADING and p.rank != MATTER), default=3)
    for p in out:
        if p.kind == HEADING and p.rank == MATTER:
            p.rank = top
    ranks = {p.rank for p in out if p.kind == HEADING}
    levels = {rank: n + 1 for n, rank in enumerate(sorted(ranks))}
    for p in out:
        if p.kind == HEADING:
            p.level = min(levels[p.rank], 6)
    return out


def _bare_division(text: str) -> bool:
    m = _DIVISION.match(text)
    return m is not None and not m.group(3).strip()


def wrap_width(paras: list[BookPara]) -> int:
    """The width the text is wrapped at (the usual length of a paragraph's long lines)."""
    lengths = [len(line) for p in paras if len(p.lines) >= 3 for line in p.lines[:-1]]
    return int(statistics.median(lengths)) if len(lengths) >= 10 else 0


def _is_signature(para: BookPara) -> bool:
    """Short lines that end a letter or preface: a name, a place and date."""
    if not 1 <= len(para.lines) <= 4:
        return False
    stripped = [x.strip() for x in para.lines]
    if any(len(x) > 60 for x in stripped):
        return False
    return any(DATE_WORD.search(x) for x in stripped) and all(
        not x.endswith((",", ";")) or DATE_WORD.search(x) for x in stripped
    )


_COLUMNS = re.compile(r"\S {4,}\S")


def _is_laid_out(para: BookPara, width: int) -> bool:
    """Verse or a table: most lines in columns, or several lines all well short of the
    wrap width (a one-line table row counts: rows are merged afterwards)."""
    columns = sum(1 for x in para.lines if _COLUMNS.search(x.strip()) or "|" in x)
    if columns * 2 > len(para.lines) and (len(para.lines) >= 2 or _row(para.lines[0])):
        return True
    if not width or len(para.lines) < 3:
        return False
    return all(len(x) < width * 0.8 for x in para.lines)


def _row(line: str) -> bool:
    """A table row alone on its line: columns, the last one a number."""
    cells = re.split(r" {4,}", line.strip())
    return len(cells) >= 2 and cells[-1].replace(",", "").replace(".", "").isdigit()


def mark_layout(paras: list[BookPara]) -> None:
    """Signatures, verse and tables, and indented quotations."""
    width = wrap_width(paras)
    for para in paras:
        if para.kind != PARAGRAPH:
            continue
        if _is_signature(para) and len(para.lines) > 1:
            para.extra = [x.strip() for x in para.lines]
            continue
        if _is_laid_out(para, width):
            para.kind = PRE
            continue
        indents = [len(x) - len(x.lstrip()) for x in para.lines]
        if min(indents) >= 2 and len(para.flat) > 80 and not _is_signature(para):
            para.kind = QUOTE
        elif len(para.lines) >= 2 and not any(c.islower() for c in para.flat):
            para.extra = [x.strip() for x in para.lines]  # title-page lines


def merge_preformatted(paras: list[BookPara]) -> list[BookPara]:
    """Adjacent preformatted paragraphs (table rows a blank line apart) as one."""
    out: list[BookPara] = []
    for para in paras:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == PRE and para.kind == PRE and para.gap <= 1:
            prev.lines.extend(["", *para.lines] if para.gap else para.lines)
            continue
        out.append(para)
    return out
