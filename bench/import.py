"""Benchmark: importing real documents of every kind, and pathological inputs.

Run: `.venv/bin/python bench/import.py [--corpus DIR] [--repeat N] [--only NAME]`.

1. Per kind, the time to import each corpus document (decoding, cleaning, rendering,
   parsing the result: `reader.core.importer.build`), median over `--repeat` runs. The
   corpus defaults to `../shared/corpus` beside the repository; missing files are
   skipped (the bench is not a test).
2. Each input of `reader.core.clean.hostile` through every cleaner, in a child process
   (a hang is cut off after `--timeout` seconds), against a baseline measured in the same
   run: reading the text's bytes and splitting it with a plain regular expression.
   A time over 10 s is flagged.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reader.core.clean import KINDS, Report, cleaner_for
from reader.core.clean.hostile import HOSTILE
from reader.core.clean.text import sanitize
from reader.core.importer import PDF_FILE, ImportOptions, build

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 10.0
# Corpus file name prefix -> the kind it is imported as (the first kind that exists).
CORPUS_KINDS: dict[str, tuple[str, ...]] = {
    "pg-": ("plain",),
    "plain-": ("plain",),
    "wikitext-": ("wikitext",),
    "pdftext-": ("pdf",),
    "pdf-": ("pdf-file",),
    "html-": ("html",),
    "md-": ("markdown-foreign", "foreign"),
    "epub-": ("epub",),
}


def default_corpus() -> Path:
    """`../shared/corpus` beside the repository (or beside its worktrees' folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus").is_dir():
            return base / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


def kind_for(name: str) -> str | None:
    for prefix, kinds in CORPUS_KINDS.items():
        if name.startswith(prefix):
            return next((k for k in kinds if k in KINDS or k == PDF_FILE), None)
    return None


def bench_corpus(corpus: Path, repeat: int) -> None:
    print(f"corpus: {corpus}")
    if not corpus.is_dir():
        print("  (missing: skipped)")
        return
    rows: list[tuple[str, str, float, int]] = []
    for path in sorted(corpus.iterdir()):
        kind = kind_for(path.name)
        if kind is None:
            continue
        times = []
        size = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = build(path, ImportOptions(kind=kind))
            times.append(time.perf_counter() - t0)
            size = len(result.text)
        rows.append((kind, path.name, statistics.median(times), size))
    t0 = time.perf_counter()
    for _, name, _, _ in rows:
        (corpus / name).read_bytes()
    read = time.perf_counter() - t0
    for kind in sorted({r[0] for r in rows}):
        print(f"  {kind}:")
        for _, name, median, size in (r for r in rows if r[0] == kind):
            flag = "  OVER 10 s" if median > LIMIT else ""
            print(f"    {name:52} {median * 1000:8.0f} ms  ({size:,} chars out){flag}")
    print(f"  baseline (read all bytes once): {read * 1000:.1f} ms")


def bench_pdf_files(corpus: Path, repeat: int) -> None:
    """PDF files: the whole import against the bare text extraction of the same pages
    (PDFium's plain text, no layout), both measured here; pages per second."""
    paths = sorted(corpus.glob("pdf-*.pdf")) if corpus.is_dir() else []
    if not paths:
        return
    import pypdfium2 as pdfium

    print("PDF files: import (layout, furniture, notes, blocks) vs bare text extraction")
    for path in paths:
        bare: list[float] = []
        full: list[float] = []
        pages = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            doc = pdfium.PdfDocument(str(path))
            pages = len(doc)
            for i in range(pages):
                page = doc[i]
                page.get_textpage().get_text_range()
            doc.close()
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            build(path, ImportOptions())
            full.append(time.perf_counter() - t0)
        b, f = statistics.median(bare), statistics.median(full)
        flag = "  OVER 15 s" if f > 15 else ""
        print(
            f"  {path.name:44} {pages:3} pages  import {f:6.2f} s  bare text {b:5.2f} s  "
            f"x{f / b:4.1f}  {pages / f:5.1f} pages/s{flag}"
        )


def run_one(name: str, kind: str) -> float:
    """Time one cleaner on one hostile input (in this process)."""
    text = sanitize(HOSTILE[name](), keep_form_feeds=True)
    t0 = time.perf_counter()
    cleaner_for(kind)(text, Report())
    return time.perf_counter() - t0


def baseline(name: str) -> float:
    t0 = time.perf_counter()
    text = HOSTILE[name]()
    text.encode("utf-8")
    re.split(r"\n\s*\n", text)
    return time.perf_counter() - t0


def bench_hostile(timeout: float, only: str | None) -> None:
    print(f"pathological inputs, every cleaner (flag > {LIMIT:.0f} s, cut at {timeout:.0f} s)")
    kinds = [k for k in KINDS if k != "markdown"]
    print(f"  {'input':32} {'baseline':>9} " + " ".join(f"{k:>10}" for k in kinds))
    worst = 0.0
    for name in HOSTILE:
        if only and only not in name:
            continue
        cells = []
        for kind in kinds:
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--one", name, kind],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=False,
                )
                if out.returncode:
                    last = (out.stderr.strip().splitlines() or [f"exit {out.returncode}"])[-1]
                    cells.append(f"{'ERROR':>10}")
                    print(f"    {name} / {kind}: {last}", file=sys.stderr)
                    continue
                seconds = json.loads(out.stdout)["seconds"]
            except subprocess.TimeoutExpired:
                seconds = timeout
            worst = max(worst, seconds)
            mark = "!" if seconds > LIMIT else " "
            cells.append(f"{seconds:9.2f}{mark}")
        print(f"  {name:32} {baseline(name):8.3f}s " + " ".join(cells))
    print(f"  worst: {worst:.2f} s" + ("  (! = over 10 s)" if worst > LIMIT else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", help="run only the pathological inputs whose name has this")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("INPUT", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps({"seconds": run_one(*args.one)}))
        return
    if not args.skip_corpus:
        bench_corpus(args.corpus, args.repeat)
        bench_pdf_files(args.corpus, args.repeat)
    bench_hostile(args.timeout, args.only)


if __name__ == "__main__":
    main()
