"""Indexing the projection in one pass: the `content` field's format.

Whoosh indexes a text field by running its analyzer (a chain of generators making a
`Token` object per word: tokenizer, lowercase, accent folding, stemming); that was
most of the CPU time of a build. `ProjectionCharacters` gives Whoosh the same postings
(the same terms, counts, positions and character ranges as the `analysis` chain gives
Whoosh's `Characters` format, packed more compactly) from one regular-expression pass
over the text, with each distinct word's term worked out once per process
(`term_of`). `surface_of` gives a word's folded, unstemmed form (see `wordlist`).

A test checks, on the bundled texts, that they agree exactly with the analyzer chain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from whoosh.fields import TEXT
from whoosh.formats import Characters
from whoosh.lang.porter import stem

from reader.core.search.analysis import _FOLD, BLOCK_GAP, WORD
from reader.core.search.postings import decode_characters, decode_positions, encode_planes


@lru_cache(maxsize=1 << 18)
def surface_of(word: str) -> str:
    """A word as the word list holds it: lowercase, accents folded."""
    return word.lower().translate(_FOLD)


@lru_cache(maxsize=1 << 18)
def term_of(word: str) -> str:
    """The index term of a word of the text (what the analyzer chain makes of it)."""
    return str(stem(surface_of(word)))  # type: ignore[no-untyped-call]


def occurrences(text: str) -> dict[str, list[tuple[int, int, int]]]:
    """term -> (position, start, end) of each of its occurrences in `text`, with
    positions as `analysis.ProjectionTokenizer` counts them."""
    seen: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    pos = -1
    previous_end = 0
    find = text.find
    for match in WORD.finditer(text):
        start, end = match.span()
        pos += 1
        if start - previous_end >= 2 and find("\n\n", previous_end, start) >= 0:
            pos += BLOCK_GAP
        previous_end = end
        seen[term_of(match.group())].append((pos, start, end))
    return seen


class ProjectionCharacters(Characters):
    """Whoosh's `Characters` format, computed in one pass (see the module docstring),
    with values packed as integer planes (`postings.encode_planes`): a third smaller
    than pickled tuples once compressed, and decoded several times faster."""

    def encode(self, poslist: Any) -> bytes:
        return encode_planes(list(poslist))

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        return decode_characters(valuestring)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring)

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[Any]:
        if not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, found in occurrences(value).items():
            yield term, len(found), len(found) * boost, encode_planes(found)


class ProjectionText(TEXT):
    """The `content` field: a TEXT field with `ProjectionCharacters` postings."""

    def __init__(self, analyzer: Any, **kwargs: Any) -> None:
        super().__init__(analyzer=analyzer, chars=True, **kwargs)
        boost = getattr(self.format, "field_boost", 1.0)
        self.format = ProjectionCharacters(field_boost=boost)
