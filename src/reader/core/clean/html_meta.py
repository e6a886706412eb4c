"""Metadata an HTML page states about itself; nothing is guessed or invented.

Read, in this order of trust for each field: JSON-LD (`headline`/`name`, `author`,
`datePublished`, `inLanguage`, `publisher`, `url`), Open Graph and `article:` properties,
Dublin Core (`DC.title`, `DC.creator`, `DC.date`, `dcterms.*`), Highwire `citation_*`,
plain `<meta name=author|date|description>`, then the page's own markup: `<html lang>`,
`<link rel=canonical>`, `<link rel=license>`, a `<time datetime>` marked as the
publication date, a `rel=author` link, and `<title>`. marxists.org's information block
(`Written:`, `First published:`, `Source:`, `Translated:`, `Publisher:`, `Transcription`)
is read by `info_block` and becomes metadata too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

from reader.core.clean.html_tree import tag, text_of, words

_META_KEYS = {
    "title": ("og:title", "dc.title", "dcterms.title", "citation_title", "twitter:title"),
    "author": (
        "author",
        "dc.creator",
        "dcterms.creator",
        "citation_author",
        "article:author",
        "book:author",
        "parsely-author",
        "sailthru.author",
    ),
    "date": (
        "article:published_time",
        "dc.date",
        "dcterms.date",
        "dcterms.issued",
        "dc.date.issued",
        "citation_publication_date",
        "citation_date",
        "date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
    ),
    "language": ("dc.language", "dcterms.language", "content-language", "citation_language"),
    "publisher": ("dc.publisher", "dcterms.publisher", "citation_publisher", "og:site_name"),
    "rights": ("dc.rights", "dcterms.rights", "dcterms.license", "copyright", "rights"),
    "source": ("og:url", "dc.identifier", "dcterms.identifier"),
    "description": ("description", "og:description", "dc.description", "dcterms.abstract"),
}
_URL = re.compile(r"^https?://\S+$", re.I)


def _meta_values(root: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("http-equiv") or "").lower()
        value = " ".join((el.get("content") or "").split())
        if key and value and key not in out:
            out[key] = value
    return out


def _json_ld(root: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            kind = str(item.get("@type", ""))
            if not any(k in kind for k in ("Article", "Posting", "Report", "Book", "WebPage")):
                continue
            _take(out, "title", item.get("headline") or item.get("name"))
            _take(out, "author", _names(item.get("author")))
            _take(out, "date", item.get("datePublished") or item.get("dateCreated"))
            _take(out, "language", item.get("inLanguage"))
            _take(out, "publisher", _names(item.get("publisher")))
            _take(out, "source", item.get("url") if _URL.match(str(item.get("url"))) else None)
    return out


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for d in data[:50] for x in _items(d)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_items(graph) if isinstance(graph, list) else [])]
    return []


def _names(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value[:20]) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _take(out: dict[str, str], key: str, value: Any) -> None:
    if key not in out and isinstance(value, str) and value.strip():
        out[key] = " ".join(value.split())


def page_meta(root: HtmlElement) -> dict[str, str]:
    """Metadata the page states (title, author, date, language, source, rights, ...)."""
    found = _json_ld(root)
    metas = _meta_values(root)
    for field, keys in _META_KEYS.items():
        for key in keys:
            value = metas.get(key)
            if value and not (field == "author" and _URL.match(value)):
                _take(found, field, value)
    html = root if tag(root) == "html" else root.getroottree().getroot()
    lang = (
        html.get("lang")
        or html.get("xml:lang")  # what lxml's HTML parser makes of it
        or html.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    _take(found, "language", lang)
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and _URL.match(href):
            found["source"] = href  # the canonical URL wins over og:url
        if "license" in rel and href:
            _take(found, "rights", href)
    for a in root.iter("a"):
        rel = (a.get("rel") or "").lower().split()
        if "license" in rel and _URL.match(a.get("href") or ""):
            _take(found, "rights", a.get("href"))
        if "author" in rel and "author" not in found and 0 < len(text_of(a)) < 80:
            found["author"] = text_of(a)
    for el in root.iter("time"):
        if words(el) & {"published", "pubdate", "entry-date", "post-date"} or el.get("pubdate"):
            _take(found, "date", el.get("datetime") or text_of(el))
    title = root.find(".//title")
    if title is not None:
        found["page_title"] = text_of(title)
    return found


INFO_SEARCH = 60  # information blocks are looked for among the first and last paragraphs
_INFO_FIELDS = {
    "written": "written",
    "first published": "published",
    "published": "published",
    "source": "source",
    "publisher": "publisher",
    "translated": "translator",
    "translation": "translator",
    "translator": "translator",
    "transcribed": "transcription",
    "transcription": "transcription",
    "transcription/markup": "transcription",
    "html markup": "transcription",
    "markup": "transcription",
    "online version": "online",
    "copyleft": "rights",
    "public domain": "rights",
    "copyright": "rights",
    "delivered": "written",
    "proofread": "transcription",
    "original source": "source",
}
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /]{1,30}?)\s*:\s*(.*)$", re.S)


def info_block(el: HtmlElement) -> dict[str, str] | None:
    """The fields of a marxists.org-style information block, or None if `el` is not one.

    Such a block is a paragraph (often `p.information`/`p.info`) of `Label: value` lines
    split by `<br>`, whose labels are bibliographic (Written, Source, Transcription ...).
    """
    lines: list[str] = []
    current: list[str] = [el.text or ""]
    for child in el:
        if tag(child) == "br":
            lines.append("".join(current))
            current = []
        else:
            current.append(child.text_content())
        current.append(child.tail or "")
    lines.append("".join(current))
    fields: dict[str, str] = {}
    known = 0
    for line in (" ".join(x.split()) for x in lines):
        if not line:
            continue
        m = _LABEL.match(line)
        if not m:
            return None
        label = m.group(1).strip().lower()
        key = _INFO_FIELDS.get(label)
        value = m.group(2).strip().rstrip(".").strip()
        if key is None:
            continue
        known += 1
        if key == "rights":
            value = f"{m.group(1).strip()}: {value}" if value else m.group(1).strip()
        if value and key not in fields:
            fields[key] = value
    named = words(el) & {"information", "info"}
    return fields if known >= 2 or (known == 1 and named) else None


def info_blocks(root: HtmlElement) -> list[tuple[HtmlElement, dict[str, str]]]:
    """Information blocks among the page's first and last paragraphs."""
    out: list[tuple[HtmlElement, dict[str, str]]] = []
    candidates = [el for el in root.iter("p", "div")]
    for el in candidates[:INFO_SEARCH] + candidates[-INFO_SEARCH:]:
        if el.getparent() is None or any(el is x for x, _ in out):
            continue
        fields = (
            info_block(el)
            if el.find("br") is not None
            or words(el)
            & {
                "info",
                "information",
            }
            else None
        )
        if fields:
            out.append((el, fields))
    return out
