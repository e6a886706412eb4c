"""Inline Markdown of a cleaned text: parsing to plain text with spans, and escaping.

The cleaned texts use a small, documented subset of CommonMark inline syntax:

- backslash escapes (`\\*`, `\\[`, `\\\\`, ...) for a literal punctuation character;
- `*emphasis*` / `_emphasis_` and `**strong**` / `__strong__`;
- footnote markers `[^label]` (labels keep the source's own form: `16`, `1*`, `a`);
- links `[label](url)` (shown as their label) and autolinks `<https://...>`;
- code spans in backticks.

`parse_inline` turns one block's inline Markdown into the text the reader shows (the
*projection* of that block) plus spans that say where emphasis, markers and links are.
A footnote marker is shown as `[label]` in the projection. Everything that is not syntax
is kept literally: a stray `*` or `[` is just a character.

`escape_inline` is the inverse for plain text: the Markdown whose projection is exactly
that text. Cleaners use it for every piece of source text they write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters a backslash may escape (CommonMark: any ASCII punctuation).
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_SPECIAL = re.compile(r"[\\\[<`*_]")
_MARKER = re.compile(r"\[\^([^\]\s\[]+)\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>")
_LINK_TAIL = re.compile(r"\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")


@dataclass(frozen=True, slots=True)
class Span:
    """A styled stretch of a block's projection: [start, end) relative to the block.

    `kind` is one of "em", "strong", "code", "link", "marker". For a link `data` is the
    URL; for a marker it is the note label.
    """

    start: int
    end: int
    kind: str
    data: str = ""


@dataclass(frozen=True, slots=True)
class InlineText:
    """A block's projection and its spans."""

    text: str
    spans: tuple[Span, ...]


def marker_text(label: str) -> str:
    """How a footnote marker with `label` appears in the projection."""
    return f"[{label}]"


class _Parser:
    """A small recursive-descent parser over one block's inline Markdown."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.out: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.length += len(text)

    def parse(self, start: int, stop: int) -> None:
        """Parse src[start:stop] into the output."""
        src = self.src
        i = start
        while i < stop:
            # Copy the run of ordinary characters up to the next possible syntax character.
            special = _SPECIAL.search(src, i, stop)
            nxt = special.start() if special else stop
            if nxt > i:
                self.emit(src[i:nxt])
                i = nxt
                if i >= stop:
                    break
            ch = src[i]
            if ch == "\\" and i + 1 < stop and src[i + 1] in ESCAPABLE:
                self.emit(src[i + 1])
                i += 2
                continue
            if ch == "[":
                j = self._bracket(i, stop)
                if j is not None:
                    i = j
                    continue
            if ch == "<":
                m = _AUTOLINK.match(src, i, stop)
                if m:
                    begin = self.length
                    self.emit(m.group(1))
                    self.spans.append(Span(begin, self.length, "link", m.group(1)))
                    i = m.end()
                    continue
            if ch == "`":
                j = self._code(i, stop)
                if j is not None:
                    i = j
                    continue
            if ch in "*_":
                j = self._emphasis(i, stop)
                if j is not None:
                    i = j
                    continue
            self.emit(ch)
            i += 1

    def _bracket(self, i: int, stop: int) -> int | None:
        src = self.src
        m = _MARKER.match(src, i, stop)
        if m:
            begin = self.length
            self.emit(marker_text(m.group(1)))
            self.spans.append(Span(begin, self.length, "marker", m.group(1)))
            return m.end()
        close = _find_unescaped(src, "]", i + 1, stop)
        if close is None:
            return None
        tail = _LINK_TAIL.match(src, close, stop)
        if not tail:
            return None
        begin = self.length
        self.parse(i + 1, close)
        self.spans.append(Span(begin, self.length, "link", tail.group(1)))
        return tail.end()

    def _code(self, i: int, stop: int) -> int | None:
        src = self.src
        run = 1
        while i + run < stop and src[i + run] == "`":
            run += 1
        fence = "`" * run
        close = src.find(fence, i + run, stop)
        if close < 0:
            return None
        begin = self.length
        self.emit(src[i + run : close])
        self.spans.append(Span(begin, self.length, "code"))
        return close + run

    def _emphasis(self, i: int, stop: int) -> int | None:
        src = self.src
        ch = src[i]
        double = i + 1 < stop and src[i + 1] == ch
        delim = ch * 2 if double else ch
        inner = i + len(delim)
        if inner >= stop or src[inner].isspace():
            return None
        if ch == "_" and i > 0 and src[i - 1].isalnum():
            return None  # snake_case is not emphasis
        close = _find_closing(src, delim, inner, stop)
        if close is None:
            if double:  # `**x*` style: fall back to a single delimiter
                return None
            return None
        begin = self.length
        self.parse(inner, close)
        if self.length == begin:
            return None
        self.spans.append(Span(begin, self.length, "strong" if double else "em"))
        return close + len(delim)


def _find_unescaped(src: str, target: str, start: int, stop: int) -> int | None:
    i = start
    while i < stop:
        if src[i] == "\\":
            i += 2
            continue
        if src[i] == target:
            return i
        i += 1
    return None


def _find_closing(src: str, delim: str, start: int, stop: int) -> int | None:
    """The position of the delimiter that closes an emphasis opened before `start`."""
    i = start
    n = len(delim)
    while i < stop:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            run = 1
            while i + run < stop and src[i + run] == "`":
                run += 1
            close = src.find("`" * run, i + run, stop)
            i = close + run if close >= 0 else i + run
            continue
        if src.startswith(delim, i) and not src[i - 1].isspace():
            after = i + n
            if n == 1 and after < stop and src[after] == delim:
                i += 2  # a `**` inside single emphasis belongs to nested strong text
                continue
            if delim[0] == "_" and after < stop and src[after].isalnum():
                i += 1
                continue
            return i
        i += 1
    return None


def parse_inline(source: str) -> InlineText:
    """Parse one block's inline Markdown into its projection and spans."""
    if not _SPECIAL.search(source):
        return InlineText(source, ())  # nothing but ordinary characters: the common case
    parser = _Parser(source)
    parser.parse(0, len(source))
    spans = sorted(parser.spans, key=lambda s: (s.start, -s.end))
    return InlineText("".join(parser.out), tuple(spans))


_NEEDS_ESCAPE = re.compile(r"([\\`*_\[\]<])")


def escape_inline(text: str) -> str:
    """Markdown whose projection is exactly `text` (escapes every syntax character)."""
    return _NEEDS_ESCAPE.sub(r"\\\1", text)


def emphasis(markdown: str) -> str:
    """Wrap already-escaped inline Markdown in emphasis."""
    return f"*{markdown}*" if markdown.strip() else markdown


def marker(label: str) -> str:
    """The Markdown of a footnote marker."""
    return f"[^{label}]"
