"""Importing many files at once: each file on its own, so one bad file never stops the others.

`expand_inputs` turns the paths a user names (files and folders) into the files to
import; `import_many` builds and writes each one, calling back before every file (for a
progress bar or the app's status line) and returning one `Outcome` per file: imported,
skipped (its text already exists and `--replace` was not given) or failed (with the
one-line reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ReaderError, printable
from reader.core.importer import (
    ImportOptions,
    ImportResult,
    build,
    exists_message,
    write_result,
)
from reader.core.library import Library

IMPORTED, SKIPPED, FAILED = "imported", "skipped", "failed"

# In a folder, only files with these endings are imported (pictures, style sheets and
# our own sidecars are left alone); a file named on the command line is always tried.
DOCUMENT_SUFFIXES = frozenset(
    {
        ".epub",
        ".htm",
        ".html",
        ".xhtml",
        ".md",
        ".markdown",
        ".txt",
        ".text",
        ".pdf",
        ".wiki",
        ".mediawiki",
    }
)
MAX_FOLDER_FILES = 10_000

Progress = Callable[[int, int, Path], None]


@dataclass
class Outcome:
    """What happened to one input file."""

    path: Path
    status: str
    result: ImportResult | None = None
    message: str = ""

    def line(self) -> str:
        """One line for people: the result's summary, or why it was skipped or failed."""
        if self.result is not None and self.status == IMPORTED:
            return self.result.one_line()
        return printable(f"{self.status}: {self.message}")


def expand_inputs(paths: list[Path]) -> list[Path]:
    """The files to import: named files as they are (in order), folders walked for
    document files (sorted, hidden files and sidecars left out)."""
    files: list[Path] = []
    for path in paths:
        try:
            folder = path.is_dir()
        except OSError:  # a name too long to exist: reported when the file is read
            folder = False
        if not folder:
            files.append(path)
            continue
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.is_file()
        )
        if not found:
            raise ReaderError(f"{path}: the folder holds no documents to import")
        if len(found) > MAX_FOLDER_FILES:
            raise ReaderError(f"{path}: more than {MAX_FOLDER_FILES:,} documents; import fewer")
        files.extend(found)
    return files


PageProgress = Callable[[Path, int, int], None]


def import_one(
    library: Library,
    path: Path,
    options: ImportOptions,
    seen: set[str],
    *,
    write: bool = True,
    progress: PageProgress | None = None,
) -> Outcome:
    """Build and write one file; every error becomes a failed outcome. `progress(path,
    done, total)` follows the pages of a PDF file as it is read."""
    pages = None if progress is None else (lambda done, total: progress(path, done, total))
    try:
        result = build(path, options, pages)
    except ReaderError as exc:
        return Outcome(path, FAILED, message=str(exc))
    except Exception as exc:  # a bug or a parser giving up: never stop the other files
        return Outcome(
            path, FAILED, message=f"{path}: cannot be imported ({type(exc).__name__}: {exc})"
        )
    if result.doc_id in seen:
        return Outcome(
            path, FAILED, result, f"{path}: another input already became {result.doc_id!r}"
        )
    seen.add(result.doc_id)
    if library.has(result.doc_id) and not options.replace:
        return Outcome(path, SKIPPED, result, f"{path.name}: {exists_message(result.doc_id)}")
    if write:
        try:
            write_result(library, result)
        except ReaderError as exc:
            return Outcome(path, FAILED, result, str(exc))
    return Outcome(path, IMPORTED, result)


def import_many(
    library: Library,
    paths: list[Path],
    options: ImportOptions,
    progress: Progress | None = None,
    *,
    write: bool = True,
) -> list[Outcome]:
    """Import every file independently, in order; `progress(done, total, path)` is
    called before each file and once at the end (with `done == total`)."""
    if options.doc_id and len(paths) > 1:
        raise ReaderError("--id names one document; import one file at a time with it")
    seen: set[str] = set()
    outcomes: list[Outcome] = []
    for n, path in enumerate(paths):
        if progress is not None:
            progress(n, len(paths), path)
        outcomes.append(import_one(library, path, options, seen, write=write))
    if progress is not None and paths:
        progress(len(paths), len(paths), paths[-1])
    return outcomes


def tally(outcomes: list[Outcome]) -> str:
    """`imported 12, skipped 1, failed 2`."""
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in (IMPORTED, SKIPPED, FAILED)}
    return ", ".join(f"{s} {n}" for s, n in counts.items())


def exit_code(outcomes: list[Outcome]) -> int:
    """1 when any file failed or nothing at all was imported, else 0."""
    if any(o.status == FAILED for o in outcomes):
        return 1
    return 0 if any(o.status == IMPORTED for o in outcomes) else 1
