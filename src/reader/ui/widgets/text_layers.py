"""The highlight layers' API of the reading view: set, clear, read and walk them.

Layers (`text_highlights.Highlights`) are named by what they show: "search" (the library
query's terms), "find" (in-document find), "current" (the hit or note being looked at),
"annotation-<colour>". n and N walk the most recently set of "search" and "find" from
the hit last walked to while it is on screen, else from the top of the screen,
wrapping around at either end.

A mixin of `TextView` on `text_canvas.TextCanvas`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.ui.widgets.text_canvas import TextCanvas
from reader.ui.widgets.text_highlights import HighlightLayer
from reader.ui.widgets.text_style import PREFIX


class HighlightLayers(TextCanvas):
    """Highlights set and cleared by layer; the next or previous range of one walked to."""

    def set_highlights(
        self, layer: str, ranges: Sequence[tuple[int, int]], style_class: str
    ) -> None:
        """Highlight `ranges` in layer `layer` with component class `style_class`.

        Layers in use: "search", "find", "current", "annotation-<colour>". n and N walk
        the most recently set of "search" and "find".
        """
        self._highlights.set(layer, ranges, style_class)
        if layer in ("search", "find"):
            self._walk_layer = layer
        self.refresh()

    def clear_highlights(self, layer: str) -> None:
        """Remove highlight layer `layer`."""
        self._highlights.clear(layer)
        if self._walk_layer == layer:
            other = "search" if layer == "find" else "find"
            self._walk_layer = other if self._highlights.get(other) else None
        self.refresh()

    def highlights(self, layer: str) -> list[tuple[int, int]]:
        """The ranges of layer `layer` (empty if it is not set)."""
        found = self._highlights.get(layer)
        return list(found.ranges) if found else []

    def next_highlight(self, layer: str, forward: bool = True) -> tuple[int, int] | None:
        """Move to the next (or previous) range of `layer`, mark it "current", return it.

        Walks from the last range moved to while it is on screen, else from the top
        of the screen; wraps around at either end.
        """
        found = self._highlights.get(layer)
        if self._layout is None or found is None or not found.ranges:
            return None
        hit = self._step(found, forward)
        self._walk_layer = layer
        self._walk_position = hit[0]
        self._highlights.set("current", [hit], f"{PREFIX}current")
        self._reveal(hit[0])
        self.refresh()
        return hit

    def walk_reference(self, forward: bool = True) -> int:
        """Where n (or N) counts from: the hit last walked to while it is on screen,
        else just before (after) the top of the screen."""
        first, last = self._visible_span()
        ref = self._walk_position
        if ref is None or not first <= ref < last:
            ref = first - 1 if forward else first
        return ref

    def _step(self, layer: HighlightLayer, forward: bool) -> tuple[int, int]:
        """The range after (or before) the walking position, wrapping around."""
        ref = self.walk_reference(forward)
        hit = layer.after(ref) if forward else layer.before(ref)
        if hit is None:
            hit = layer.ranges[0] if forward else layer.ranges[-1]
            self.notify("Wrapped around the text", timeout=1.5)
        return hit
