"""Search hits as a reader reads them: one entry per sentence, every match in it marked.

The index answers with hits (one per matched word or phrase, see `records.SearchHit`);
two matches in one sentence would show the same sentence twice. This module groups a
document's hits by the sentence that holds them, using the document's projection (the
text as shown): each `SentenceEntry` is the whole sentence, or, when the sentence is
long, a window of about two lines around each match, the windows joined with "…". Its
`marks` are the matches inside the shown text, its `spans` the matches' offsets in the
projection (what `reader search --json` keeps), and `place` the citable location.

Sentence ends come from the same table the snippets use (`snippets.sentence_ends`), and
a sentence never crosses a block (a paragraph, a heading, a note).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.document import Document
from reader.core.search.records import DocumentResult, SearchHit, SearchResults
from reader.core.search.snippets import ELLIPSIS, block_bounds, sentence_ends

LONG_SENTENCE = 320
"""A sentence longer than this many characters is shown as windows around its matches."""
WINDOW_CONTEXT = 110
"""Characters kept on each side of a match in a long sentence (about two lines in all)."""
GAP = f" {ELLIPSIS} "
# A sentence also ends after a footnote marker that follows its full stop: "...
# leadership.[37] At the ..." (the snippet table, kept in the index, does not see these).
_END_BEFORE_MARKER = re.compile(r"[.!?…][)\"'”’»]*\[[^\]\s]{1,6}\](?=\s)")


@dataclass(frozen=True)
class SentenceEntry:
    """One sentence of a document holding one or more hits.

    `start`/`end` bound the sentence in the projection; `text` is what is shown (the
    sentence, or windows of it, line breaks as spaces, "…" where it was cut); `marks`
    are [start, end) ranges of the matches inside `text`; `hits` the hits it holds, in
    reading order (their `start`/`end` are the `spans`).
    """

    doc_id: str
    start: int
    end: int
    text: str
    marks: tuple[tuple[int, int], ...]
    hits: tuple[SearchHit, ...]
    section: str
    place: str

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The projection offsets of every match of the sentence."""
        return tuple((h.start, h.end) for h in self.hits)

    @property
    def variants(self) -> tuple[str, ...]:
        """The glossary variants the matches were found by (each once, in order)."""
        return tuple(dict.fromkeys(h.variant for h in self.hits if h.variant))


def reading_sentence_ends(text: str) -> array[int]:
    """Where the sentences of `text` end: the snippets' table, and after the footnote
    marker that follows a sentence's full stop."""
    ends = set(sentence_ends(text))
    ends.update(m.end() for m in _END_BEFORE_MARKER.finditer(text))
    return array("I", sorted(ends))


def sentence_span(text: str, ends: array[int], start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence holding text[start:end], within its block,
    without its leading and trailing spaces."""
    block_start, block_end = block_bounds(text, start, end)
    i = bisect_right(ends, start) - 1
    left = ends[i] if i >= 0 and ends[i] >= block_start else block_start
    j = bisect_left(ends, end)
    right = ends[j] if j < len(ends) and ends[j] <= block_end else block_end
    right = max(right, end)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _windows(text: str, left: int, right: int, hits: Sequence[SearchHit]) -> list[tuple[int, int]]:
    """Parts of text[left:right] to show: all of it when short, else a window around
    each hit (cut at spaces), overlapping windows merged."""
    if right - left <= LONG_SENTENCE:
        return [(left, right)]
    windows: list[tuple[int, int]] = []
    for hit in hits:
        a = max(left, hit.start - WINDOW_CONTEXT)
        b = min(right, hit.end + WINDOW_CONTEXT)
        if a > left:
            space = text.find(" ", a, hit.start)
            a = space + 1 if space >= 0 else a
        if b < right:
            space = text.rfind(" ", hit.end, b)
            b = space if space >= 0 else b
        if windows and a <= windows[-1][1] + len(GAP):
            windows[-1] = (windows[-1][0], max(windows[-1][1], b))
        else:
            windows.append((a, b))
    return windows


def make_entry(
    doc_id: str,
    text: str,
    span: tuple[int, int],
    hits: Sequence[SearchHit],
    place: str,
) -> SentenceEntry:
    """The entry for the sentence `span` of `text` holding `hits` (in reading order)."""
    left, right = span
    shown: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    windows = _windows(text, left, right, hits)
    for number, (a, b) in enumerate(windows):
        piece = ""
        if number:
            piece = GAP
        elif a > left:
            piece = ELLIPSIS
        base = length + len(piece) - a
        piece += text[a:b].replace("\n", " ")
        if number == len(windows) - 1 and b < right:
            piece += ELLIPSIS
        for hit in hits:
            if a <= hit.start and hit.end <= b:
                marks.append((hit.start + base, hit.end + base))
        shown.append(piece)
        length += len(piece)
    return SentenceEntry(
        doc_id=doc_id,
        start=left,
        end=right,
        text="".join(shown),
        marks=tuple(marks),
        hits=tuple(hits),
        section=hits[0].section if hits else "",
        place=place,
    )


def group_sentences(
    doc_id: str,
    text: str,
    hits: Sequence[SearchHit],
    place: Callable[[int, int], str] | None = None,
    ends: array[int] | None = None,
) -> list[SentenceEntry]:
    """The hits of one document (offsets into `text`, its projection) grouped into one
    entry per sentence, in reading order. `place(start, end)` names the citable location
    of a sentence;
    `ends` is the text's sentence-end table (worked out here when not given). Hits
    whose offsets do not fit the text (an index older than the text) are left out."""
    if ends is None:
        ends = reading_sentence_ends(text)
    groups: dict[tuple[int, int], list[SearchHit]] = {}
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if not 0 <= hit.start < hit.end <= len(text):
            continue
        groups.setdefault(sentence_span(text, ends, hit.start, hit.end), []).append(hit)
    return [
        make_entry(doc_id, text, span, grouped, place(*span) if place else "")
        for span, grouped in groups.items()
    ]


@dataclass(frozen=True)
class DocumentSentences:
    """One matching document of the results and its hits as sentence entries."""

    result: DocumentResult
    sentences: tuple[SentenceEntry, ...]


def _from_snippets(document: DocumentResult) -> list[SentenceEntry]:
    """Entries made from the hits' own snippets (the text could not be read): hits
    with the same snippet share an entry."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in document.hits:
        groups.setdefault(hit.snippet, []).append(hit)
    out = []
    for snippet, hits in groups.items():
        marks = sorted({m for h in hits for m in h.snippet_marks})
        out.append(
            SentenceEntry(
                document.doc_id,
                hits[0].start,
                hits[-1].end,
                snippet,
                tuple(marks),
                tuple(hits),
                hits[0].section,
                "",
            )
        )
    return out


def _place_in(document: Document, indexed: str) -> Callable[[int, int], str]:
    """The citable place of the sentence [start, end) of the indexed projection
    (`§3 The Georgian affair, ¶4`), when the document still reads the same there."""

    def place(start: int, end: int) -> str:
        if document.text[start:end] != indexed[start:end]:
            return ""  # the text changed since it was indexed: the place is not known
        return str(document.location(start))

    return place


def group_results(
    results: SearchResults,
    load: Callable[[str], Document | None],
    indexed: Callable[[str], str | None] | None = None,
) -> list[DocumentSentences]:
    """Every document of `results` with its hits grouped by sentence (see
    `group_sentences`). `load(doc_id)` gives the document (None when it cannot be read)
    and `indexed(doc_id)` its projection as indexed, which the hits' offsets point into
    (`LibraryIndex.projection`). The sentences are cut from the indexed projection; the
    citable places come from the document when its text is still the one indexed. A
    document that can be read neither way has its hits grouped by their snippets."""
    out = []
    for result in results.documents:
        document = load(result.doc_id) if result.hits else None
        text = indexed(result.doc_id) if indexed is not None and result.hits else None
        if text is None and document is not None:
            text = document.text
        if text is None:
            sentences = _from_snippets(result)
        else:
            place = _place_in(document, text) if document is not None else None
            sentences = group_sentences(result.doc_id, text, result.hits, place)
        out.append(DocumentSentences(result, tuple(sentences)))
    return out
