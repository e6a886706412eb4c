"""Undo and redo of annotation changes, one history per document.

Every change the reader makes to an annotation (create, edit, recolour, delete) is
recorded as the annotation before and after it: None before means it was created, None
after means it was deleted. Undo puts the "before" back, redo the "after", through the
annotation file's own `delete` and `restore`, so an undone change is saved and merged
like any other. A new change clears what could be redone, as in any editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.annotations.annotation_file import AnnotationFile
from reader.core.annotations.model import Annotation

UNDO_DEPTH = 200
"""Changes remembered per document."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one annotation: its state before and after (None: absent)."""

    what: str
    before: Annotation | None
    after: Annotation | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a change needs a before or an after")


@dataclass
class ChangeHistory:
    """The undo and redo stacks of one document."""

    done: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)

    def record(self, change: Change) -> None:
        """Remember a change just made (what could be redone is forgotten)."""
        self.done.append(change)
        del self.done[:-UNDO_DEPTH]
        self.undone.clear()

    def undo(self, annotations: AnnotationFile) -> Change | None:
        """Revert the last change (None when there is nothing to undo). The caller saves."""
        if not self.done:
            return None
        change = self.done.pop()
        _put(annotations, change.after, change.before)
        self.undone.append(change)
        return change

    def redo(self, annotations: AnnotationFile) -> Change | None:
        """Make the last undone change again (None when there is nothing to redo)."""
        if not self.undone:
            return None
        change = self.undone.pop()
        _put(annotations, change.before, change.after)
        self.done.append(change)
        return change


def _put(annotations: AnnotationFile, now: Annotation | None, wanted: Annotation | None) -> None:
    """Turn the annotation from `now` into `wanted` (either may be None: absent)."""
    if wanted is None:
        assert now is not None
        annotations.delete(now.id)
    else:
        annotations.restore(wanted.touched())  # a change now, as any other


@dataclass
class Histories:
    """The histories of every document the reader changed in this run."""

    by_document: dict[str, ChangeHistory] = field(default_factory=dict)

    def of(self, doc_id: str) -> ChangeHistory:
        """The history of `doc_id` (made on first use)."""
        return self.by_document.setdefault(doc_id, ChangeHistory())
