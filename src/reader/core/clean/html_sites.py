"""What some sites put around their texts, found by their own markers.

- Project Gutenberg HTML books: everything up to the `*** START OF THE/THIS PROJECT
  GUTENBERG EBOOK ... ***` line and from the `*** END OF ...` line on (and the newer
  `pg-boilerplate` sections) is licence and header; the header's `Title:`, `Author:`,
  `Release Date:` and `Language:` lines become metadata.
- MediaWiki pages (Wikipedia): the article is `.mw-parser-output` in
  `#mw-content-text`; its title is `#firstHeading`.
- Main content elsewhere: the deepest of `article`, `main`, `[role=main]`,
  `[itemprop=articleBody]` and the usual CMS body classes (`entry-content`,
  `post-content`, `article-body` ...) that holds most of the candidates' text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.clean.html_tree import classes, drop, elements, tag, text_of
from reader.core.clean.model import Report

_PG_START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.I)
_PG_END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG", re.I)
_PG_FIELD = re.compile(
    r"^(Title|Author|Release Date|Language|Translator|Editor)\s*:\s*(.+?)\s*$", re.I | re.M
)
_TRANSCRIBER = re.compile(
    r"^(?:transcriber['\u2019]?s?\s+notes?|typographical\s+errors\s+corrected|errata\b)", re.I
)
_TRANSCRIBER_TEXT = (
    ".//text()[starts-with(normalize-space(), 'Transcriber')"
    " or starts-with(normalize-space(), 'Typographical errors corrected')"
    " or starts-with(normalize-space(), 'Errata')]"
)
_BODY_CLASSES = frozenset(
    {
        "entry-content", "post-content", "article-body", "article-content", "post-body",
        "story-body", "article__body", "post__content", "content-body", "postarticle",
        "available-content", "markup", "gh-content", "c-article-body", "body-text",
    }
)  # fmt: skip


def _smallest_with(root: HtmlElement, pattern: re.Pattern[str]) -> HtmlElement | None:
    """The element whose own text (or the text right after it) holds `pattern`."""
    for el in elements(root):
        if el.text and pattern.search(el.text):
            return el if el is not root else None
        if el.tail and pattern.search(el.tail):
            parent = el.getparent()
            return parent if parent is not None and parent is not root else None
    return None


def _remove_side(el: HtmlElement, root: HtmlElement, before: bool) -> int:
    """Remove everything before (or after) `el` up to `root`; returns elements removed."""
    removed = 0
    node = el
    while node is not None and node is not root:
        parent = node.getparent()
        if parent is None:
            break
        sibs = list(node.itersiblings(preceding=before))
        for sib in sibs:
            removed += 1
            sib.drop_tree()
        if before:
            parent.text = None
        else:
            node.tail = None
        node = parent
    return removed


def gutenberg(root: HtmlElement, body: HtmlElement, report: Report) -> dict[str, str]:
    """Remove Project Gutenberg's header and licence; return the header's metadata."""
    meta: dict[str, str] = {}
    for el in body.xpath(".//*[contains(@class, 'pg-boilerplate')]"):
        if "pg-boilerplate" in classes(el) and el.getparent() is not None:
            for m in _PG_FIELD.finditer(el.text_content()):
                meta.setdefault(m.group(1).lower(), m.group(2))
            drop(el)
            report.count("Project Gutenberg header and licence removed")
    for node in body.xpath(_TRANSCRIBER_TEXT):
        el = node.getparent()
        while el is not None and el is not body:
            text = text_of(el)
            if tag(el) in ("div", "table") and _TRANSCRIBER.match(text) and len(text) < 8000:
                drop(el)
                report.count("transcriber's notes removed")
                break
            el = el.getparent()
    whole = body.text_content()
    if not _PG_START.search(whole) and not _PG_END.search(whole):
        return meta
    start = _smallest_with(body, _PG_START)
    if start is not None:
        for m in _PG_FIELD.finditer(_text_before(body, start)):
            meta.setdefault(m.group(1).lower(), m.group(2))
        _remove_side(start, body, before=True)
        drop(start)
        report.count("Project Gutenberg header and licence removed")
    end = _smallest_with(body, _PG_END)
    if end is not None:
        _remove_side(end, body, before=False)
        drop(end)
        report.count("Project Gutenberg header and licence removed")
    return meta


def _text_before(body: HtmlElement, el: HtmlElement) -> str:
    parts: list[str] = []
    for node in elements(body):
        if node is el:
            parts.append(node.text_content())
            break
        if tag(node) in ("pre", "p", "div", "td"):
            parts.append(node.text_content())
    return "\n".join(parts)[-20000:]


def mediawiki(root: HtmlElement) -> tuple[HtmlElement | None, str | None]:
    """The article element and title of a MediaWiki page, or (None, None)."""
    content: HtmlElement | None = None
    for el in root.xpath("//*[contains(@class, 'mw-parser-output')]"):
        if "mw-parser-output" in classes(el):
            content = el
            break
    if content is None:
        found = root.xpath("//*[@id='mw-content-text']")
        content = found[0] if found else None
    if content is None:
        return None, None
    heading = root.xpath("//*[@id='firstHeading']")
    return content, (text_of(heading[0]) if heading else None)


def main_content(body: HtmlElement) -> HtmlElement | None:
    """The element holding the page's text when the page marks it, else None."""
    candidates: list[HtmlElement] = [
        el
        for el in body.xpath(".//article | .//main | .//*[@role or @itemprop or @class]")
        if tag(el) in ("article", "main")
        or (el.get("role") or "").lower() == "main"
        or (el.get("itemprop") or "").lower() == "articlebody"
        or classes(el) & _BODY_CLASSES
    ]
    if not candidates:
        return None
    sizes = {el: len(text_of(el)) for el in candidates}
    largest = max(sizes.values())
    if largest < 200 or largest < 0.3 * len(text_of(body)):
        return None
    best = max(candidates, key=lambda el: sizes[el])
    for el in candidates:  # the deepest that still holds most of the text
        if sizes[el] >= 0.6 * largest and _depth(el) > _depth(best):
            best = el
    return best


def _depth(el: HtmlElement) -> int:
    return sum(1 for _ in el.iterancestors())
