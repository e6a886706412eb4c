"""Ranking: Whoosh's BM25F, with each document's field length remembered.

BM25F needs the length of the field in every document it scores. Whoosh reads it from
the segment's length column, one small file read per document (the index is kept as
separate files, see `segments`), and a common word is scored in every document of the
library. The lengths are kept here, per open segment, after the first read.
"""

from __future__ import annotations

import weakref
from typing import Any

from whoosh.scoring import BM25F


class _Lengths(dict[int, int]):
    """Field lengths of one field of one segment, read on first use."""

    def __init__(self, reader: Any, fieldname: str) -> None:
        super().__init__()
        self._reader = reader
        self._fieldname = fieldname

    def __missing__(self, docnum: int) -> int:
        length = int(self._reader.doc_field_length(docnum, self._fieldname, 1) or 1)
        self[docnum] = length
        return length


# segment reader -> field name -> lengths (forgotten with the reader)
_LENGTHS: weakref.WeakKeyDictionary[Any, dict[str, _Lengths]] = weakref.WeakKeyDictionary()


def field_lengths(reader: Any, fieldname: str) -> _Lengths:
    """The remembered lengths of `fieldname` in segment `reader`."""
    fields = _LENGTHS.setdefault(reader, {})
    if fieldname not in fields:
        fields[fieldname] = _Lengths(reader, fieldname)
    return fields[fieldname]


class RememberedLengthsBM25F(BM25F):
    """BM25F (Whoosh's defaults) that looks field lengths up in `field_lengths`."""

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf)
        if hasattr(scorer, "dfl"):
            scorer.dfl = field_lengths(searcher.reader(), fieldname).__getitem__
        return scorer
