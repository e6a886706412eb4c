"""The question asked when the app is quit with changes to notes not saved yet.

A change is unsaved only when its file could not be written (broken by hand, locked
by another copy for too long, a full disk). It is kept in the recovery file in the
state folder and offered back at the next start, but quitting still asks first:
y quits, Esc (the safe answer) stays.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.ui.display import safe


class QuitPrompt(ModalScreen[bool]):
    """Quit (True) or stay (False)."""

    DEFAULT_CSS = """
    QuitPrompt { align: center middle; }
    QuitPrompt > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    QuitPrompt #quit-buttons { height: auto; align-horizontal: right; }
    QuitPrompt Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Quit", id="quit.yes"),
        Binding("escape,n", "answer(False)", "Stay", id="quit.no"),
    ]

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self._titles = titles

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Unsaved notes"
            yield Static(
                safe(
                    "Changes to the notes on "
                    + ", ".join(f"“{t}”" for t in self._titles)
                    + " could not be saved yet. They are kept in a recovery file and "
                    "offered back at the next start. Quit anyway?"
                )
            )
            with Horizontal(id="quit-buttons"):
                yield Button("Quit (y)", variant="error", id="quit-yes")
                yield Button("Stay (Esc)", variant="primary", id="quit-no")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)

    @on(Button.Pressed, "#quit-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit-no")
    def _no(self) -> None:
        self.dismiss(False)
