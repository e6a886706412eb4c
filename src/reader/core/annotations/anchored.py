"""An annotation placed in the current text: its anchor, its citation, its order.

`AnchoredAnnotation` is what the store hands out: the annotation as saved, where it
is in the text as it is now (`reader.core.annotations.anchoring`) and how to cite it.
`reattached` gives the annotation to save when its exact quote has moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.core.annotations.anchoring import Anchor, AnchorState, make_target, resolve
from reader.core.annotations.citation import Citation, cite
from reader.core.annotations.model import Annotation
from reader.core.document import Document


@dataclass(frozen=True, slots=True)
class AnchoredAnnotation:
    """An annotation placed in the current text: its anchor (None for a note on the whole
    document) and its citation."""

    annotation: Annotation
    anchor: Anchor | None
    citation: Citation

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def state(self) -> AnchorState | None:
        """ok / moved / fuzzy / orphaned; None for a note on the whole document."""
        return self.anchor.state if self.anchor else None

    @property
    def start(self) -> int | None:
        """Where it starts in the current text (None if on the document or orphaned)."""
        return self.anchor.start if self.anchor and self.anchor.attached else None

    @property
    def end(self) -> int | None:
        return self.anchor.end if self.anchor and self.anchor.attached else None

    @property
    def orphaned(self) -> bool:
        return self.state is AnchorState.ORPHANED


def anchored(annotation: Annotation, doc: Document) -> AnchoredAnnotation:
    """`annotation` placed in `doc`'s current text."""
    if annotation.target is None:
        return AnchoredAnnotation(annotation, None, cite(doc, None))
    anchor = resolve(annotation.target, doc.text, doc.text_hash)
    return AnchoredAnnotation(annotation, anchor, cite(doc, anchor.start, anchor.attached))


def reattached(annotation: Annotation, doc: Document) -> Annotation:
    """The annotation with its target moved to where its exact quote is now."""
    target = annotation.target
    if target is None or (
        target.text_hash == doc.text_hash and doc.text[target.start : target.end] == target.quote
    ):
        return annotation
    anchor = resolve(target, doc.text, doc.text_hash)
    if not anchor.exact or (target.text_hash == doc.text_hash and anchor.start == target.start):
        return annotation
    return replace(
        annotation, target=make_target(doc.text, anchor.start, anchor.end, doc.text_hash)
    )


def reading_order(item: AnchoredAnnotation) -> tuple[int, int, str]:
    """Sort key: notes on the document first, then in text order, orphans last."""
    if item.anchor is None:
        return (0, 0, item.annotation.created)
    if not item.anchor.attached:
        return (2, item.anchor.start, item.annotation.created)
    return (1, item.anchor.start, item.annotation.created)
