"""Walking the library search's hits across documents, and going back across them.

A base of `MainScreen`. Once a hit is opened, n and N walk every hit of the results
(`HitWalk`), opening the next document at the end of one, and the status line says
"hit 7 of 25 · document 2 of 3". Walking is not jumping: Ctrl+O goes back to where the
search started, and Ctrl+O (or Ctrl+Y) back into another document opens it there
(`JumpRequested`). Documents are read once and kept while their file is unchanged, for
the walk and for the search's workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on

from reader.core.errors import ReaderError
from reader.ui.screens.view_marks import SEARCH_LAYER, ViewMarks
from reader.ui.widgets.text_messages import HitWalkRequested, JumpRequested

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.core.search.walk import WalkStep
    from reader.ui.widgets.text_view import TextView

DOCUMENT_CACHE = 32


class HitWalking(ViewMarks):
    """The walk through the search's hits, and the jump list across documents."""

    _documents: dict[str, tuple[int, Document]] | None = None
    """The documents read (file stamp, document), made on first use."""

    # Provided by MainScreen.
    def _document_shown(self, view: TextView, document: Document) -> None:
        raise NotImplementedError

    # --- documents, read once -----------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        """Document `doc_id`, parsed again only when its file changed (thread-safe
        enough: the worst case parses a text twice)."""
        if self._documents is None:
            self._documents = {}
        documents = self._documents
        path = self.library.text_path(doc_id)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = -1
        cached = documents.get(doc_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        document = self.library.load(doc_id)
        documents[doc_id] = (stamp, document)
        while len(documents) > DOCUMENT_CACHE:
            del documents[next(iter(documents))]
        return document

    def _load_or_none(self, doc_id: str) -> Document | None:
        try:
            return self.document(doc_id)
        except ReaderError:
            return None

    # --- walking ------------------------------------------------------------------------
    def _show_walk(self, doc_id: str, start: int) -> None:
        index = self.walk.index_of(doc_id, start) if self.walk is not None else None
        self.status.show_walk(self.walk.where(index) if self.walk and index is not None else "")

    @on(HitWalkRequested)
    def walk_requested(self, message: HitWalkRequested) -> None:
        from reader.ui.widgets.text_view import TextView

        view = message.view
        walk = self.walk
        if not isinstance(view, TextView) or view.document is None:
            return
        if walk is None or not len(walk) or walk.query != self.search_query:
            view.walks_search_results = False
            view.next_highlight(SEARCH_LAYER, message.forward)
            return
        step = walk.next_from(
            view.document.id, view.walk_reference(message.forward), message.forward
        )
        if step is None:
            return
        if step.wrapped:
            where = "first" if message.forward else "last"
            self.notify(f"Past the end of the results: back to the {where} hit", timeout=2)
        self.go_to_step(view, step)

    def go_to_step(self, view: TextView, step: WalkStep) -> None:
        """Show hit `step` of the walk in `view` (opening its document: not a jump)."""
        other = view.document is None or view.document.id != step.doc_id
        if other and not self._open_in(view, step.doc_id, step.start, "Cannot open"):
            return
        view.go_to_hit(step.start, step.end)
        if self.walk is not None:
            self.status.show_walk(self.walk.where(step.index))

    def _open_in(self, view: TextView, doc_id: str, offset: int, failure: str) -> bool:
        """Show `doc_id` at `offset` in `view` (not a jump); False, with the reason
        notified under `failure`, when it cannot be read."""
        try:
            document = self.document(doc_id)
        except ReaderError as exc:
            self.notify(str(exc), title=failure, severity="error", markup=False)
            return False
        self.reading.open_in(view, document, offset, record_jump=False)
        self._document_shown(view, document)
        return True

    # --- going back across documents ----------------------------------------------------
    @on(JumpRequested)
    def jump_requested(self, message: JumpRequested) -> None:
        """Ctrl+O (or Ctrl+Y) back to another document: open it there."""
        from reader.ui.widgets.text_view import TextView

        view = message.view
        if not isinstance(view, TextView):
            return
        if self._open_in(view, message.doc_id, message.offset, "Cannot go back"):
            self.status.show_walk("")
