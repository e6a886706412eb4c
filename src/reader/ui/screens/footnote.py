"""The footnote popup: the note a marker points at, over the text; Esc comes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class FootnoteScreen(ModalScreen[None]):
    """One note, shown literally. Escape, Enter or q returns to the text."""

    BINDINGS = [Binding("escape,enter,q", "close", "Back to the text")]

    def __init__(self, label: str, text: str) -> None:
        super().__init__()
        self.label = label
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="footnote-body") as body:
            body.border_title = f"Note {self.label}"
            body.border_subtitle = "Esc to go back"
            yield Static(self.text, markup=False, id="footnote-text")

    def action_close(self) -> None:
        """Back to the text."""
        self.dismiss(None)
