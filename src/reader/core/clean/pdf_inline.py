"""Inline text of PDF extractions: the extractor's Markdown-ish residue to reader Markdown.

PDF-to-text extractors that emit Markdown leave a recognisable residue inside lines:
autolinks `<https://...>`, links whose target was lost (`[title](#)`), backslash escapes
(`\\[`, `\\(`), `*italics*`, and footnote markers in several forms: superscript digits
(`¹²`), plain brackets (`[2]`), and bracketed numbers wrapped in lost links (`[\\[1\\]](#)`,
`[[17](#)]`). `to_markdown` turns one stretch of such text into inline Markdown for a
cleaned text: markers become `[^N]` (only for labels that have a note), lost links keep
their title, italics stay emphasis, everything else is escaped literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from reader.core.inline import emphasis, escape_inline, marker

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# One alternation, tried left to right at each position; the first group that matches
# names the token. Marker forms come before the generic lost-link form.
_TOKEN = re.compile(
    r"(?=[\[<*\\⁰¹²³⁴⁵⁶⁷⁸⁹])"  # cheap guard: every token starts with one of these
    r"(?:(?P<esc_marker>\[\\\[(?P<l1>\d{1,3})\\\]\]\(#\))"  # [\[1\]](#)
    r"|(?P<wrapped_marker>\[\[(?P<l2>\d{1,3})\]\(#\)\])"  # [[17](#)]
    r"|(?P<link_marker>\[(?P<l3>\d{1,3})\]\(#\))"  # [17](#)
    r"|(?P<bare_marker>\[(?P<l4>\d{1,3})\])"  # [2]
    r"|(?P<super>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"  # ¹²
    r"|(?P<autolink><(?P<url>(?:https?|ftp)://[^\s<>]+)>)"
    r"|(?P<lost_link>\[(?P<title>(?:[^\[\]\\]|\\.)*)\]\(#\))"  # [title](#)
    r"|(?P<em>\*(?P<em_text>[^*\s](?:[^*]*[^*\s])?)\*)"
    r"|(?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~])))"
)
# HTML residue the extractor leaves around links: `<url>">text` (an anchor whose text
# follows its address) and `, ><url>`; and an address glued to the word before it.
_ANCHOR_TAIL = re.compile(r"\s*(<(?:https?|ftp)://[^\s<>]+>)\">\s*")
_ANCHOR_HEAD = re.compile(r"\s*>(?=<(?:https?|ftp)://)")
_GLUED_URL = re.compile(r"(\w)(<(?:https?|ftp)://)")
# In a note, a bracketed title with its address is a link the export flattened.
_BRACKETED_LINK = re.compile(r"\[([^\[\]]+?)\s*(<(?:https?|ftp)://[^\s<>]+>)\]")
_TRUNCATED_URL = re.compile(r"(?:\.\.\.|…)$")


def superscript_label(text: str) -> str:
    """`¹²` -> `12`."""
    return text.translate(_SUPER_TO_ASCII)


def tidy_residue(text: str) -> str:
    """Repair HTML anchor residue next to autolinks (`<url>">`, `><url>`, `word<url>`).

    An address followed by `">` was an anchor around the words after it; the address
    is kept in parentheses so that the sentence still reads.
    """
    text = _ANCHOR_TAIL.sub(r" (\1) ", text)
    text = _ANCHOR_HEAD.sub(" ", text)
    return _GLUED_URL.sub(r"\1 \2", text)


class InlineConverter:
    """Converts extractor text to inline Markdown, knowing which note labels exist.

    `labels` are the note labels defined in the document; a marker whose label is not
    among them stays literal text. `on_truncated_url` is called with each URL that
    ends in an ellipsis (kept as text).
    """

    def __init__(
        self,
        labels: Container[str],
        on_truncated_url: Callable[[str], None] | None = None,
    ) -> None:
        self.labels = labels
        self.on_truncated_url = on_truncated_url
        self.markers_used: list[str] = []

    def convert(self, text: str, *, in_note: bool = False) -> str:
        """The inline Markdown of `text` (one paragraph, heading, or note when `in_note`).

        In a note a plain `[8]` is quoted text, not a marker, and `[title <url>]` is a
        flattened link whose brackets go.
        """
        text = tidy_residue(text)
        if in_note:
            text = _BRACKETED_LINK.sub(r"\1 \2", text)
        pieces = self._pieces(text, not in_note)
        return _join(_balance_brackets(pieces))

    def _marker_or_text(self, label: str, source: str) -> tuple[str, str]:
        if label in self.labels:
            self.markers_used.append(label)
            return ("md", marker(label))
        return ("lit", source)

    def _pieces(self, text: str, bare_markers: bool) -> list[tuple[str, str]]:
        """Split `text` into literal ("lit") and ready Markdown ("md") pieces."""
        out: list[tuple[str, str]] = []
        pos = 0
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            if m.start() > pos:
                out.append(("lit", text[pos : m.start()]))
            pos = m.end()
            whole = m.group(0)
            if kind == "esc_marker":
                out.append(self._marker_or_text(m.group("l1"), f"[{m.group('l1')}]"))
            elif kind == "wrapped_marker":
                out.append(self._marker_or_text(m.group("l2"), f"[{m.group('l2')}]"))
            elif kind == "link_marker":
                out.append(self._marker_or_text(m.group("l3"), f"[{m.group('l3')}]"))
            elif kind == "bare_marker":
                if bare_markers:
                    out.append(self._marker_or_text(m.group("l4"), whole))
                else:
                    out.append(("lit", whole))
            elif kind == "super":
                out.append(self._marker_or_text(superscript_label(whole), whole))
            elif kind == "autolink":
                url = m.group("url")
                if _TRUNCATED_URL.search(url):
                    if self.on_truncated_url:
                        self.on_truncated_url(url)
                    out.append(("lit", url))
                else:
                    out.append(("md", f"<{url}>"))
            elif kind == "lost_link":
                out.extend(self._pieces(m.group("title"), bare_markers))
            elif kind == "em":
                inner = _join(self._pieces(m.group("em_text"), bare_markers))
                out.append(("md", emphasis(inner)))
            elif kind == "escape":
                out.append(("lit", m.group("escaped")))
        if pos < len(text):
            out.append(("lit", text[pos:]))
        return out


def _balance_brackets(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Collapse doubled brackets and drop closing brackets that close nothing.

    Lost links leave `[[text]]` and `text](#)].` behind; in literal text a `[[` or `]]`
    is always residue, and a `]` with no `[` before it in the same block closes nothing.
    """
    depth = 0
    last = ""  # the last character written so far, across pieces
    dropped = False
    out: list[tuple[str, str]] = []
    for kind, text in pieces:
        if kind != "lit":
            out.append((kind, text))
            last, dropped = (text[-1:] or last), False
            continue
        if "[" not in text and "]" not in text:
            out.append((kind, text))
            if text:
                last, dropped = text[-1], False
            continue
        text = re.sub(r"\[{2,}", "[", text)
        text = re.sub(r"\]{2,}", "]", text)
        kept: list[str] = []
        for ch in text:
            if ch == "]" and depth == 0:
                dropped = True
                continue
            if dropped and ch == "." and last == ".":
                continue  # "Deputies.](#)]." must not end in two full stops
            dropped = False
            depth += ch == "["
            depth -= ch == "]"
            kept.append(ch)
            last = ch
        out.append((kind, "".join(kept)))
    return out


def _join(pieces: list[tuple[str, str]]) -> str:
    text = "".join(escape_inline(t) if k == "lit" else t for k, t in pieces)
    return " ".join(text.split())


def plain_text(text: str) -> str:
    """`text` without extractor residue, as plain text (for metadata values)."""
    text = tidy_residue(text)
    text = re.sub(r"\[((?:[^\[\]\\]|\\.)*)\]\(#\)", r"\1", text)
    text = re.sub(r"<((?:https?|ftp)://[^\s<>]+)>", r"\1", text)
    text = re.sub(r"\*([^*\s](?:[^*]*[^*\s])?)\*", r"\1", text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return " ".join(text.split())
