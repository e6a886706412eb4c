"""Book structure in the joined EPUB tree: TOC headings, drop caps, page markers, images.

- The table of contents (nav or NCX) decides the headings: each entry's target gets a
  heading at the entry's depth (its own heading when it has one near its start, else a
  new heading with the entry's label); headings the TOC does not list take the depth of
  listed headings with the same tag. Entries for furniture ("Cover", "Title Page",
  "Contents", the Project Gutenberg licence) make no heading.
- Drop caps (`<span class="dropcap">T</span>o Sherlock`, an initial in its own block,
  an initial image with alt text) are joined to their word.
- Page markers (`epub:type="pagebreak"`, `.pagenum`, `[Pg 4]` anchors) are removed.
- Images are dropped; an alt text that says something (not "Illo1", not the caption
  repeated) is kept as a paragraph.
- A contents list inside the text (a list or table of links into the book) is removed:
  the app builds its own.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.clean.epub_package import TocEntry
from reader.core.clean.html_tree import HEADINGS, classes, drop, tag, text_of
from reader.core.clean.images import meaningful_alt
from reader.core.clean.model import Report

FURNITURE = re.compile(
    r"^(?:cover|front\s*cover|title\s*page|half\s*title|titlepage|table\s+of\s+contents|"
    r"contents|toc|copyright(?:\s+page)?|imprint|colophon|uncopyright|dedication page|"
    r"(?:the\s+)?full\s+project\s+gutenberg\s+licen[cs]e|project\s+gutenberg.*licen[cs]e.*|"
    r"about\s+this\s+(?:e-?)?book|landmarks|list\s+of\s+(?:illustrations|figures))$",
    re.I,
)
_DROPCAP = re.compile(r"drop-?cap|dropcaps|initial|first-?letter|big-?cap|cap-?drop", re.I)
_PAGE = re.compile(r"page-?num|pageno|page-?number|pagebreak|page-?break|pg-?num", re.I)
_SHORT = 160  # a block with less text than this before a heading does not hide it
# Documents that are furniture as a whole (by their EPUB 3 type or their TOC label).
FURNITURE_TYPES = frozenset(
    {
        "cover", "titlepage", "halftitlepage", "toc", "colophon", "copyright-page",
        "imprint", "loi", "lot", "landmarks", "page-list", "seriespage", "frontispiece",
    }
)  # fmt: skip
WHOLE_DOCUMENT = re.compile(
    r"^(?:cover|front\s*cover|title\s*page|titlepage|half\s*title|imprint|colophon|"
    r"uncopyright|copyright(?:\s+page)?|(?:table\s+of\s+)?contents|"
    r"(?:the\s+)?full\s+project\s+gutenberg\s+licen[cs]e|list\s+of\s+illustrations)$",
    re.I,
)


def _index(root: HtmlElement) -> dict[str, HtmlElement]:
    return {el.get("id", ""): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}


def _following(el: HtmlElement) -> list[HtmlElement]:
    """Elements from `el` on, in document order (el, its descendants, what follows)."""
    out: list[HtmlElement] = []
    node: HtmlElement | None = el
    seen = 0
    while node is not None and seen < 60:
        for sub in node.iter():
            if isinstance(sub.tag, str):
                out.append(sub)
                seen += 1
        nxt = node.getnext()
        while nxt is None and node is not None:
            node = node.getparent()
            nxt = node.getnext() if node is not None else None
        node = nxt
    return out


def _heading_near(target: HtmlElement) -> HtmlElement | None:
    """The heading an entry points at: the target itself, or the first heading before
    any real prose from the target on."""
    if tag(target) in HEADINGS:
        return target
    text = 0
    for el in _following(target)[1:] if tag(target) == "a" else _following(target):
        if tag(el) in HEADINGS:
            return el
        if tag(el) in ("p", "li", "td", "blockquote", "pre"):
            text += len(text_of(el))
            if text > _SHORT:
                return None
    return None


def is_furniture(label: str, title: str = "") -> bool:
    """A TOC entry that names no section of the text: the cover, the contents, the
    licence, or the book's own title (its title page)."""
    label = " ".join(label.split())
    words = set(re.findall(r"\w+", label.casefold()))
    return bool(FURNITURE.match(label)) or (
        bool(words) and words <= set(re.findall(r"\w+", title.casefold()))
    )


def apply_toc(
    root: HtmlElement,
    toc: list[TocEntry],
    sections: dict[str, str],
    report: Report,
    title: str = "",
) -> HtmlElement | None:
    """Give every heading its TOC depth (as its tag); returns the first real entry's
    heading (where the book's text starts), or None without a usable TOC."""
    ids = _index(root)
    levels: dict[HtmlElement, int] = {}
    first: HtmlElement | None = None
    for entry in toc:
        file, _, frag = entry.target.partition("#")
        section = sections.get(file)
        if section is None:
            continue
        target = ids.get(f"{section}-{frag}") if frag else ids.get(section)
        if target is None or is_furniture(entry.label, title):
            continue
        heading = _heading_near(target)
        if heading is None or heading in levels:
            heading = target.makeelement("h2", {})
            heading.text = entry.label
            if tag(target) == "section":
                target.insert(0, heading)
            else:
                target.addprevious(heading)
            _drop_label_repeats(heading, entry.label)
            report.count("headings added from the table of contents")
        else:
            _complete_heading(heading, entry.label)
        levels[heading] = entry.depth
        if first is None:
            first = heading
    if not levels:
        return None
    by_tag: dict[str, list[int]] = {}
    for heading, depth in levels.items():
        by_tag.setdefault(tag(heading), []).append(depth)
    tag_depth = {t: max(set(ds), key=ds.count) for t, ds in by_tag.items()}
    deepest = max(levels.values())
    for el in list(root.iter(*HEADINGS)):
        found = levels.get(el)
        if found is not None:
            depth = found
        else:
            listed = [HEADINGS[t] for t in tag_depth]
            own = HEADINGS[tag(el)]
            if tag(el) in tag_depth:
                depth = tag_depth[tag(el)]
            elif listed and own < min(listed):
                depth = tag_depth[min(tag_depth, key=lambda t: HEADINGS[t])]
            else:
                depth = deepest + 1
        el.tag = f"h{min(max(depth, 1), 6)}"
    report.fact("table of contents", f"{len(toc)} entries, {len(levels)} made headings")
    return first


def drop_furniture_documents(
    body: HtmlElement, toc: list[TocEntry], sections: dict[str, str], report: Report
) -> None:
    """Title pages, imprints, colophons, contents and licence pages: whole documents out,
    told by their EPUB 3 type or by a TOC entry naming the document itself."""
    named = {
        sections[e.target]
        for e in toc
        if "#" not in e.target and e.target in sections and WHOLE_DOCUMENT.match(e.label.strip())
    }
    for section in list(body.iterchildren("section")):
        types = set((section.get("data-epub-type") or "").split())
        inner = next((c for c in section if isinstance(c.tag, str)), None)
        if inner is not None and not _ALNUM_TEXT.search(section.text or ""):
            types |= set((inner.get("epub:type") or "").split())
        if types & FURNITURE_TYPES or section.get("id") in named:
            report.removed("front and back matter pages", 1, example=text_of(section)[:60])
            drop(section)


_ALNUM_TEXT = re.compile(r"\w")


def _drop_label_repeats(heading: HtmlElement, label: str) -> None:
    """After a heading made from a TOC label, the short lines that spell the same label
    ("CHAPTER I." / "Down the Rabbit-Hole") go, so the title is not read twice."""
    words = set(re.findall(r"\w+", label.casefold()))
    for el in _following(heading)[1:8]:
        if el.getparent() is None or tag(el) not in ("p", "div", "span", "b", "strong"):
            continue
        text = text_of(el)
        if not text:
            continue
        mine = set(re.findall(r"\w+", text.casefold()))
        if len(text) > 120 or not mine or not mine <= words:
            break
        drop(el)


def _complete_heading(heading: HtmlElement, label: str) -> None:
    """A heading that is only a numeral ("I", an `hgroup`'s ordinal) whose TOC label
    says more ("I: Down the Rabbit-Hole") takes the label; its title line goes."""
    own = text_of(heading)
    label = " ".join(label.split())
    if (
        len(own) > 8
        or len(label) <= len(own) + 2
        or not label.casefold().startswith(own.casefold().rstrip("."))
    ):
        return
    for child in list(heading):
        heading.remove(child)
    heading.text = label
    _drop_label_repeats(heading, label)


def join_drop_caps(root: HtmlElement, report: Report) -> None:
    """An initial set apart joined to the rest of its word."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or not any(_DROPCAP.search(c) for c in classes(el)):
            continue
        letter = (el.get("alt") or "").strip() if tag(el) == "img" else text_of(el)
        if not 1 <= len(letter) <= 3 or not letter.replace("“", "").replace('"', "").isalpha():
            continue
        report.count("drop caps joined")
        if tag(el) in ("p", "div"):  # an initial in a block of its own: prefix the next block
            nxt = el.getnext()
            if nxt is not None:
                nxt.text = letter + (nxt.text or "")
                drop(el)
            continue
        tail = el.tail or ""
        el.tail = None
        parent = el.getparent()
        if parent is None:
            continue
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + letter + tail
        else:
            parent.text = (parent.text or "") + letter + tail
        parent.remove(el)


def drop_page_markers(root: HtmlElement, report: Report) -> None:
    """Page-break markers and printed page numbers out of the text."""
    n = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        etype = el.get("epub:type") or ""
        is_page = "pagebreak" in etype or any(_PAGE.search(c) for c in classes(el))
        if is_page and len(text_of(el)) <= 12:
            drop(el)
            n += 1
    report.removed("page markers", n)


def images_to_alt_text(root: HtmlElement, report: Report) -> None:
    """Images out; a meaningful alt text, not repeating a caption, kept as a paragraph."""
    dropped = kept = 0
    example = ""
    for img in list(root.iter("img", "svg", "image")):
        if img.getparent() is None:
            continue
        alt = " ".join((img.get("alt") or "").split())
        figure = next((a for a in img.iterancestors() if tag(a) == "figure"), None)
        caption = text_of(figure) if figure is not None else ""
        parent = img.getparent()
        if (
            parent is not None
            and alt
            and meaningful_alt(alt)
            and alt.lower().strip(".") not in caption.lower()
        ):
            # Standing alone (a figure) it is a line of its own; inside text or a heading
            # (a title set as an image) it is that text.
            inline = tag(parent) in (*HEADINGS, "p", "span", "a", "i", "em", "b", "strong")
            para = img.makeelement("span" if inline else "p", {"class": "image-alt"})
            para.text = alt
            para.tail = img.tail
            parent.replace(img, para)
            kept += 1
            continue
        dropped += 1
        example = example or alt
        drop(img)
    report.removed("images", dropped, example=example)
    report.count("image descriptions kept", kept)


def drop_contents_lists(root: HtmlElement, report: Report) -> None:
    """A list or table whose text is mostly links into the book: a contents list."""
    for el in list(root.iter("ul", "ol", "table", "nav")):
        if el.getparent() is None:
            continue
        links = [a for a in el.iter("a") if (a.get("href") or "").startswith("#d")]
        if len(links) < 3:
            continue
        linked = sum(len(text_of(a)) for a in links)
        total = len(text_of(el))
        if total and linked / total > 0.6:
            heading = el.getprevious()
            if (
                heading is not None
                and tag(heading) in HEADINGS
                and FURNITURE.match(text_of(heading))
            ):
                drop(heading)
            drop(el)
            report.removed("contents lists", 1, example=text_of(el)[:60])
