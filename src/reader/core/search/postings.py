"""Raw postings: reading a word's postings a block at a time, decoding their values.

Whoosh's posting readers give one posting per call, and its value decoders loop over
every occurrence in Python. A phrase of common words, or the hits of a page of
results, reads thousands of postings; here a word's postings are taken a whole block
(128 documents) at a time, and a value (Whoosh's `Positions` or `Characters` format: a
packed count, then a pickled list of deltas) is
decoded with C-level iteration (`pickle.loads`, `itertools.accumulate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from operator import add, itemgetter, sub
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE

_COUNT_SIZE: int = _INT_SIZE
_POSITION = itemgetter(0)
_START_GAP = itemgetter(1)
_LENGTH = itemgetter(2)

Occurrence = tuple[int, int, int]  # position, start char, end char


def _codes(value: bytes) -> list[Any]:
    # A stored value may lack its final STOP opcode (Whoosh's decoders add it back when
    # missing); bytes after a STOP are ignored, so one is always added.
    return loads(value[_COUNT_SIZE:] + b".") or []


def positions_of(value: bytes) -> Iterator[int]:
    """The word positions of a posting value (`Positions` or `Characters` format), in
    order, as an iterator."""
    codes = _codes(value)
    if codes and isinstance(codes[0], tuple):
        return accumulate(map(_POSITION, codes))
    return accumulate(codes)


def decode_positions(value: bytes) -> list[int]:
    """The word positions of a posting value, as a list."""
    return list(positions_of(value))


def decode_characters(value: bytes) -> list[Occurrence]:
    """(position, start, end) of every occurrence in a `Characters` posting value.

    Each code is (position delta, gap from the previous end, length), so the ends are
    running sums of gap + length."""
    codes = _codes(value)
    ends = list(accumulate(map(add, map(_START_GAP, codes), map(_LENGTH, codes))))
    starts = map(sub, ends, map(_LENGTH, codes))
    return list(zip(accumulate(map(_POSITION, codes)), starts, ends, strict=False))


def disk_reader(matcher: Any) -> W3LeafMatcher | None:
    """The on-disk posting reader `matcher` is, or wraps only to hide the segment's
    deleted documents; None for any other matcher."""
    if isinstance(matcher, FilterMatcher) and matcher.boost == 1.0:
        matcher = matcher.child
    return matcher if isinstance(matcher, W3LeafMatcher) else None


def read_all(matcher: Any) -> tuple[list[int], list[float], list[bytes]]:
    """Document numbers, weights and raw values of every posting left in `matcher`
    (which is used up)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    leaf: Any = disk_reader(matcher)
    if leaf is None:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        return ids, weights, values
    # A block at a time, from Whoosh's own (lazily decoded) block arrays.
    while leaf.is_active():
        i = leaf._i
        if leaf._ids is None:
            leaf._read_ids()
        if leaf._weights is None:
            leaf._read_weights()
        if leaf._values is None:
            leaf._read_values()
        ids.extend(leaf._ids[i:])
        weights.extend(leaf._weights[i:])
        values.extend(leaf._values[i:])
        leaf._next_block()
    if leaf is not matcher:
        listed, exclude = matcher._ids, matcher._exclude
        keep = [n for n, docnum in enumerate(ids) if (docnum in listed) != exclude]
        if len(keep) != len(ids):
            ids = [ids[n] for n in keep]
            weights = [weights[n] for n in keep]
            values = [values[n] for n in keep]
    return ids, weights, values
