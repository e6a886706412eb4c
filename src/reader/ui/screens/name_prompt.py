"""A one-line prompt for a name (a saved search): Enter gives it, Esc cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NamePrompt(ModalScreen[str | None]):
    """Asks for a name; dismissed with it, or None if cancelled."""

    DEFAULT_CSS = """
    NamePrompt { align: center bottom; background: transparent; }
    NamePrompt > #name-box { dock: bottom; height: auto; background: $surface; }
    NamePrompt #name-what { padding: 0 1; color: $text-muted; }
    NamePrompt Input { border: tall $accent; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name.cancel")]

    def __init__(self, what: str) -> None:
        """`what` says what the name is for."""
        super().__init__()
        self._what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(f"{self._what} (Enter saves, Esc cancels)", id="name-what", markup=False)
            yield Input(placeholder="a name: letters, digits, . - _", id="name-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without a name."""
        self.dismiss(None)
