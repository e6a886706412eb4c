"""Markdown for Obsidian (and any Markdown reader): notes grouped by section.

The file starts with properties (YAML front matter: title, author, source, date, the
document id, `tags:` as a list, and `reader:`, the `reader://` link to the document).
Each document has a `#` heading; notes on the whole document come first, then one `##`
heading per section of the text (in reading order, notes of the text's footnotes under
"Notes"), then the annotations that could not be placed in the current text.

Each annotation is a callout whose type shows its colour in Obsidian's own callout
colours and whose metadata names it exactly (`> [!success|green]`), titled with its
citation; the highlighted text is the callout's body (escaped so it shows literally).
Then a block id (`^<annotation id>`, so other notes can link to it), the note, and a
line with the link back (`[open](reader://...)`, the locator of the quote), the tags
as Obsidian `#tags` and, for a fuzzy match, "place to confirm". Links between notes
(`[[id]]`) become Obsidian block links (`[[#^id]]`); links to a place become
`reader://` links. With `bibliography=True` the export ends with the citations of its
documents.
"""

from __future__ import annotations

import json
import re

from reader.core import locator as locators
from reader.core.annotations.anchored import AnchoredAnnotation
from reader.core.annotations.links import LINK
from reader.core.document import Document
from reader.core.errors import UsageError
from reader.core.export.groups import DocumentNotes
from reader.core.inline import escape_inline
from reader.core.markdown import protect_block_start

WHOLE_DOCUMENT = "Notes on the whole document"
ORPHANED = "Not found in the current text"
BIBLIOGRAPHY = "Bibliography"
OPEN = "open"

# Palette colour -> the Obsidian callout type of the nearest colour.
CALLOUTS = {
    "yellow": "question",
    "green": "success",
    "blue": "info",
    "pink": "bug",
    "purple": "example",
    "orange": "warning",
    "red": "danger",
    "grey": "quote",
}

_BLOCK_ID = re.compile(r"[^A-Za-z0-9-]")


def render(groups: list[DocumentNotes], bibliography: bool = False) -> str:
    """The Markdown text of the export."""
    lines: list[str] = []
    tags = _all_tags(groups)
    if len(groups) == 1:
        lines += front_matter(groups[0].document, tags)
    else:
        lines += ["---", "title: " + _yaml("Highlights and notes")]
        lines.append("documents:")
        lines += [f"  - {_yaml(g.document.id)}" for g in groups]
        lines += _tag_list(tags)
        lines += ["---", ""]
    ids = {item.id for g in groups for item in g.items}
    for group in groups:
        lines += _document(group, standalone=len(groups) == 1, ids=ids)
    if bibliography and groups:
        from reader.core.cite import text, work_of

        lines += [f"# {BIBLIOGRAPHY}", ""]
        lines += [f"- {escape_inline(text(work_of(g.document)))}" for g in groups]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def front_matter(doc: Document, tags: list[str] | None = None) -> list[str]:
    """Obsidian properties for one document (values JSON-quoted, which YAML reads)."""
    fields = {
        "title": doc.title,
        "author": doc.author,
        "source": doc.source,
        "date": doc.date,
        "document": doc.id,
    }
    body = [f"{k}: {_yaml(v)}" for k, v in fields.items() if v]
    body += _tag_list(tags or [])
    body.append(f"reader: {_yaml(locators.Locator(doc.id).uri)}")
    return ["---", *body, "---", ""]


def _tag_list(tags: list[str]) -> list[str]:
    return ["tags:", *[f"  - {_yaml(t)}" for t in tags]] if tags else []


def _all_tags(groups: list[DocumentNotes]) -> list[str]:
    seen: dict[str, str] = {}
    for group in groups:
        for item in group.items:
            for tag in item.annotation.tags:
                seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def block_id(annotation_id: str) -> str:
    """The Obsidian block id of an annotation (letters, digits and dashes only)."""
    return _BLOCK_ID.sub("-", annotation_id)


def _document(group: DocumentNotes, standalone: bool, ids: set[str]) -> list[str]:
    doc = group.document
    lines = [f"# {escape_inline(doc.title)}", ""]
    if not standalone:
        about = " · ".join(escape_inline(x) for x in (doc.author, doc.source) if x)
        lines += [about, ""] if about else []
        lines += [f"[{OPEN}]({locators.Locator(doc.id).uri})", ""]
    current = None
    for item in group.items:
        heading = _section_heading(item)
        if heading != current:
            lines += [f"## {heading}", ""]
            current = heading
        lines += _annotation(group, item, ids)
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
    return escape_inline(location.section)


def _annotation(group: DocumentNotes, item: AnchoredAnnotation, ids: set[str]) -> list[str]:
    a = item.annotation
    callout = f"[!{CALLOUTS.get(a.colour, 'note')}|{a.colour}]"
    title = escape_inline(str(item.citation)) if a.target is not None else WHOLE_DOCUMENT
    lines = [f"> {callout} {title}"]
    if a.target is not None:
        for line in group.attached_text(item).split("\n"):
            lines.append("> " + protect_block_start(escape_inline(line)) if line else ">")
    lines += ["", f"^{block_id(a.id)}", ""]
    if a.note.strip():
        lines += [obsidian_links(a.note.strip("\n"), ids), ""]
    meta = [f"[{OPEN}]({group.locator(item).uri})"]
    meta += [" ".join(f"#{t}" for t in a.tags)] if a.tags else []
    if item.state is not None and item.state.value == "fuzzy":
        meta.append("place to confirm")
    lines += [" · ".join(meta), ""]
    return lines


def obsidian_links(note: str, ids: set[str]) -> str:
    """A note with `[[id]]` links to exported annotations as Obsidian block links and
    `[[locator]]` links as `reader://` links; other links are left as written."""

    def swap(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        full = next((i for i in ids if i == inner or (len(inner) >= 8 and i.startswith(inner))), "")
        if full:
            alias = f"|{inner}" if inner != full else ""
            return f"[[#^{block_id(full)}{alias}]]"
        if "#" in inner and not inner.startswith("#"):
            try:
                return f"[{inner}]({locators.parse(inner).uri})"
            except UsageError:  # not a locator: left as written
                return match.group(0)
        return match.group(0)

    return LINK.sub(swap, note)
