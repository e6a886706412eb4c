"""The import prompt: which file, folder or web address to import into the library.

A one-line modal at the bottom of the screen. Enter dismisses with what was typed (a
path, `~` for the home folder, or an http(s) URL), Esc with None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.ui.display import safe


class ImportPrompt(ModalScreen[str | None]):
    """Asks for the document to import."""

    DEFAULT_CSS = """
    ImportPrompt { align: center bottom; background: transparent; }
    ImportPrompt > #import-box { dock: bottom; height: auto; background: $surface; }
    ImportPrompt #import-what { padding: 0 1; color: $text-muted; }
    ImportPrompt Input { border: tall $accent; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="import-box"):
            yield Static(
                safe(
                    "Import a file, a folder of documents or a web address "
                    "(Enter imports, Esc cancels)"
                ),
                id="import-what",
            )
            yield Input(placeholder="~/saved/page.html, ~/books/, https://...", id="import-path")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if typed:
            self.dismiss(typed)

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)
