"""Writing cleaned texts: front matter plus one Markdown block per line.

Cleaners build a list of `MdBlock`s whose `text` is already inline Markdown (plain
source text goes through `reader.core.inline.escape_inline`, emphasis and footnote
markers are added as syntax). `render_text` turns metadata and blocks into the exact
bytes of `texts/<id>.md`: `+++` TOML front matter, a blank line, blocks separated by one
blank line, NFC, a final newline. The output is deterministic, so re-importing the same
input gives a byte-identical file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import tomli_w

from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE
from reader.core.document_parser import RawBlock, split_blocks

# The descriptive metadata fields a text may carry (options, sidecars and cleaners set them).
META_FIELDS = (
    "title",
    "author",
    "date",
    "source",
    "rights",
    "language",
    "work",
    "chapter",
    "translator",
    "publisher",
    "identifier",
    "released",  # an e-text's release date (the book's own date is `date`)
    "credits",  # who produced the e-text ("Produced by ...")
    "transcriber_note",
)
# Front-matter keys in the order they are written; any others follow alphabetically.
META_ORDER = ("id", *META_FIELDS, "kind", "source_file", "source_sha256")


@dataclass(frozen=True, slots=True)
class MdBlock:
    """A block about to be written. `text` is inline Markdown (already escaped).

    For HEADING `level` is 1-6; for LIST_ITEM `label` is `-` or an ordered marker such
    as `3.`; for NOTE `label` is the note label; for TABLE and PRE `lines` are written
    verbatim inside a fence whose info string is `info` (TABLE gets `table` first).
    """

    kind: str
    text: str = ""
    level: int = 0
    label: str = ""
    info: str = ""
    lines: tuple[str, ...] = ()


_BLOCK_START = re.compile(
    r"^(#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]|$)|\||`{3,}|~{3,})"
)


def protect_block_start(markdown: str) -> str:
    """Escape a paragraph's first characters if they would read as block syntax."""
    m = _BLOCK_START.match(markdown)
    if not m:
        if markdown.startswith("[^") and "]:" in markdown:
            return "\\" + markdown
        return markdown
    token = m.group(1)
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1] + markdown[len(token) :]
    return "\\" + markdown


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_block(block: MdBlock) -> str:
    """The Markdown of one block (a single line except for fenced tables and pre)."""
    if block.kind == HEADING:
        level = min(max(block.level, 1), 6)
        text = _one_line(block.text)
        if re.search(r"(?:^|[ \t])#+$", text):
            text = text[:-1] + "\\#"  # a trailing run of # would read as a closing sequence
        return "#" * level + " " + text
    if block.kind == QUOTE:
        lines = [protect_block_start(_one_line(x)) for x in block.text.split("\n") if x.strip()]
        return "\n".join("> " + x for x in lines)
    if block.kind == LIST_ITEM:
        label = block.label or "-"
        return f"{label} {_one_line(block.text)}"
    if block.kind == NOTE:
        return f"[^{block.label}]: {_one_line(block.text)}"
    if (
        block.kind == TABLE
        and not block.info
        and all(x.lstrip().startswith("|") for x in block.lines)
    ):
        return "\n".join(line.rstrip() for line in block.lines)  # a pipe table
    if block.kind in (TABLE, PRE):
        info = block.info
        if block.kind == TABLE and not info.startswith("table"):
            info = ("table " + info).strip()
        body = [line.rstrip() for line in block.lines]
        fence = "```"
        while any(line.startswith(fence) for line in body):
            fence += "`"
        return "\n".join([fence + info, *body, fence])
    if block.kind == PARAGRAPH:
        return protect_block_start(_one_line(block.text))
    raise ValueError(f"unknown block kind {block.kind!r}")


def ordered_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata with the known keys first, in a fixed order, and no empty values."""
    out: dict[str, Any] = {}
    for key in META_ORDER:
        if meta.get(key) not in (None, ""):
            out[key] = meta[key]
    for key in sorted(meta):
        if key not in out and meta[key] not in (None, ""):
            out[key] = meta[key]
    return out


def render_text(meta: dict[str, Any], blocks: list[MdBlock]) -> str:
    """The complete cleaned file: front matter, blank line, blocks, final newline."""
    front = tomli_w.dumps(ordered_meta(meta)).rstrip("\n")
    rendered = [render_block(b) for b in blocks]
    body = "\n\n".join(r for r in rendered if r.strip())
    text = f"+++\n{front}\n+++\n\n{body}\n"
    return unicodedata.normalize("NFC", text)


def from_raw(raw: RawBlock) -> MdBlock:
    """The MdBlock that writes `raw` back as it was parsed."""
    if raw.kind in (TABLE, PRE):
        return MdBlock(raw.kind, info=raw.info, lines=tuple(raw.lines))
    joiner = "\n" if raw.kind == QUOTE else " "
    return MdBlock(raw.kind, joiner.join(raw.lines), level=raw.level, label=raw.label)


def raw_blocks(body: str, first_line: int = 1) -> list[MdBlock]:
    """The blocks of a cleaned body as MdBlocks (for re-importing a reader text)."""
    return [from_raw(raw) for raw in split_blocks(body, first_line)]
