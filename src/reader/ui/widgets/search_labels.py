"""Labels for the library search: each result says whether it is text, a highlight or a note.

Text hits come from the index; annotation hits from `search_annotations` (quotes, notes
and tags). Annotation hits are listed first, under their own header, because they are
the reader's own work; each is one line: its label, the matched text with the query's
words marked, and where it is.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

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


def label(kind: str) -> Content:
    """The label of a result ("text", "highlight" or "note"), padded to one width."""
    return Content.styled(f"{kind:<9} ", LABEL_STYLES.get(kind, "bold"))


def annotation_hit_line(hit: AnnotationHit) -> Content:
    """One line for an annotation hit: label, matched text (marked), title and place."""
    snippet = hit.snippet.replace("\n", " ")[:SNIPPET_WIDTH]
    text = Content(snippet)
    for start, end in hit.matches:
        if 0 <= start < end <= len(snippet):
            text = text.stylize(MATCH_STYLE, start, end)
    return Content.assemble(label(hit.label), text, ("  · " + hit.citation, "italic $text-muted"))


def annotation_hit_options(hits: list[AnnotationHit]) -> list[Option]:
    """The header and one option per annotation hit (ids `note-<n>`)."""
    if not hits:
        return []
    header = Content.assemble(
        ("Your highlights and notes", "bold $text-accent"),
        f"  {len(hits)} match{'es' if len(hits) != 1 else ''}",
    )
    options = [Option(header, disabled=True)]
    options += [
        Option(annotation_hit_line(hit), id=f"{NOTE_HIT_PREFIX}{i}") for i, hit in enumerate(hits)
    ]
    return options
