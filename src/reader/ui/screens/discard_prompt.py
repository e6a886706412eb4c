"""The question asked when the note editor is closed with changes in it.

Esc in the note editor never throws typed words away silently: this small modal asks
whether to save them, discard them, or go back to editing (Esc, the safe answer).
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Answer = Literal["save", "discard"]


class DiscardPrompt(ModalScreen[Answer | None]):
    """Save, discard, or keep editing (None)."""

    DEFAULT_CSS = """
    DiscardPrompt { align: center middle; }
    DiscardPrompt > Vertical {
        width: 60; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    DiscardPrompt #discard-buttons { height: auto; align-horizontal: right; }
    DiscardPrompt Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="discard.save"),
        Binding("d", "answer('discard')", "Discard", id="discard.discard"),
        Binding("escape", "keep_editing", "Keep editing", id="discard.keep"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Unsaved note"
            yield Static("The note has changes that are not saved.", markup=False)
            with Horizontal(id="discard-buttons"):
                yield Button("Save (s)", variant="primary", id="discard-save")
                yield Button("Discard (d)", variant="error", id="discard-discard")
                yield Button("Keep editing (Esc)", id="discard-keep")

    def action_answer(self, answer: Answer) -> None:
        """Close with the answer."""
        self.dismiss(answer)

    def action_keep_editing(self) -> None:
        """Go back to the editor; nothing is lost."""
        self.dismiss(None)

    @on(Button.Pressed, "#discard-save")
    def _save(self) -> None:
        self.dismiss("save")

    @on(Button.Pressed, "#discard-discard")
    def _discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#discard-keep")
    def _keep(self) -> None:
        self.dismiss(None)
