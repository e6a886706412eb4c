"""Project Gutenberg's wrapping: the header, the licence, and what they say about the book.

Every generation of the header is handled:
- `*** START OF THIS PROJECT GUTENBERG EBOOK X ***` ... `*** END OF ... ***` (2000s on);
- `***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***` ...
  `*END*THE SMALL PRINT! ...*END*` (1990s), with the licence in the header;
- books with neither, whose header is a run of boilerplate paragraphs ("The Project
  Gutenberg Etext of ...", "Copyright laws are changing ...", "Title: ...").

The book starts after the last header marker and ends at the first footer line ("End of
the Project Gutenberg EBook of ...", `*** END OF ...`). The header's fields become
metadata: title, author, translator, release date, language and ebook number; a
"Produced by" credit and a transcriber's note are taken out of the body into metadata.
Only bounded patterns are used (no nested quantifiers), so no input makes them backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEAD = 400_000  # the header lies in the first 400 KB (older licences are long)
_START = re.compile(
    r"^[ \t]*\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]{0,200}$", re.I | re.M
)
_SMALL_PRINT_END = re.compile(r"^[^\n]{0,20}END[^\n]{0,3}THE SMALL PRINT[^\n]{0,200}$", re.I | re.M)
_END = re.compile(
    r"^[ \t]*(?:\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG"
    r"|End of (?:the |this )?Project Gutenberg"
    r"|\*{3}[ \t]*START:? FULL LICENSE)[^\n]{0,300}$",
    re.I | re.M,
)
_SIGNS = re.compile(r"Project Gutenberg|gutenberg\.(?:org|net)|\bE-?(?:Book|text)s?\b", re.I)
_BOILERPLATE = re.compile(
    r"Project Gutenberg|gutenberg\.(?:org|net)|\bE-?(?:Book|text)s?\b|^(?:Title|Author|Editor|"
    r"Translator|Release Date|Posting Date|Language|Character set encoding|Edition|"
    r"Most recently updated|Last updated|Illustrator|Credits|Original publication):"
    r"|Copyright laws|small print|\*{5}",
    re.I | re.M,
)
_FIELD = re.compile(r"^([A-Z][A-Za-z ]{1,30}):[ \t]*(\S[^\n]{0,300})$", re.M)
_EBOOK_NUMBER = re.compile(r"\[E-?(?:Book|text) #(\d{1,6})\]|E-?(?:Book|text) #(\d{1,6})", re.I)
_OPENING = re.compile(
    r"^(?:The )?Project Gutenberg(?:'s|’s)? (?:E-?(?:Book|text) of |Etext of |EBook of )?",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:Produced|Prepared|Transcribed|Scanned|Digitized|Proofread)(?: and \w+)? by\b"
    r"|^(?:E-?text|This e-?(?:text|book)) (?:was )?(?:prepared|produced|scanned|created)\b"
    r"|^(?:Etext|E-text|HTML) (?:version )?(?:prepared|produced) by\b",
    re.I,
)
_TRANSCRIBER = re.compile(r"^\W{0,6}(?:Transcriber|Typographical errors corrected)", re.I)
_BRACKET_DATE = re.compile(r"\s*\[[^\]\n]{0,80}\]\s*$")


@dataclass
class Wrapped:
    """A Gutenberg text taken apart: the book's own text and what the wrapping said."""

    body: str
    meta: dict[str, str] = field(default_factory=dict)
    removed_lines: int = 0


def is_gutenberg(text: str) -> bool:
    """True for a text that carries Project Gutenberg's header or footer."""
    head = text[:20_000]
    if _START.search(head) or _SMALL_PRINT_END.search(text[:_HEAD]):
        return True
    return bool(re.search(r"Project Gutenberg", head[:3000], re.I)) and bool(
        _SIGNS.search(head[:3000])
    )


def _header_end(text: str) -> int:
    """Where the book starts: after the last header marker, else after the boilerplate."""
    head = text[:_HEAD]
    ends = [m.end() for m in _START.finditer(head)]
    ends += [m.end() for m in _SMALL_PRINT_END.finditer(head)]
    if ends:
        # A licence at the end of the book also has its "END ... SMALL PRINT" line.
        early = [e for e in ends if e < len(text) // 4]
        return max(early) if early else min(ends)
    # Neither marker: skip the leading paragraphs that are boilerplate.
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", head):
        para = head[pos : m.start()]
        if para.strip() and not _BOILERPLATE.search(para):
            break
        pos = m.end()
        if pos > 30_000:
            break
    return pos


def _fields(header: str) -> dict[str, str]:
    """Title, author ... from the header's `Field: value` lines (value may wrap)."""
    found: dict[str, str] = {}
    lines = header.split("\n")
    for i, line in enumerate(lines):
        m = _FIELD.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).strip().lower(), m.group(2).strip()
        j = i + 1
        while j < len(lines) and lines[j].startswith((" ", "\t")) and lines[j].strip():
            value += " " + lines[j].strip()
            j += 1
        found.setdefault(key, value)
    return found


def _from_opening(header: str) -> tuple[str, str]:
    """(title, author) from "The Project Gutenberg EBook of X, by Y" (old headers)."""
    para = " ".join(header.strip().split("\n\n", 1)[0].split())
    m = _OPENING.match(para)
    if not m:
        return "", ""
    rest = para[m.end() :]
    rest = re.split(r"\s+(?:This eBook|This etext|Copyright|#\d)", rest, maxsplit=1)[0]
    title, sep, author = rest.rpartition(" by ")
    if not sep:
        return rest.strip(" ,*"), ""
    return title.strip(" ,*"), author.strip(" ,*.")


def _meta(header: str) -> dict[str, str]:
    fields = _fields(header)
    meta: dict[str, str] = {}
    title, author = fields.get("title", ""), fields.get("author", "")
    if not title:
        title, opening_author = _from_opening(header)
        author = author or opening_author
    if title:
        meta["title"] = title
    if author:
        meta["author"] = author
    for key, target in (("translator", "translator"), ("language", "language")):
        if fields.get(key):
            meta[target] = fields[key]
    released = fields.get("release date") or fields.get("posting date") or ""
    number = _EBOOK_NUMBER.search(header)
    if released:
        meta["released"] = _BRACKET_DATE.sub("", _EBOOK_NUMBER.sub("", released)).strip()
    if number:
        meta["identifier"] = f"Project Gutenberg EBook #{number.group(1) or number.group(2)}"
    meta["rights"] = "Public domain in the USA (Project Gutenberg)"
    return meta


def unwrap(text: str) -> Wrapped:
    """The book inside a Gutenberg text, and the metadata its header states."""
    start = _header_end(text)
    end_match = _END.search(text, start)
    end = end_match.start() if end_match else len(text)
    header = text[:start]
    meta = _meta(header)
    body = text[start:end]
    body, credits, note = _take_credits(body)
    if credits:
        meta["credits"] = credits
    if note:
        meta["transcriber_note"] = note
    removed = header.count("\n") + text[end:].count("\n")
    return Wrapped(body, meta, removed)


def _box_text(para: str) -> str:
    """A paragraph without an ASCII box drawn around it, on one line."""
    out = []
    for line in para.split("\n"):
        line = line.strip().strip("|+").strip()
        if line and not set(line) <= set("-=+*|_ "):
            out.append(line)
    return " ".join(out)


def _take_credits(body: str) -> tuple[str, str, str]:
    """The body without its "Produced by" credit and transcriber's notes (at the start,
    or at the end), with those texts."""
    paras = re.split(r"\n[ \t]*\n", body)
    credits: list[str] = []
    notes: list[str] = []
    keep: list[str] = []
    seen_prose = 0
    for i, para in enumerate(paras):
        flat = _box_text(para)
        near_end = i >= len(paras) - 40
        if flat and _CREDIT.match(flat) and (seen_prose < 3 or near_end):
            credits.append(flat)
            continue
        if flat and _TRANSCRIBER.match(flat) and (seen_prose < 8 or near_end):
            notes.append(flat)
            if near_end and flat.rstrip().endswith(":"):  # "errors corrected:" + its list
                notes.extend(_box_text(p) for p in paras[i + 1 :] if _box_text(p))
                break
            continue
        if flat:
            seen_prose += 1
        keep.append(para)
    return "\n\n".join(keep), " ".join(credits), " ".join(n for n in notes if n)
