"""Markdown for Obsidian (and any Markdown reader): notes grouped by section.

The file starts with YAML front matter (title, author, source, date, document id; for
several documents a title and the list of documents). Each document has a `#` heading;
notes on the whole document come first, then one `##` heading per section of the text
(in reading order, notes of the text's footnotes under "Notes"), then the annotations
that could not be placed in the current text. Each annotation is a `>` quote of the
highlighted text (escaped so it shows literally), its note, its tags as `#tag` (Obsidian
tags) with its colour, and its citation.
"""

from __future__ import annotations

import json

from reader.core.annotations.store import AnchoredAnnotation
from reader.core.document import Document
from reader.core.export.groups import DocumentNotes
from reader.core.inline import escape_inline
from reader.core.markdown import protect_block_start

WHOLE_DOCUMENT = "Notes on the whole document"
ORPHANED = "Not found in the current text"


def render(groups: list[DocumentNotes]) -> str:
    """The Markdown text of the export."""
    lines: list[str] = []
    if len(groups) == 1:
        lines += front_matter(groups[0].document)
    else:
        lines += ["---", "title: " + _yaml("Highlights and notes")]
        lines.append("documents:")
        lines += [f"  - {_yaml(g.document.title)}" for g in groups]
        lines += ["---", ""]
    for group in groups:
        lines += _document(group, standalone=len(groups) == 1)
    return "\n".join(lines).rstrip("\n") + "\n"


def front_matter(doc: Document) -> list[str]:
    """YAML front matter for one document (values JSON-quoted, which YAML reads)."""
    fields = {
        "title": doc.title,
        "author": doc.author,
        "source": doc.source,
        "date": doc.date,
        "document": doc.id,
    }
    body = [f"{k}: {_yaml(v)}" for k, v in fields.items() if v]
    return ["---", *body, "---", ""]


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _document(group: DocumentNotes, standalone: bool) -> list[str]:
    doc = group.document
    lines = [f"# {escape_inline(doc.title)}", ""]
    if not standalone:
        about = " · ".join(escape_inline(x) for x in (doc.author, doc.source) if x)
        if about:
            lines += [about, ""]
    current = None
    for item in group.items:
        heading = _section_heading(item)
        if heading != current:
            lines += [f"## {heading}", ""]
            current = heading
        lines += _annotation(group, item)
    return lines


def _section_heading(item: AnchoredAnnotation) -> str:
    if item.anchor is None:
        return WHOLE_DOCUMENT
    if item.orphaned:
        return ORPHANED
    location = item.citation.location
    if location is None or (location.section_number == 0 and not location.note_label):
        return "Before the first section"
    if location.note_label:
        return "Notes"
    return f"§{location.section_number} {escape_inline(location.section_title)}"


def _annotation(group: DocumentNotes, item: AnchoredAnnotation) -> list[str]:
    a = item.annotation
    lines: list[str] = []
    if a.target is not None:
        for line in group.attached_text(item).split("\n"):
            lines.append("> " + protect_block_start(escape_inline(line)) if line else ">")
        lines.append("")
    if a.note.strip():
        lines += [a.note.strip("\n"), ""]
    meta = [" ".join(f"#{t}" for t in a.tags), a.colour]
    if item.state is not None and item.state.value == "fuzzy":
        meta.append("place to confirm")
    lines += [" · ".join(m for m in meta if m), ""]
    lines += [f"— {escape_inline(str(item.citation))}", ""]
    return lines
