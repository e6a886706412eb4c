"""What a reading view shows over its text: the highlights and notes, and the search marks.

A base of `MainScreen`, and the one place that draws on the views. When a view starts
showing a document (`TextView.DocumentShown`), its annotations are read again (hand
edits count; the annotator reports a broken file or annotations that lost their place)
and drawn. Whenever the screen shows a document in a view (opened, walked to, gone
back to), the terms of the library search in force are found in it (in a worker) and
marked, or the marks of an older search cleared. When the annotations of a document
change, every view showing it draws them again, the library pane counts them again and
the notes view, when shown, lists them again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work

from reader.core.catalog import note_count
from reader.core.library import Library
from reader.ui.messages import HighlightsFound
from reader.ui.screens.screen_parts import ScreenParts
from reader.ui.services import services
from reader.ui.widgets.side_panel import NOTES
from reader.ui.widgets.text_messages import AnnotationSpan, DocumentShown

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationFile
    from reader.core.document import Document
    from reader.core.search import LibraryIndex
    from reader.core.search.walk import HitWalk
    from reader.ui.annotation_actions import Annotator
    from reader.ui.widgets.text_view import TextView

SEARCH_LAYER = "search"
CURRENT_LAYER = "current"
SEARCH_STYLE = "text-view--search"
CURRENT_STYLE = "text-view--current"


def spans_of(annotations: AnnotationFile) -> list[AnnotationSpan]:
    """The annotations of a file as the view draws them (placed ones only)."""
    spans: list[AnnotationSpan] = []
    for item in annotations.items():
        if item.start is None or item.end is None:
            continue
        a = item.annotation
        spans.append(AnnotationSpan(item.start, item.end, a.colour, bool(a.note.strip()), a.id))
    return spans


class ViewMarks(ScreenParts):
    """Draws annotations and search marks on the reading views (see the module)."""

    library: Library
    index: LibraryIndex | None
    search_query: str
    """The query whose terms are marked in the reading views ("" for none)."""
    walk: HitWalk | None = None

    def _annotator(self) -> Annotator | None:
        found = services(self.app)
        annotator: Annotator | None = found.annotations() if found is not None else None
        return annotator

    # --- annotations --------------------------------------------------------------------
    @on(DocumentShown)
    def draw_annotations_shown(self, message: DocumentShown) -> None:
        """A view started showing a document: read its annotations again and draw them."""
        from reader.ui.widgets.text_view import TextView

        view, document = message.view, message.document
        annotator = self._annotator()
        if isinstance(view, TextView) and annotator is not None:
            annotations = annotator.read_again(document.id)
            if annotations is not None:
                view.set_annotations(spans_of(annotations))
        self.side.notes.current_doc = document.id

    def annotations_changed(self, doc_id: str) -> None:
        """The annotations of `doc_id` changed: draw, count and list them again."""
        annotator = self._annotator()
        annotations = annotator.open(doc_id) if annotator is not None else None
        if annotations is not None:
            for view in self.reading.open_views:
                if view.document is not None and view.document.id == doc_id:
                    view.set_annotations(spans_of(annotations))
        if annotations is not None and annotations.error is None:
            count = note_count(self.library, doc_id, annotations)
            pane = self.library_pane
            pane.set_entries(
                [replace(e, notes=count) if e.doc_id == doc_id else e for e in pane.entries]
            )
        if self.side.display and self.side.page == NOTES:
            self.side.notes.reload()

    # --- search marks -------------------------------------------------------------------
    def mark_search(self, view: TextView, document: Document) -> None:
        """The screen shows `document` in `view`: mark the terms of the search in force
        (or clear an older search's marks), and no hit as the current one."""
        if self.search_query:
            self.find_highlights(view.id or "", document.id, self.search_query)
        else:
            view.clear_highlights(SEARCH_LAYER)
        view.clear_highlights(CURRENT_LAYER)

    @work(thread=True, group="highlights", exit_on_error=False)
    def find_highlights(self, view_id: str, doc_id: str, query: str) -> None:
        """Find every occurrence of the query's terms in a document, for one view."""
        index = self.index
        if index is None:
            return
        ranges = index.terms_in(doc_id, query)
        self.post_message(HighlightsFound(view_id, doc_id, query, ranges))

    @on(HighlightsFound)
    def highlights_found(self, message: HighlightsFound) -> None:
        from reader.ui.widgets.text_view import TextView

        view = self.reading.query_one(f"#{message.view_id}", TextView)
        if view.document is None or view.document.id != message.doc_id:
            return
        if message.query != self.search_query:
            return
        view.set_highlights(SEARCH_LAYER, message.ranges, SEARCH_STYLE)
        view.walks_search_results = self.walk is not None
