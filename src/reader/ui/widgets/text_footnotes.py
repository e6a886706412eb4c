"""Footnotes in the reading view: a cursor over the markers, a note shown in a popup.

`f` and `F` move a cursor over the footnote markers on screen, Enter (or a click on a
marker) shows the note in a popup over the text (reader.ui.screens.footnote); Enter
there jumps to the note (Ctrl+O comes back) and posts `FootnoteOpened`, Esc closes it
and leaves the text where it was.

Links are drawn underlined; with the caret on one its URL is on the status line
(`LinkPointed`), and `O` opens it in the system's browser (Python's `webbrowser`): the
link under the caret, else the first on screen. Only web and mail addresses are opened.
A mixin of `TextView`.
"""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from textual import events

from reader.core.document import Marker
from reader.ui.display import safe_str
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import FootnoteOpened, FootnotePreviewRequested
from reader.ui.widgets.text_style import PREFIX

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The links `O` hands to the browser; anything else (file:, javascript:) is refused."""


class Footnotes(TextCanvas):
    """The marker cursor and following markers to their notes."""

    # Provided by CaretSelection (the caret and the selection of the same TextView).
    @property
    def caret(self) -> int | None:
        raise NotImplementedError

    def _reset_document_state(self) -> None:
        super()._reset_document_state()
        self._marker_cursor: Marker | None = None

    def _markers_on_screen(self) -> list[Marker]:
        if self.document is None:
            return []
        first, last = self._visible_span()
        return [m for m in self.document.markers if first <= m.start < last]

    def _move_marker_cursor(self, forward: bool) -> None:
        if self.document is None or not self.document.markers:
            self.app.bell()
            return
        markers = self.document.markers
        first, last = self._visible_span()
        cursor = self._marker_cursor
        if cursor is None or not first <= cursor.start < last:
            ahead = [m for m in markers if m.start >= first] if forward else []
            behind = [m for m in markers if m.start < last] if not forward else []
            candidates = ahead if forward else behind
            chosen = (candidates[0] if forward else candidates[-1]) if candidates else None
        else:
            i = markers.index(cursor) + (1 if forward else -1)
            chosen = markers[i] if 0 <= i < len(markers) else None
        if chosen is None:
            self.app.bell()
            return
        self._marker_cursor = chosen
        self._highlights.set("marker-cursor", [(chosen.start, chosen.end)], "marker-cursor")
        self._reveal(chosen.start)
        self.refresh()

    def action_next_marker(self) -> None:
        """Select the next footnote marker (Enter follows it)."""
        self._move_marker_cursor(True)

    def action_previous_marker(self) -> None:
        """Select the previous footnote marker."""
        self._move_marker_cursor(False)

    def action_follow_footnote(self) -> None:
        """Follow the selected footnote marker, or the first one on screen."""
        on_screen = self._markers_on_screen()
        cursor = self._marker_cursor
        marker = cursor if cursor is not None and cursor in on_screen else None
        if marker is None and on_screen:
            marker = on_screen[0]
        if marker is None:
            self.notify("No footnote marker on screen", timeout=2)
            return
        self.show_marker(marker)

    def show_marker(self, marker: Marker) -> None:
        """Ask for the note `marker` points at to be shown in a popup (Enter there goes
        to it); the app owns the screens (`FootnotePreviewRequested`)."""
        if self.document is None:
            return
        note = self.document.marker_definition(marker)
        self._marker_cursor = marker
        self._highlights.set("marker-cursor", [(marker.start, marker.end)], "marker-cursor")
        self.refresh()
        if note is None:
            self.follow_marker(marker)  # says the note is missing
            return

        self.post_message(FootnotePreviewRequested(marker.label, note.text, marker, self))

    def follow_marker(self, marker: Marker) -> None:
        """Go to the note `marker` points at (a jump) and post FootnoteOpened."""
        if self.document is None:
            return
        note = self.document.marker_definition(marker)
        self._marker_cursor = marker
        self._highlights.set("marker-cursor", [(marker.start, marker.end)], "marker-cursor")
        if note is None:
            self.notify(
                f"Note {marker.label} is not in this text", severity="warning", markup=False
            )
            self.post_message(FootnoteOpened(marker.label, "", self))
            return
        self._highlights.set("current", [(note.start, note.end)], f"{PREFIX}current")
        self.scroll_to_offset(note.start)
        self.refresh()
        self.post_message(FootnoteOpened(marker.label, note.text, self))

    def on_click(self, event: events.Click) -> None:
        """Clicking a footnote marker follows it."""
        point = event.get_content_offset(self)
        if point is None or self.document is None:
            return
        offset = self.offset_at_point(point.x, point.y)
        if offset is None:
            return
        for marker in self.document.markers:
            if marker.start <= offset < marker.end:
                self.show_marker(marker)
                return

    def _links_on_screen(self) -> list[str]:
        if self.document is None:
            return []
        first, last = self._visible_span()
        return [
            span.data
            for block in self.document.blocks
            if block.end > first and block.start < last
            for span in block.spans
            if span.kind == "link" and first <= block.start + span.start < last
        ]

    def action_open_link(self) -> None:
        """Open the link under the caret (else the first on screen) in the browser."""
        caret = self.caret
        url = self.document.link_at(caret) if self.document and caret is not None else ""
        if not url:
            on_screen = self._links_on_screen()
            url = on_screen[0] if on_screen else ""
        if not url:
            self.notify("No link here: put the caret on an underlined link", timeout=3)
            return
        if urlsplit(url).scheme.lower() not in OPENABLE_SCHEMES:
            self.notify(
                f"Not a web address, not opened: {safe_str(url)}", severity="warning", markup=False
            )
            return
        self.notify(f"Opening {safe_str(url)}", timeout=3, markup=False)
        self.run_worker(lambda: webbrowser.open(url), thread=True, exit_on_error=False)
