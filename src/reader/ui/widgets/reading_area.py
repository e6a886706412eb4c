"""The reading area: one reading view, or two side by side to compare sources.

The first view is always there; the second appears when a document is opened beside
(and goes when it is closed). The view that last had focus is the *active* one: the
breadcrumb follows it and search hits open in it. Before anything is opened a short
hint says how to start.

Each view names what it shows in its border: the title above the text, author and date
below. The border is outside the text, so offsets and the layout are untouched, and in a
split view each side says which source it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from reader.ui.display import safe

if TYPE_CHECKING:
    from reader.core.document import Document
    from reader.ui.widgets.text_view import TextView

# Lines padded to one width, so that centring them keeps the keys in one column.
WELCOME = "\n".join(
    line.ljust(34)
    for line in (
        "Choose a document and press Enter",
        "",
        "s       search the library",
        "Ctrl+P  commands",
        "F1      every key",
        "q       quit",
    )
)


def label_view(view: TextView, document: Document) -> None:
    """Put the document's title (and author, date) in the view's border, literally."""
    # Literal content: a title like "[bold]x" is not read as markup, ESC shows as ␛.
    view.border_title = safe(document.title)
    byline = " · ".join(part for part in (document.author, document.date) if part)
    view.border_subtitle = safe(byline) if byline else None


class ReadingArea(Horizontal):
    """One or two TextViews."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active_index = 0
        self._views: list[TextView] = []

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="welcome", markup=False)

    @property
    def views(self) -> list[TextView]:
        """Both views, first then second (the second may be hidden).

        They are made, hidden, the first time they are asked for: the first frame shows
        the library, and the reading view's code is imported with them, not at start.
        """
        if not self._views:
            from reader.ui.widgets.text_view import TextView

            self._views = [TextView(id=f"view-{n}", classes="reading-view") for n in (1, 2)]
            for view in self._views:
                view.display = False
            self.mount_all(self._views)
        return list(self._views)

    @property
    def open_views(self) -> list[TextView]:
        """The views that show a document (none before the first is opened)."""
        return [v for v in self._views if v.display and v.document is not None]

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
        return len(self._views) == 2 and bool(self._views[1].display)

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
        label_view(view, document)
        if offset is None:
            view.show(document)
        else:
            view.show(document, offset)
        self.active_index = self.views.index(view)
        self.set_class(self.split, "-split")
        return view

    def open_in(
        self, view: TextView, document: Document, offset: int, *, record_jump: bool = True
    ) -> None:
        """Show `document` at `offset` in `view` (one of the views), making it active."""
        label_view(view, document)
        view.show(document, offset, record_jump=record_jump)
        self.active_index = self.views.index(view)

    def close_second(self) -> bool:
        """Close the second view; returns whether one was open."""
        second = self.views[1]
        if not second.display:
            return False
        second.display = False
        self.active_index = 0
        self.set_class(False, "-split")
        self._announce(self.views[0])
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The focused view becomes the active one, and the breadcrumb follows it. The
        # event names the view: `has_focus` may still be true on the view that is losing
        # focus (its Blur is handled in its own queue), so it cannot say which one it is.
        for index, view in enumerate(self.views):
            if view is event.widget and index != self.active_index:
                self.active_index = index
                self._announce(view)

    @staticmethod
    def _announce(view: TextView) -> None:
        # From the view's own queue: a message posted while this area handles an event
        # would stop bubbling here (Textual does not bubble a message past its sender).
        view.call_later(view.announce_position)
