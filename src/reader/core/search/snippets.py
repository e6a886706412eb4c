"""Keyword in context: the sentence around a hit, cut from the stored projection.

Snippets are made from character offsets the index stored, never by re-analysing the
document (Whoosh's own fragmenters re-read the whole text for every hit). The sentence
is looked for inside the hit's block only (blocks are separated by a blank line in the
projection), within a bounded window, and a long sentence is trimmed around the hit at
word boundaries with an ellipsis.

Where sentences end is worked out once, when a text is indexed (`sentence_ends`, kept
in the index as a packed array); a snippet then only bisects that table.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from reader.core.document import BLOCK_SEPARATOR

MAX_SNIPPET = 300
CONTEXT = 130
ELLIPSIS = "…"

# A sentence ends at . ! ? or … followed (after closing quotes or brackets) by a space.
_SENTENCE_END = re.compile(r"[.!?…][)\"'”’»\]]*(?=\s|$)")
# Words after which a full stop is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    [
        "p",
        "pp",
        "cf",
        "ibid",
        "op",
        "cit",
        "vol",
        "vols",
        "no",
        "nos",
        "ed",
        "eds",
        "mr",
        "mrs",
        "dr",
        "st",
        "ch",
        "chap",
        "fig",
        "ca",
        "etc",
        "viz",
        "vs",
    ]
)
_WORD_BEFORE = re.compile(r"(\w+)$")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    if text[match.start()] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
    if not word:
        return True
    token = word.group(1)
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "J. V. Stalin"
    return token.lower() not in _ABBREVIATIONS


def sentence_ends(text: str) -> array[int]:
    """The offset just after every sentence end of `text`, ascending (what `make_snippet`
    needs; stored in the index for each text)."""
    return array("I", (m.end() for m in _SENTENCE_END.finditer(text) if _is_sentence_end(text, m)))


def pack_sentence_ends(text: str) -> bytes:
    """`sentence_ends(text)` as bytes, for the index."""
    return sentence_ends(text).tobytes()


def unpack_sentence_ends(data: bytes) -> array[int]:
    """The table `pack_sentence_ends` made."""
    ends = array("I")
    ends.frombytes(data)
    return ends


def block_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the block that holds text[start:end]."""
    left = text.rfind(BLOCK_SEPARATOR, 0, start)
    left = 0 if left < 0 else left + len(BLOCK_SEPARATOR)
    right = text.find(BLOCK_SEPARATOR, end)
    return left, len(text) if right < 0 else right


def sentence_bounds(
    text: str, start: int, end: int, ends: array[int] | None = None
) -> tuple[int, int]:
    """The [start, end) of the sentence around text[start:end] (within its block).
    `ends` is the text's `sentence_ends` table (computed here when not given)."""
    if ends is None:
        ends = sentence_ends(text)
    block_start, block_end = block_bounds(text, start, end)
    window_start = max(block_start, start - MAX_SNIPPET)
    left = window_start
    i = bisect_right(ends, start) - 1
    if i >= 0 and ends[i] >= window_start:
        left = ends[i]
    while left < start and text[left].isspace():
        left += 1
    window_end = min(block_end, end + MAX_SNIPPET)
    right = window_end
    j = bisect_right(ends, end)
    if j < len(ends) and ends[j] <= window_end:
        right = ends[j]
    return left, right


def _trim(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """Narrow [left, right) around the hit to about MAX_SNIPPET characters."""
    if right - left <= MAX_SNIPPET:
        return left, right
    new_left = max(left, start - CONTEXT)
    new_right = min(right, max(end + CONTEXT, new_left + MAX_SNIPPET))
    if new_left > left:
        space = text.find(" ", new_left, start)
        new_left = space + 1 if space >= 0 else new_left
    if new_right < right:
        space = text.rfind(" ", end, new_right)
        new_right = space if space >= 0 else new_right
    return new_left, new_right


def make_snippet(
    text: str,
    start: int,
    end: int,
    word_spans: list[tuple[int, int]],
    ends: array[int] | None = None,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet around the hit text[start:end] and the marks of matched words in it.

    `word_spans` are the sorted [start, end) ranges of every matched word in the
    document; those inside the snippet are marked. `ends` is the text's
    `sentence_ends` table.
    """
    left, right = sentence_bounds(text, start, end, ends)
    while right > end and text[right - 1].isspace():
        right -= 1
    left, right = _trim(text, left, right, start, end)
    prefix = "" if _starts(text, left) else ELLIPSIS
    suffix = ELLIPSIS if right < len(text) and not _ends(text, right) else ""
    body = text[left:right].replace("\n", " ")
    marks: list[tuple[int, int]] = []
    shift = len(prefix) - left
    for s, e in word_spans[bisect_left(word_spans, (left, -1)) :]:
        if s >= right:
            break
        if e <= right:
            marks.append((s + shift, e + shift))
    return prefix + body + suffix, tuple(marks)


def _starts(text: str, left: int) -> bool:
    """Whether `left` starts a sentence (after a sentence end or a block start)."""
    before = text[max(0, left - 3) : left].rstrip()
    return not before or before[-1] in ".!?…\"'”’»)]" or text[left - 1] == "\n"


def _ends(text: str, right: int) -> bool:
    """Whether `right` ends a sentence or a block."""
    if right >= len(text) or text.startswith(BLOCK_SEPARATOR, right):
        return True
    return text[right - 1] in ".!?…\"'”’»)]"
