"""Parsing a cleaned text (`texts/<id>.md`) into a `Document`.

The file is a TOML front-matter block fenced by `+++` lines (`split_front_matter`) and
a Markdown body with one block per line, grouped into raw blocks (`split_blocks`) and
then projected block by block, with inline markup parsed by `reader.core.inline`.
The projection made here is the one `reader.core.document` defines exactly; the
writer of these files is `reader.core.markdown`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core import tomlfile
from reader.core.document import (
    BLOCK_SEPARATOR,
    HEADING,
    LIST_ITEM,
    NOTE,
    PARAGRAPH,
    PRE,
    QUOTE,
    TABLE,
    Block,
    Document,
    Marker,
)
from reader.core.errors import FileFormatError
from reader.core.inline import Span, marker_text, parse_inline
from reader.core.tomlfile import read_utf8

FRONT_MATTER_FENCE = "+++"
BULLET = "•"

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
