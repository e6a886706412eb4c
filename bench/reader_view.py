"""Benchmark: the reading view on a 5 MB text: opening it, and scrolling after a page jump.

Run: `.venv/bin/python bench/reader_view.py [--library DIR] [--size MB] [--repeat N]`.

A synthetic text of about 5 MB is built from the blocks of the library's texts (the
bundled `texts/` by default; `seeds/` paragraphs if there are none), parsed once, then
shown in a headless Textual app at 120x40:

- **open**: `TextView.show(document)` until every visible line is rendered by
  `render_line`, and until the compositor first paints the view; then until the whole text
  is laid out (the view lays out a window around the place shown at once and the rest
  in a worker);
- **scroll**: a jump to a random page, then `render_line` for a screenful (cold cache),
  and one line down from there (warm cache, one new line);
- **baselines in the same run**: reading the text file's bytes, and a plain Textual
  `Static` updated with the same first screen of text and refreshed.

Prints medians (and the best run) in milliseconds, and ratios against the baselines.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from reader.core.document import Document
from reader.core.document_parser import parse_document, split_front_matter
from reader.core.inline import escape_inline
from reader.core.paths import resolve_library
from reader.ui.widgets.text_view import TextView

SIZE = (120, 40)


def source_blocks(root: Path) -> list[str]:
    """Markdown blocks of the library's texts (or plain paragraphs of its seeds)."""
    blocks: list[str] = []
    for path in sorted((root / "texts").glob("*.md")):
        _meta, body, _line = split_front_matter(path.read_text(encoding="utf-8"), path)
        blocks += [b.strip("\n") for b in re.split(r"\n{2,}", body) if b.strip()]
    if not blocks:
        for path in sorted((root / "seeds").glob("*.txt")):
            for para in path.read_text(encoding="utf-8").split("\n"):
                if len(para.strip()) > 20:
                    blocks.append(escape_inline(" ".join(para.split())))
    if not blocks:
        raise SystemExit(f"no texts or seeds under {root} to build the benchmark text from")
    return blocks


def synthetic_source(blocks: list[str], size: int) -> str:
    """About `size` characters of Markdown made by repeating `blocks`, with headings."""
    out = ['+++\ntitle = "Benchmark"\n+++\n']
    total = 0
    i = 0
    while total < size:
        if i % 60 == 0:
            out.append(f"## Part {i // 60 + 1}")
        block = blocks[i % len(blocks)]
        out.append(block)
        total += len(block) + 2
        i += 1
    return "\n\n".join(out) + "\n"


class TimedTextView(TextView):
    """A TextView that notes when the compositor first paints a given document."""

    watched: Document | None = None
    painted_at: float | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.painted_at is None and self.watched is not None and self.document is self.watched:
            self.painted_at = time.perf_counter()
        return lines


class ViewApp(App[None]):
    """A bare app holding one TextView (no state file: positions are not measured)."""

    def compose(self) -> ComposeResult:
        yield TimedTextView()


class StaticApp(App[None]):
    """The baseline: a plain Static."""

    def compose(self) -> ComposeResult:
        yield Static(id="page")


def median_ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.2f} ms, best {min(times) * 1000:7.2f} ms"


async def measure_view(doc: Document, repeat: int) -> dict[str, list[float]]:
    app = ViewApp()
    results: dict[str, list[float]] = {
        "open": [],
        "open_frame": [],
        "whole": [],
        "page": [],
        "line": [],
    }
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(TimedTextView)
        height = view.scrollable_content_region.height
        empty = parse_document("x\n", "empty")

        def render_screen() -> None:
            for y in range(height):
                view.render_line(y)

        for _ in range(repeat):
            view.show(empty, 0)
            await pilot.pause()
            t0 = time.perf_counter()
            view.show(doc, 0)
            render_screen()
            results["open"].append(time.perf_counter() - t0)
            while view.text_layout is None or view.text_layout.is_window:
                await asyncio.sleep(0.0005)
            results["whole"].append(time.perf_counter() - t0)
            view.show(empty, 0)
            await pilot.pause()
            view.watched, view.painted_at = doc, None
            t0 = time.perf_counter()
            view.show(doc, 0)
            while view.painted_at is None:
                await asyncio.sleep(0.0005)
            results["open_frame"].append(view.painted_at - t0)
            view.watched = None
            while view.text_layout is None or view.text_layout.is_window:
                await asyncio.sleep(0.0005)
        await pilot.pause()
        rng = random.Random(7)
        layout = view.text_layout
        assert layout is not None
        for _ in range(repeat * 5):
            target = rng.randrange(0, max(1, len(layout) - height))
            t0 = time.perf_counter()
            view.scroll_to_offset(layout.span(target)[0], record_jump=False)
            render_screen()
            results["page"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            view.action_line_down()
            render_screen()
            results["line"].append(time.perf_counter() - t0)
    return results


async def measure_static(first_screen: str, repeat: int) -> list[float]:
    app = StaticApp()
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        static = app.query_one(Static)
        for _ in range(repeat):
            static.update("")
            await pilot.pause()
            t0 = time.perf_counter()
            static.update(Text(first_screen))
            await pilot.pause()
            times.append(time.perf_counter() - t0)
    return times


def timed(repeat: int, job: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        job()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library")
    parser.add_argument("--size", type=float, default=5.0, help="megabytes of text")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    root = resolve_library(args.library or str(Path(__file__).resolve().parent.parent))
    if not any((root / "texts").glob("*.md")):
        root = Path(__file__).resolve().parent.parent
    source = synthetic_source(source_blocks(root), int(args.size * 1_000_000))
    t0 = time.perf_counter()
    doc = parse_document(source, "benchmark")
    parse_time = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "benchmark.md"
        path.write_text(source, encoding="utf-8")
        read = timed(args.repeat, path.read_bytes)
    view = asyncio.run(measure_view(doc, args.repeat))
    first_screen = "\n".join(b.text for b in doc.blocks[:12])
    static = asyncio.run(measure_static(first_screen, args.repeat))

    print(
        f"text: {len(doc.text):,} characters, {len(doc.blocks):,} blocks, "
        f"terminal {SIZE[0]}x{SIZE[1]}, {args.repeat} runs"
    )
    print(f"parse (not part of opening, for scale): {parse_time * 1000:.0f} ms")
    print(f"open: show() to visible lines rendered: {median_ms(view['open'])}")
    print(f"open: show() to first frame painted:    {median_ms(view['open_frame'])}")
    print(f"whole text laid out (in a worker):      {median_ms(view['whole'])}")
    print(f"page jump + render a screenful:         {median_ms(view['page'])}")
    print(f"one line down + render a screenful:     {median_ms(view['line'])}")
    print(f"baseline: read the file's bytes:        {median_ms(read)}")
    print(f"baseline: Static with the first screen: {median_ms(static)}")
    open_frame = statistics.median(view["open_frame"])
    print(f"ratio open (to screen) / Static:        {open_frame / statistics.median(static):.1f}x")
    page = statistics.median(view["page"])
    print(f"ratio page jump / Static refresh:       {page / statistics.median(static):.2f}x")


if __name__ == "__main__":
    main()
