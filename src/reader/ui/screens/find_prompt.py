"""The prompt of find in the document (`/`): a one-line input over the reading view.

A reading view asks for it with `FindRequested` (views never import screens); the app
pushes `FindPrompt` with the view's callbacks. Every edit is reported to the view (which
finds and highlights in a worker as the reader types); Enter dismisses with the query,
Escape with None. A modal screen keeps the view a pure Line-API widget with no children
and keeps the prompt's keys from reaching the view while typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input

from reader.ui.widgets.text_messages import FindRequested


class FindPrompt(ModalScreen[str | None]):
    """Asks for the text to find; dismissed with the query, or None if cancelled."""

    DEFAULT_CSS = """
    FindPrompt {
        align: center bottom;
        background: transparent;
    }
    FindPrompt > Input {
        width: 100%;
        dock: bottom;
        border: tall $accent;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="find.cancel")]
    """Escape closes the prompt without moving."""

    def __init__(self, on_change: Callable[[str], None], initial: str = "") -> None:
        """`on_change` is called with the query after every edit."""
        super().__init__()
        self._on_change = on_change
        self._initial = initial

    def compose(self) -> ComposeResult:
        yield Input(
            value=self._initial,
            placeholder="Find in this text (Enter to go, Esc to cancel)",
            id="find-input",
            select_on_focus=True,
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._on_change(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without finding."""
        self.dismiss(None)


def ask_to_find(app: App[Any], request: FindRequested) -> None:
    """Push the prompt a view asked for (`FindRequested`), wired to its callbacks."""
    app.push_screen(FindPrompt(request.changed, request.initial), request.done)
