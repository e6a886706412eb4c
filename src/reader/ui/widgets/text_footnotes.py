"""Footnotes in the reading view: a cursor over the markers, following one to its note.

`f` and `F` move a cursor over the footnote markers on screen, Enter (or a click on a
marker) follows it: the view jumps to the note (Ctrl+O comes back) and posts
`FootnoteOpened`. A mixin of `TextView`.
"""

from __future__ import annotations

from textual import events

from reader.core.document import Marker
from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_messages import FootnoteOpened
from reader.ui.widgets.text_style import PREFIX


class Footnotes(TextCanvas):
    """The marker cursor and following markers to their notes."""

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
        self.follow_marker(marker)

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
                self.follow_marker(marker)
                return
