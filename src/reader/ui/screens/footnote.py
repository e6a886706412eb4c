"""A footnote in a popup over the text: read it where you are, or go to it.

Following a footnote marker (Enter on it, `f` then Enter, or a click) shows the note
here; the reading view stays where it was. Enter goes to the note in the text (Ctrl+O
comes back), Esc closes the popup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.display import safe


class FootnoteScreen(ModalScreen[bool]):
    """One note's text; dismissed with True when the reader asks to go to it."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("enter", "go", "Go to the note"),
    ]

    def __init__(self, label: str, text: str) -> None:
        super().__init__()
        self.label = label
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="footnote-body") as body:
            body.border_title = f"Note {self.label}"
            body.border_subtitle = "Enter: go to it in the text · Esc: close"
            yield Static(safe(self.text, newlines=True), id="footnote-text")

    def action_close(self) -> None:
        """Close the popup; the text stays where it was."""
        self.dismiss(False)

    def action_go(self) -> None:
        """Close the popup and go to the note in the text."""
        self.dismiss(True)
