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
import contextlib
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reader.core.clean import KIND_TABLE, Report, cleaner_for
from reader.core.clean.hostile import HOSTILE
from reader.core.clean.text import sanitize
from reader.core.errors import ReaderError
from reader.core.importer import ImportOptions, build

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 10.0
# Corpus file name prefix -> the kind of document it holds (imported with --kind auto).
CORPUS_KINDS = {
    "pg-": "gutenberg",
    "plain-": "plain",
    "wikitext-": "wikitext",
    "pdftext-": "pdf text",
    "pdf-": "pdf file",
    "html-": "html",
    "md-": "markdown",
    "epub-": "epub",
}


def default_corpus() -> Path:
    """`../shared/corpus` beside the repository (or beside its worktrees' folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus").is_dir():
            return base / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


def kind_for(name: str) -> str | None:
    return next((k for p, k in CORPUS_KINDS.items() if name.startswith(p)), None)


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
        detected = "?"
        for _ in range(repeat):
            t0 = time.perf_counter()
            try:
                result = build(path, ImportOptions())
            except ReaderError as exc:
                print(f"  {path.name}: {exc}")
                break
            times.append(time.perf_counter() - t0)
            size, detected = len(result.text), result.kind
        if times:
            rows.append((kind, f"{path.name} ({detected})", statistics.median(times), size))
    t0 = time.perf_counter()
    for _, name, _, _ in rows:
        (corpus / name.split(" (")[0]).read_bytes()
    read = time.perf_counter() - t0
    for kind in sorted({r[0] for r in rows}):
        print(f"  {kind}:")
        for _, name, median, size in (r for r in rows if r[0] == kind):
            flag = "  OVER 10 s" if median > LIMIT else ""
            print(f"    {name:60} {median * 1000:8.0f} ms  ({size:,} chars out){flag}")
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


def _grown_epub(source: Path, target: Path, size: int) -> int:
    """An EPUB of at least `size` bytes: `source` with its spine documents repeated
    (renamed, so each copy is its own chapter). Returns the documents in its spine."""
    import zipfile

    from reader.core.clean.epub_package import Archive, read_package

    pkg = read_package(Archive(source.read_bytes()))
    with zipfile.ZipFile(source) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    opf = members[pkg.opf_path].decode("utf-8")
    spine = [p for p, _ in pkg.spine]
    copies = 1
    while True:
        extra_items, extra_refs, files = [], [], {}
        for c in range(1, copies):
            for n, path in enumerate(spine):
                name = f"{path}.copy{c}.xhtml"
                files[name] = members[path]
                rel = name.split("/")[-1]
                extra_items.append(
                    f'<item id="copy{c}-{n}" href="{rel}" media-type="application/xhtml+xml"/>'
                )
                extra_refs.append(f'<itemref idref="copy{c}-{n}"/>')
        grown = opf.replace("</manifest>", "".join(extra_items) + "</manifest>").replace(
            "</spine>", "".join(extra_refs) + "</spine>"
        )
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in members.items():
                out.writestr(name, grown if name == pkg.opf_path else data)
            for name, data in files.items():
                out.writestr(name, data)
        if target.stat().st_size >= size or copies > 40:
            return len(spine) * copies
        copies += 1


def bench_epub_size(corpus: Path, repeat: int) -> None:
    """An 800 KB EPUB (the corpus's Gutenberg book, its chapters repeated): the whole
    import against unzipping and parsing every document with lxml (no cleaning)."""
    source = corpus / "epub-pg-sherlock-holmes-1661.epub"
    if not source.is_file():
        return
    import tempfile
    import zipfile

    from lxml import etree

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "grown.epub"
        documents = _grown_epub(source, book, 800 * 1024)
        bare: list[float] = []
        full: list[float] = []
        chars = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            with zipfile.ZipFile(book) as archive:
                for info in archive.infolist():
                    if info.filename.endswith((".html", ".xhtml", ".htm")):
                        etree.fromstring(archive.read(info), etree.XMLParser(recover=True))
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            chars = len(build(book, ImportOptions()).document.text)
            full.append(time.perf_counter() - t0)
        b, f = statistics.median(bare), statistics.median(full)
        flag = "  OVER 2 s" if f > 2 else ""
        print(
            f"EPUB of {book.stat().st_size / 1024:.0f} KB ({documents} documents, "
            f"{chars:,} characters out): import {f:5.2f} s, unzip+parse {b:5.2f} s, "
            f"x{f / b:4.1f}{flag}"
        )


def run_one(name: str, kind: str) -> float:
    """Time one cleaner on one hostile input (in this process)."""
    text = sanitize(HOSTILE[name](), keep_form_feeds=True)
    t0 = time.perf_counter()
    with contextlib.suppress(ReaderError):  # a one-line refusal is an answer too
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
    kinds = [k.name for k in KIND_TABLE if k.text]
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


# HTML at scale: pages built here, each through the html cleaner alone.
HTML_PARAGRAPH = (
    "<p>Some words of prose, with <em>emphasis</em>, a <a href='http://example.org/a'>link"
    "</a> and a note.<sup><a id='r{i}' href='#n{i}'>[{i}]</a></sup></p>\n"
)
HTML_NOTE = "<p id='n{i}'><a href='#r{i}'>{i}.</a> The note.</p>\n"


def _html_pages(mb: int) -> dict[str, str]:
    size = mb * 2**20
    paragraphs = size // (len(HTML_PARAGRAPH) + len(HTML_NOTE) + 10)
    prose = "".join(HTML_PARAGRAPH.format(i=i) for i in range(paragraphs))
    notes = "".join(HTML_NOTE.format(i=i) for i in range(paragraphs))
    return {
        f"{mb} MB of paragraphs with notes": f"<html><body>{prose}{notes}</body></html>",
        f"{mb} MB of plain paragraphs": "<html><body>"
        + "<p>Plain words of prose in a paragraph of a long page.</p>\n" * (size // 60),
        f"{mb} MB of nested tables": "<html><body>"
        + "<table><tr><td><table><tr><td>cell</td><td>x</td></tr></table></td></tr></table>"
        * (size // 80),
        f"{mb} MB of unclosed tags": "<html><body>" + "<div><span><em>w " * (size // 20),
    }


def bench_html_scale(corpus: Path, repeat: int, mb: int) -> None:
    """The 1 MB Wikipedia page of the corpus, and synthetic pages up to `mb` MB."""
    from reader.core.clean import html

    print(f"html at scale (target: 1 MB page < 2 s, up to {mb} MB < {LIMIT:.0f} s)")
    page = corpus / "html-wikipedia-new-zealand.html"
    if page.is_file():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            build(page, ImportOptions(kind="html"))
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        page.read_bytes().decode("utf-8")
        read = time.perf_counter() - t0
        median = statistics.median(times)
        print(
            f"  {page.name} ({page.stat().st_size / 2**20:.1f} MB, whole import): "
            f"{median:.2f} s (read and decode: {read * 1000:.1f} ms)"
        )
    for name, text in _html_pages(mb).items():
        t0 = time.perf_counter()
        text.encode("utf-8")
        re.split(r"\n\s*\n", text)
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = Report()
        try:
            html.clean(sanitize(text), report)
            large = any("large-page path" in line for line in report.notes)
            outcome = "ok (large-page path)" if large else "ok"
        except ReaderError as exc:
            outcome = f"refused: {exc}"
        seconds = time.perf_counter() - t0
        flag = "  OVER 10 s" if seconds > LIMIT else ""
        print(
            f"  {name:36} {seconds:6.2f} s  (baseline {base:.3f} s, x{seconds / base:.0f})"
            f"  {outcome}{flag}"
        )


def bench_large_wikitext(corpus: Path) -> None:
    """A 31 MB wikitext page (the corpus article repeated) through the wikitext cleaner."""
    source = corpus / "wikitext-anarchism.txt"
    if not source.is_file():
        return
    page = "\n\n".join([source.read_text(encoding="utf-8")] * 170)
    t0 = time.perf_counter()
    page.encode("utf-8")
    re.split(r"\n\s*\n", page)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    cleaner_for("wikitext")(page, Report())
    took = time.perf_counter() - t0
    flag = "  OVER 10 s" if took > LIMIT else ""
    print(f"a {len(page) / 2**20:.0f} MB wikitext page: {took:.2f} s (baseline {base:.2f} s){flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", help="run only the pathological inputs whose name has this")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument(
        "--html-mb", type=int, default=0, help="also run HTML pages of this size (e.g. 32)"
    )
    parser.add_argument("--one", nargs=2, metavar=("INPUT", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps({"seconds": run_one(*args.one)}))
        return
    if not args.skip_corpus:
        bench_corpus(args.corpus, args.repeat)
        bench_pdf_files(args.corpus, args.repeat)
        bench_large_wikitext(args.corpus)
        bench_epub_size(args.corpus, args.repeat)
    if args.html_mb:
        bench_html_scale(args.corpus, args.repeat, args.html_mb)
        return
    bench_hostile(args.timeout, args.only)


if __name__ == "__main__":
    main()
