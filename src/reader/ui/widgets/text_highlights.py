"""Highlight layers of the reading view: named sets of offset ranges, each with a style.

Layers are named by what they show: "search" (every occurrence of the library query's
terms), "find" (in-document find), "current" (the hit or note being looked at),
"annotation-<colour>" (the reader's highlights), "selection" and "caret". Each layer
holds ranges sorted by start with a running maximum of their ends, so the ranges
touching one display line are found by bisection even when long ranges (a highlighted
paragraph) overlap short ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HighlightLayer:
    """One named layer: sorted, non-empty ranges and the component class that styles them."""

    name: str
    style_class: str
    ranges: tuple[tuple[int, int], ...]
    _starts: list[int] = field(repr=False, compare=False)
    _max_ends: list[int] = field(repr=False, compare=False)

    @classmethod
    def build(
        cls, name: str, ranges: Sequence[tuple[int, int]], style_class: str
    ) -> HighlightLayer:
        """A layer from ranges in any order (empty and inverted ranges are dropped)."""
        clean = tuple(sorted((a, b) for a, b in ranges if b > a))
        max_ends: list[int] = []
        running = -1
        for _start, end in clean:
            running = max(running, end)
            max_ends.append(running)
        return cls(name, style_class, clean, [a for a, _ in clean], max_ends)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that overlap [start, end), in order."""
        hi = bisect_left(self._starts, end)
        out: list[tuple[int, int]] = []
        i = hi - 1
        # Walk back while some earlier range could still reach into [start, end).
        while i >= 0 and self._max_ends[i] > start:
            a, b = self.ranges[i]
            if b > start:
                out.append((a, b))
            i -= 1
        out.reverse()
        return out

    def after(self, offset: int) -> tuple[int, int] | None:
        """The first range that starts after `offset`."""
        i = bisect_right(self._starts, offset)
        return self.ranges[i] if i < len(self.ranges) else None

    def before(self, offset: int) -> tuple[int, int] | None:
        """The last range that starts before `offset`."""
        i = bisect_left(self._starts, offset)
        return self.ranges[i - 1] if i > 0 else None


class Highlights:
    """Every layer of one view, in the order they are painted (later on top)."""

    # Painting order: annotations under search, search under find, then the current hit,
    # the selection and the caret on top.
    ORDER = ("annotation", "search", "find", "current", "selection", "caret")

    def __init__(self) -> None:
        self._layers: dict[str, HighlightLayer] = {}
        self.generation = 0
        """Bumped on every change, so caches keyed on it are invalidated."""

    def set(self, name: str, ranges: Sequence[tuple[int, int]], style_class: str) -> None:
        """Replace layer `name`."""
        self._layers[name] = HighlightLayer.build(name, ranges, style_class)
        self.generation += 1

    def clear(self, name: str) -> None:
        """Remove layer `name` (no error if absent)."""
        if self._layers.pop(name, None) is not None:
            self.generation += 1

    def clear_all(self) -> None:
        """Remove every layer (a new document is shown)."""
        if self._layers:
            self._layers.clear()
            self.generation += 1

    def get(self, name: str) -> HighlightLayer | None:
        """Layer `name`, if set."""
        return self._layers.get(name)

    def __iter__(self) -> Iterator[HighlightLayer]:
        def rank(layer: HighlightLayer) -> int:
            for i, prefix in enumerate(self.ORDER):
                if layer.name.startswith(prefix):
                    return i
            return 0

        return iter(sorted(self._layers.values(), key=rank))

    def on_line(self, start: int, end: int) -> tuple[tuple[str, int, int], ...]:
        """(style class, start, end) of every highlight on [start, end), in paint order.

        Also the part of the strip cache key that depends on highlights: two lines with
        equal results look the same.
        """
        if end <= start or not self._layers:
            return ()
        out: list[tuple[str, int, int]] = []
        for layer in self:
            for a, b in layer.overlapping(start, end):
                out.append((layer.style_class, max(a, start), min(b, end)))
        return tuple(out)
