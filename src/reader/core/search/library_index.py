"""`LibraryIndex`: the search API of the library (see also the records it returns).

One object per library, shared by the CLI and the UI. `update()` brings the index up to
date (incrementally; see `store`); `search()` answers a query with ranked documents and
hits; `terms_in()` gives every hit range in one document for highlighting. All three
are safe to call from worker threads and poll an optional `cancel()`.

The open Whoosh searcher (with its segments' files pinned open, see `segments`), the
field lengths it has read (`ranking`) and the library's vocabulary are kept between
calls, and reopened when the manifest changes (another process or thread committed an
update). An `update()` followed by a search opens the index once.

Any failure to open or read the index (Whoosh's `CorruptIndexError`, undecodable
columns, missing files, a column that fails its checksum) means it is damaged: it is
rebuilt once and the call retried; a second failure is a ReaderError.

An update that cannot write (a read-only or full cache, `write.lock` that is not a
file) is not an error while a committed index is intact: searches answer from that
state, and each result carries a warning that it may miss recent changes. A broken
glossary does not stop a search either: it runs without variants and the error is one
of the results' `warnings`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reader.core.errors import FileFormatError, ReaderError
from reader.core.glossary import Glossary, load_glossary
from reader.core.library import Library
from reader.core.paths import Folders
from reader.core.search.analysis import projection_analyzer
from reader.core.search.manifest import manifest_token, read_manifest
from reader.core.search.query import QueryCompiler
from reader.core.search.ranking import RememberedLengthsBM25F
from reader.core.search.records import SearchResults, UpdateStats
from reader.core.search.searching import locate_in, run_search
from reader.core.search.segments import DocumentColumns, pin_segments
from reader.core.search.store import IndexStore
from reader.core.search.vocabulary import Vocabulary
from reader.core.search.wordlist import open_words, read_words

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
T = TypeVar("T")


class _DamagedIndex(Exception):
    """The committed index opens but some of its files cannot be pinned."""


@dataclass
class _OpenIndex:
    """A committed index state: its searcher, query compiler and (lazy) vocabulary."""

    token: tuple[int, int, int]
    index: Any
    searcher: Any
    columns: DocumentColumns
    words: BinaryIO  # the word list (see `wordlist`), opened with the index
    compiler: QueryCompiler | None = None
    _vocabulary: Vocabulary | None = field(default=None, repr=False)

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            words = read_words(self.words)
            analyzer = projection_analyzer()

            def stem(word: str) -> str:
                return next((t.text for t in analyzer(word)), "")

            self._vocabulary = Vocabulary(words, stem)
        return self._vocabulary

    def close(self) -> None:
        self.searcher.close()
        self.words.close()


class LibraryIndex:
    """The search index of one library, kept in `cache_dir / "index"`."""

    def __init__(self, library: Library, cache_dir: Path) -> None:
        self.library = library
        self.root = cache_dir / "index"
        self._store = IndexStore(library, self.root)
        self._lock = threading.RLock()
        self._open: _OpenIndex | None = None
        self._glossary: tuple[tuple[int, int], Glossary] | None = None
        # Why the last update could not write ("" when it could).
        self._stale = ""

    @classmethod
    def in_folders(cls, library: Library, folders: Folders) -> LibraryIndex:
        """The index of `library` in its cache folder: where every command and the app
        find it (`folders` as `Folders.for_library` resolves them)."""
        return cls(library, folders.cache)

    # --- the index --------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether a committed index is there (it may be out of date)."""
        manifest = read_manifest(self.root)
        return manifest is not None and (self.root / manifest.store).is_dir()

    def update(
        self,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        rebuild: bool = False,
    ) -> UpdateStats:
        """Index new and changed texts, drop deleted ones; rebuild when the index is
        missing, damaged or from another schema version (or when `rebuild`)."""
        try:
            stats = self._store.update(progress, cancel, rebuild)
        except OSError as exc:
            problem = f"cannot write the search index in {self.root}: {exc.strerror or exc}"
            if rebuild or not self._committed():
                raise ReaderError(problem) from exc
            self._stale = (
                f"{problem}; the results are from the last indexed state and may miss "
                "recent changes to the texts"
            )
            return UpdateStats(stale=self._stale)
        self._stale = ""
        return stats

    def merge(self, when_more_than: int = 1) -> int:
        """Fold the index's small segments into one (see `store`) when there are more
        than `when_more_than`; safe to run in a worker thread while searches go on (it
        takes neither this object's lock nor the searcher they read). How many segments
        were folded; 0 when there was nothing to do or the index cannot be written."""
        try:
            return IndexStore(self.library, self.root).merge(when_more_than)
        except OSError:
            return 0

    def _committed(self) -> bool:
        """Whether a committed index is there and opens."""
        try:
            return self._store.open_current()[2] is not None
        except Exception:
            return False

    def _current(self, cancel: Cancel | None = None) -> _OpenIndex:
        """The latest committed state, opened (building the index first if needed)."""
        token = manifest_token(self.root)
        if self._open is not None and self._open.token == token:
            return self._open
        for attempt in range(4):
            token, manifest, index = self._store.open_current()
            if index is not None and manifest is not None:
                searcher = index.searcher(weighting=RememberedLengthsBM25F())
                columns = pin_segments(searcher.reader())
                words = open_words(self.root / manifest.store, manifest.generation)
                if columns is not None and words is not None:
                    break
                # Another process replaced the index as it was opened: open it again.
                searcher.close()
                if words is not None:
                    words.close()
                self._store.forget()
            elif attempt == 0:
                self.update(cancel=cancel)
        else:
            raise _DamagedIndex(f"the search index in {self.root} could not be opened")
        if self._open is not None:
            self._open.close()
        opened = _OpenIndex(token, index, searcher, columns, words)
        opened.compiler = QueryCompiler(index.schema, searcher.reader(), opened.vocabulary)
        self._open = opened
        return opened

    def _repairing(self, action: Callable[[_OpenIndex], T], cancel: Cancel | None) -> T:
        """`action` on the open index; when the index cannot be opened or read, it is
        rebuilt once and `action` retried (see the module docstring)."""
        try:
            return action(self._current(cancel))
        except ReaderError:
            raise  # a bad query: not the index's fault
        except Exception:  # any failure to read the index means it is damaged
            pass
        self.close()
        self._store.forget()
        self.update(cancel=cancel, rebuild=True)
        try:
            return action(self._current(cancel))
        except ReaderError:
            raise
        except Exception as exc:
            raise ReaderError(
                f"the search index in {self.root} is damaged and rebuilding it did not "
                f"help ({type(exc).__name__}: {exc}); delete that folder and try again"
            ) from exc

    def healthy(self) -> bool:
        """Whether the committed index opens and its files can be read."""
        with self._lock:
            try:
                self._current()
            except Exception:
                return False
            return True

    def glossary(self) -> Glossary:
        """The library's glossary (re-read when the file changes)."""
        path = self.library.glossary_path
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size)
        except OSError:
            key = (0, 0)
        if self._glossary is None or self._glossary[0] != key:
            self._glossary = (key, load_glossary(path))
        return self._glossary[1]

    # --- searching --------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        doc_id: str | None = None,
        variants: bool = True,
        cancel: Cancel | None = None,
        hits_per_document: int | None = 10,
    ) -> SearchResults:
        """Ranked documents matching `query`, each with its hits (at most
        `hits_per_document`, None for all) in reading order.

        Raises UsageError on a query it cannot read, ReaderError when the index cannot
        be read even after a rebuild; a cancelled search returns results with
        `cancelled=True` and no documents.
        """
        with self._lock:
            glossary, warnings = self._glossary_or_warning(variants)

            def answer(opened: _OpenIndex) -> SearchResults:
                assert opened.compiler is not None
                return run_search(
                    opened.searcher,
                    opened.columns,
                    opened.compiler,
                    opened.vocabulary,
                    query,
                    glossary,
                    limit=limit,
                    doc_id=doc_id,
                    hits_per_document=hits_per_document,
                    cancel=cancel,
                )

            results = self._repairing(answer, cancel)
            if self._stale:
                warnings = (self._stale, *warnings)
            return replace(results, warnings=warnings) if warnings else results

    def _glossary_or_warning(self, variants: bool) -> tuple[Glossary | None, tuple[str, ...]]:
        """The glossary to search with, or None and why it cannot be used."""
        if not variants:
            return None, ()
        try:
            return self.glossary(), ()
        except FileFormatError as exc:
            return None, (f"{exc} (searched without variants)",)

    def terms_in(self, doc_id: str, query: str, *, variants: bool = True) -> list[tuple[int, int]]:
        """Every [start, end) in document `doc_id` that the query's words match."""
        with self._lock:
            glossary, _ = self._glossary_or_warning(variants)

            def locate(opened: _OpenIndex) -> list[tuple[int, int]]:
                assert opened.compiler is not None
                return locate_in(opened.searcher, opened.compiler, doc_id, query, glossary)

            return self._repairing(locate, None)

    def projection(self, doc_id: str) -> str | None:
        """The projection of `doc_id` as it was indexed (what the offsets of its hits
        point into), or None when it is not in the index."""
        with self._lock:

            def read(opened: _OpenIndex) -> str | None:
                docnum = opened.searcher.document_number(id=doc_id)
                if docnum is None:
                    return None
                stored = opened.searcher.stored_fields(docnum)
                return opened.columns.checked(docnum, stored.get("check"))[0]

            return self._repairing(read, None)

    def close(self) -> None:
        """Close the open searcher (it is reopened on the next call)."""
        with self._lock:
            if self._open is not None:
                self._open.close()
                self._open = None
