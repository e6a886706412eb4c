"""The spine's documents joined into one HTML tree, so the HTML converter reads the book.

Each XHTML document is parsed with lxml's XML parser (HTML named entities turned into
numbers first, so `&nbsp;` survives without a DTD), namespaces dropped (`epub:type`
kept as an attribute of that name), and serialised as HTML into one `<body>`: one
`<section id="dN">` per document. Every id becomes `dN-id` and every link into the
book `#dM-id`, so notes in one document find their markers in another and the table
of contents can point at any element. Links out of the book stay as they are.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from reader.core.clean.epub_package import Archive, local, resolve
from reader.core.clean.html_tree import parse_html
from reader.core.decode import decode_bytes
from reader.core.errors import ReaderError

_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]{0,500}(?:\[[^\]]{0,5000}\])?\s*>", re.I)
_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
)
OPS_TYPE = "{http://www.idpf.org/2007/ops}type"


@dataclass
class Book:
    """The joined tree and how the spine's paths map to section ids."""

    root: HtmlElement
    sections: dict[str, str]  # zip path -> "dN"


def _numeric_entities(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_ENTITIES:
            return m.group(0)
        char = html.entities.html5.get(name + ";")
        return "".join(f"&#{ord(c)};" for c in char) if char else m.group(0)

    return _ENTITY.sub(sub, text)


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return decode_bytes(data, name=name).text


def _xhtml_body(data: bytes, name: str) -> etree._Element | None:
    """The document's `<body>` parsed as XML without namespaces, or None."""
    source = _DOCTYPE.sub("", _DECLARATION.sub("", _text(data, name), count=1), count=1)
    try:
        root = etree.fromstring(_numeric_entities(source).encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = local(el.tag)
        for key in list(el.attrib):
            if key.startswith("{") and key != OPS_TYPE:  # epub:type stays for html_notes
                value = el.attrib.pop(key)
                el.set(key.rsplit("}", 1)[1], value)
    etree.cleanup_namespaces(root)
    return next((c for c in root.iter() if c.tag == "body"), None)


def _rewrite_links(body: etree._Element, path: str, sections: dict[str, str], me: str) -> None:
    """ids made unique across the book; links into it pointed at those ids."""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("id", "name") if el.tag == "a" else ("id",):
            value = el.get(attr)
            if value:
                el.set(attr, f"{me}-{value}")
        href = el.get("href")
        if href is None:
            continue
        if href.startswith("#"):
            el.set("href", f"#{me}-{href[1:]}" if len(href) > 1 else f"#{me}")
            continue
        target = resolve(path, href)
        if not target:
            continue  # a link out of the book: kept
        file, _, frag = target.partition("#")
        section = sections.get(file)
        if section is None:
            el.attrib.pop("href")  # a file of the book that is not read (an image, a style)
        else:
            el.set("href", f"#{section}-{frag}" if frag else f"#{section}")


def join_documents(archive: Archive, paths: list[str]) -> Book:
    """One HTML tree holding every document of `paths` in order."""
    sections = {path: f"d{n}" for n, path in enumerate(paths)}
    parts: list[str] = []
    for path in paths:
        data = archive.read(path)
        body = _xhtml_body(data, path)
        me = sections[path]
        if body is None:
            # Not well-formed XML: the forgiving HTML parser reads it as it can.
            tree = parse_html(_text(data, path))
            html_body = tree.find("body")
            if html_body is None:
                continue
            markup = etree.tostring(html_body, encoding="unicode", method="html")
            body = etree.fromstring(
                _numeric_entities(markup).encode("utf-8"), etree.HTMLParser(recover=True)
            ).find(".//body")
            if body is None:
                continue
        _rewrite_links(body, path, sections, me)
        inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in body)
        text = (body.text or "").replace("&", "&amp;").replace("<", "&lt;")
        etype = _attr(body.get(OPS_TYPE) or body.get("epub:type") or "")
        parts.append(
            f'<section id="{me}" data-epub-path="{_attr(path)}" data-epub-type="{etype}">'
            f"{text}{inner}</section>"
        )
    if not parts:
        raise ReaderError("the EPUB's documents hold no readable text")
    root = parse_html("<html><body>" + "".join(parts) + "</body></html>")
    return Book(root, sections)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
