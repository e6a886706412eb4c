"""The export prompt: where to write the exported notes.

A one-line modal prefilled with `<folder>/notes-<what>.<ext>` in the default export
folder (the current folder, or the documents folder when that is the library: see
`reader.core.export.where`); a relative path is taken from that folder and `~` is the
home folder. Enter dismisses with the path, Esc with None.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.ui.display import safe


class ExportPrompt(ModalScreen[Path | None]):
    """Asks for the file to export to."""

    DEFAULT_CSS = """
    ExportPrompt { align: center bottom; background: transparent; }
    ExportPrompt > #export-box { dock: bottom; height: auto; background: $surface; }
    ExportPrompt #export-what { padding: 0 1; color: $text-muted; }
    ExportPrompt Input { border: tall $accent; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, what: str, root: Path, default: Path) -> None:
        """`what` says what is exported; relative paths are taken from `root`."""
        super().__init__()
        self._what = what
        self._root = root
        self._default = default

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="export-box"):
            yield Static(
                safe(f"{self._what} (Enter writes the file, Esc cancels)"), id="export-what"
            )
            yield Input(str(self._default), id="export-path")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            return
        from reader.core.export.where import export_path

        self.dismiss(export_path(typed, self._root))

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
