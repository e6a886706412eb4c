"""Benchmark: parsing every text of the library into Documents (projection included).

Run: `.venv/bin/python bench/load.py [--library DIR] [--repeat N]`. Prints the median and
best time to load all texts, and the per-document figures, against a baseline of merely
reading the same files' bytes in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from reader.core.document_parser import load_document
from reader.core.paths import resolve_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    root = resolve_library(args.library or str(Path(__file__).resolve().parent.parent))
    paths = sorted((root / "texts").glob("*.md"))
    read_times: list[float] = []
    load_times: list[float] = []
    per_doc: dict[str, list[float]] = {p.stem: [] for p in paths}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes()
        read_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for p in paths:
            t1 = time.perf_counter()
            load_document(p)
            per_doc[p.stem].append(time.perf_counter() - t1)
        load_times.append(time.perf_counter() - t0)
    total_chars = sum(len(load_document(p).text) for p in paths)
    med_load = statistics.median(load_times) * 1000
    med_read = statistics.median(read_times) * 1000
    print(f"library: {root} ({len(paths)} texts, {total_chars:,} projected characters)")
    print(f"load all texts: median {med_load:.1f} ms, best {min(load_times) * 1000:.1f} ms")
    print(f"baseline (read bytes only): median {med_read:.2f} ms")
    print(f"ratio load/read: {med_load / med_read:.0f}x")
    for stem, times in per_doc.items():
        print(f"  {stem:50} {statistics.median(times) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
