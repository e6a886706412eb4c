"""Did you mean: a corrected query when a query finds nothing, or very little.

Each plain word of the query that the library does not hold (or holds in at most one
document while a close word is much more common) is replaced by the closest common word
of the library: fewest edits first (a swapped pair of letters is one edit), then the
most documents. The rest of the query (operators, filters, phrases' quotes) is kept as
typed, so the suggestion can be run as it stands.
"""

from __future__ import annotations

from typing import Any

from reader.core.search.analysis import fold
from reader.core.search.query_text import query_words
from reader.core.search.schema import CONTENT
from reader.core.search.vocabulary import Vocabulary

# A query with at most this many hits may get a suggestion.
FEW_HITS = 2
MIN_WORD = 3


def _documents(reader: Any, vocabulary: Vocabulary, word: str) -> int:
    stem = vocabulary.stem(word)
    return int(reader.doc_frequency(CONTENT, stem)) if stem else 0


def suggest(text: str, vocabulary: Vocabulary, reader: Any) -> str | None:
    """The query with its misspelled words corrected, or None when nothing looks wrong."""
    pieces: list[str] = []
    last = 0
    changed = False
    for start, end, word in query_words(text):
        folded = fold(word)
        if len(folded) < MIN_WORD or folded.isdigit():
            continue
        own = _documents(reader, vocabulary, folded) if folded in vocabulary else 0
        if own > 1:
            continue
        best: tuple[int, int, str] | None = None
        for candidate, distance in vocabulary.near(folded, 1 if len(folded) < 5 else 2, 30):
            if candidate == folded:
                continue
            docs = _documents(reader, vocabulary, candidate)
            if docs <= max(own * 3, 0) or docs == 0:
                continue
            key = (distance, -docs, candidate)
            if best is None or key < best:
                best = key
        if best is None:
            continue
        replacement = best[2]
        if word[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        pieces.append(text[last:start])
        pieces.append(replacement)
        last = end
        changed = True
    if not changed:
        return None
    pieces.append(text[last:])
    return "".join(pieces)
