"""`reader index [--rebuild]`: build or update the search index by hand.

`reader search` keeps the index up to date by itself; this command is for building it
ahead of time, or rebuilding it from scratch. A progress bar (on stderr) appears when
the work takes more than a moment.
"""

from __future__ import annotations

import argparse
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from reader.core.search import UpdateStats

# Show a progress bar when an update has at least this many texts to index, or once it
# has run this long.
BAR_MIN_TEXTS = 20
BAR_AFTER_SECONDS = 0.5


class IndexProgress:
    """A progress callback for `LibraryIndex.update` that shows a Rich bar on stderr
    only when the update is big enough to need one."""

    def __init__(self) -> None:
        self.began = time.perf_counter()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int, doc_id: str) -> None:
        if self.bar is None:
            slow = time.perf_counter() - self.began > BAR_AFTER_SECONDS
            if total < BAR_MIN_TEXTS and not slow:
                return
            self._start(total)
        assert self.bar is not None and self.task is not None
        self.bar.update(self.task, completed=done, total=total, current=doc_id)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        if not console.is_terminal:
            print(f"reader: indexing {total} texts…", file=sys.stderr)
        self.bar.start()
        self.task = self.bar.add_task("index", total=total, current="")

    def __enter__(self) -> IndexProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()


def update_index(
    library: Library, folders: Folders, rebuild: bool = False
) -> tuple[Any, UpdateStats]:
    """Open the library's index and bring it up to date, with progress on stderr."""
    from reader.core.search import LibraryIndex

    index = LibraryIndex.in_folders(library, folders)
    with IndexProgress() as progress:
        stats = index.update(progress=progress, rebuild=rebuild)
    for doc_id, message in stats.failed:
        print(f"reader: {doc_id} not indexed: {message}", file=sys.stderr)
    return index, stats


def add_parser(sub: Any) -> None:
    """Register `index`."""
    p = sub.add_parser(
        "index",
        help="build or update the search index",
        description=(
            "Bring the search index up to date: only new, changed and deleted texts are "
            "touched. The index is rebuilt by itself when it is missing, damaged or from "
            "an older version; --rebuild forces that."
        ),
    )
    p.set_defaults(handler="index")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")


def run(args: argparse.Namespace, library: Library) -> int:
    """Update (or rebuild) the index and say what was done."""
    folders = Folders.for_library(library.root)
    index, stats = update_index(library, folders, rebuild=args.rebuild)
    if stats.stale:
        raise ReaderError(stats.stale.split(";")[0])
    if not stats.rebuilt and not index.healthy():
        index, stats = update_index(library, folders, rebuild=True)
    index.merge()
    what = "rebuilt" if stats.rebuilt else "updated"
    print(
        f"index {what} in {stats.seconds:.2f} s: {stats.added} added, {stats.changed} "
        f"changed, {stats.deleted} deleted, {stats.unchanged} unchanged ({index.root})"
    )
    return 1 if stats.failed else 0
