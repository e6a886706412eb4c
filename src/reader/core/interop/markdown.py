"""Our own Markdown export, read back (see `reader.core.export.markdown` for the format).

Each callout (`> [!type|colour] citation`) with its quote lines, block id (the
annotation id), note and closing line (`[open](reader://...)` and `#tags`) becomes a
record; the `reader://` link names the document, section and paragraph. Obsidian block
links in notes (`[[#^id]]`) become `[[id]]` again, and `[locator](reader://...)` links
`[[locator]]`.
"""

from __future__ import annotations

import re

from reader.core import locator as locators
from reader.core.errors import UsageError
from reader.core.export.markdown import OPEN, WHOLE_DOCUMENT
from reader.core.inline import parse_inline
from reader.core.interop.model import Foreign, around, clean_text, origin_id

_CALLOUT = re.compile(r"^> \[!([\w-]+)\|([\w-]+)\] ?(.*)$")
_BLOCK = re.compile(r"^\^([A-Za-z0-9-]+)$")
_CLOSE = re.compile(rf"^\[{OPEN}\]\((reader://[^)\s]*)\)(.*)$")
_BLOCK_LINK = re.compile(r"\[\[#\^([A-Za-z0-9-]+)(?:\|([^\]\n]+))?\]\]")
_PLACE_LINK = re.compile(r"\[([^\]\n]+)\]\(reader://[^)\s]*\)")


def looks_like(text: str) -> bool:
    """Whether `text` is our Markdown export."""
    head = text[:4000]
    return (
        head.startswith("---\n")
        and ("\nreader: " in head or "\ndocuments:" in head)
        and (bool(_CALLOUT.search(text[:200000]) or "\n> [!" in text))
    )


def read(text: str) -> list[Foreign]:
    """The annotations of the export."""
    out: list[Foreign] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = _CALLOUT.match(lines[i])
        if not match:
            i += 1
            continue
        colour, title = match.group(2), match.group(3)
        i += 1
        quote_lines: list[str] = []
        while i < len(lines) and lines[i].startswith(">"):
            quote_lines.append(lines[i][2:] if lines[i].startswith("> ") else "")
            i += 1
        block = ""
        note_lines: list[str] = []
        closing: re.Match[str] | None = None
        while i < len(lines):
            line = lines[i]
            if line.startswith(("# ", "## ")) or _CALLOUT.match(line):
                break
            i += 1
            found_block = _BLOCK.match(line)
            if found_block and not block and not "".join(note_lines).strip():
                block = found_block.group(1)
                continue
            closing = _CLOSE.match(line)
            if closing:
                break
            note_lines.append(line)
        quote = "\n".join(parse_inline(q).text for q in quote_lines)
        if title == WHOLE_DOCUMENT and not quote_lines:
            quote = ""
        note = _links_back("\n".join(note_lines).strip("\n"))
        doc_id, section, paragraph, tags = "", 0, 0, []
        prefix = suffix = ""
        if closing:
            try:
                loc = locators.parse(closing.group(1))
                doc_id, section, paragraph = loc.doc_id, loc.section, loc.paragraph
                prefix, suffix = around(quote, loc.quote)
            except UsageError:
                pass
            tags = re.findall(r"(?:^|\s)#([^\s#]+)", closing.group(2))
        out.append(
            Foreign(
                format="markdown",
                origin=f"md:{block}" if block else origin_id("md", doc_id, quote, note),
                quote=clean_text(quote),
                note=clean_text(note),
                tags=tuple(tags),
                colour=colour,
                doc_id=doc_id,
                annotation_id=block,
                prefix=prefix,
                suffix=suffix,
                section=section,
                paragraph=paragraph,
            )
        )
    return out


def _links_back(note: str) -> str:
    note = _BLOCK_LINK.sub(lambda m: f"[[{m.group(2) or m.group(1)}]]", note)
    return _PLACE_LINK.sub(lambda m: f"[[{m.group(1)}]]", note)
