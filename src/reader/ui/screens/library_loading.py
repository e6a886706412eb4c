"""Loading the library for the main screen: the library pane's rows and the search index.

A base of `MainScreen`. After the first frame, two thread workers start: one reads
every document's metadata for the library pane (`iter_catalog`, unchanged texts from
the cache) and the reading positions saved for them (their progress); the other brings
the search index up to date (incremental; built when missing), reporting its progress
in the status line. A search asked for meanwhile
waits and runs when the index is ready. The index's open files go with the screen.
"""

from __future__ import annotations

from textual import on, work
from textual.worker import get_current_worker

from reader.core.catalog import CatalogEntry, iter_catalog
from reader.core.errors import ReaderError
from reader.core.positions import ReadingPositions
from reader.ui.messages import CatalogLoaded, IndexProgressed, IndexReady
from reader.ui.screens.library_search import LibrarySearch


class LibraryLoading(LibrarySearch):
    """The catalog and the search index, loaded in workers."""

    index_progress: str

    def on_unmount(self) -> None:
        """The search index's open files go with the screen (the app is quitting)."""
        if self.index is not None:
            self.index.close()

    @work(thread=True, exclusive=True, group="catalog", exit_on_error=False)
    def load_catalog(self) -> None:
        """Read every document's metadata for the library pane."""
        worker = get_current_worker()
        entries: list[CatalogEntry] = []
        problems: list[str] = []
        cache = self.folders.cache  # unchanged texts are listed without parsing
        for item in iter_catalog(self.library, lambda: worker.is_cancelled, cache):
            if isinstance(item, ReaderError):
                problems.append(str(item))
            else:
                entries.append(item)
        positions = ReadingPositions.in_folder(self.folders.state).documents  # for progress
        self.post_message(CatalogLoaded(entries, problems, positions))

    @on(CatalogLoaded)
    def show_catalog(self, message: CatalogLoaded) -> None:
        self.library_pane.set_entries(message.entries, message.positions)
        if not self.reading.open_views:
            count = len(message.entries)
            self.status.clear_position(
                f"library {self.library.root.name}: {count} document{'s' if count != 1 else ''}"
            )
        for problem in message.problems:
            self.notify(problem, title="A text could not be read", severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        """Bring the search index up to date (incremental; builds it when missing)."""
        from reader.core.search import LibraryIndex

        worker = get_current_worker()
        index = LibraryIndex.in_folders(self.library, self.folders)

        def progress(done: int, total: int, doc_id: str) -> None:
            self.post_message(IndexProgressed(done, total, doc_id))

        stats = index.update(progress=progress, cancel=lambda: worker.is_cancelled)
        if stats.stale:  # the cache cannot be written: searches answer from the last state
            self.app.call_from_thread(
                self.notify,
                stats.stale,
                title="Search index not updated",
                severity="warning",
                markup=False,
            )
        if worker.is_cancelled:
            index.close()
            return
        self.post_message(IndexReady(index))
        # In the background: searches go on reading the state they opened.
        index.merge()

    @on(IndexProgressed)
    def show_index_progress(self, message: IndexProgressed) -> None:
        self.index_progress = f"indexing {message.done}/{message.total}"
        self.status.show_work(self.index_progress)
        if self.pending_query is not None:
            self.side.search.set_status(self._waiting_text())

    @on(IndexReady)
    def index_ready(self, message: IndexReady) -> None:
        if self.index is not None and self.index is not message.index:
            self.index.close()  # its searcher's files; a search still on it opens them again
        self.index = message.index
        self.status.show_work("")
        if self.pending_query is not None:
            query, self.pending_query = self.pending_query, None
            self.run_search(query)

    def _waiting_text(self) -> str:
        return f"The search index is being built ({self.index_progress}); results follow."
