"""The Document: a cleaned text parsed into metadata, blocks and one plain-text projection.

A cleaned text (`texts/<id>.md`) is a TOML front-matter block fenced by `+++` lines and a
Markdown body with one block per line (see `reader.core.markdown` for the writer and the
README for the format). Parsing gives:

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
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reader.core import tomlfile
from reader.core.errors import FileFormatError
from reader.core.inline import Span, marker_text, parse_inline
from reader.core.tomlfile import read_utf8

BLOCK_SEPARATOR = "\n\n"
FRONT_MATTER_FENCE = "+++"
BULLET = "•"

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
    """A parsed cleaned text. Build one with `parse_document` or `load_document`."""

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


# --- parsing ----------------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_NOTE_RE = re.compile(r"^\[\^([^\]\s\[]+)\]:[ \t]?(.*)$")
_BULLET_RE = re.compile(r"^([-+*])[ \t]+(.*)$")
_ORDERED_RE = re.compile(r"^(\d{1,9}[.)])[ \t]+(.*)$")
_FENCE_RE = re.compile(r"^(`{3,}|~{3,})[ \t]*(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-{1,}:?[ \t]*(\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$")


def split_front_matter(source: str, path: Path | str = "<text>") -> tuple[dict[str, Any], str, int]:
    """Split `+++` TOML front matter from the body; returns (meta, body, body's first line)."""
    first_end = source.find("\n")
    first = source if first_end < 0 else source[:first_end]
    if first.strip() != FRONT_MATTER_FENCE:
        return {}, source, 1
    close = re.compile(r"^[ \t]*\+\+\+[ \t]*$", re.M).search(source, first_end + 1)
    if close is None:
        raise FileFormatError(path, "front matter opened with +++ but never closed", 1, 1)
    toml_src = source[first_end + 1 : max(first_end + 1, close.start() - 1)]
    try:
        meta = tomlfile.loads(toml_src, path)
    except FileFormatError as err:
        raise FileFormatError(
            path, f"front matter: {err.detail}", err.line + 1, err.column
        ) from err
    body_start = source.find("\n", close.end())
    body = "" if body_start < 0 else source[body_start + 1 :]
    return meta, body, source.count("\n", 0, close.end()) + 2


def _split_cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row) and row[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if row[i] == "|":
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(row[i])
        i += 1
    cells.append("".join(cur).strip())
    return cells


def _table_projection(lines: list[str]) -> str:
    rows = [
        [parse_inline(c).text for c in _split_cells(line)]
        for line in lines
        if not _TABLE_SEPARATOR.match(line)
    ]
    width = max(len(r) for r in rows)
    for r in rows:
        r.extend([""] * (width - len(r)))
    widths = [max(len(r[c]) for r in rows) for c in range(width)]
    return "\n".join(
        "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(r)).rstrip() for r in rows
    )


@dataclass
class RawBlock:
    """A block's kind and source lines (markup prefix removed), before inline parsing."""

    kind: str
    lines: list[str]
    line: int
    level: int = 0
    label: str = ""
    info: str = ""


def split_blocks(body: str, first_line: int) -> list[RawBlock]:
    """Group the body's lines into raw blocks (before inline parsing)."""
    out: list[RawBlock] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        lineno = first_line + i
        if not line.strip():
            i += 1
            continue
        fence = _FENCE_RE.match(line)
        if fence:
            closer = fence.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].startswith(closer):
                j += 1
            info = fence.group(2).strip()
            kind = TABLE if info.split(" ", 1)[0] == "table" else PRE
            out.append(RawBlock(kind, lines[i + 1 : j], lineno, info=info))
            i = j + 1
            continue
        if line.lstrip().startswith("|"):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            out.append(RawBlock(TABLE, lines[i:j], lineno))
            i = j
            continue
        heading = _HEADING_RE.match(line)
        if heading:
            out.append(RawBlock(HEADING, [heading.group(2)], lineno, level=len(heading.group(1))))
            i += 1
            continue
        if line.startswith(">"):
            quoted: list[str] = []
            while i < len(lines) and lines[i].startswith(">"):
                quoted.append(lines[i][1:].removeprefix(" "))
                i += 1
            out.append(RawBlock(QUOTE, quoted, lineno))
            continue
        note = _NOTE_RE.match(line)
        bullet = _BULLET_RE.match(line)
        ordered = _ORDERED_RE.match(line)
        if note:
            block = RawBlock(NOTE, [note.group(2)], lineno, label=note.group(1))
        elif bullet:
            block = RawBlock(LIST_ITEM, [bullet.group(2)], lineno, label="-")
        elif ordered:
            block = RawBlock(LIST_ITEM, [ordered.group(2)], lineno, label=ordered.group(1))
        else:
            block = RawBlock(PARAGRAPH, [line.strip()], lineno)
        i += 1
        # Continuation lines (a hand-wrapped paragraph) belong to the same block.
        while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
            block.lines.append(lines[i].strip())
            i += 1
        out.append(block)
    return out


def _starts_block(line: str) -> bool:
    return bool(
        _FENCE_RE.match(line)
        or line.lstrip().startswith("|")
        or _HEADING_RE.match(line)
        or line.startswith(">")
        or _NOTE_RE.match(line)
        or _BULLET_RE.match(line)
        or _ORDERED_RE.match(line)
    )


def parse_document(source: str, doc_id: str, path: Path | None = None) -> Document:
    """Parse the text of a cleaned file into a Document."""
    source = unicodedata.normalize("NFC", source.replace("\r\n", "\n"))
    meta, body, first_line = split_front_matter(source, path or f"<{doc_id}>")
    blocks: list[Block] = []
    markers: list[Marker] = []
    parts: list[str] = []
    offset = 0
    section = -1
    paragraph = 0
    for raw in split_blocks(body, first_line):
        if raw.kind in (TABLE, PRE):
            text = _table_projection(raw.lines) if raw.kind == TABLE and not raw.info else ""
            if not text:
                text = "\n".join(raw.lines)
            spans: tuple[Span, ...] = ()
        else:
            joiner = "\n" if raw.kind == QUOTE else " "
            inline = parse_inline(joiner.join(raw.lines))
            prefix = ""
            if raw.kind == LIST_ITEM:
                prefix = (BULLET if raw.label == "-" else raw.label) + " "
            elif raw.kind == NOTE:
                prefix = marker_text(raw.label) + " "
            text = prefix + inline.text
            spans = tuple(
                Span(s.start + len(prefix), s.end + len(prefix), s.kind, s.data)
                for s in inline.spans
            )
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        if raw.kind == HEADING:
            section += 1
            paragraph = 0
            number = 0
        else:
            paragraph += 1
            number = paragraph
        block = Block(
            kind=raw.kind,
            text=text,
            start=offset,
            end=offset + len(text),
            spans=spans,
            level=raw.level,
            label=raw.label,
            info=raw.info,
            line=raw.line,
            section=section,
            paragraph=number,
        )
        blocks.append(block)
        markers.extend(
            Marker(offset + s.start, offset + s.end, s.data) for s in spans if s.kind == "marker"
        )
        parts.append(text)
        offset += len(text)
    return Document(
        id=doc_id, meta=meta, blocks=blocks, text="".join(parts), path=path, markers=markers
    )


def load_document(path: Path) -> Document:
    """Read and parse `texts/<id>.md`; the id is the file stem."""
    return parse_document(read_utf8(path), path.stem, path)
