"""Footnotes and inline markup of plain-text books (Project Gutenberg's conventions).

Note definitions, wherever the book puts them (after the paragraph, in a `FOOTNOTES:`
block, at the chapter's end), are taken out of the body:
- `[1] text`, `[A] text`, `[*] text` paragraphs;
- `[Footnote 1: text]` blocks, possibly over several paragraphs;
- `* text` and `† text` paragraphs for star and dagger markers.
Each marker in the text is tied to the next definition with its label (so books whose
numbering restarts in every chapter come out right), and labels are made unique.
Translators' notes written inline, `[#1 text]`, become notes where they stand.

Inline: `_italic_` becomes emphasis, `*bold*` strong emphasis, `[Illustration: x]` is
dropped inside a paragraph (a paragraph that is only an illustration keeps its caption).
Every pattern is bounded: no input makes them backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.inline import escape_inline, marker

_LABEL = r"\d{1,3}|[A-Za-z]|\*|\u2020|\u2021"
_DEFINITION = re.compile(rf"^\[({_LABEL})\][ \t]*(\S.*)$", re.S)
_FOOTNOTE_BLOCK = re.compile(r"^\[Footnote[ \t]+([\w*\u2020]{1,4})[ \t]*:?[ \t]*(.*)$", re.S | re.I)
_SYMBOL_DEFINITION = re.compile(r"^([*\u2020\u2021])[ \t]+(\S.*)$", re.S)
_NOTES_TITLE = re.compile(r"^(?:FOOT-?NOTES?|NOTES?)[ \t]*:?$", re.I)
_INLINE = re.compile(
    r"(?P<tn>\[#(?P<tl>\d{1,3})[ \t:.]*(?P<tt>[^\[\]]{1,3000})\])"
    r"|(?P<ill>\[Illustration(?:[:.][ \t]*(?P<cap>[^\[\]]{0,1000}))?\])"
    rf"|(?P<mark>\[(?P<lab>{_LABEL})\])"
    r"|(?P<it>(?<![\w_*])_(?=[^\s_])(?P<itx>[^_\n]{1,400}?)(?<=[^\s_])_(?![\w_]))"
    r"|(?P<bd>(?<![\w*])\*(?=[^\s*])(?P<bdx>[^*\n]{1,400}?)(?<=[^\s*])\*(?![\w*]))"
    r"|(?P<sym>(?<=[\w.,;:!?'\")\u201d])[*\u2020\u2021](?=[\s.,;:)]|$))"
)
_ILLUSTRATION_ONLY = re.compile(r"^\[Illustration(?:[:.][ \t]*([^\[\]]{0,2000}))?\]$", re.I)


@dataclass
class Definition:
    pos: int  # index of the paragraph it was found at
    label: str
    text: str
    claimed: str = ""  # the unique label it got, once a marker cites it


@dataclass
class Notes:
    """Definitions found in a book, and the notes cited so far, in reading order."""

    definitions: list[Definition] = field(default_factory=list)
    cited: list[tuple[str, str]] = field(default_factory=list)  # (unique label, text)
    used: set[str] = field(default_factory=set)

    def unique(self, label: str) -> str:
        out, n = label, 1
        while out in self.used:
            n += 1
            out = f"{label}-{n}"
        self.used.add(out)
        return out

    def resolve(self, label: str, pos: int) -> str | None:
        """The unique label of the note a marker `[label]` at paragraph `pos` cites."""
        later = [d for d in self.definitions if d.label == label and d.pos >= pos]
        free = next((d for d in later if not d.claimed), None)
        if free is None:
            claimed = [d for d in self.definitions if d.label == label and d.claimed]
            earlier = [d for d in claimed if d.pos < pos]
            return earlier[-1].claimed if earlier else None
        free.claimed = self.unique(label)
        self.cited.append((free.claimed, free.text))
        return free.claimed

    def inline_note(self, label: str, text: str) -> str:
        unique = self.unique(label)
        self.cited.append((unique, text))
        return unique

    def uncited(self) -> list[Definition]:
        return [d for d in self.definitions if not d.claimed]


def _flat(lines: list[str]) -> str:
    return " ".join(x.strip() for x in lines if x.strip())


def take_definitions(paras: list[list[str]]) -> tuple[list[int], Notes]:
    """Indices of the paragraphs to keep, and the note definitions found in the others.

    `paras` are the lines of each paragraph. Star and dagger definitions count only when
    the text has such markers."""
    notes = Notes()
    drop: set[int] = set()
    texts = [_flat(p) for p in paras]
    has_symbol_markers = any(
        re.search(r"[\w.,;:!?)][*\u2020\u2021](?:[\s.,;:)]|$)", t) for t in texts
    )
    i = 0
    while i < len(texts):
        text = texts[i]
        m = _FOOTNOTE_BLOCK.match(text)
        if m:
            parts = [m.group(2)]
            j = i
            while not parts[-1].rstrip().endswith("]") and j + 1 < len(texts) and j - i < 20:
                j += 1
                parts.append(texts[j])
            body = " ".join(parts).rstrip()
            body = body[:-1].rstrip() if body.endswith("]") else body
            notes.definitions.append(Definition(i, m.group(1), body))
            drop.update(range(i, j + 1))
            i = j + 1
            continue
        m = _DEFINITION.match(text)
        if m is None and has_symbol_markers:
            m = _SYMBOL_DEFINITION.match(text)
        if m and len(text) > 4 and not _only_symbols(text):
            notes.definitions.append(Definition(i, m.group(1), m.group(2).strip()))
            drop.add(i)
        elif _NOTES_TITLE.match(text) and i + 1 < len(texts) and _starts_definition(texts[i + 1]):
            drop.add(i)
        i += 1
    return [k for k in range(len(paras)) if k not in drop], notes


def _starts_definition(text: str) -> bool:
    return bool(_DEFINITION.match(text) or _FOOTNOTE_BLOCK.match(text))


def _only_symbols(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def illustration_caption(text: str) -> str | None:
    """For a paragraph that is only an illustration: its caption ("" if none); else None."""
    m = _ILLUSTRATION_ONLY.match(text.strip())
    if m is None:
        return None
    return (m.group(1) or "").strip()


def render_inline(text: str, pos: int, notes: Notes) -> str:
    """Inline Markdown of one paragraph's text (paragraph index `pos`, for markers)."""
    out: list[str] = []
    prev = 0
    for m in _INLINE.finditer(text):
        piece: str | None
        if m.group("tn"):
            label = notes.inline_note("#" + m.group("tl"), m.group("tt").strip())
            piece = marker(label)
        elif m.group("ill") is not None:
            piece = ""
        elif m.group("mark"):
            found = notes.resolve(m.group("lab"), pos)
            piece = marker(found) if found else None
        elif m.group("it"):
            piece = "*" + escape_inline(m.group("itx")) + "*"
        elif m.group("bd"):
            piece = "**" + escape_inline(m.group("bdx")) + "**"
        else:
            found = notes.resolve(m.group("sym"), pos)
            piece = marker(found) if found else None
        if piece is None:
            continue
        out.append(escape_inline(text[prev : m.start()]))
        out.append(piece)
        prev = m.end()
    out.append(escape_inline(text[prev:]))
    return re.sub(r"  +", " ", "".join(out)).strip()
