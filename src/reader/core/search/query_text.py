"""The query as typed: lenient repairs, glossary phrases, and the words typed.

Lenient repairs (`repair`): an unclosed quote is closed at the end; a filter with no
value (`title:`), an unknown filter or an empty query is a `UsageError`. A run of
unquoted words that is a multi-word glossary variant (`Workers' and Peasants'
Inspection`) is put in quotes (`glossary_phrases`), so it is read as that phrase and
finds the other variants too. `literal_keys` and `query_words` give the words the
reader typed (for hit labels and did-you-mean). Parsing and expanding the repaired
text is `query`'s part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from itertools import pairwise
from typing import Any

from reader.core.errors import UsageError
from reader.core.search.analysis import WORD, fold, surface_words

FILTER_FIELDS = ("title", "author", "date", "id")
_EMPTY_FILTER = re.compile(r"(?<![\w:])(title|author|date|id):(?=\s|$|\))")
# `name:` directly followed by a value: a filter (any other name is refused, so that no
# internal field of the index can be named; "lenin: the state" and URLs are words).
_ANY_FILTER = re.compile(r"(?<![\w:.\-])([^\W\d]\w*):(?=[\w\"'(\[{<>*?])")
_FILTER_LIST = "title:, author:, date: and id:"
_EXAMPLES = {"date": "date:1923", "id": "id:testament"}
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# Quoted phrases (with an optional ~slop), left as they are by `glossary_phrases`.
_QUOTED = re.compile(r'"[^"]*"(?:~\d+)?')
# What may separate the words of a run read as a glossary phrase: spaces and the
# punctuation words are split on, never query syntax.
_RUN_GAP = re.compile(r"[\s'’‘\-.,]+")


def repair(text: str) -> str:
    """The query text with lenient repairs applied, or a UsageError."""
    text = " ".join(text.split())
    if not text:
        raise UsageError("empty query: type the words to search for")
    empty = _EMPTY_FILTER.search(text)
    if empty:
        name = empty.group(1)
        example = _EXAMPLES.get(name, f"{name}:trotsky")
        raise UsageError(f"'{name}:' needs a value, for example {example}")
    if text.count('"') % 2:
        text += '"'
    for piece in _QUOTED.split(text):
        unknown = next((m for m in _ANY_FILTER.finditer(piece) if m[1] not in FILTER_FIELDS), None)
        if unknown:
            raise UsageError(
                f"no field '{unknown[1]}:' to search in: a query can filter on {_FILTER_LIST}"
                " (for example title:testament)"
            )
    return text


def glossary_phrases(
    text: str, index: dict[Hashable, Any], stems: Callable[[str], tuple[str, ...]]
) -> str:
    """`text` with every unquoted run of words whose stems are those of a multi-word
    glossary variant (`index`, keyed by stems) put in double quotes: read as that
    phrase. The longest run wins; operators, filters and patterns end a run."""
    longest = max((len(key) for key in index if isinstance(key, tuple)), default=0)
    if longest < 2:
        return text
    out: list[str] = []
    last = 0
    for quoted in [*_QUOTED.finditer(text), None]:
        end = quoted.start() if quoted else len(text)
        out.append(_quote_runs(text[last:end], index, stems, longest))
        if quoted:
            out.append(quoted.group(0))
            last = quoted.end()
    return "".join(out)


def _quote_runs(
    piece: str,
    index: dict[Hashable, Any],
    stems: Callable[[str], tuple[str, ...]],
    longest: int,
) -> str:
    words = [
        m
        for m in WORD.finditer(piece)
        if m.group(0) not in OPERATORS
        and piece[m.end() : m.end() + 1] not in (":", "*", "?", "~")
        and piece[max(0, m.start() - 1) : m.start()] not in (":", "*", "?")
    ]
    word_stems = [stems(m.group(0)) for m in words]
    out: list[str] = []
    last = 0
    i = 0
    while i < len(words):
        found = 0
        for n in range(min(longest, len(words) - i), 1, -1):
            run = words[i : i + n]
            if not all(_RUN_GAP.fullmatch(piece[a.end() : b.start()]) for a, b in pairwise(run)):
                continue
            key = tuple(stem for word in word_stems[i : i + n] for stem in word)
            if key in index:
                found = n
                break
        if not found:
            i += 1
            continue
        start, end = words[i].start(), words[i + found - 1].end()
        out.append(piece[last:start])
        out.append('"' + piece[start:end] + '"')
        last = end
        i += found
    out.append(piece[last:])
    return "".join(out)


def literal_keys(text: str) -> set[str]:
    """The folded surface forms of the words and quoted phrases the user typed."""
    keys = {fold(m.group(0)) for m in WORD.finditer(text) if m.group(0) not in OPERATORS}
    for phrase in re.findall(r'"([^"]*)"', text):
        keys.add(" ".join(surface_words(phrase)))
    return keys


def query_words(text: str) -> list[tuple[int, int, str]]:
    """The plain words of a query with their [start, end) in the text (for did-you-mean):
    no operators, no filter names or values, no prefix/wildcard words."""
    out: list[tuple[int, int, str]] = []
    for m in WORD.finditer(text):
        word = m.group(0)
        if word in OPERATORS:
            continue
        before = text[: m.start()]
        after = text[m.end() : m.end() + 1]
        if after in (":", "*", "?") or re.search(r"\b(?:title|author|date|id):\S*$", before):
            continue
        out.append((m.start(), m.end(), word))
    return out
