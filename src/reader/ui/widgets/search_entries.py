"""How search results look: document headers, sentence entries, concordance lines.

Everything is built as `Content` through the display sanitiser (`reader.ui.display`:
library text is never read as markup, and control characters show as visible marks)
and wrapped here, to the width of the results list, so that an entry is the whole
sentence with a hanging indent: the first line starts with the mark of the kind of
result (text, highlight, note: a coloured bar or a pen, not a word), the lines after it
are indented under the text. The citable place sits at the right of the last line, or
on a line of its own when it does not fit there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from reader.ui.display import safe, safe_aligned

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationHit
    from reader.core.concordance import KwicLine
    from reader.core.search import DocumentResult
    from reader.core.search.sentences import SentenceEntry

MATCH_STYLE = "bold $text-warning on $warning-muted"
TITLE_STYLE = "bold $text-accent"
PLACE_STYLE = "italic $text-muted"
KIND_MARKS = {
    "text": ("▍", "$accent"),
    "highlight": ("▍", "$warning"),
    "note": ("✎", "$success"),
}
"""The mark at the start of an entry, by kind of result, and its colour."""
INDENT = 2
MIN_WIDTH = 20


def marked(text: str, marks: Sequence[tuple[int, int]]) -> Content:
    """`text` (one line) with the ranges `marks` styled as matches."""
    text = text.replace("\n", " ")
    content = safe_aligned(text)  # one for one: the marks' offsets still fit
    for start, end in marks:
        if 0 <= start < end <= len(text):
            content = content.stylize(MATCH_STYLE, start, end)
    return content


def hanging(body: Content, width: int, kind: str, place: str = "") -> Content:
    """`body` wrapped to `width` with a hanging indent under the kind's mark, and
    `place` at the right of the last line (or on a line of its own)."""
    width = max(MIN_WIDTH, width)
    glyph, colour = KIND_MARKS.get(kind, KIND_MARKS["text"])
    lines = body.wrap(width - INDENT) or [Content("")]
    out = [Content.styled(glyph.ljust(INDENT), colour).append(lines[0])]
    out += [Content(" " * INDENT).append(line) for line in lines[1:]]
    if place:
        last = out[-1]
        room = width - last.cell_length - 2
        if len(place) <= room:
            out[-1] = last.append(Content(" " * (room - len(place) + 2))).append(
                safe(place, PLACE_STYLE)
            )
        else:
            tag = safe(place, PLACE_STYLE).truncate(width - INDENT, ellipsis=True)
            out.append(Content(" " * max(INDENT, width - tag.cell_length)).append(tag))
    return Content("\n").join(out)


def sentence_entry(entry: SentenceEntry, width: int) -> Content:
    """One sentence of the text, every match marked, its place at the right."""
    return hanging(marked(entry.text, entry.marks), width, "text", entry.place or entry.section)


def annotation_entry(hit: AnnotationHit, width: int) -> Content:
    """A highlight or note that matched: its text (marked) and where it is."""
    return hanging(marked(hit.snippet, hit.matches), width, hit.label, hit.citation)


def document_header(document: DocumentResult, sentences: int, width: int) -> Content:
    """The document's title, author and count (wrapped, never cut)."""
    count = f"{document.hit_count} hit{'s' if document.hit_count != 1 else ''}"
    if not document.hit_count:
        count = "matched by its title, author, date or id"
    elif sentences and sentences != document.hit_count:
        count += f" in {sentences} sentence{'s' if sentences != 1 else ''}"
    header = Content.assemble(
        safe(document.title, TITLE_STYLE),
        safe(f" — {document.author}" if document.author else "", "$text-muted"),
        ("  " + count, "bold"),
    )
    return Content("\n").join(header.wrap(max(MIN_WIDTH, width)))


def notes_header(count: int, width: int) -> Content:
    """The header above the highlights and notes that matched."""
    header = Content.assemble(
        ("Your highlights and notes", TITLE_STYLE),
        (f"  {count} match{'es' if count != 1 else ''}", "bold"),
    )
    return Content("\n").join(header.wrap(max(MIN_WIDTH, width)))


def more_row(sentences: int, hits: int) -> Content:
    """The row that shows a document's other sentences (Enter)."""
    return Content.styled(
        f"  + {sentences} more sentence{'s' if sentences != 1 else ''} "
        f"({hits} hit{'s' if hits != 1 else ''}): Enter shows them",
        "$text-muted",
    )


def kwic_row(line: KwicLine, side: int, width: int) -> Content:
    """One concordance line: the left context right-aligned to `side` cells, the match
    marked, the right context, cut to `width`."""
    left = line.left[-side:].rjust(side) if side > 0 else ""
    row = safe_aligned(left + " ").append(safe_aligned(line.match).stylize(MATCH_STYLE))
    row = row.append(safe_aligned(" " + line.right))
    return row.truncate(max(MIN_WIDTH, width))


def kwic_side(lines: Sequence[KwicLine], width: int) -> int:
    """Cells of left context so that the matches line up in the centre."""
    longest = max((len(line.match) for line in lines), default=0)
    return max(8, (width - min(longest, width // 3) - 2) // 2)
