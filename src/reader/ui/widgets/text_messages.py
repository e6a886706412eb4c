"""What the reading view and the app pass each other: the messages the view posts, each
naming what happened in it, and the annotation spans it is given to draw.

They live apart from `TextView` so that every part of the view (scrolling, footnotes,
find, caret) can post them; the namespace keeps the handler names the app relies on
(`on_text_view_position_changed`, ...) and `TextView` re-exports each class under its
usual name (`TextView.PositionChanged`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.document import Document, Marker
    from reader.ui.widgets.text_canvas import TextCanvas

NAMESPACE = "text_view"

AnnotationAction = Literal[
    "annotate", "highlight", "edit", "recolour", "delete", "external", "undo", "redo", "document"
]
"""What the reader asked to do with annotations (see `AnnotationRequested`)."""


@dataclass(frozen=True, slots=True)
class AnnotationSpan:
    """An annotation as the view draws it: where, in which colour, with a note or not."""

    start: int
    end: int
    colour: str
    noted: bool
    annotation_id: str


class ViewMessage(Message, namespace=NAMESPACE):
    """A message from one reading view (there may be two side by side)."""

    def __init__(self, view: TextCanvas | None) -> None:
        super().__init__()
        self.view = view
        """The view the message comes from."""

    @property
    def control(self) -> TextCanvas | None:
        return self.view


class PositionChanged(ViewMessage, namespace=NAMESPACE):
    """The view scrolled: the offset of the top line, percent read, section trail."""

    def __init__(
        self,
        offset: int,
        percent: int,
        section: str,
        view: TextCanvas | None = None,
        seen: int | None = None,
    ) -> None:
        super().__init__(view)
        self.offset = offset
        """Offset in `Document.text` of the first visible line."""
        self.seen = offset if seen is None else seen
        """Offset just past the last visible line (the text's length at its end)."""
        self.percent = percent
        """How much has been read: `seen` as a whole percentage, rounded down."""
        self.section = section
        """The heading trail at the top line ("Part I › Chapter 3")."""


class FootnoteOpened(ViewMessage, namespace=NAMESPACE):
    """A footnote marker was followed: its label and the note's text ("" if missing)."""

    def __init__(self, label: str, text: str, view: TextCanvas | None = None) -> None:
        super().__init__(view)
        self.label = label
        """The note label as the text shows it (`16`, `a`, `1*`)."""
        self.text = text
        """The note's projection, `[16] ...`, or "" when the text does not define it."""


class FootnotePreviewRequested(ViewMessage, namespace=NAMESPACE):
    """The reader asked to read a note without leaving the text: whoever owns the
    screens shows it in a popup, and calls `follow_marker(marker)` on the view if the
    reader chooses to go to it."""

    def __init__(
        self, label: str, text: str, marker: Marker, view: TextCanvas | None = None
    ) -> None:
        super().__init__(view)
        self.label = label
        """The note label as the text shows it."""
        self.text = text
        """The note's projection."""
        self.marker = marker
        """The marker the note belongs to."""


class FindRequested(ViewMessage, namespace=NAMESPACE):
    """The reader pressed `/`: whoever owns the screens asks for the text to find (the
    prompt of `reader.ui.screens.find_prompt`), calling `changed` after every edit and
    `done` with the query (None if cancelled)."""

    def __init__(
        self,
        initial: str,
        changed: Callable[[str], None],
        done: Callable[[str | None], None],
        view: TextCanvas | None = None,
    ) -> None:
        super().__init__(view)
        self.initial = initial
        """The query the prompt starts with (the last one found)."""
        self.changed = changed
        """Called with the query after every edit: the view finds as the reader types."""
        self.done = done
        """Called once with the query, or None when the prompt was cancelled."""


class FindFinished(ViewMessage, namespace=NAMESPACE):
    """An in-document find completed: the query and how many matches it has."""

    def __init__(self, query: str, count: int, view: TextCanvas | None = None) -> None:
        super().__init__(view)
        self.query = query
        self.count = count


class DocumentShown(ViewMessage, namespace=NAMESPACE):
    """The view started showing another document (its annotations can be drawn now)."""

    def __init__(self, document: Document, view: TextCanvas | None = None) -> None:
        super().__init__(view)
        self.document = document


class AnnotationRequested(ViewMessage, namespace=NAMESPACE):
    """The reader asked for something to be done with annotations in this view.

    `action` says what: "annotate" (highlight [start, end) and open the note editor),
    "highlight" (a bare highlight of [start, end)), "edit", "recolour", "delete" or
    "external" (the note in $EDITOR) of the annotation `annotation_id`, "undo" / "redo"
    (the last change to the document's annotations), "document" (a note on the whole
    document). The view knows where things are; whoever keeps the annotations does the
    rest.
    """

    def __init__(
        self,
        action: AnnotationAction,
        *,
        start: int | None = None,
        end: int | None = None,
        annotation_id: str | None = None,
        view: TextCanvas | None = None,
    ) -> None:
        super().__init__(view)
        self.action: AnnotationAction = action
        self.start = start
        self.end = end
        self.annotation_id = annotation_id


class JumpRequested(ViewMessage, namespace=NAMESPACE):
    """Ctrl+O (or its forward key) goes to another document: the screen opens
    `doc_id` in the view and shows `offset` a third of the way down."""

    def __init__(self, view: TextCanvas, doc_id: str, offset: int) -> None:
        super().__init__(view)
        self.doc_id = doc_id
        self.offset = offset


class HitWalkRequested(ViewMessage, namespace=NAMESPACE):
    """n or N while the library search's hits are marked: the screen walks every hit
    of the results, crossing into the next document at the end of this one."""

    def __init__(self, view: TextCanvas, forward: bool) -> None:
        super().__init__(view)
        self.forward = forward


class AnnotationPointed(ViewMessage, namespace=NAMESPACE):
    """The caret came onto another highlight (`annotation_id`), for what is shown about
    it (how many notes link to it)."""

    def __init__(self, annotation_id: str, view: TextCanvas | None = None) -> None:
        super().__init__(view)
        self.annotation_id = annotation_id


class LinkPointed(ViewMessage, namespace=NAMESPACE):
    """The caret came onto a link (`url`) or left one (`url` is "")."""

    def __init__(self, url: str, view: TextCanvas | None = None) -> None:
        super().__init__(view)
        self.url = url
        """The link's address as the text gives it (shown literally, never obeyed)."""
