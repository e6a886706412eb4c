"""The status line: where the reader is (title, section, percent) and what runs behind.

The left side is the breadcrumb of the active reading view; then which hit of the
library search is shown (when walking them with n and N) and the URL of the link under
the caret, if any; the right side says what the index is doing (building with
progress, ready) so a search that waits says why.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from reader.core.column_fit import fit_parts
from reader.core.reading_progress import percent_label
from reader.core.safetext import displayable
from reader.ui.display import safe

JOINER = " › "


class Breadcrumb(Widget):
    """The title and section of the text being read, fitted to the room the status line
    leaves it: when both do not fit, each is elided in the middle (keeping its start and
    end) so that neither disappears; or a plain message when no text is open."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = ""
        self._section = ""
        self._message = ""

    def show(self, title: str, section: str) -> None:
        """Show the title and section (redrawn to fit whenever the width changes)."""
        self._title, self._section, self._message = title, section, ""
        self.refresh()

    def show_message(self, text: str) -> None:
        """Show a plain message instead of a title and section."""
        self._title, self._section, self._message = "", "", text
        self.refresh()

    def render(self) -> Content:
        if not self._title:
            return safe(self._message)
        title, section = fit_parts(
            displayable(self._title),
            displayable(self._section),
            self.content_size.width,
            JOINER,
        )
        shown = safe(title, "bold")
        return shown.append(Content(JOINER)).append(safe(section)) if section else shown


class StatusBar(Horizontal):
    """One line: breadcrumb and percent on the left, background work on the right."""

    where_text = ""
    """The breadcrumb as plain text (for tests and the terminal title)."""
    work_text = ""
    """The background-work text as plain text."""
    walk_text = ""
    """Where n and N are among the search's hits ("hit 7 of 25 · document 2 of 3")."""
    link_text = ""
    """The URL of the link under the caret ("" when none)."""

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="status-where")
        yield Static("", id="status-percent", markup=False)
        yield Static("", id="status-walk", markup=False)
        link = Static("", id="status-link", markup=False)
        link.display = False
        yield link
        yield Static("", id="status-work", markup=False)

    def show_walk(self, text: str) -> None:
        """Say which hit of the search is shown ("" to say nothing)."""
        self.query_one("#status-walk", Static).update(text)
        self.walk_text = text

    def show_position(self, title: str, section: str, percent: int) -> None:
        """Show the breadcrumb of the active view. The percent (written as the library
        writes it) has a place of its own at the right of it, so a long title or section
        is elided, never the percent."""
        shown = percent_label(percent)
        self.query_one(Breadcrumb).show(title, section)
        self.query_one("#status-percent", Static).update(Content.styled(shown, "$text-accent"))
        trail = displayable(title) + (JOINER + displayable(section) if section else "")
        self.where_text = f"{trail}  {shown}"

    def clear_position(self, text: str = "") -> None:
        """Show no breadcrumb (no document open)."""
        self.query_one(Breadcrumb).show_message(text)
        self.query_one("#status-percent", Static).update("")
        self.where_text = text

    def show_work(self, text: str) -> None:
        """Say what runs in the background ("" when nothing does)."""
        self.query_one("#status-work", Static).update(safe(text))
        self.work_text = text

    def show_link(self, url: str) -> None:
        """Show the URL of the link under the caret ("" hides it)."""
        shown = self.query_one("#status-link", Static)
        shown.update(safe(f"↗ {url}" if url else ""))
        shown.display = bool(url)
        self.link_text = url
