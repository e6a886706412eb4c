"""How text becomes search terms: one analyzer for the index and for queries.

The projection of a document (`Document.text`) is analysed as follows:

- words are runs of letters and digits (`\\w+`, with inner dots kept, so "U.S.S.R"
  stays one word); punctuation and apostrophes separate words and are never glued to
  them ("Workers’" is "workers", "People's" is "people" + "s");
- footnote markers (`[16]` in the projection) are blanked out before analysis (same
  length, so offsets do not move): a phrase that crosses a marker still matches;
- a blank line between blocks advances the word position by `BLOCK_GAP`, so a phrase or
  a near query never spans two paragraphs;
- lowercase, then accent folding (Dzierżyński → dzierzynski), then English (Porter)
  stemming (inspections → inspect).

Every token keeps its character range in the projection, so a hit maps to
`Document.text[start:end]` exactly. The unstemmed, folded forms ("surface words") feed
prefix and fuzzy matching and the did-you-mean suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, cast

from whoosh.analysis.acore import Token
from whoosh.analysis.filters import CharsetFilter, LowercaseFilter
from whoosh.analysis.morph import StemFilter
from whoosh.analysis.tokenizers import Tokenizer
from whoosh.support.charset import accent_map

# str.translate table: code point -> replacement.
_FOLD = cast("dict[int, str]", accent_map)  # its keys are code points at run time

WORD = re.compile(r"\w+(?:\.\w+)*")
BLOCK_GAP = 100


class ProjectionTokenizer(Tokenizer):
    """Words of a projection, with positions and character ranges.

    Positions jump by `BLOCK_GAP` across a blank line (a block boundary).
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value  # type: ignore[attr-defined]
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        pos = start_pos - 1
        previous_end = 0
        for match in WORD.finditer(value):
            start = match.start()
            pos += 1
            if positions and "\n\n" in value[previous_end:start]:
                pos += BLOCK_GAP
            previous_end = match.end()
            token.text = match.group(0)
            token.boost = 1.0
            if keeporiginal:
                token.original = token.text  # type: ignore[attr-defined]
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + previous_end
            yield token


def projection_analyzer() -> Any:
    """The analyzer of the `content` field (and of query words against it)."""
    return (
        ProjectionTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(cachesize=-1)  # type: ignore[no-untyped-call]
    )


def fold(text: str) -> str:
    """A word as the index sees it before stemming: NFC, lowercase, accents folded."""
    return unicodedata.normalize("NFC", text).lower().translate(_FOLD)


def surface_words(text: str) -> list[str]:
    """The folded, unstemmed words of `text`, in order."""
    return [fold(m.group(0)) for m in WORD.finditer(unicodedata.normalize("NFC", text))]


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each [start, end) replaced by spaces (same length, offsets kept)."""
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)
