"""Footnotes and endnotes in HTML: which links are note markers, which blocks are notes.

A note marker is a short in-page link (`[1]`, `(2)`, `3`, `*`, `[1*]`, `a`, `[note 4]`,
`8a`) whose target sits in a block that is a note definition. A block is a definition
when it links back to the marker (the common case: `sup.ednote` on marxists.org,
Wikipedia's `cite_note` lists, Gutenberg's `fnanchor`, WordPress footnotes, EPUB
back-links), when it or a near ancestor is named as notes (`footnote`, `endnote`,
`references`, `epub:type="footnote"`), or when the marker is a superscript (or an
`epub:type="noteref"`) and the target follows it. Every marker keeps the source's label
without its brackets; markers that point at the same note share its label, and two
different notes that would share a label get a suffix (`1`, `1-2`). A definition's
label anchor and its back-links are dropped; a following block of the same kind and
class with no anchor of its own continues the note (a note over two paragraphs).

Nothing here depends on one page: the same steps serve every page and EPUB chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from reader.core.clean.html_tree import HEADINGS, elements, fragment, tag, text_of, words

_LABEL = re.compile(
    r"^[\[\(\{<]?\s*((?:note|nb|n|fn)\s*)?([0-9]{1,4}[a-z*]{0,2}|[a-z]{1,2}\*?|[ivxlc]{1,6}"
    r"|\*{1,4}|[\u2020\u2021\u00a7\u00b6#]{1,3})\s*\.?\s*[\]\)\}>]?$",
    re.I,
)
_NOTE_WORDS = ("note", "foot", "reference", "reflist", "citation", "endnote", "fn")
_DEF_BLOCKS = frozenset({"p", "li", "div", "dd", "dt", "aside", "td", "section", "blockquote"})
_INLINE = frozenset({"sup", "span", "a", "b", "i", "em", "strong", "small", "font"})
_LEAD = re.compile(r"^\s*[\^\u2191\u21a9]?\s*")


@dataclass
class Notes:
    """What the converter needs: markers to replace, definitions to write as notes."""

    markers: dict[HtmlElement, str] = field(default_factory=dict)
    definitions: dict[HtmlElement, str] = field(default_factory=dict)
    continuations: dict[HtmlElement, list[HtmlElement]] = field(default_factory=dict)
    drop: set[HtmlElement] = field(default_factory=set)
    skip: set[HtmlElement] = field(default_factory=set)  # continuation blocks, inside a note

    def label_text(self, block: HtmlElement) -> str:
        return self.definitions.get(block, "")


def marker_label(text: str) -> str | None:
    """The label of a marker's text (`[12]` -> `12`, `[note 3]` -> `note-3`), or None."""
    text = " ".join(text.split())
    if not text or len(text) > 12:
        return None
    m = _LABEL.match(text)
    if not m:
        return None
    prefix = (m.group(1) or "").strip().lower()
    label = m.group(2)
    return f"{prefix}-{label}" if prefix else label


def _noteish(el: HtmlElement) -> bool:
    etype = (el.get("epub:type") or el.get("{http://www.idpf.org/2007/ops}type") or "").lower()
    if any(t in etype for t in ("footnote", "endnote", "rearnote", "note")):
        return True
    role = (el.get("role") or "").lower()
    if role in ("doc-footnote", "doc-endnote", "doc-endnotes"):
        return True
    return any(any(n in w for n in _NOTE_WORDS) for w in words(el))


def _definition_block(target: HtmlElement) -> HtmlElement | None:
    el: HtmlElement | None = target
    while el is not None and tag(el) not in _DEF_BLOCKS:
        el = el.getparent()
    if el is None or tag(el) in ("body", "html"):
        return None
    parent = el.getparent()
    # A note made of several paragraphs inside its own note-named wrapper: the wrapper.
    if (
        parent is not None
        and tag(parent) in ("div", "aside", "section", "li")
        and _noteish(parent)
        and sum(1 for _ in parent.iter("a")) <= 6
        and len(text_of(parent)) < 4000
    ):
        return parent
    return el


def _ids(el: HtmlElement) -> set[str]:
    out: set[str] = set()
    cur: HtmlElement | None = el
    for _ in range(3):  # the marker, its sup, its span: never a block around it
        if cur is None or (cur is not el and tag(cur) not in _INLINE):
            break
        for key in ("id", "name"):
            value = cur.get(key)
            if value:
                out.add(value)
        cur = cur.getparent()
    return out


def _is_superscript(a: HtmlElement) -> bool:
    parent = a.getparent()
    if tag(a) == "sup" or (parent is not None and tag(parent) == "sup"):
        return True
    if any(tag(c) == "sup" for c in a):
        return True
    etype = (a.get("epub:type") or a.get("{http://www.idpf.org/2007/ops}type") or "").lower()
    return "noteref" in etype or bool(words(a) & {"fnanchor", "noteref", "footnote"})


def _marker_element(a: HtmlElement) -> HtmlElement:
    """The element the `[^label]` replaces: the link, or its sup when it holds nothing else."""
    parent = a.getparent()
    if parent is not None and tag(parent) == "sup" and text_of(parent) == text_of(a):
        return parent
    return a


def _has_heading(el: HtmlElement) -> bool:
    return any(tag(d) in HEADINGS for d in el.iter())


def find_notes(root: HtmlElement) -> Notes:
    """Markers and definitions in the tree under `root`."""
    by_id: dict[str, HtmlElement] = {}
    for el in root.xpath("descendant-or-self::*[@id or @name]"):
        for key in ("id", "name"):
            value = el.get(key)
            if value and value not in by_id:
                by_id[value] = el
    links = [a for a in root.iter("a") if "#" in (a.get("href") or "")]
    order = {el: i for i, el in enumerate(elements(root))} if links else {}
    notes = Notes()
    used: dict[str, HtmlElement] = {}
    for a in links:
        frag = fragment(a.get("href"))
        target = by_id.get(frag) if frag else None
        if target is None:
            continue
        label = marker_label(text_of(a))
        if label is None or _opens_block(a):
            continue
        block = _definition_block(target)
        if block is None or _inside(a, block) or _has_heading(block):
            continue
        within = next((x for x in _ancestors(a, 8) if x in notes.definitions), None)
        if within is not None and order.get(block, 0) < order.get(within, 0):
            continue  # a link from a note back into the text
        ids = _ids(a)
        backlink = any(
            fragment(x.get("href")) in ids for x in block.iter("a") if x is not a and ids
        )
        after = order.get(block, 0) > order.get(a, 0)
        if not (
            backlink
            or _noteish(block)
            or any(_noteish(x) for x in _ancestors(block, 3))
            or (_is_superscript(a) and after)
        ):
            continue
        if block in notes.definitions:
            label = notes.definitions[block]
        else:
            base, n = label, 1
            while label in used and used[label] is not block:
                n += 1
                label = f"{base}-{n}"
            used[label] = block
            notes.definitions[block] = label
            _mark_label_anchor(notes, block, target)
        notes.markers[_marker_element(a)] = label
    marker_ids: set[str] = set()
    for m in notes.markers:
        marker_ids |= _ids(m)
        for a in m.iter("a"):
            marker_ids |= _ids(a)
    for block in notes.definitions:
        _mark_backlinks(notes, block, marker_ids)
        notes.continuations[block] = _continuations(block, notes)
        notes.skip.update(notes.continuations[block])
    return notes


def _opens_block(a: HtmlElement) -> bool:
    """True for a link that starts its block: a note's own label, not a marker."""
    el = a
    while True:
        parent = el.getparent()
        if parent is None or (parent.text or "").strip():
            return False
        for sib in el.itersiblings(preceding=True):
            if (sib.tail or "").strip() or sib.text_content().strip():
                return False
        if tag(parent) in _DEF_BLOCKS or tag(parent) == "body":
            return True
        el = parent


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    cur: HtmlElement | None = el
    while cur is not None:
        if cur is container:
            return True
        cur = cur.getparent()
    return False


def _ancestors(el: HtmlElement, n: int) -> list[HtmlElement]:
    out: list[HtmlElement] = []
    cur = el.getparent()
    while cur is not None and len(out) < n:
        out.append(cur)
        cur = cur.getparent()
    return out


def _mark_label_anchor(notes: Notes, block: HtmlElement, target: HtmlElement) -> None:
    """The definition's own label (`1*.`, `[9]`) is dropped: the note shows its label."""
    if target is block:
        return
    if (tag(target) == "a" and marker_label(text_of(target)) is not None) or not text_of(target):
        el = target
        parent = el.getparent()
        if parent is not None and tag(parent) == "sup" and text_of(parent) == text_of(el):
            el = parent
        notes.drop.add(el)


def _mark_backlinks(notes: Notes, block: HtmlElement, marker_ids: set[str]) -> None:
    """Back-links to the markers (`^`, `↩`, `a b c`, `[1]`) inside a definition."""
    for a in block.iter("a"):
        if fragment(a.get("href")) in marker_ids and len(text_of(a)) <= 12:
            el = a
            parent = el.getparent()
            if parent is not None and tag(parent) == "sup" and text_of(parent) == text_of(el):
                el = parent
            notes.drop.add(el)
    for el in block.iter():
        if "mw-cite-backlink" in (el.get("class") or ""):
            notes.drop.add(el)


def _continuations(block: HtmlElement, notes: Notes) -> list[HtmlElement]:
    """Following blocks of the same tag and class with no anchor: the note goes on."""
    klass = block.get("class")
    if not klass or tag(block) not in ("p", "div"):
        return []
    out: list[HtmlElement] = []
    sib = block.getnext()
    while sib is not None and tag(sib) == tag(block) and sib.get("class") == klass:
        if sib in notes.definitions or any(
            x.get("id") or x.get("name") for x in sib.iter() if isinstance(x.tag, str)
        ):
            break
        if not text_of(sib):
            break
        out.append(sib)
        sib = sib.getnext()
    return out


def lead_residue(markdown: str, label: str) -> str:
    """A note's text without what is left of its label at the start (`^`, `1*.`)."""
    text = _LEAD.sub("", markdown)
    for form in (f"\\[{label}\\]", f"({label})", f"{label}.", f"{label})", label):
        if text.startswith(form + " ") or text == form:
            text = text[len(form) :]
            break
    return text.strip()
