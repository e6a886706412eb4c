"""Site chrome in an HTML page: what is removed before the text is converted.

Removed, counted by what it was (the import report shows the counts):

- non-text elements: scripts, styles, forms, buttons, frames, SVG, hidden elements
  (`hidden`, `aria-hidden`, `display:none`);
- page furniture named by its element or role: `nav`, `aside`, page `header`s (those
  without section headings) and `footer`s, `role=navigation|banner|contentinfo|search|
  complementary`;
- page furniture named by its class or id words: navigation, menus, breadcrumbs,
  sidebars and widgets, share and social buttons, comment sections, related posts,
  newsletters, cookie notices, advertisements, pagers; MediaWiki's edit links,
  infoboxes, navboxes, hatnotes, message boxes, tables of contents, category links,
  thumbnails, coordinates and print footers; Project Gutenberg's page numbers;
  marxists.org's `toplink`/`footer`/`link` bars;
- blocks that are only in-page "Top of the page" links, "Last updated ..." /
  "Page last edited ..." lines, "Retrieved from ..." lines.

Safety: an element that holds most of the page's text is never removed by its class
words (a wrapper called `content-wrap` is not chrome).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.clean.html_tree import HEADINGS, drop, tag, text_of, words
from reader.core.clean.model import Report

_NON_TEXT = {
    "script": "scripts",
    "style": "styles",
    "noscript": "scripts",
    "template": "scripts",
    "form": "forms",
    "button": "forms",
    "select": "forms",
    "textarea": "forms",
    "input": "forms",
    "iframe": "frames",
    "object": "frames",
    "embed": "frames",
    "svg": "images",
    "canvas": "images",
    "video": "media",
    "audio": "media",
    "link": "styles",
    "meta": "styles",
}
_ROLES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "page footer",
    "search": "navigation",
    "complementary": "sidebars",
    "menu": "navigation",
    "menubar": "navigation",
    "dialog": "pop-ups",
    "alert": "pop-ups",
}
# class/id words -> what the report calls them
_WORDS = {
    "nav": "navigation", "navbar": "navigation", "navigation": "navigation",
    "menu": "navigation", "menubar": "navigation", "breadcrumb": "navigation",
    "breadcrumbs": "navigation", "toplink": "navigation", "skiplink": "navigation",
    "pagination": "navigation", "pager": "navigation", "paging": "navigation",
    "sidebar": "sidebars", "widget": "sidebars", "widgets": "sidebars",
    "share": "share buttons", "sharing": "share buttons", "social": "share buttons",
    "sharedaddy": "share buttons", "addtoany": "share buttons",
    "comments": "comments", "comment": "comments", "respond": "comments",
    "disqus": "comments", "related": "related links", "newsletter": "newsletter",
    "subscribe": "newsletter", "subscription": "newsletter", "cookie": "cookie notices",
    "cookies": "cookie notices", "consent": "cookie notices", "advert": "advertising",
    "advertisement": "advertising", "ads": "advertising", "sponsor": "advertising",
    "promo": "advertising", "masthead": "page header", "footer": "page footer",
    "colophon": "page footer", "copyright": "page footer",
    # MediaWiki
    "mw-editsection": "edit links", "editsection": "edit links",
    "infobox": "infoboxes", "navbox": "navboxes", "vertical-navbox": "navboxes",
    "navbox-inner": "navboxes", "hatnote": "hatnotes", "ambox": "message boxes",
    "mbox": "message boxes", "metadata": "message boxes", "toc": "tables of contents",
    "toccolours": "tables of contents", "catlinks": "category links",
    "printfooter": "page footer", "thumb": "images", "thumbinner": "images",
    "coordinates": "coordinates", "mw-jump-link": "navigation", "noprint": "navigation",
    "mw-indicators": "navigation", "sistersitebox": "navigation", "portal": "navigation",
    "authority-control": "navboxes", "sidebar-list": "navboxes", "mw-empty-elt": "empty",
    "shortdescription": "hatnotes", "sitesub": "page header", "contentsub": "page header",
    "jump-to-nav": "navigation", "mw-cite-backlink": "back-links",
    # Project Gutenberg
    "pagenum": "page numbers", "pageno": "page numbers", "page-number": "page numbers",
    "totoc": "navigation",
}  # fmt: skip
_WHOLE_CLASSES = {  # class names matched whole (their words alone would mean too much)
    "mw-editsection",
    "vertical-navbox",
    "navbox-inner",
    "mw-jump-link",
    "mw-indicators",
    "sidebar-list",
    "mw-empty-elt",
    "authority-control",
    "jump-to-nav",
    "mw-cite-backlink",
    "page-number",
    "sitesub",
    "contentsub",
}
# Elements worth a look: those with a name, a role or a style, and the tags that are chrome.
_CANDIDATES = "descendant-or-self::*[@class or @id or @role or @style or @hidden or @aria-hidden]"
_CHROME_TAGS = ("nav", "aside", "header", "footer", *_NON_TEXT)
_TOP_LINK = re.compile(
    r"^(?:back\s+to\s+|return\s+to\s+|go\s+to\s+)?(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?"
    r"\s*[\^\u2191]*$",
    re.I,
)
_UPDATED = re.compile(
    r"^(?:last\s+(?:updated|modified|edited|revised)|page\s+last\s+edited|this\s+page\s+was\s+"
    r"last\s+(?:edited|modified|updated)|updated\s+on)\b",
    re.I,
)
# How the lines `_remove_lines` looks for can start (a cheap test before the patterns).
_LINE_STARTS = (
    "back", "return", "go to", "top", "the top", "last", "page last", "this page", "updated",
    "retrieved", "\u2191", "^",
)  # fmt: skip
_RETRIEVED = re.compile(r"^retrieved\s+from\b", re.I)


def _chrome_words(el: HtmlElement) -> str | None:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    for name in raw:
        if name in _WHOLE_CLASSES:
            return _WORDS[name]
    for w in words(el):
        if w in _WORDS and w not in _WHOLE_CLASSES:
            return _WORDS[w]
    return None


def _hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def remove_chrome(root: HtmlElement, report: Report, keep: set[HtmlElement]) -> None:
    """Remove chrome from the tree under `root`; never an element in `keep` or holding one."""
    total = max(1, len(root.text_content()))
    protected: set[HtmlElement] = set()
    for el in keep:
        cur: HtmlElement | None = el
        while cur is not None:
            protected.add(cur)
            cur = cur.getparent()
    doomed: list[tuple[HtmlElement, str]] = []
    named = root.xpath(_CANDIDATES)
    seen = set(named)
    tagged = [el for el in root.iter(*_CHROME_TAGS) if el not in seen]
    for el in named + tagged:
        if el in protected:
            continue
        name = tag(el)
        what = _NON_TEXT.get(name)
        if what is None and name in ("nav", "aside"):
            what = "navigation" if name == "nav" else "sidebars"
        if (
            what is None
            and name in ("header", "footer")
            and not any(tag(d) in HEADINGS and tag(d) != "h1" for d in el.iter())
        ):
            what = "page header" if name == "header" else "page footer"
        if what is None:
            what = _ROLES.get((el.get("role") or "").lower())
        if what is None and _hidden(el):
            what = "hidden elements"
        if what is None:
            what = _chrome_words(el)
            if what is not None and len(text_of(el)) > 0.5 * total and total > 500:
                what = None  # a wrapper that holds most of the text is not chrome
        if what is not None:
            doomed.append((el, what))
    removed: set[HtmlElement] = set()
    for el, what in doomed:
        if any(a in removed for a in el.iterancestors()):
            continue
        removed.add(el)
        example = "" if tag(el) in _NON_TEXT else text_of(el)
        report.removed(what, example=example)
        drop(el)
    _remove_lines(root, report)


def _remove_lines(root: HtmlElement, report: Report) -> None:
    """Blocks that are only a 'Top of the page' link, a 'Last updated' or 'Retrieved from'
    line."""
    for el in list(root.iter("p", "div", "a", "li", "span", "center")):
        raw = el.text_content()
        if len(raw) > 400 or not " ".join(raw[:60].split()).lower().startswith(_LINE_STARTS):
            continue
        if el.getparent() is None or (
            tag(el) == "a" and not (el.get("href") or "").startswith("#")
        ):
            continue
        text = text_of(el)
        if not text or len(text) > 200:
            continue
        if tag(el) == "a" and not _TOP_LINK.match(text):
            continue
        if _TOP_LINK.match(text):
            report.removed("'top of the page' links", example=text)
            drop(el)
        elif (
            tag(el) != "a"
            and (_UPDATED.match(text) or _RETRIEVED.match(text))
            and not any(tag(d) in ("p", "div", "li") for d in el.iterdescendants())
        ):
            report.removed("'last updated' and 'retrieved from' lines", example=text)
            drop(el)
