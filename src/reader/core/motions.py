"""Where the caret goes: words, sentences and paragraphs of a Document's projection.

Plain functions over `Document.text` and its blocks, used by the reading view's caret:
`w`/`b` go to the next/previous word start and `e` to the end of the word (as in vim),
`)`/`(` to the next/previous sentence start, `}`/`{` to the next/previous paragraph
(block) start. While a selection grows, the sentence and paragraph keys go to the *end*
instead (`sentence_end`, ...), so `v` then `)` selects a whole sentence.
`sentence_at` and `paragraph_at` give the span under an offset, for highlighting it
in one key; `whole_words` widens a selection to the words it touches.

A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after
it) followed by white space, or at the end of its block; abbreviations such as "Mr."
end a sentence too: a reader can always widen a selection by hand.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.core.document import Block, Document

_WORD = re.compile(r"\w+|[^\w\s]+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")


def word_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in [lo, hi) where a word (or a run of punctuation) starts."""
    return [m.start() for m in _WORD.finditer(text, lo, hi)]


def next_word(document: Document, offset: int) -> int:
    """The start of the word after the one at `offset` (the end of the text if none)."""
    text = document.text
    match = _WORD.search(text, offset)
    if match is not None and match.start() <= offset:
        match = _WORD.search(text, match.end())
    return match.start() if match else max(0, len(text) - 1)


def word_end(document: Document, offset: int) -> int:
    """The last character of the word after `offset` (of this word if inside one)."""
    match = _WORD.search(document.text, offset + 1)
    return match.end() - 1 if match else max(0, len(document.text) - 1)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened so that it neither starts nor ends inside a word (letters
    and digits, with an apostrophe or hyphen between two of them: "Peasants'" stops at
    the apostrophe, "Soviet-German" is one word). Widening stops after 200 characters."""

    def letter(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum()

    def part(i: int) -> bool:
        return letter(i) or (
            0 <= i < len(text) and text[i] in "'’-" and letter(i - 1) and letter(i + 1)
        )

    if end <= start:
        return start, end
    lo = start
    while lo > 0 and part(lo - 1) and part(lo):
        lo -= 1
        if start - lo > 200:  # no word is that long: leave the start where it was
            lo = start
            break
    hi = end
    while hi < len(text) and part(hi) and part(hi - 1):
        hi += 1
        if hi - end > 200:
            hi = end
            break
    return lo, hi


def sentence_end(document: Document, offset: int) -> int:
    """The last character (not a space) of the sentence after `offset`."""
    span = sentence_at(document, offset + 1)
    if span is None or span[1] - 1 <= offset:
        span = sentence_at(document, next_sentence(document, offset + 1))
    return span[1] - 1 if span is not None else offset


def paragraph_end(document: Document, offset: int) -> int:
    """The last character of the paragraph after `offset`."""
    span = paragraph_at(document, offset + 1)
    if span is None or span[1] - 1 <= offset:
        span = paragraph_at(document, next_paragraph(document, offset + 1))
    return span[1] - 1 if span is not None else offset


def previous_word(document: Document, offset: int) -> int:
    """The start of the word before `offset` (or of the word it is inside)."""
    text = document.text
    lo = max(0, offset - 400)
    starts = word_starts(text, lo, offset)
    while not starts and lo > 0:
        lo = max(0, lo - 4000)
        starts = word_starts(text, lo, offset)
    return starts[-1] if starts else 0


def _block_index(document: Document, offset: int) -> int:
    """The index of the block holding `offset`, or of the block after a separator."""
    starts = [b.start for b in document.blocks]
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset >= document.blocks[index].end:
        index += 1  # in the separator: the next block
    return max(0, min(index, len(document.blocks) - 1))


def sentence_starts(document: Document, block: Block) -> list[int]:
    """The offsets where sentences of `block` start (the block's start first)."""
    text = document.text
    starts = [block.start]
    for match in _SENTENCE_END.finditer(text, block.start, block.end):
        if match.end() < block.end:
            starts.append(match.end())
    return starts


def next_sentence(document: Document, offset: int) -> int:
    """The start of the next sentence after `offset`."""
    if not document.blocks:
        return offset
    index = _block_index(document, offset)
    for block in document.blocks[index:]:
        for start in sentence_starts(document, block):
            if start > offset:
                return start
    return offset


def previous_sentence(document: Document, offset: int) -> int:
    """The start of the sentence before `offset` (or of the one it is inside)."""
    if not document.blocks:
        return offset
    index = _block_index(document, offset)
    for block in reversed(document.blocks[: index + 1]):
        found = [s for s in sentence_starts(document, block) if s < offset]
        if found:
            return found[-1]
    return offset


def next_paragraph(document: Document, offset: int) -> int:
    """The start of the next block after `offset`."""
    starts = [b.start for b in document.blocks]
    index = bisect_right(starts, offset)
    return starts[index] if index < len(starts) else offset


def previous_paragraph(document: Document, offset: int) -> int:
    """The start of the block before `offset` (or of the one it is inside)."""
    starts = [b.start for b in document.blocks]
    index = bisect_left(starts, offset) - 1
    return starts[index] if index >= 0 else offset


def paragraph_at(document: Document, offset: int) -> tuple[int, int] | None:
    """The [start, end) of the block holding `offset` (or the next one)."""
    if not document.blocks:
        return None
    block = document.blocks[_block_index(document, offset)]
    return (block.start, block.end) if block.end > block.start else None


def sentence_at(document: Document, offset: int) -> tuple[int, int] | None:
    """The [start, end) of the sentence holding `offset`, without trailing spaces."""
    if not document.blocks:
        return None
    block = document.blocks[_block_index(document, offset)]
    starts = sentence_starts(document, block)
    offset = max(offset, block.start)
    i = bisect_right(starts, offset) - 1
    start = starts[max(0, i)]
    end = starts[i + 1] if i + 1 < len(starts) else block.end
    end = len(document.text[start:end].rstrip()) + start
    return (start, end) if end > start else None
