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
from textual.widgets import Static

from reader.ui.display import safe


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
        yield Static("", id="status-where", markup=False)
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

    def show_position(self, title: str, section: str, percent: float) -> None:
        """Show the breadcrumb of the active view. The percent has a place of its own at
        the right of it, so a long title or section is elided, never the percent."""
        parts = safe(title, "bold")
        if section:
            parts = parts.append(Content(" › ")).append(safe(section))
        shown = f"{percent:.0f}%"
        self.query_one("#status-where", Static).update(parts)
        self.query_one("#status-percent", Static).update(Content.styled(shown, "$text-accent"))
        self.where_text = f"{parts.plain}  {shown}"

    def clear_position(self, text: str = "") -> None:
        """Show no breadcrumb (no document open)."""
        self.query_one("#status-where", Static).update(safe(text))
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
