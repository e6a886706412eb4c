"""`reader import PATH...`: clean raw documents into `texts/<id>.md`.

One file: its full report on stdout, or one line on stderr and exit 1. Several files or
a folder: each file on its own (one bad file never stops the others), a progress bar on
a terminal, one line per file and a final count; exit 1 when any file failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from reader.commands import path_arg
from reader.core.batch import (
    FAILED,
    IMPORTED,
    Outcome,
    exit_code,
    expand_inputs,
    import_one,
    tally,
)
from reader.core.clean import kind_info, kinds_help
from reader.core.errors import ReaderError, UsageError, printable
from reader.core.importer import ImportOptions
from reader.core.library import Library
from reader.core.markdown import META_FIELDS


def add_parser(sub: Any) -> None:
    """Register `import` and its options."""
    p = sub.add_parser(
        "import",
        help="clean raw documents into the library",
        description=(
            "Clean raw documents (HTML pages, EPUB books, Markdown, web-page dumps, "
            "wikitext, PDF text, plain text) into texts/<id>.md. A folder imports every "
            "document in it. The kind is guessed from the content unless --kind says it "
            "(`--kind help` lists the kinds). Metadata comes from the options, else a "
            "sidecar PATH.meta.toml, else what the source states; corrections from "
            "PATH.corrections.toml."
        ),
    )
    p.set_defaults(handler="import_")
    p.add_argument("paths", nargs="*", type=_input_arg, metavar="PATH|URL")
    p.add_argument(
        "--kind",
        default="auto",
        nargs="?",
        const="help",
        metavar="KIND",
        help="the kind of input (default: auto); `--kind help` lists the kinds",
    )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="read the file in this encoding (utf-8, cp1252, latin-1, ...), whatever it declares",
    )
    p.add_argument("--id", dest="doc_id", metavar="ID", help="the document id (file stem)")
    for name in META_FIELDS:
        p.add_argument(f"--{name}", metavar=name.upper())
    p.add_argument("--replace", action="store_true", help="overwrite an existing text")
    p.add_argument("--dry-run", action="store_true", help="clean and report; write nothing")
    p.add_argument(
        "--report", action="store_true", help="with several files: the full report of each"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    """Import every path; print the report."""
    if args.kind in ("help", "list"):
        print("\n".join(kinds_help()))
        return 0
    if args.kind != "auto":
        kind_info(args.kind)
    if not args.paths:
        raise UsageError("import: give a file, a folder, a URL or - (standard input)")
    options = ImportOptions(
        kind=args.kind,
        doc_id=args.doc_id,
        meta={k: getattr(args, k) for k in META_FIELDS if getattr(args, k)},
        replace=args.replace,
        encoding=args.encoding,
    )
    if any(p == STDIN for p in args.paths):
        return _run_with_stdin(library, options, args)
    if any(isinstance(p, str) for p in args.paths):
        return _run_with_urls(library, options, args)
    return _run_paths(library, options, args)


STDIN = Path("-")
"""The path argument that means standard input."""


def _run_with_stdin(library: Library, options: ImportOptions, args: Any) -> int:
    """`reader import -`: the document comes on standard input (bytes, any encoding),
    read up to the size limit into a temporary file named `stdin`, then imported like
    any file (its kind is found from the content; --kind and --id still apply)."""
    import tempfile

    from reader.core.importer import MAX_IMPORT_BYTES

    if args.paths.count(STDIN) > 1:
        raise UsageError("import: standard input (-) can be read only once")
    data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ReaderError(
            f"standard input: more than the import limit of {MAX_IMPORT_BYTES // 2**20} MB"
        )
    with tempfile.TemporaryDirectory(prefix="reader-stdin-") as tmp:
        source = Path(tmp) / "stdin"
        source.write_bytes(data)
        args.paths = [source if p == STDIN else p for p in args.paths]
        if any(isinstance(p, str) for p in args.paths):
            return _run_with_urls(library, options, args)
        return _run_paths(library, options, args)


def _input_arg(value: str) -> Path | str:
    """A URL stays a string (fetched later); anything else is a path."""
    from reader.core.fetch import is_url

    return value.strip() if is_url(value) else path_arg(value)


def _run_with_urls(library: Library, options: ImportOptions, args: Any) -> int:
    """Fetch every URL into a temporary folder first (one failure stops everything before
    anything is written), then import the fetched files like any others."""
    import tempfile

    from reader.core.fetch import fetch_to_folder

    with tempfile.TemporaryDirectory(prefix="reader-fetch-") as tmp:
        args.paths = [
            fetch_to_folder(p, Path(tmp) / str(i)) if isinstance(p, str) else p
            for i, p in enumerate(args.paths)
        ]
        return _run_paths(library, options, args)


def _run_paths(library: Library, options: ImportOptions, args: Any) -> int:
    files = expand_inputs(args.paths)
    single = len(args.paths) == 1 and len(files) == 1 and files[0] == args.paths[0]
    if single:
        return _run_one(library, files[0], options, args.dry_run)
    return _run_many(library, files, options, args)


def _run_one(library: Library, path: Path, options: ImportOptions, dry_run: bool) -> int:
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        outcome = import_one(
            library, path, options, set(), write=not dry_run, progress=bar.update if bar else None
        )
    finally:
        if bar:
            bar.clear()
    if outcome.status != IMPORTED or outcome.result is None:
        raise ReaderError(outcome.message)
    print("\n".join(outcome.result.summary()))
    if dry_run:
        print("(dry run: nothing written)")
    return 0


def _lines(outcome: Outcome, full: bool) -> list[str]:
    if outcome.result is None or outcome.status != IMPORTED:
        return [outcome.line()]
    if full:
        return outcome.result.summary()
    warnings = [f"  warning: {w}" for w in outcome.result.report.warnings]
    return [outcome.line(), *(printable(w) for w in warnings)]


def _run_many(library: Library, files: list[Path], options: ImportOptions, args: Any) -> int:
    if options.doc_id:
        raise ReaderError("--id names one document; import one file at a time with it")
    write = not args.dry_run
    if sys.stderr.isatty():
        outcomes = _with_progress_bar(library, files, options, args.report, write)
    else:
        outcomes = []
        seen: set[str] = set()
        for path in files:
            outcome = import_one(library, path, options, seen, write=write)
            stream = sys.stderr if outcome.status == FAILED else sys.stdout
            print("\n".join(_lines(outcome, args.report)), file=stream, flush=True)
            outcomes.append(outcome)
    print(tally(outcomes) + (" (dry run: nothing written)" if args.dry_run else ""))
    return exit_code(outcomes)


def _with_progress_bar(
    library: Library, files: list[Path], options: ImportOptions, full: bool, write: bool
) -> list[Outcome]:
    """Import with a Rich progress bar on stderr; each file's lines printed above it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True, highlight=False)
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=len(files))
        for path in files:
            bar.update(task, description=printable(path.name)[:40])
            outcome = import_one(
                library, path, options, seen, write=write, progress=_pages(bar, task)
            )
            for line in _lines(outcome, full):
                bar.console.print(line, markup=False, soft_wrap=True)
            outcomes.append(outcome)
            bar.advance(task)
    return outcomes


def _pages(bar: Any, task: Any) -> Callable[[Path, int, int], None]:
    """A page-progress callback that shows `name 12/50 pages` in the batch bar."""

    def update(path: Path, done: int, total: int) -> None:
        bar.update(task, description=f"{printable(path.name)[:30]} {done}/{total} pages")

    return update


class ProgressBar:
    """One line on a terminal, redrawn in place: `name  [#####.....]  12/50 pages`."""

    def __init__(self, out: TextIO, width: int = 30) -> None:
        self.out = out
        self.width = width
        self.shown = False

    def update(self, path: Path, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        name = printable(path.name)[:30]
        bar = "#" * filled + "." * (self.width - filled)
        self.out.write(f"\r{name}  [{bar}]  {done}/{total} pages\x1b[K")
        self.out.flush()
        self.shown = True

    def for_path(self, path: Path) -> Callable[[int, int], None]:
        return lambda done, total: self.update(path, done, total)

    def clear(self) -> None:
        if self.shown:
            self.out.write("\r\x1b[K")
            self.out.flush()
