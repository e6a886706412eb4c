"""Raw postings: reading a word's postings a block at a time, decoding their values.

Whoosh's posting readers give one posting per call, and its value decoders loop over
every occurrence in Python. A phrase of common words, or the hits of a page of
results, reads thousands of postings; here a word's postings are taken a whole block
(128 documents) at a time, and a value is decoded with C-level iteration. A value of
`content` (`indexing.ProjectionCharacters`) is a packed count, a type code and three
planes of unsigned integers: position deltas, gaps from the previous end, lengths
(`array.frombytes`, `itertools.accumulate`); a value of another positional field
(Whoosh's `Positions`) is a packed count and a pickled list of deltas (`pickle.loads`).

The postings of frequent words (read in full by phrases, words that must all occur and
alternatives) are kept between queries (`_CACHE`, least recently used first out, up
to `CACHE_BYTES`): the same common words come back in query after query, and reading
and inflating their blocks was most of the time of such a query. An entry belongs to
one open posting file (a weak reference) and the position of the word's postings in
it, so a reopened or rebuilt index never sees another's entries.
"""

from __future__ import annotations

import sys
import weakref
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from itertools import accumulate
from operator import add, itemgetter, sub
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE, pack_uint

_COUNT_SIZE: int = _INT_SIZE
_PICKLE = 0x80  # the first byte of a pickle (protocol 2)
_BIG_ENDIAN = sys.byteorder == "big"  # values are stored little-endian
_POSITION = itemgetter(0)
_START_GAP = itemgetter(1)
_LENGTH = itemgetter(2)

Occurrence = tuple[int, int, int]  # position, start char, end char
Postings = tuple[list[int], list[float], list[bytes]]

# Words with fewer postings in a segment are read again (cheap); more are kept.
CACHE_MIN_POSTINGS = 32
CACHE_BYTES = 48 << 20
# (posting file, offset of the word's postings) -> (offset of the first block's data,
# the postings, their size in bytes)
# or (segment reader, field, word) -> (0, the postings, their size), see `word_postings`
_CACHE: OrderedDict[tuple[Any, ...], tuple[int, Postings, int]] = OrderedDict()
_cached_bytes = 0


def planes(value: bytes) -> tuple[array[int], int]:
    """The integers of a `content` value (see the module docstring) and their count
    per plane."""
    numbers = array(chr(value[_COUNT_SIZE]))
    numbers.frombytes(value[_COUNT_SIZE + 1 :])
    if _BIG_ENDIAN:
        numbers.byteswap()
    return numbers, len(numbers) // 3


def encode_planes(found: list[tuple[int, int, int]]) -> bytes:
    """The `content` value of (position, start, end) occurrences (see `planes`)."""
    deltas: list[int] = []
    gaps: list[int] = []
    lengths: list[int] = []
    posbase = charbase = 0
    for pos, start, end in found:
        deltas.append(pos - posbase)
        gaps.append(start - charbase)
        lengths.append(end - start)
        posbase, charbase = pos, end
    numbers = deltas + gaps + lengths
    code = "H" if max(numbers) < 1 << 16 else "I"
    packed = array(code, numbers)
    if _BIG_ENDIAN:
        packed.byteswap()
    return pack_uint(len(found)) + code.encode("ascii") + packed.tobytes()


def _codes(value: bytes) -> list[Any]:
    # A stored value may lack its final STOP opcode (Whoosh's decoders add it back when
    # missing); bytes after a STOP are ignored, so one is always added.
    return loads(value[_COUNT_SIZE:] + b".") or []


def positions_of(value: bytes) -> Iterator[int]:
    """The word positions of a posting value (of `content`, or Whoosh's `Positions`
    format), in order, as an iterator."""
    if value[_COUNT_SIZE] != _PICKLE:
        numbers, n = planes(value)
        return accumulate(numbers[:n])
    codes = _codes(value)
    if codes and isinstance(codes[0], tuple):
        return accumulate(map(_POSITION, codes))
    return accumulate(codes)


def decode_positions(value: bytes) -> list[int]:
    """The word positions of a posting value, as a list."""
    return list(positions_of(value))


def decode_characters(value: bytes) -> list[Occurrence]:
    """(position, start, end) of every occurrence in a `content` posting value.

    Each occurrence is (position delta, gap from the previous end, length), so the ends
    are running sums of gap + length."""
    if value[_COUNT_SIZE] != _PICKLE:
        numbers, n = planes(value)
        lengths = numbers[2 * n :]
        ends = list(accumulate(map(add, numbers[n : 2 * n], lengths)))
        return list(zip(accumulate(numbers[:n]), map(sub, ends, lengths), ends, strict=True))
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


def read_all(matcher: Any) -> Postings:
    """Document numbers, weights and raw values of every posting left in `matcher`
    (which is used up)."""
    leaf: Any = disk_reader(matcher)
    if leaf is None:
        ids: list[int] = []
        weights: list[float] = []
        values: list[bytes] = []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        return ids, weights, values
    ids, weights, values = _read_leaf(leaf)
    if leaf is not matcher:
        listed, exclude = matcher._ids, matcher._exclude
        keep = [n for n, docnum in enumerate(ids) if (docnum in listed) != exclude]
        if len(keep) != len(ids):
            ids = [ids[n] for n in keep]
            weights = [weights[n] for n in keep]
            values = [values[n] for n in keep]
    return ids, weights, values


def _read_leaf(leaf: Any) -> Postings:
    """`read_all` of an on-disk posting reader, from `_CACHE` when it is there."""
    at_start = leaf.is_active() and leaf._i == 0
    key = (weakref.ref(leaf._postfile), leaf._baseoffset)
    if at_start:
        entry = _CACHE.get(key)
        if entry is not None and entry[0] == leaf._dataoffset:
            _CACHE.move_to_end(key)
            leaf._atend = True  # used up, as if read
            return entry[1]
        first_data = leaf._dataoffset
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
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
    if at_start:
        _remember(key, first_data, (ids, weights, values))
    return ids, weights, values


def _remember(key: tuple[Any, ...], marker: int, postings: Postings) -> None:
    """Keep `postings` under `key` in `_CACHE` if they are many enough."""
    global _cached_bytes
    ids, _, values = postings
    if len(ids) < CACHE_MIN_POSTINGS:
        return
    size = sum(map(len, values)) + 24 * len(ids)
    old = _CACHE.pop(key, None)
    _cached_bytes += size - (old[2] if old else 0)
    _CACHE[key] = (marker, postings, size)
    while _cached_bytes > CACHE_BYTES and _CACHE:
        _, (_, _, dropped) = _CACHE.popitem(last=False)
        _cached_bytes -= dropped


def word_postings(reader: Any, fieldname: str, word: bytes) -> Postings | None:
    """Every posting of `word` in segment `reader` (its deleted texts left out), or
    None when the segment does not hold the word; a frequent word's are kept in
    `_CACHE` for the segment (skipping even the look-up of the word)."""
    key = (weakref.ref(reader), fieldname, word)
    entry = _CACHE.get(key)
    if entry is not None:
        _CACHE.move_to_end(key)
        return entry[1]
    if (fieldname, word) not in reader:
        return None
    postings = read_all(reader.postings(fieldname, word))
    _remember(key, 0, postings)
    return postings
