"""Labels for the library search: each result says whether it is text, a highlight or a note.

Text hits come from the index; annotation hits from `search_annotations` (quotes, notes
and tags). Annotation hits are listed first, under their own header, because they are
the reader's own work; each is one line: its label, the matched text with the query's
words marked, and where it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from reader.ui.display import safe, safe_aligned

if TYPE_CHECKING:  # the annotations core loads with the first search, not at start
    from reader.core.annotations import AnnotationHit

LABEL_STYLES = {
    "text": "bold $text-muted",
    "highlight": "bold $text-warning",
    "note": "bold $text-success",
}
MATCH_STYLE = "bold $text-warning on $warning-muted"
NOTE_HIT_PREFIX = "note-"
"""Option ids of annotation hits: this prefix and the hit's position."""
SNIPPET_WIDTH = 200


LABEL_WIDTH = 9
"""Width of the labels of annotation hits ("highlight" and "note" line up)."""

LEAD = 8
"""Characters kept before the first matched word when a line of context is trimmed."""


def label(kind: str, width: int = LABEL_WIDTH) -> Content:
    """The label of a result ("text", "highlight" or "note"), padded to `width`."""
    return Content.styled(f"{kind:<{width}} ", LABEL_STYLES.get(kind, "bold"))


def excerpt(
    snippet: str,
    marks: Sequence[tuple[int, int]],
    lead: int = LEAD,
    length: int = SNIPPET_WIDTH,
) -> Content:
    """`snippet` on one line with its marks styled, started `lead` characters (at a word
    boundary) before the first mark, so the matched words are in view in a narrow panel,
    and cut after `length` characters."""
    snippet = snippet.replace("\n", " ")
    marks = [(a, b) for a, b in marks if 0 <= a < b <= len(snippet)]
    cut = 0
    if marks and marks[0][0] > lead + 2:
        cut = marks[0][0] - lead
        cut = snippet.rfind(" ", 0, cut) + 1 or cut
    shown = snippet[cut : cut + length]
    # One for one, so the marks' offsets still fit: ESC shows as ␛.
    line = Content("… " if cut else "").append(safe_aligned(shown))
    base = len(line) - len(shown)
    for a, b in marks:
        if a - cut < len(shown):
            line = line.stylize(MATCH_STYLE, base + a - cut, base + min(b - cut, len(shown)))
    return line


def annotation_hit_line(hit: AnnotationHit, lead: int = LEAD) -> Content:
    """One line for an annotation hit: label, matched text (marked), title and place."""
    return Content.assemble(
        label(hit.label),
        excerpt(hit.snippet, hit.matches, lead),
        safe("  · " + hit.citation, "italic $text-muted"),
    )


def annotation_hit_options(hits: list[AnnotationHit], lead: int = LEAD) -> list[Option]:
    """The header and one option per annotation hit (ids `note-<n>`)."""
    if not hits:
        return []
    header = Content.assemble(
        ("Your highlights and notes", "bold $text-accent"),
        f"  {len(hits)} match{'es' if len(hits) != 1 else ''}",
    )
    options = [Option(header, disabled=True)]
    options += [
        Option(annotation_hit_line(hit, lead), id=f"{NOTE_HIT_PREFIX}{i}")
        for i, hit in enumerate(hits)
    ]
    return options
