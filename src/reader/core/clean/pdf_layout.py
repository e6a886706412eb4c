"""Page layout of PDF extractions: chunks, page furniture, paragraphs split by page breaks.

An extractor writes each text block of a page as a *chunk* (lines separated from the
next chunk by a blank line). A page break leaves three traces this module deals with:

- page furniture between the chunks: running headers (the same short line on many
  pages, often the title) and bare page numbers; they are removed;
- a paragraph cut in two, often mid-sentence, sometimes with the page's footnotes
  wedged in between (the notes are taken out first, see `pdf_notes`); the halves are
  joined when the first half plainly does not end a sentence;
- nothing else: a paragraph that ends exactly at the foot of a page cannot be told from
  two paragraphs, and stays as two.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reader.core.clean.model import Report
from reader.core.clean.text import normalize_spaces

PARAGRAPH = "paragraph"
LIST = "list"
QUOTE_MARK = "quote_mark"  # a chunk the extractor marked with "> "


@dataclass
class Chunk:
    """One text block of the extraction: its lines, what it is, and page-break hints.

    `kind` starts as paragraph (or list for a `- ` line, quote_mark for a `> ` line);
    later steps set heading, quote, table, note. `after_break` is true when page
    furniture or footnotes were removed just before this chunk (evidence of a page
    break). `level` is a heading level, `label` a list marker.
    """

    lines: list[str]
    kind: str = PARAGRAPH
    level: int = 0
    label: str = ""
    after_break: bool = False
    info: str = ""
    extra: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The chunk's lines joined by single spaces (soft wraps undone)."""
        return " ".join(self.lines)


def split_chunks(text: str) -> list[Chunk]:
    """Blank-line separated chunks; each `- ` or `> ` line starts a chunk of its own.

    A form feed (a page break) also ends a chunk, and the next chunk is marked as
    coming after a break.
    """
    chunks: list[Chunk] = []
    current: Chunk | None = None
    page_break = False
    for raw in text.split("\n"):
        if "\f" in raw and not raw.replace("\f", "").strip():
            current = None
            page_break = True
            continue
        line = normalize_spaces(raw)
        if not line:
            current = None
            continue
        if current is None and page_break:
            page_break = False
            if line.startswith(("- ", ">")):
                pass
            else:
                current = Chunk([line], after_break=True)
                chunks.append(current)
                continue
        if line.startswith("- ") and len(line) > 2:
            current = Chunk([line[2:].strip()], LIST, label="-")
            chunks.append(current)
        elif line.startswith(">") and (current is None or current.kind != QUOTE_MARK):
            current = Chunk([line[1:].strip()], QUOTE_MARK)
            chunks.append(current)
        elif current is None:
            current = Chunk([line])
            chunks.append(current)
        else:
            current.lines.append(line[1:].strip() if current.kind == QUOTE_MARK else line)
    return [c for c in chunks if any(c.lines)]


def normalized(text: str) -> str:
    """Case- and space-insensitive form of a line, for comparing repeats."""
    return " ".join(text.casefold().split())


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def remove_furniture(chunks: list[Chunk], title: str, report: Report) -> list[Chunk]:
    """Drop running headers and page numbers; mark the chunk after each as after a break.

    A running header is a short line equal to the document title, or any short line
    that recurs at least three times on its own. It is removed wherever it stands,
    also as one line inside a chunk (a header printed in the middle of a sentence).
    """
    # Headers are short: long lines are never compared (and never normalised).
    counts = Counter(
        normalized(line)
        for c in chunks
        if c.kind == PARAGRAPH
        for line in c.lines
        if len(line) <= 150
    )
    headers = {key for key, n in counts.items() if n >= 3 and len(key) <= 100}
    headers = {h for h in headers if re.search(r"[^\W\d_]{3}", h)}
    if title and len(title) <= 150:
        headers.add(normalized(title))
    out: list[Chunk] = []
    pending_break = False
    removed_headers = removed_numbers = 0
    for chunk in chunks:
        if chunk.kind == PARAGRAPH:
            kept = [
                line for line in chunk.lines if len(line) > 150 or normalized(line) not in headers
            ]
            removed_headers += len(chunk.lines) - len(kept)
            if len(chunk.lines) == 1 and _PAGE_NUMBER.match(chunk.lines[0]) and out:
                kept = []
                removed_numbers += 1
            if not kept:
                pending_break = True
                continue
            chunk.lines = kept
        chunk.after_break = chunk.after_break or pending_break
        pending_break = False
        out.append(chunk)
    report.count("running headers removed", removed_headers)
    report.count("page numbers removed", removed_numbers)
    return out


# A chunk ends a sentence when its last character (ignoring note markers and closing
# quotes or brackets) is one of these.
_MARKER_TAIL = re.compile(r"(?:\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\\?\[?\d{1,3}\\?\]?\]?(?:\(#\))?\]?))+\s*\.?$")
_CLOSERS = "\"'”’)]*»"
# Words that cannot end an English sentence: a paragraph stopping on one is cut short.
# fmt: off
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "without", "into", "onto", "upon", "than", "that", "which", "who",
    "whom", "whose", "as", "if", "so", "its", "his", "her", "their", "our", "my", "your",
    "this", "these", "those", "such", "very", "be", "is", "are", "was", "were", "has",
    "had", "have", "not", "no", "also", "both", "either", "neither", "between", "among",
    "about", "against", "under", "over", "after", "before", "during", "through", "toward",
    "towards",
))
# fmt: on


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a finished sentence (or a heading-like label with `:`)."""
    if text.rstrip()[-1:] in (".", "!", "?"):
        return True  # also "... levels" [12]." with the stop after the marker
    core = _MARKER_TAIL.sub("", text).rstrip()
    core = core.rstrip(_CLOSERS).rstrip()
    return bool(core) and core[-1] in ".!?:;…"


def _last_word(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text[-40:])
    return words[-1].casefold() if words else ""


def continues(prev: Chunk, nxt: Chunk, *, weak: bool = True) -> bool:
    """Whether `nxt` is the rest of paragraph `prev`, cut by a page break.

    A lowercase start after a paragraph that does not end a sentence is a
    continuation. A capital start ("... alternatives to" / "Stalin. It created ...")
    is one only when the first half is long prose that stops on a comma, a hyphen or a
    word that cannot end an English sentence (to, the, of, ...), or that stops
    mid-sentence where page furniture or footnotes were just removed. Only the
    lowercase rule applies when `weak` is false (in a bibliography, where entries
    often end without a full stop).
    """
    if prev.kind != PARAGRAPH or nxt.kind != PARAGRAPH:
        return False
    before, after = prev.text, nxt.text
    if ends_sentence(before) or not after:
        return False
    first = after.lstrip("\"'“‘(")[:1]
    if first.islower():
        return True
    if not weak or len(before) < 150 or not (first.isupper() or first.isdigit()):
        return False
    tail = before.rstrip()
    if tail.endswith((",", "-", "–", "—")):
        return True
    if _last_word(tail) in _FUNCTION_WORDS and tail[-1].isalpha():
        return True
    return nxt.after_break and tail[-1].isalpha() and tail[-1].islower()


def join_page_breaks(chunks: list[Chunk], report: Report, *, weak_until: int | None = None) -> None:
    """Join paragraph halves split by page breaks, in place.

    Capital-letter continuations are only considered before index `weak_until` (the
    start of the back matter, where entries are not sentences).
    """
    joined = 0
    i = 0
    limit = len(chunks) if weak_until is None else weak_until
    while i + 1 < len(chunks):
        if continues(chunks[i], chunks[i + 1], weak=i + 1 < limit):
            tail = chunks.pop(i + 1)
            limit -= 1
            first = chunks[i].lines[-1]
            if first.endswith("-") and tail.lines[0][:1].islower() and not first.endswith(" -"):
                # A word hyphenated across the break: keep the hyphen (it may be a
                # compound such as "well-known"), but close the gap.
                chunks[i].lines[-1] = first + tail.lines[0]
                chunks[i].lines.extend(tail.lines[1:])
            else:
                chunks[i].lines.extend(tail.lines)
            joined += 1
            continue
        i += 1
    report.count("paragraphs joined across page breaks", joined)
