"""The library's surface words (folded, unstemmed), for prefix, fuzzy and did-you-mean.

The words come from the index's word list (see `wordlist`). Prefix and wildcard patterns
and fuzzy terms are matched against these words (not against stems, which are not
words: "party*" must find "party" although its stem is "parti"), then turned into the
stems the index holds. Fuzzy distance is the optimal-string-alignment distance, so a
swapped pair of letters (trotksy) counts as one edit.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    """A sorted list of the library's surface words, with a stemmer for them."""

    def __init__(self, words: list[str], stem: Callable[[str], str]) -> None:
        self.words = words
        self._set = frozenset(words)
        self._stem = lru_cache(maxsize=100_000)(stem)

    def __contains__(self, word: object) -> bool:
        return word in self._set

    def __len__(self) -> int:
        return len(self.words)

    def stem(self, word: str) -> str:
        """The index term of a surface word."""
        return self._stem(word)

    def with_prefix(self, prefix: str) -> list[str]:
        """Every word that starts with `prefix`."""
        words = self.words
        i = bisect_left(words, prefix)
        out: list[str] = []
        while i < len(words) and words[i].startswith(prefix):
            out.append(words[i])
            i += 1
        return out

    def matching(self, pattern: str) -> list[str]:
        """Every word matching a wildcard pattern (`*` any run, `?` one character)."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        regex = re.compile(fnmatch.translate(pattern))
        candidates = self.with_prefix(literal) if literal else self.words
        return [w for w in candidates if regex.match(w)]

    def near(self, word: str, max_distance: int, limit: int | None = None) -> list[tuple[str, int]]:
        """Words within `max_distance` edits of `word` (closest first)."""
        found = process.extract(
            word, self.words, scorer=OSA.distance, score_cutoff=max_distance, limit=limit
        )
        return sorted(((w, int(d)) for w, d, _ in found), key=lambda x: (x[1], x[0]))
