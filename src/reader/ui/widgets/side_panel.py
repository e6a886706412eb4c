"""The side panel: the table of contents, the library search or the notes, one at a time.

The pages sit in a ContentSwitcher under a row of tabs that can be clicked (the tabs
take no focus, so Tab moves between panes, not between tabs). The pages are made with
the panel, not composed later, so they can be reached the moment the panel is mounted
(the main screen mounts it when first needed or just after the first frame).
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Tab, Tabs

from reader.ui.widgets.contents_list import ContentsList
from reader.ui.widgets.notes_panel import NotesPanel
from reader.ui.widgets.search_panel import SearchPanel

CONTENTS = "contents"
SEARCH = "search"
NOTES = "notes"


class PanelTabs(Tabs, can_focus=False):
    """Tabs that switch pages by click only (keys switch pages through the app)."""


class SidePanel(Vertical):
    """Contents and search results for the document being read."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            PanelTabs(
                Tab("Contents", id=CONTENTS), Tab("Search", id=SEARCH), Tab("Notes", id=NOTES)
            ),
            ContentSwitcher(
                ContentsList(id=CONTENTS),
                SearchPanel(id=SEARCH),
                NotesPanel(id=NOTES),
                initial=CONTENTS,
            ),
            id=id,
        )
        self.border_title = "Contents"

    def on_mount(self) -> None:
        if self.contents.document is None:
            self.contents.show_document(None)

    @property
    def contents(self) -> ContentsList:
        """The table of contents page."""
        return self.query_one(ContentsList)

    @property
    def search(self) -> SearchPanel:
        """The search page."""
        return self.query_one(SearchPanel)

    @property
    def notes(self) -> NotesPanel:
        """The notes page."""
        return self.query_one(NotesPanel)

    @property
    def page(self) -> str:
        """The page shown: "contents" or "search"."""
        return self.query_one(ContentSwitcher).current or CONTENTS

    def show_page(self, page: str) -> None:
        """Show a page (and select its tab)."""
        self.query_one(ContentSwitcher).current = page
        tabs = self.query_one(PanelTabs)
        if tabs.active != page:
            tabs.active = page
        self.border_title = {SEARCH: "Search", NOTES: "Notes"}.get(page, "Contents")

    def focus_target(self) -> Widget:
        """The widget that takes focus when the panel does."""
        if self.page == SEARCH:
            hits = self.search.query_one("#search-hits")
            return hits if self.search.hits() else self.search.query_one("#search-input")
        if self.page == NOTES:
            notes = self.notes
            return (
                notes.query_one("#notes-list") if notes.notes else notes.query_one("#notes-filter")
            )
        return self.contents

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id is not None and event.tab.id != self.page:
            self.show_page(event.tab.id)
