"""Benchmark: what the library pane costs at startup with reading progress, on a library
of many texts.

Run: `.venv/bin/python bench/library_pane.py [--texts N] [--repeat N]`. Makes a scratch
library of N texts (copies of the bundled ones under new ids; 60 by default) with a
reading position and a read time for every other text, then times, each a median over
the repeats:

- `listed, cache warm`: what startup does: the catalog from its cache (no text parsed)
  and `positions.json` read (the progress comes from the offsets and the lengths the
  catalog already has);
- `listed, every text parsed`: the baseline the progress must not need: the catalog
  with a cold cache, which parses every text (as loading each to measure it would);
- `columns fitted and rows built`: the pane's own work for every row in a pane of one
  size (the column widths over all entries, fitted again with room for the scrollbar
  when the rows are taller than the pane, then each row's wrapped cells).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core.catalog import CatalogEntry, iter_catalog
from reader.core.library import Library
from reader.core.positions import ReadingPositions
from reader.ui.widgets.library_columns import LibraryRows

BUNDLED = Path(__file__).resolve().parent.parent / "texts"


def make_library(root: Path, count: int) -> Library:
    """`count` texts copied from the bundled ones under new ids (titles kept)."""
    sources = sorted(BUNDLED.glob("*.md"))
    (root / "texts").mkdir(parents=True)
    (root / "annotations").mkdir()
    for n in range(count):
        source = sources[n % len(sources)]
        shutil.copy(source, root / "texts" / f"{source.stem}-{n:03d}.md")
    return Library(root)


def median_ms(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        library = make_library(base / "library", args.texts)
        cache, state = base / "cache", base / "state"
        positions = ReadingPositions.in_folder(state)
        for n, doc_id in enumerate(library.ids()[::2]):
            read_at = datetime.now(UTC) - timedelta(days=n)
            positions.remember(doc_id, 1000 * n, now=read_at)
        positions.save()

        def listed(cache_dir: Path) -> list[CatalogEntry]:
            fresh = Library(library.root)  # no document kept in memory from a run before
            entries = [
                e for e in iter_catalog(fresh, cache_dir=cache_dir) if isinstance(e, CatalogEntry)
            ]
            ReadingPositions.in_folder(state)
            return entries

        entries = listed(cache)  # fills the cache
        warm = median_ms(args.repeat, lambda: listed(cache))

        def cold() -> None:
            shutil.rmtree(base / "cold", ignore_errors=True)
            listed(base / "cold")

        parsed = median_ms(args.repeat, cold)
        rows = LibraryRows(entries, ReadingPositions.in_folder(state).documents)

        def build() -> None:
            widths = rows.widths(120, 40)
            for entry in entries:
                rows.cells(entry, widths)

        built = median_ms(args.repeat, build)
    print(f"library of {len(entries)} texts, progress for {len(entries[::2])}")
    print(f"listed, cache warm:            median {warm:8.1f} ms")
    print(f"listed, every text parsed:     median {parsed:8.1f} ms")
    print(f"ratio parsed/warm:             {parsed / warm:8.0f}x")
    print(f"columns fitted and rows built: median {built:8.1f} ms (pane 120x40)")


if __name__ == "__main__":
    main()
