"""The reading area: one reading view, or two side by side to compare sources.

The first view is always there; the second appears when a document is opened beside
(and goes when it is closed). The view that last had focus is the *active* one: the
breadcrumb follows it and search hits open in it. Before anything is opened a short
hint says how to start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from reader.core.document import Document
from reader.ui.widgets.text_view import TextView

WELCOME = (
    "Choose a document and press Enter\n\n"
    "s       search the library\n"
    "Ctrl+P  commands\n"
    "F1      every key\n"
    "q       quit"
)


class ReadingArea(Horizontal):
    """One or two TextViews."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active_index = 0

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="welcome", markup=False)
        yield TextView(id="view-1", classes="reading-view")
        yield TextView(id="view-2", classes="reading-view")

    def on_mount(self) -> None:
        for view in self.views:
            view.display = False

    @property
    def views(self) -> list[TextView]:
        """Both views, first then second (the second may be hidden)."""
        return [self.query_one("#view-1", TextView), self.query_one("#view-2", TextView)]

    @property
    def open_views(self) -> list[TextView]:
        """The views that show a document."""
        return [v for v in self.views if v.display and v.document is not None]

    @property
    def active(self) -> TextView:
        """The view search hits and breadcrumbs refer to."""
        views = self.views
        if self.active_index == 1 and views[1].display:
            return views[1]
        return views[0]

    @property
    def split(self) -> bool:
        """Whether two documents are shown side by side."""
        return bool(self.views[1].display)

    def open(self, document: Document, offset: int | None, beside: bool = False) -> TextView:
        """Show `document` in the active view, or in the second view when `beside`.

        `offset` None restores the reading position the view remembers for it.
        """
        first, second = self.views
        if beside and first.document is None:
            beside = False  # nothing to compare with yet: open it as the first document
        view = second if beside else self.active
        self.query_one("#welcome").display = False
        view.display = True
        if offset is None:
            view.show(document)
        else:
            view.show(document, offset)
        self.active_index = self.views.index(view)
        self.set_class(self.split, "-split")
        return view

    def close_second(self) -> bool:
        """Close the second view; returns whether one was open."""
        second = self.views[1]
        if not second.display:
            return False
        second.display = False
        self.active_index = 0
        self.set_class(False, "-split")
        return True

    def on_descendant_focus(self, event: object) -> None:
        # The focused view becomes the active one.
        for index, view in enumerate(self.views):
            if view.has_focus:
                self.active_index = index
