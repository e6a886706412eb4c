"""Benchmark: reader's search against SQLite FTS5 (and tantivy) on a synthetic library.

Run: `.venv/bin/python bench/search.py [--docs 2000] [--mb 50] [--runs 20] [--no-scale]`.

Builds, in a temporary folder, a library of `--docs` texts totalling about `--mb` MB,
made of the bundled texts' own blocks (paragraphs, quotations, headings, notes) drawn at
random (fixed seed), and (unless `--no-scale`) one a tenth of its size. Each engine
(see `search_engines`: reader, FTS5 from the standard library, tantivy when it is
installed) indexes both in a fresh process; the bench prints, for each, the build time
(wall and CPU), its peak memory and the index size, and the CPU time per MB at both
sizes. Then, on the large library: reader's no-op incremental pass, re-indexing one
edited text, the segment count; p50/p95 latency of every query class for every engine
(runs interleaved, snippets included), the ratios against FTS5, and a warning line for
any query where the engines do not find the same documents; and a cold
`reader search Rabkrin` in a fresh process against a bare `reader --version`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.document_parser import split_front_matter
from reader.core.library import Library
from reader.core.markdown import render_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_engines import BUILDERS, QUERIES, engine_names, open_engine

PROJECT = Path(__file__).resolve().parent.parent


def corpus_blocks() -> list[str]:
    """The Markdown blocks of the bundled texts (or of the seeds, imported, if the
    texts are not there yet)."""
    texts = sorted((PROJECT / "texts").glob("*.md"))
    tmp: Path | None = None
    if not texts:
        from reader.core.importer import ImportOptions, import_files

        tmp = Path(tempfile.mkdtemp(prefix="reader-bench-seeds-"))
        library = Library(tmp)
        library.texts_dir.mkdir()
        import_files(library, sorted((PROJECT / "seeds").glob("*.txt")), ImportOptions())
        texts = sorted(library.texts_dir.glob("*.md"))
    blocks: list[str] = []
    for path in texts:
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        blocks.extend(b.strip() for b in body.split("\n\n") if b.strip())
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    # Cut very long blocks (a wiki dump may be one line) into paragraph-sized pieces.
    out: list[str] = []
    for block in blocks:
        while len(block) > 4000:
            cut = block.rfind(". ", 0, 4000)
            cut = cut + 1 if cut > 0 else 4000
            out.append(block[:cut].strip())
            block = block[cut:].strip()
        if block:
            out.append(block)
    return out


def build_library(root: Path, docs: int, megabytes: float, seed: int = 7) -> Library:
    """A synthetic library of `docs` texts, about `megabytes` MB in all."""
    rng = random.Random(seed)
    blocks = corpus_blocks()
    paragraphs = [b for b in blocks if not b.startswith(("#", "[^", "```", "|"))]
    headings = [b.lstrip("#").strip() for b in blocks if b.startswith("#")] or ["Section"]
    per_doc = int(megabytes * 1_000_000 / docs)
    library = Library(root)
    library.texts_dir.mkdir(parents=True)
    (root / "annotations").mkdir()
    shutil.copy(PROJECT / "glossary.toml", library.glossary_path)
    for n in range(docs):
        parts: list[str] = []
        size = 0
        while size < per_doc:
            if len(parts) % 12 == 0:
                parts.append("## " + rng.choice(headings))
            parts.append(rng.choice(paragraphs))
            size += len(parts[-1]) + 2
        meta = {
            "id": f"doc-{n:05d}",
            "title": f"Synthetic text {n}",
            "author": rng.choice(["Ann Author", "Bob Writer", "Cy Planner"]),
            "date": f"{rng.randint(1917, 1930)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        }
        front = render_text(meta, []).rstrip("\n")
        library.text_path(meta["id"]).write_text(
            front + "\n" + "\n\n".join(parts) + "\n", encoding="utf-8"
        )
    return library


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_one(engine: str, library: Path, folder: Path) -> None:
    """In a fresh process: build `engine`'s index, print wall, CPU and peak RSS."""
    t0, c0 = time.perf_counter(), time.process_time()
    BUILDERS[engine](Library(library), folder)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    print(json.dumps({"wall": wall, "cpu": cpu, "rss": max(rss, children.ru_maxrss / 1024)}))


def build(engine: str, library: Library, folder: Path) -> dict[str, float]:
    """Build `engine`'s index of `library` in a fresh process; its figures and size."""
    out = subprocess.run(
        [sys.executable, __file__, "--build-one", engine, str(library.root), str(folder)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(out.splitlines()[-1])
    figures["size"] = folder_size(folder)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=20, help="runs per query and engine")
    parser.add_argument("--no-scale", action="store_true", help="skip the 1/10 library")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--build-one", nargs=3, metavar=("ENGINE", "LIBRARY", "FOLDER"))
    args = parser.parse_args()
    if args.build_one:
        engine, library, folder = args.build_one
        build_one(engine, Path(library), Path(folder))
        return
    tmp = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        run(tmp, args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


def run(tmp: Path, args: argparse.Namespace) -> None:
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    sizes = [("large", args.docs, args.mb)]
    if not args.no_scale:
        sizes.insert(0, ("small", max(1, args.docs // 10), args.mb / 10))
    engines = engine_names()
    libraries: dict[str, Library] = {}
    built: dict[tuple[str, str], dict[str, float]] = {}
    print(
        f"\n{'build':16} {'engine':8} {'wall s':>7} {'CPU s':>7} {'CPU s/MB':>9}"
        f" {'peak MB':>8} {'size MB':>8} {'x text':>7}"
    )
    for label, docs, mb in sizes:
        library = build_library(tmp / label, docs, mb)
        libraries[label] = library
        text = sum(p.stat().st_size for p in library.texts_dir.glob("*.md"))
        for engine in engines:
            figures = build(engine, library, tmp / f"{label}-{engine}")
            built[(label, engine)] = figures
            print(
                f"{f'{docs} texts {text / 1e6:.1f} MB':16} {engine:8} {figures['wall']:7.1f}"
                f" {figures['cpu']:7.1f} {figures['cpu'] / (text / 1e6):9.2f}"
                f" {figures['rss']:8.0f} {figures['size'] / 1e6:8.1f}"
                f" {figures['size'] / text:7.2f}"
            )
    if not args.no_scale:
        for engine in engines:
            small = built[("small", engine)]["cpu"] / (args.mb / 10)
            large = built[("large", engine)]["cpu"] / args.mb
            print(
                f"scaling {engine}: CPU s/MB at {args.mb:g} MB / at {args.mb / 10:g} MB = "
                f"{large / small:.2f}"
            )
    library = libraries["large"]
    updates(library, tmp / "large-reader")
    queries(library, tmp, engines, args.runs)
    cold(library, tmp / "large-reader")


def updates(library: Library, cache: Path) -> None:
    """reader's incremental passes on the large library."""
    from whoosh import index as windex

    from reader.core.search import LibraryIndex
    from reader.core.search.manifest import read_manifest

    index = LibraryIndex(library, cache)
    noop = timed(index.update, 7)
    paths = sorted(library.texts_dir.glob("*.md"))
    one: list[float] = []
    one_cpu: list[float] = []
    for n, path in enumerate(paths[:9]):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn added paragraph, edit {n}.\n")
        t0, c0 = time.perf_counter(), time.process_time()
        stats = index.update()
        one.append(time.perf_counter() - t0)
        one_cpu.append(time.process_time() - c0)
        assert stats.changed == 1, stats
    manifest = read_manifest(index.root)
    assert manifest is not None
    segments = len(windex.open_dir(str(index.root / manifest.store))._segments())  # type: ignore[no-untyped-call]
    t0 = time.perf_counter()
    folded = index.merge()
    merge = time.perf_counter() - t0
    manifest = read_manifest(index.root)
    assert manifest is not None
    after = len(windex.open_dir(str(index.root / manifest.store))._segments())  # type: ignore[no-untyped-call]
    print(
        f"\nreader no-op pass: median {statistics.median(noop) * 1000:.0f} ms; re-index one"
        f" edited text: median {statistics.median(one) * 1000:.0f} ms wall"
        f" ({statistics.median(one_cpu) * 1000:.0f} ms CPU), p95 {p95(one) * 1000:.0f} ms"
        f" (9 edits); {segments} segments, background merge folded {folded} in"
        f" {merge * 1000:.0f} ms: {after} left"
    )


def queries(library: Library, tmp: Path, engines: list[str], runs: int) -> None:
    """p50/p95 of every query class for every engine, runs interleaved."""
    opened = {e: open_engine(e, library, tmp / f"large-{e}") for e in engines}
    print(f"\nqueries: top {20} documents, up to 10 sentence snippets each; {runs} runs")
    head = "".join(f" {e + ' p50':>12} {e + ' p95':>12}" for e in engines)
    ratios = "".join(f" {f'{e}/fts5':>12}" for e in engines if e != "fts5")
    print(f"{'class':10} {'query':16} {'docs':>5}{head}{ratios}  (ms; ratio of p50, p95)")
    for label, query in QUERIES:
        found = {e: opened[e].matching(query) for e in engines}
        times: dict[str, list[float]] = {e: [] for e in engines}
        total = 0
        for engine in engines:
            count, _ = opened[engine].search(query)  # warm
            total = count if engine == "reader" else total
        for _ in range(runs):
            for engine in engines:
                t0 = time.perf_counter()
                opened[engine].search(query)
                times[engine].append((time.perf_counter() - t0) * 1000)
        p50s = {e: statistics.median(times[e]) for e in engines}
        p95s = {e: p95(times[e]) for e in engines}
        cells = "".join(f" {p50s[e]:12.1f} {p95s[e]:12.1f}" for e in engines)
        base50, base95 = p50s["fts5"], p95s["fts5"]
        rel = "".join(
            f" {f'{p50s[e] / base50:.2f}/{p95s[e] / base95:.2f}':>12}"
            for e in engines
            if e != "fts5"
        )
        print(f"{label:10} {query:16} {total:5d}{cells}{rel}")
        for engine in engines:
            if found[engine] != found["reader"]:
                only_r = len(found["reader"] - found[engine])
                only_e = len(found[engine] - found["reader"])
                print(
                    f"  WARNING: {engine} and reader differ on {query!r}: {only_r} documents"
                    f" only reader finds, {only_e} only {engine} finds"
                )


def cold(library: Library, cache: Path) -> None:
    cpu: dict[str, list[float]] = {}
    # With compiled bytecode cached, as an installed package has it (the first run
    # writes it): a shell with PYTHONDONTWRITEBYTECODE set would compile every module
    # on every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once(*argv: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "--library", str(library.root), *argv],
            check=False,
            capture_output=True,
            env={**env, "READER_CACHE_DIR": str(cache)},
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        cpu.setdefault(argv[0], []).append(used)
        return wall

    # The CLI keys its cache folder by the library's path; point it at our index.
    index_dir = _cli_index_dir(library, cache)
    if index_dir != cache / "index":
        index_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(cache / "index", index_dir, dirs_exist_ok=True)
    once("--version")  # writes the bytecode
    starts = [once("--version") for _ in range(5)]
    searches = [once("search", "Rabkrin") for _ in range(5)]
    print(
        f"\ncold `reader search Rabkrin` (fresh process): median "
        f"{statistics.median(searches) * 1000:.0f} ms wall,"
        f" {statistics.median(cpu['search']) * 1000:.0f} ms CPU"
        f" (bare `reader --version`: {statistics.median(starts) * 1000:.0f} ms wall,"
        f" {statistics.median(cpu['--version']) * 1000:.0f} ms CPU)"
    )


def _cli_index_dir(library: Library, cache: Path) -> Path:
    from reader.core.paths import cache_dir

    return cache_dir(library.root, {"READER_CACHE_DIR": str(cache)}) / "index"


if __name__ == "__main__":
    main()
