"""The per-document files of an open index, opened at once and kept open.

The index is written with one file per part of a segment (not one compound file: Whoosh
copies a compound file's parts into memory on every open, which costs more than the
search itself on a large library). Whoosh opens those files lazily, though, and a
rebuild or a merge by another process may delete them before they are first read,
while a file once open stays readable. `pin_segments` therefore opens, for every
segment of a freshly opened reader, everything a search reads per document: stored
fields, field lengths, the projection and the sentence-end table; it keeps the column
readers (Whoosh would look for the files again on every request).

Whoosh checks nothing of what it reads from a column: a file scrambled in place (same
size and time) would give wrong snippets silently. So each text's projection and
sentence table are checked, when read, against the CRC-32 recorded with its stored
fields at indexing (`content_check`); a mismatch raises `DamagedColumn`, and the index
is rebuilt (see `library_index`).
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_right
from collections import OrderedDict
from typing import Any

from reader.core.search.schema import SCORED_FIELDS, SENTENCES_COLUMN, TEXT_COLUMN
from reader.core.search.snippets import unpack_sentence_ends

RECENT_TEXTS = 64


class DamagedColumn(Exception):
    """A column of the index does not hold what was written (checksum mismatch)."""


def content_check(text: bytes, ends: bytes) -> int:
    """The checksum of a text's projection (UTF-8) and sentence table, as stored."""
    return zlib.crc32(ends, zlib.crc32(text))


class DocumentColumns:
    """The projection and sentence-end table of any document of one open reader."""

    def __init__(self, parts: list[tuple[int, Any, Any]]) -> None:
        # (first document number, projection column, sentence-end column) per segment
        self._parts = parts
        self._starts = [start for start, _, _ in parts]
        # The last texts read, checked (the best documents come back query after query).
        self._recent: OrderedDict[int, tuple[str, array[int]]] = OrderedDict()

    def _part(self, docnum: int) -> tuple[int, Any, Any]:
        return self._parts[bisect_right(self._starts, docnum) - 1]

    def text(self, docnum: int) -> str:
        """The projection of document `docnum`."""
        start, texts, _ = self._part(docnum)
        return bytes(texts[docnum - start]).decode("utf-8")

    def sentence_ends(self, docnum: int) -> array[int]:
        """Where the sentences of document `docnum` end (see `snippets.sentence_ends`)."""
        start, _, ends = self._part(docnum)
        return unpack_sentence_ends(bytes(ends[docnum - start]))

    def checked(self, docnum: int, check: object) -> tuple[str, array[int]]:
        """The projection and sentence table of document `docnum`, verified against
        `check` (its stored `content_check`); raises DamagedColumn on a mismatch."""
        recent = self._recent.get(docnum)
        if recent is not None:
            self._recent.move_to_end(docnum)
            return recent
        start, texts, ends = self._part(docnum)
        text, table = bytes(texts[docnum - start]), bytes(ends[docnum - start])
        if content_check(text, table) != check:
            raise DamagedColumn(f"document {docnum}: its projection fails its checksum")
        try:
            read = text.decode("utf-8"), unpack_sentence_ends(table)
        except ValueError as exc:
            raise DamagedColumn(f"document {docnum}: {exc}") from exc
        self._recent[docnum] = read
        if len(self._recent) > RECENT_TEXTS:
            self._recent.popitem(last=False)
        return read


def pin_segments(reader: Any) -> DocumentColumns | None:
    """Open every per-document file of every segment of `reader` (see the module
    docstring); None when one is already gone (the index was replaced meanwhile, or
    it is damaged: the caller tells which). Unreadable files raise."""
    parts: list[tuple[int, Any, Any]] = []
    for leaf, start in reader.leaf_readers():
        if leaf.doc_count_all() == 0:
            continue
        if not (leaf.has_column(TEXT_COLUMN) and leaf.has_column(SENTENCES_COLUMN)):
            return None
        try:
            texts = leaf.column_reader(TEXT_COLUMN, translate=False)
            ends = leaf.column_reader(SENTENCES_COLUMN, translate=False)
            if not leaf.stored_fields(0):
                return None
            for name in SCORED_FIELDS:
                leaf.doc_field_length(0, name)
        except OSError:
            return None
        parts.append((start, texts, ends))
    return DocumentColumns(parts)
