"""How the index's segments are written and merged: the writer and the merge policies.

Every update writes a new Whoosh segment, and a search reads every segment (and passes
over the texts deleted from old ones). An update writes only its own segment (merging
costs more than writing one text), unless `MAX_SMALL_SEGMENTS` small ones have piled
up (`update_merge`); `IndexStore.merge`, which the app runs in the background after an
update and `reader index` runs at its end, folds every small segment (at most
`SMALL_SEGMENT` live texts) into one (`merge_small_segments`).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec

WRITER_MB = 256
# Segments holding this many live texts are always cheap to merge.
CHEAP_MERGE = 10
# A segment with at most this many live texts is small: `merge` folds them together.
SMALL_SEGMENT = 64
# An update merges small segments itself only when this many are there.
MAX_SMALL_SEGMENTS = 16


def small_segments(segments: list[Any]) -> int:
    """How many of `segments` are small (see `SMALL_SEGMENT`)."""
    return sum(1 for segment in segments if segment.doc_count() <= SMALL_SEGMENT)


def update_merge(writer: Any, segments: list[Any], written: int = 0) -> list[Any]:
    """The merge policy of an update: none, unless small segments have piled up."""
    if small_segments(segments) < MAX_SMALL_SEGMENTS:
        return [segment for segment in segments if segment.doc_count() > 0]
    return merge_small_segments(writer, segments, written)


def merge_small_segments(writer: Any, segments: list[Any], written: int = 0) -> list[Any]:
    """Whoosh merge policy (see the module docstring): the segments kept as they are.
    The smallest ones, holding together at most max(`written`, `CHEAP_MERGE`) live
    texts, are added to the segment `writer` is writing; empty ones are dropped."""
    from whoosh.reading import SegmentReader

    budget = max(written, CHEAP_MERGE)
    kept: list[Any] = []
    merged = 0
    for segment in sorted(segments, key=lambda segment: segment.doc_count()):
        live = segment.doc_count()
        if live == 0:
            continue
        if kept or merged + live > budget:
            kept.append(segment)
            continue
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
        merged += live
    return kept


def new_writer(ix: Any, small: bool = False) -> Any:
    """A Whoosh writer for the index: separate files, not one compound file per segment
    (see `segments`). A `small` segment (a few texts) is written without compressing
    its posting blocks: each word has a block of one or two postings there, and zlib
    took a good part of the time of a one-text update for no gain in size."""
    if small:
        return ix.writer(limitmb=WRITER_MB, compound=False, codec=W3Codec(compression=0))  # type: ignore[no-untyped-call]
    return ix.writer(limitmb=WRITER_MB, compound=False)
