"""The Document: a cleaned text as metadata, blocks and one plain-text projection.

A cleaned text (`texts/<id>.md`) is a TOML front-matter block fenced by `+++` lines and a
Markdown body with one block per line (see `reader.core.markdown` for the writer and the
README for the format). Parsing it (`reader.core.document_parser`) gives:

- `meta`: the front matter as a dict, with `title`, `author`, ... as properties;
- `blocks`: headings (with level), paragraphs, quotations, list items, tables,
  preformatted blocks and note definitions, each with its inline spans;
- `text`: the **projection**, the text as the reader shows it without Markdown syntax.

The projection is defined exactly, because every position in the system (search hits,
highlights, reading positions, citations) is a character offset into it:

- each block contributes its inline projection (see `reader.core.inline`): emphasis
  delimiters and escapes vanish, a footnote marker `[^16]` shows as `[16]`, a link shows
  its label;
- a heading contributes its text (no `#`); a quotation its text (no `>`); a list item its
  marker and text (`• text` for bullets, `3. text` for ordered items); a note definition
  `[label] text`; a table its rows with cells padded and joined by two spaces; a
  preformatted block its lines verbatim;
- lines inside one block are joined by a space for paragraphs, headings, list items and
  notes (soft wraps) and by a newline for quotations, tables and preformatted blocks;
- blocks are joined by exactly one blank line (`"\\n\\n"`), with nothing before the first
  block or after the last.

Offsets are Python string indices (code points) into the NFC-normalised projection.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reader.core.inline import Span

BLOCK_SEPARATOR = "\n\n"

HEADING = "heading"
PARAGRAPH = "paragraph"
QUOTE = "quote"
LIST_ITEM = "list_item"
TABLE = "table"
PRE = "pre"
NOTE = "note"
BLOCK_KINDS = (HEADING, PARAGRAPH, QUOTE, LIST_ITEM, TABLE, PRE, NOTE)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document, placed in the projection at [start, end).

    `level` is the heading level (1-6); `label` the note label of a note definition or
    the list marker (`-` or `3.`) of a list item; `info` the info string of a fenced
    block (a fenced block whose info string starts with `table` is a table).
    `section` is the index in `Document.headings` of the heading this block falls
    under (-1 before the first heading) and `paragraph` its 1-based number within that
    section (headings themselves are paragraph 0). `line` is the 1-based line in the file.
    """

    kind: str
    text: str
    start: int
    end: int
    spans: tuple[Span, ...] = ()
    level: int = 0
    label: str = ""
    info: str = ""
    line: int = 0
    section: int = -1
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker in the projection at [start, end), pointing at note `label`."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Location:
    """A citable place in a document: section and paragraph, for people to read.

    `section_number` is the app's own count of headings (for locators and jumps, never
    shown in a citation); a citation shows only what the source shows: the heading as
    the source words it (with the source's own numbering, `4.2. The workers'
    inspection`, or none), under its `chapter` (the top-level heading above a
    sub-section, when there is one), and the paragraph within that section.
    """

    section_number: int
    section_title: str
    paragraph: int
    note_label: str = ""
    chapter: str = ""

    @property
    def section(self) -> str:
        """The section as the source names it: `Chapter 3 › 4.2. The army` ("" if none)."""
        if self.section_number <= 0:
            return ""
        if self.chapter and self.chapter != self.section_title:
            return f"{self.chapter} › {self.section_title}"
        return self.section_title

    def __str__(self) -> str:
        if self.note_label:
            return f"note {self.note_label}"
        parts = []
        if self.section:
            parts.append(self.section)
        if self.paragraph > 0:
            parts.append(f"¶{self.paragraph}")
        return ", ".join(parts) if parts else "start"


@dataclass
class Document:
    """A parsed cleaned text. Build one with `parse_document` or `load_document` (of
    `reader.core.document_parser`)."""

    id: str
    meta: dict[str, Any]
    blocks: list[Block]
    text: str
    path: Path | None = None
    markers: list[Marker] = field(default_factory=list)

    # --- metadata -----------------------------------------------------------------
    def _meta_str(self, key: str) -> str:
        value = self.meta.get(key, "")
        return str(value) if value is not None else ""

    @property
    def title(self) -> str:
        """The title, or the id when the text has none."""
        return self._meta_str("title") or self.id

    @property
    def author(self) -> str:
        return self._meta_str("author")

    @property
    def date(self) -> str:
        return self._meta_str("date")

    @property
    def source(self) -> str:
        return self._meta_str("source")

    @property
    def rights(self) -> str:
        return self._meta_str("rights")

    @property
    def language(self) -> str:
        return self._meta_str("language")

    @cached_property
    def text_hash(self) -> str:
        """A short hash of the projection: which version of the text an offset refers to."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    # --- structure ----------------------------------------------------------------
    @cached_property
    def headings(self) -> list[Block]:
        """The heading blocks in order (the table of contents)."""
        return [b for b in self.blocks if b.kind == HEADING]

    @cached_property
    def notes(self) -> dict[str, Block]:
        """Note definitions by label."""
        return {b.label: b for b in self.blocks if b.kind == NOTE}

    @cached_property
    def _starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_index_at(self, offset: int) -> int:
        """The index of the block that holds `offset` (or the nearest one before it)."""
        if not self.blocks:
            raise IndexError("document has no blocks")
        return max(0, bisect_right(self._starts, offset) - 1)

    def block_at(self, offset: int) -> Block:
        """The block that holds `offset` (or the nearest one before it)."""
        return self.blocks[self.block_index_at(offset)]

    def section_at(self, offset: int) -> Block | None:
        """The heading `offset` falls under, if any."""
        if not self.blocks:
            return None
        block = self.block_at(offset)
        if block.kind == HEADING:
            return block
        return self.headings[block.section] if block.section >= 0 else None

    def location(self, offset: int) -> Location:
        """The citable location of `offset`: section number and title, paragraph."""
        if not self.blocks:
            return Location(0, "", 0)
        block = self.block_at(offset)
        if block.kind == NOTE:
            return Location(0, "", 0, note_label=block.label)
        if block.kind == HEADING:
            heading: Block | None = block
            number = self.headings.index(block) + 1
        else:
            heading = self.headings[block.section] if block.section >= 0 else None
            number = block.section + 1 if heading is not None else 0
        chapter = self._chapter_of(number - 1) if heading is not None else ""
        return Location(number, heading.text if heading else "", block.paragraph, "", chapter)

    def _chapter_of(self, index: int) -> str:
        """The top-level heading above heading `index` ("" when it is top-level itself)."""
        headings = self.headings
        top = min(h.level for h in headings)
        if headings[index].level == top:
            return ""
        for heading in reversed(headings[:index]):
            if heading.level == top:
                return heading.text
        return ""

    def link_at(self, offset: int) -> str:
        """The URL of the link shown at `offset` ("" when there is none)."""
        if not self.blocks or not 0 <= offset < len(self.text):
            return ""
        block = self.block_at(offset)
        for span in block.spans:
            if span.kind == "link" and block.start + span.start <= offset < block.start + span.end:
                return span.data
        return ""

    def marker_definition(self, marker: Marker) -> Block | None:
        """The note a marker points at, if the document defines it."""
        return self.notes.get(marker.label)

    def iter_paragraph_texts(self) -> Iterator[tuple[Block, str]]:
        """Every block with its projection text (for indexers and scanners)."""
        for block in self.blocks:
            yield block, block.text
