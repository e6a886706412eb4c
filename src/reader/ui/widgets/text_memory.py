"""What the reading view remembers: reading positions, marks and the jump list.

Reading positions are kept per document across runs (`reader.core.positions`) and
restored when a document is shown again. `m` and a letter set a mark at the line a
third down the view (where jumps show their targets); `'` and a letter go back to it.
Every jump (a mark, a search hit, a section, the start or end, another document) is
recorded so Ctrl+O comes back, and Ctrl+Y goes forward again. The jump list spans
documents: going back to another document asks the screen to open it
(`JumpRequested`). A mixin of `TextView`.
"""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.timer import Timer

from reader.core.positions import ReadingPositions
from reader.ui.services import services
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import JumpRequested

JUMP_HISTORY = 100
Place = tuple[str, int]
"""A place in the jump list: a document id and the offset a third down the view."""
SAVE_DELAY = 1.0
"""Seconds of stillness before the reading position is written to disk."""


class ReadingMemory(TextCanvas):
    """Reading positions, marks and the jump list of one view."""

    _save_timer: Timer | None = None
    _pending_key: Literal["mark", "jump"] | None = None
    _problem_shown: str | None = None
    _jumps: tuple[list[Place], list[Place]] | None = None
    """The back and forward jump lists, made on first use."""

    def _remembered_offset(self, doc_id: str) -> int | None:
        store = self._store()
        return store.offset(doc_id) if store else None

    def _jump_lists(self) -> tuple[list[Place], list[Place]]:
        """The back and forward lists (kept across documents, made on first use)."""
        if self._jumps is None:
            self._jumps = ([], [])
        return self._jumps

    def _here(self) -> Place | None:
        """Where a jump leaves from: the last jump's target while the view has not moved
        since (exactly, whatever the width), else the line a third down."""
        if self.document is None:
            return None
        if self._last_target is not None and self._last_target[1] == self._top_line():
            return (self.document.id, self._last_target[0])
        return (self.document.id, self.focus_offset)

    def _record_jump(self) -> None:
        here = self._here()
        if here is None:
            return
        back, forward = self._jump_lists()
        if not back or back[-1] != here:
            back.append(here)
            del back[:-JUMP_HISTORY]
        forward.clear()

    def action_back(self) -> None:
        """Go back to where the last jump started (in this or another document)."""
        back, forward = self._jump_lists()
        self._go_along(back, forward, back=True)

    def action_forward(self) -> None:
        """Go forward again to where Ctrl+O came back from."""
        back, forward = self._jump_lists()
        self._go_along(forward, back)

    def _go_along(self, source: list[Place], other: list[Place], back: bool = False) -> None:
        here = self._here()
        while source and source[-1] == here:
            source.pop()
        if not source:
            # A link followed from another document: back there (see ui.linking).
            found = services(self.app) if back else None
            if found is None or not found.back_across_documents():
                self.app.bell()
            return
        doc_id, offset = source.pop()
        if here is not None:
            other.append(here)
        if self.document is not None and doc_id == self.document.id:
            self.scroll_to_offset(offset, record_jump=False)
        else:
            self.post_message(JumpRequested(self, doc_id, offset))

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
        store.remember(
            self.document.id, self.top_offset, self.document.text_hash, seen=self.seen_offset()
        )
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
        store.set_mark(self.document.id, letter, self.focus_offset)
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
