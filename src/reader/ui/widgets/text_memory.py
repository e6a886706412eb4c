"""What the reading view remembers: reading positions, marks and the jump list.

Reading positions are kept per document across runs (`reader.core.positions`) and
restored when a document is shown again; `m` and a letter set a mark at the top line,
`'` and a letter go back to it; every jump (a mark, a search hit, a section, the start
or end) is recorded so Ctrl+O comes back. A mixin of `TextView`.
"""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.timer import Timer

from reader.core.positions import ReadingPositions
from reader.ui.services import services
from reader.ui.widgets.text_canvas import TextCanvas

JUMP_HISTORY = 100
SAVE_DELAY = 1.0
"""Seconds of stillness before the reading position is written to disk."""


class ReadingMemory(TextCanvas):
    """Reading positions, marks and the jump list of one view."""

    _save_timer: Timer | None = None
    _pending_key: Literal["mark", "jump"] | None = None
    _problem_shown: str | None = None

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._jumps: list[int] = []

    def _remembered_offset(self, doc_id: str) -> int | None:
        store = self._store()
        return store.offset(doc_id) if store else None

    def _record_jump(self) -> None:
        if self.document is None:
            return
        here = self.top_offset
        if not self._jumps or self._jumps[-1] != here:
            self._jumps.append(here)
            del self._jumps[:-JUMP_HISTORY]

    def action_back(self) -> None:
        """Go back to where the last jump started."""
        if not self._jumps:
            # A link followed from another document: back there (see ui.linking).
            found = services(self.app)
            if found is None or not found.back_across_documents():
                self.app.bell()
            return
        self.scroll_to_offset(self._jumps.pop(), record_jump=False)

    def _store(self) -> ReadingPositions | None:
        """The reading-position store: given, or the one in the app's state folder
        (`app.folders.state`), or none."""
        if not self._positions_checked:
            self._positions_checked = True
            found = services(self.app)
            if found is not None:
                self._positions = ReadingPositions.in_folder(found.folders.state)
        if self._positions is not None:
            self._report_problem(self._positions)
        return self._positions

    def _report_problem(self, store: ReadingPositions) -> None:
        # Loading and saving may each set `problem`; each one is shown once.
        if store.problem and store.problem != self._problem_shown:
            self._problem_shown = store.problem
            self.notify(store.problem, severity="warning", markup=False)

    def _remember_position(self, *, save: bool) -> None:
        if self.document is None or self._layout is None:
            return
        store = self._store()
        if store is None:
            return
        store.remember(self.document.id, self.top_offset, self.document.text_hash)
        if save:
            self._save_positions()
        elif self.is_mounted:
            if self._save_timer is not None:
                self._save_timer.stop()
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_positions)

    def _save_positions(self) -> None:
        store = self._positions
        if store is None:
            return
        try:
            store.save()
        except OSError as exc:
            self.notify(
                f"Could not save the reading position: {exc}", severity="warning", markup=False
            )
            return
        self._report_problem(store)  # a damaged file moved aside says where it went

    def on_unmount(self) -> None:
        """Keep the reader's place when the view (or the app) goes away."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._remember_position(save=True)

    def action_begin_mark(self) -> None:
        """m: the next letter names a mark set at the top line."""
        self._pending_key = "mark"

    def action_begin_jump(self) -> None:
        """': the next letter names the mark to go to."""
        self._pending_key = "jump"

    def on_key(self, event: events.Key) -> None:
        """Take the letter after m or ' (before any binding sees it)."""
        if self._pending_key is None:
            return
        pending, self._pending_key = self._pending_key, None
        event.stop()
        event.prevent_default()
        letter = event.character or ""
        if event.key == "escape":
            return
        if len(letter) != 1 or not letter.isalpha():
            self.notify("A mark is named by a letter", severity="warning")
            return
        if pending == "mark":
            self.set_mark(letter)
        else:
            self.jump_to_mark(letter)

    def set_mark(self, letter: str) -> None:
        """Set mark `letter` at the top line of the current document."""
        store = self._store()
        if self.document is None or store is None:
            return
        store.set_mark(self.document.id, letter, self.top_offset)
        self._save_positions()
        self.notify(f"Mark {letter} set", timeout=1.5)

    def jump_to_mark(self, letter: str) -> None:
        """Go to mark `letter` (a jump)."""
        store = self._store()
        offset = store.mark(self.document.id, letter) if store and self.document else None
        if offset is None:
            self.notify(f"No mark {letter} in this text", severity="warning")
            return
        self.scroll_to_offset(offset)
