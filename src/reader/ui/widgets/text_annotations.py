"""The reader's annotations drawn in the reading view, and the keys that act on them.

The view does not keep annotations: whoever does gives it their spans
(`set_annotations`), which are drawn in their colour and walked with `.` and `,` (the
caret lands on each). `a` asks for the selection to be annotated, S and P for the
sentence or the paragraph under the caret to be highlighted. Actions on "the
annotation under the caret" (edit, recolour, delete, $EDITOR) and the others are
posted as `AnnotationRequested` messages; the caret coming onto another highlight is
announced with `AnnotationPointed`.

Built on `text_caret.CaretSelection`: the caret says where, the selection what.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core import motions
from reader.core.annotations import PALETTE
from reader.ui.widgets.text_caret import CaretSelection
from reader.ui.widgets.text_messages import (
    AnnotationAction,
    AnnotationPointed,
    AnnotationRequested,
    AnnotationSpan,
)
from reader.ui.widgets.text_style import ANNOTATION_CLASSES, NOTED_CLASS

NOTED_LAYER = "annotation-noted"


class DrawnAnnotations(CaretSelection):
    """The annotations drawn in the view, walked, and acted on at the caret."""

    _pointed_id: str | None = None
    """The highlight the caret was last on (to say when it comes onto another)."""

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._annotations: list[AnnotationSpan] = []

    def _caret_moved(self) -> None:
        """Draw caret and selection, and announce a highlight newly under the caret."""
        super()._caret_moved()
        caret = self._caret
        if caret is None:
            return
        under = self.annotation_at(caret)
        under_id = under.annotation_id if under is not None else None
        if under_id != self._pointed_id:
            self._pointed_id = under_id
            if under_id is not None:
                self.post_message(AnnotationPointed(under_id, view=self))

    def set_annotations(self, spans: Sequence[AnnotationSpan]) -> None:
        """Draw these annotations (replacing those drawn before), each in its colour."""
        self._annotations = sorted(spans, key=lambda s: (s.start, s.end))
        for colour in PALETTE:
            ranges = [(s.start, s.end) for s in self._annotations if s.colour == colour]
            if ranges:
                self._highlights.set(f"annotation-{colour}", ranges, ANNOTATION_CLASSES[colour])
            else:
                self._highlights.clear(f"annotation-{colour}")
        noted = [(s.start, s.end) for s in self._annotations if s.noted]
        if noted:
            self._highlights.set(NOTED_LAYER, noted, NOTED_CLASS)
        else:
            self._highlights.clear(NOTED_LAYER)
        self.refresh()

    @property
    def annotation_spans(self) -> list[AnnotationSpan]:
        """The annotations drawn, in text order."""
        return list(self._annotations)

    def annotation_at(self, offset: int) -> AnnotationSpan | None:
        """The annotation drawn over `offset` (the shortest, if several overlap)."""
        found = [s for s in self._annotations if s.start <= offset < s.end]
        return min(found, key=lambda s: s.end - s.start) if found else None

    def pointed_annotation(self) -> AnnotationSpan | None:
        """The annotation the reader points at: the one under the caret; without a
        caret, the one under where the caret last was if that is on screen, else the
        only one on screen (None when there is no such one)."""
        if self._caret is not None:
            return self.annotation_at(self._caret)
        first, last = self._visible_span()
        shown = [s for s in self._annotations if s.start < last and s.end > first]
        if self._last_caret is not None and first <= self._last_caret < last:
            under = self.annotation_at(self._last_caret)
            if under is not None:
                return under
        return shown[0] if len(shown) == 1 else None

    def _walk_annotations(self, forward: bool) -> None:
        if not self._annotations:
            self.notify("No highlights in this text yet: v selects, a annotates", timeout=3)
            return
        here = self._pointed() if self._caret is not None else self.top_offset - 1
        starts = [s.start for s in self._annotations]
        if forward:
            ahead = [s for s in starts if s > here]
            target = ahead[0] if ahead else starts[0]
        else:
            behind = [s for s in starts if s < here]
            target = behind[-1] if behind else starts[-1]
        if (forward and target <= here) or (not forward and target >= here):
            self.notify("Wrapped around the text", timeout=1.5)
        self._reveal(target)
        self.place_caret(target)

    def action_next_annotation(self) -> None:
        """Caret to the next highlight."""
        self._walk_annotations(True)

    def action_previous_annotation(self) -> None:
        """Caret to the previous highlight."""
        self._walk_annotations(False)

    def _request(
        self,
        action: AnnotationAction,
        start: int | None = None,
        end: int | None = None,
        annotation_id: str | None = None,
    ) -> None:
        self.post_message(
            AnnotationRequested(
                action, start=start, end=end, annotation_id=annotation_id, view=self
            )
        )

    def action_annotate(self) -> None:
        """Highlight the selection and write a note on it."""
        span = self._trimmed(self.selection)
        if span is None:
            self.notify("Select some text first: v starts a selection", timeout=3)
            return
        self.cancel_selection()
        existing = self._annotation_covering(span)
        if existing is not None:  # the same passage again: edit its note, no duplicate
            self._request("edit", annotation_id=existing.annotation_id)
            return
        self._request("annotate", start=span[0], end=span[1])

    def _annotation_covering(self, span: tuple[int, int]) -> AnnotationSpan | None:
        """An annotation that already highlights (nearly) exactly `span`: the same start
        and end give or take a few characters of white space or punctuation."""
        for existing in self._annotations:
            if abs(existing.start - span[0]) <= 2 and abs(existing.end - span[1]) <= 2:
                return existing
        return None

    def _trimmed(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """`span` without white space at either end (None if nothing is left)."""
        if span is None or self.document is None:
            return None
        start, end = span
        chosen = self.document.text[start:end]
        start += len(chosen) - len(chosen.lstrip())
        end -= len(chosen) - len(chosen.rstrip())
        return (start, end) if end > start else None

    def action_highlight_sentence(self) -> None:
        """Highlight the sentence under the caret."""
        if self.document is not None:
            span = motions.sentence_at(self.document, self._pointed())
            self._highlight(span)

    def action_highlight_paragraph(self) -> None:
        """Highlight the paragraph under the caret."""
        if self.document is not None:
            self._highlight(motions.paragraph_at(self.document, self._pointed()))

    def _highlight(self, span: tuple[int, int] | None) -> None:
        span = self._trimmed(span)
        if span is None:
            self.notify("Nothing to highlight here", timeout=2)
            return
        if self._caret is not None:
            self._selection_anchor = None
            self._caret_moved()
        existing = self._annotation_covering(span)
        if existing is not None:
            self.notify("Already highlighted: e edits its note, c recolours it", timeout=3)
            self.place_caret(existing.start)
            return
        self._request("highlight", start=span[0], end=span[1])

    def _on_pointed(self, action: AnnotationAction) -> None:
        span = self.pointed_annotation()
        if span is None:
            self.notify(
                "Put the caret on a highlight first (. goes to the next one)",
                timeout=3,
            )
            return
        self._request(action, annotation_id=span.annotation_id, start=span.start, end=span.end)

    def action_edit_annotation(self) -> None:
        """Edit the note, colour and tags of the highlight under the caret."""
        self._on_pointed("edit")

    def action_recolour_annotation(self) -> None:
        """Give the highlight under the caret the next colour of the palette."""
        self._on_pointed("recolour")

    def action_delete_annotation(self) -> None:
        """Delete the highlight under the caret (u brings it back)."""
        self._on_pointed("delete")

    def action_external_edit(self) -> None:
        """Write the note of the highlight under the caret in $EDITOR."""
        self._on_pointed("external")

    def action_undo_delete(self) -> None:
        """Undo the last change to this document's annotations (create, edit, recolour,
        delete); the binding keeps its old id so remapped keys still work."""
        self._request("undo")

    def action_redo_change(self) -> None:
        """Make the last undone change again."""
        self._request("redo")

    def action_document_note(self) -> None:
        """Write a note on the whole document."""
        self._request("document")
