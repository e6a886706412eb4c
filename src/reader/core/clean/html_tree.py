"""Parsing HTML with lxml, and the small tree helpers every HTML step shares.

`parse_html(text)` gives the `<html>` element of a page (lxml's HTML parser: it never
fails on broken markup and never hangs; comments and processing instructions are
dropped). The helpers name an element's tag, its class and id words, its text with
white space collapsed, and whether it is a block or an inline element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from reader.core.errors import ReaderError

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new block; everything else is inline (text runs, emphasis, links).
BLOCK_TAGS = frozenset(
    {
        *HEADINGS,
        "p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "dl",
        "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre",
        "hr", "figure", "figcaption", "address", "center", "header", "footer", "nav",
        "aside", "details", "summary", "body", "html", "form", "fieldset", "hgroup",
        "menu", "dir", "listing", "xmp", "plaintext", "noscript", "legend", "search",
    }
)  # fmt: skip
MAX_DEPTH = 120  # deeper elements are unwrapped: no page needs more, recursion stays bounded
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, ZW*
_WORD_SPLIT = re.compile(r"[\s_\-]+")


def parse_html(text: str) -> HtmlElement:
    """The page's root element; a ReaderError when nothing can be parsed."""
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, recover=True, huge_tree=True
    )
    # lxml refuses a str that declares its own encoding in an XML declaration.
    text = re.sub(r"\A\s*<\?xml[^>]{0,200}\?>", "", text, count=1)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"not readable as HTML: {exc}") from None
    flatten_deep(root)
    return root


def flatten_deep(root: HtmlElement, limit: int = MAX_DEPTH) -> int:
    """Unwrap elements nested deeper than `limit` (their text stays, in order), so that
    no later step recurses without bound; returns how many were unwrapped."""
    deep = root.xpath(f"//*[count(ancestor::*) > {int(limit)}]")
    for el in reversed(deep):
        if el.getparent() is not None:
            el.drop_tag()
    return len(deep)


def tag(el: object) -> str:
    """The element's tag name in lower case without a namespace ('' for comments)."""
    name = getattr(el, "tag", None)
    if type(name) is not str:
        return ""
    if "}" in name or not name.islower():  # lxml's HTML parser gives lower-case names
        return name.rsplit("}", 1)[-1].lower()
    return name


def words(el: HtmlElement) -> set[str]:
    """The words of the element's class and id (`site-nav main` -> site, nav, main)."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {w for w in _WORD_SPLIT.split(raw) if w}


def classes(el: HtmlElement) -> set[str]:
    """The element's class names, lower case."""
    return set((el.get("class") or "").lower().split())


def clean_text(text: str | None) -> str:
    """Source text with soft hyphens and zero-width characters removed and every run of
    white space (NBSP and other exotic spaces too) turned into one plain space."""
    if not text:
        return ""
    text = text.translate(_DROP)
    parts = text.split()  # every Unicode space, NBSP included
    if not parts:
        return " " if text else ""
    out = " ".join(parts)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def text_of(el: HtmlElement) -> str:
    """The element's whole text, white space collapsed and trimmed."""
    return clean_text(el.text_content()).strip()


def is_block(el: HtmlElement) -> bool:
    return tag(el) in BLOCK_TAGS


def elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Every element under root (itself included) in document order, no comments."""
    yield from root.iter(etree.Element)


def drop(el: HtmlElement) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def unwrap(el: HtmlElement) -> None:
    """Replace an element by its content."""
    if el.getparent() is not None:
        el.drop_tag()


def fragment(href: str | None) -> str | None:
    """The fragment an in-page (or same-book) link points at: `x.html#n1` -> `n1`."""
    if not href or "#" not in href:
        return None
    frag = href.rsplit("#", 1)[1].strip()
    return frag or None


def pre_lines(el: HtmlElement) -> tuple[str, ...]:
    """The lines of a preformatted element as shown: tabs expanded, no-break spaces
    plain, soft hyphens dropped, trailing spaces and blank first and last lines gone."""
    raw = el.text_content().replace("\u00a0", " ").replace("\u00ad", "").expandtabs(8)
    lines = [line.rstrip() for line in raw.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return tuple(lines)
