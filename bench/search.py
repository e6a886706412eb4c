"""Benchmark: the search index on a synthetic library built from the corpus's paragraphs.

Run: `.venv/bin/python bench/search.py [--docs 2000] [--mb 50] [--runs 20]`.

Builds, in a temporary folder, a library of `--docs` texts totalling about `--mb` MB,
made of the bundled texts' own blocks (paragraphs, quotations, headings, notes) drawn at
random (fixed seed). Prints, as medians over repeated runs: the full build time and the
index size; a no-op incremental pass; re-indexing 20 changed texts; query latency (p50,
p95, snippets included) for a rare term, a common term, a phrase, a fuzzy term, a
prefix, a boolean query and a glossary-expanded term; a cold `reader search` in a fresh
process (against the bare start-up of `reader --version`); and, in the same run, the
same queries answered by a regex scan of the same files, with the speed-up ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.document import split_front_matter
from reader.core.library import Library
from reader.core.markdown import render_text
from reader.core.search import LibraryIndex

PROJECT = Path(__file__).resolve().parent.parent

# (label, query, regex of the same question for the baseline scan)
QUERIES: list[tuple[str, str, str]] = [
    ("rare term", "Tukhachevsky", r"\bTukhachevsk\w*"),
    ("common term", "party", r"\bpart(?:y|ies)\b"),
    ("phrase", '"central committee"', r"\bcentral\s+committees?\b"),
    ("fuzzy", "rabkin~", r"\b(?:rabkin|rabkrin|rabki)\w*"),
    ("prefix", "bureaucra*", r"\bbureaucra\w*"),
    ("boolean", "(trotsky OR zinoviev) NOT kamenev", r"\b(?:trotsky|zinoviev)\b"),
    (
        "glossary",
        "Tsaritsyn",
        r"\b(?:tsaritsyn|tsarityn|caricyn|tsartisyn|tsaristyn|tsaritisyn|stalingrad)\b",
    ),
]


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


def regex_scan(paths: list[Path], pattern: re.Pattern[str]) -> int:
    """The baseline: read every file and find every match with its sentence."""
    hits = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for m in pattern.finditer(text):
            left = text.rfind(". ", 0, m.start())
            right = text.find(". ", m.end())
            _ = text[left + 2 : right + 1]
            hits += 1
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=20, help="runs per query")
    parser.add_argument("--builds", type=int, default=1, help="full builds to time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        run(tmp, args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


def run(tmp: Path, args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    library = build_library(tmp / "library", args.docs, args.mb)
    paths = sorted(library.texts_dir.glob("*.md"))
    total = sum(p.stat().st_size for p in paths)
    print(f"library: {len(paths)} texts, {total / 1e6:.1f} MB ({time.perf_counter() - t0:.1f} s)")
    cache = tmp / "cache"

    builds = []
    for _ in range(args.builds):
        index = LibraryIndex(library, cache)
        t0 = time.perf_counter()
        stats = index.update(rebuild=True)
        builds.append(time.perf_counter() - t0)
        assert stats.added == len(paths), stats
    size = folder_size(cache / "index")
    print(f"full build: median {statistics.median(builds):.1f} s; index size {size / 1e6:.1f} MB")

    index = LibraryIndex(library, cache)
    noop = timed(index.update, 7)
    print(f"no-op incremental pass: median {statistics.median(noop) * 1000:.0f} ms")

    changed = []
    for round_ in range(3):
        for path in paths[round_ * 20 : round_ * 20 + 20]:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\nAn added paragraph, round {round_}.\n")
        t0 = time.perf_counter()
        stats = index.update()
        changed.append(time.perf_counter() - t0)
        assert stats.changed == 20, stats
    print(f"re-index 20 changed texts: median {statistics.median(changed) * 1000:.0f} ms")

    print(
        f"\nqueries ({args.runs} runs each, snippets included; baseline: regex scan of the files)"
    )
    print(
        f"{'':12} {'query':38} {'docs':>5} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'regex ms':>9} {'ratio':>6}"
    )
    for label, query, regex in QUERIES:
        index.search(query)  # warm: open the searcher, load the vocabulary
        results = index.search(query)
        times = timed(lambda q=query: index.search(q), args.runs)  # type: ignore[misc]
        pattern = re.compile(regex, re.IGNORECASE)
        scans = timed(lambda p=pattern: regex_scan(paths, p), max(3, args.runs // 5))  # type: ignore[misc]
        p50 = statistics.median(times) * 1000
        scan = statistics.median(scans) * 1000
        print(
            f"{label:12} {query:38} {results.total_documents:5d} {results.total_hits:6d} "
            f"{p50:8.1f} {p95(times) * 1000:8.1f} {scan:9.0f} {scan / p50:5.0f}x"
        )

    def cold(*argv: str) -> float:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reader", "--library", str(library.root), *argv],
            check=False,
            capture_output=True,
            env={**_env(), "READER_CACHE_DIR": str(cache)},
        )
        return time.perf_counter() - t0

    # The cache key of the library is derived from its path; point the CLI at our cache.
    index_dir = _cli_index_dir(library, cache)
    if index_dir != cache / "index":
        index_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(cache / "index", index_dir, dirs_exist_ok=True)
    starts = [cold("--version") for _ in range(5)]
    searches = [cold("search", "Rabkrin") for _ in range(5)]
    print(
        f"\ncold `reader search Rabkrin` (fresh process): median "
        f"{statistics.median(searches) * 1000:.0f} ms "
        f"(bare `reader --version`: {statistics.median(starts) * 1000:.0f} ms)"
    )


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def _cli_index_dir(library: Library, cache: Path) -> Path:
    from reader.core.paths import cache_dir

    return cache_dir(library.root, {"READER_CACHE_DIR": str(cache)}) / "index"


if __name__ == "__main__":
    main()
