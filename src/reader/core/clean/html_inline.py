"""Inline HTML to the inline Markdown of a cleaned text.

`InlineRenderer.render(el)` gives the Markdown of an element's content: source text
escaped (`escape_inline`), white space collapsed, `em`/`i`/`cite` as `*emphasis*`,
`strong`/`b` as `**strong**`, `code` as a code span, links as `[text](url)` when the URL
is absolute (relative ones are resolved against the page's own URL when it is known;
in-page links keep only their text), note markers as `[^label]`, `<br>` as a newline
that the block converter decides about. `safe_markdown` checks that the emphasis came
out as emphasis and falls back to plain escaped text when it did not.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin

from lxml.html import HtmlElement

from reader.core.clean.html_notes import Notes
from reader.core.clean.html_tree import clean_text, tag
from reader.core.inline import escape_inline, parse_inline

EMPHASIS = frozenset({"em", "i", "dfn", "var"})
STRONG = frozenset({"strong", "b"})
CODE = frozenset({"code", "tt", "kbd", "samp"})
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "button", "select", "textarea", "input",
     "svg", "math", "iframe", "object", "embed", "canvas", "audio", "video", "map", "head"}
)  # fmt: skip
_MARKER = re.compile(r"\[\^[^\]\s\[]+\]")
_SAFE_URL = re.compile(r"^(?:https?|ftp|mailto):", re.I)
BREAK = "\n"


def _wrap(inner: str, delim: str) -> str:
    core = inner.strip()
    if not core or core.startswith(("*", "_")) or core.endswith(("*", "_", "\\")):
        return inner  # nested or empty emphasis: keep the text, not the delimiters
    if BREAK in core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{delim}{core}{delim}{trail}"


def link_url(href: str | None, base_url: str | None) -> str | None:
    """An absolute http(s)/ftp/mailto URL fit for `[text](url)`, or None."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("#") or href.lower().startswith(("javascript:", "data:")):
        return None
    if not _SAFE_URL.match(href):
        if not base_url:
            return None
        href = urljoin(base_url, href)
        if not _SAFE_URL.match(href):
            return None
    if len(href) > 2000:
        return None
    # No white space, parentheses, angle brackets or backslashes inside the link target.
    return quote(href, safe="!#$%&'+,-./:;=?@_~")


class InlineRenderer:
    """Renders inline content; knows the page's notes and its URL."""

    def __init__(self, notes: Notes, base_url: str | None = None, links: bool = True) -> None:
        self.notes = notes
        self.base_url = base_url
        self.links = links

    def text(self, raw: str | None) -> str:
        return escape_inline(clean_text(raw))

    def render(self, el: HtmlElement) -> str:
        """The Markdown of el's text and children (not its tail)."""
        parts = [self.text(el.text)]
        for child in el:
            parts.append(self.element(child))
            parts.append(self.text(child.tail))
        return "".join(parts)

    def element(self, el: HtmlElement) -> str:
        """The Markdown of one element (without its tail)."""
        name = tag(el)
        if not name or name in SKIPPED or el in self.notes.drop:
            return ""
        if el in self.notes.markers:
            return f"[^{self.notes.markers[el]}]"
        if name == "br":
            return BREAK
        if name == "img":
            return ""
        inner = self.render(el)
        if name in EMPHASIS:
            return _wrap(inner, "*")
        if name in STRONG:
            return _wrap(inner, "**")
        if name in CODE:
            plain = clean_text(el.text_content())
            if plain.strip() and "`" not in plain and BREAK not in inner and "[^" not in inner:
                return f"`{plain}`"
            return inner
        if name == "a" and self.links:
            url = link_url(el.get("href"), self.base_url)
            core = inner.strip()
            if url and core and "[^" not in core and BREAK not in core and "](" not in core:
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                return f"{lead}[{core}]({url}){trail}"
        if name in ("sub", "sup", "span", "a", "font", "small", "big", "u", "abbr", "q"):
            return inner
        if name in ("p", "div", "li", "dd", "dt", "td", "th", "tr", "blockquote", "section"):
            return f" {inner} "  # a block inside inline content: a word break
        return inner


def plain_projection(markdown: str) -> str:
    return parse_inline(markdown).text


def strip_emphasis(markdown: str) -> str:
    """The same text without emphasis delimiters (they are unescaped `*`)."""
    out: list[str] = []
    i = 0
    while i < len(markdown):
        ch = markdown[i]
        if ch == "\\" and i + 1 < len(markdown):
            out.append(markdown[i : i + 2])
            i += 2
            continue
        if markdown.startswith(("[^", "]("), i):  # a marker's label or a link's URL
            close = markdown.find("]" if ch == "[" else ")", i + 2)
            if close > 0:
                out.append(markdown[i : close + 1])
                i = close + 1
                continue
        if ch == "*":
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def safe_markdown(markdown: str) -> str:
    """The block's Markdown, or the same without emphasis if a delimiter would show."""
    literal = markdown.count("\\*")
    if markdown.count("*") == literal or "**" not in markdown:
        return markdown  # no emphasis, or single emphasis `_wrap` made safe
    # The `*`s the reader should show are the escaped ones and those in note labels; one
    # more in the projection means a delimiter did not pair up.
    shown = literal + sum(m.group(0).count("*") for m in _MARKER.finditer(markdown))
    if parse_inline(markdown).text.count("*") == shown:
        return markdown
    return strip_emphasis(markdown)
