"""The index on disk: where it lives, and building or updating it.

Layout of `<cache>/index/`:

- `manifest.json`: what the committed index holds (see `manifest`);
- `<store>/`: the Whoosh index (a new folder for every full rebuild, so a process that
  is reading the old one is never disturbed; old folders are removed after the switch),
  one file per part of a segment (see `segments` for why, and how readers cope);
- `write.lock`: the lock (the `filelock` package) every writer holds.

An update compares the files with the manifest: files whose size and modification time
are unchanged are skipped without reading them (so a no-op pass costs a `stat` per
file); others are hashed, and only new, changed and deleted documents are written. The
manifest is replaced (atomically) only after the Whoosh commit, so a reader always sees
a committed state. A missing, unreadable or outdated index (another schema version, a
manifest that does not match the index) is rebuilt from scratch.

Every update writes a new Whoosh segment; `merge()` folds the small ones into one (the
policies are in `segment_merging`), under the write lock, while searches go on reading
the state they opened. A rebuild writes one segment per `BATCH_BYTES` of text (see
there).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.writing import NO_MERGE

from reader.core.atomic import atomic_write_text
from reader.core.document_parser import parse_document
from reader.core.errors import FileFormatError, ReaderError
from reader.core.library import ID_PATTERN, Library
from reader.core.search.analysis import WORD, blank_spans
from reader.core.search.indexing import surface_of
from reader.core.search.manifest import (
    MANIFEST,
    Manifest,
    manifest_token,
    open_store,
    read_manifest,
    store_files,
)
from reader.core.search.records import UpdateStats
from reader.core.search.schema import build_schema, date_terms
from reader.core.search.segment_merging import (
    CHEAP_MERGE,
    SMALL_SEGMENT,
    merge_small_segments,
    new_writer,
    small_segments,
    update_merge,
)
from reader.core.search.segments import content_check
from reader.core.search.snippets import pack_sentence_ends
from reader.core.search.wordlist import write_words

LOCK = "write.lock"
# How long an update waits for another process's write before it settles for the last
# committed state (when there is one).
BUSY_WAIT = 2.0
# A rebuild commits a segment per this many bytes of text: Whoosh sorts a segment's
# postings in memory up to the writer's limit and spills sorted runs to disk (pickled,
# one posting at a time) beyond it, which made the CPU time per MB grow with the
# library. Segments this size never spill, and bound the memory a build takes.
BATCH_BYTES = 16_000_000

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass
class _Plan:
    """What an update has to do."""

    manifest: Manifest
    index: Any | None
    write: dict[str, tuple[str, int, int, bytes]]  # id -> hash, size, mtime, file bytes
    delete: list[str]
    restat: dict[str, list[Any]]  # unchanged content, new size/mtime
    unchanged: int
    added: int


class IndexStore:
    """Builds and updates the index of one library in `root` (`<cache>/index`)."""

    def __init__(self, library: Library, root: Path) -> None:
        self.library = library
        self.root = root
        self._opened: tuple[tuple[int, int, int], Manifest | None, Any | None] | None = None
        # The surface words of the texts written since the last commit (see `wordlist`).
        self._words: set[str] = set()

    def open_current(self) -> tuple[tuple[int, int, int], Manifest | None, Any | None]:
        """(token, manifest, Whoosh index) of the committed state; the index is None
        when it is missing or damaged. Kept while the manifest is unchanged, so an
        update followed by a search reads the manifest and opens the index once."""
        token = manifest_token(self.root)
        if self._opened is None or self._opened[0] != token or token == (0, 0, 0):
            manifest = read_manifest(self.root)
            index = open_store(self.root, manifest) if manifest else None
            self._opened = (token, manifest, index)
        return self._opened

    def forget(self) -> None:
        """Drop the kept index (it is opened again on the next call)."""
        self._opened = None

    # --- planning -------------------------------------------------------------------
    def _scan(self) -> dict[str, tuple[int, int]]:
        """id -> (size, mtime) of every text. One `scandir` pass: this is most of the
        cost of a no-op update, which every `reader search` makes."""
        files: dict[str, tuple[int, int]] = {}
        try:
            entries = os.scandir(self.library.texts_dir)
        except OSError:
            return files
        with entries:
            for entry in entries:
                name = entry.name
                if not name.endswith(".md") or not ID_PATTERN.match(name[:-3]):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                files[name[:-3]] = (st.st_size, st.st_mtime_ns)
        return files

    def _plan(self, rebuild: bool, quick: bool = False) -> _Plan:
        """Compare the texts with the manifest. With `quick`, files whose size or time
        changed are only listed (in `write`, with empty data), not read and hashed."""
        manifest: Manifest | None = None
        index = None
        if not rebuild:
            _, current, index = self.open_current()
            if current is not None and index is not None:
                # A copy: the write changes it, and may stop half-way.
                manifest = replace(current, documents=dict(current.documents))
        if manifest is None or index is None:
            manifest, index = Manifest(), None
        write: dict[str, tuple[str, int, int, bytes]] = {}
        restat: dict[str, list[Any]] = {}
        unchanged = added = 0
        files = self._scan()
        fresh = not quick and index is None
        for doc_id, (size, mtime) in files.items():
            known = manifest.documents.get(doc_id)
            if known and known[1] == size and known[2] == mtime:
                unchanged += 1
                continue
            if quick or fresh:
                # A fresh build reads each text only when it writes it (see `_write_into`).
                write[doc_id] = ("", size, mtime, b"")
                added += fresh
                continue
            try:
                data = self.library.text_path(doc_id).read_bytes()
            except OSError:
                continue
            digest = hashlib.sha256(data).hexdigest()
            if known and known[0] == digest:
                restat[doc_id] = [digest, size, mtime]
                unchanged += 1
                continue
            write[doc_id] = (digest, size, mtime, data)
            added += known is None
        delete = sorted(set(manifest.documents) - set(files))
        return _Plan(manifest, index, write, delete, restat, unchanged, added)

    # --- updating -------------------------------------------------------------------
    def update(
        self,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        rebuild: bool = False,
    ) -> UpdateStats:
        """Bring the index up to date with the texts (see the module docstring)."""
        began = time.perf_counter()
        plan = self._plan(rebuild, quick=True)
        if plan.index is not None and not (plan.write or plan.delete):
            return UpdateStats(unchanged=plan.unchanged, seconds=time.perf_counter() - began)
        # Imported here: a no-op pass (every `reader search`) never needs the lock.
        from filelock import FileLock, Timeout

        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / LOCK))
        waited = 0.0
        while True:
            try:
                lock.acquire(timeout=0.1)
                break
            except Timeout:
                waited += 0.1
                if cancel and cancel():
                    return UpdateStats(cancelled=True, seconds=time.perf_counter() - began)
                if plan.index is not None and waited >= BUSY_WAIT:
                    # Another process is writing: read the last committed state.
                    return UpdateStats(
                        unchanged=plan.unchanged, seconds=time.perf_counter() - began
                    )
        try:
            # Plan again under the lock: another process may have done the work.
            plan = self._plan(rebuild)
            stats = self._write(plan, progress, cancel)
        finally:
            lock.release()
        return UpdateStats(
            added=stats.added,
            changed=stats.changed,
            deleted=stats.deleted,
            unchanged=stats.unchanged,
            rebuilt=stats.rebuilt,
            cancelled=stats.cancelled,
            failed=stats.failed,
            seconds=time.perf_counter() - began,
        )

    def merge(self, when_more_than: int = 1) -> int:
        """Fold the small segments of the committed index into one when there are more
        than `when_more_than` of them (see the module docstring); how many were folded
        (0 also when another process holds the write lock: it is not waited for)."""
        _, _, current = self.open_current()
        if current is None:
            return 0
        segments = current._segments()
        if small_segments(segments) <= max(1, when_more_than):
            return 0
        # Imported here: a search with nothing to merge never needs the lock.
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.root / LOCK))
        try:
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            return 0
        try:
            self.forget()
            _, manifest, ix = self.open_current()
            if manifest is None or ix is None:
                return 0
            folded: list[int] = []

            def fold_small(writer: Any, segments: list[Any]) -> list[Any]:
                small = [s for s in segments if 0 < s.doc_count() <= SMALL_SEGMENT]
                folded.append(len(small))
                return merge_small_segments(writer, segments, sum(s.doc_count() for s in small))

            writer = new_writer(ix)
            writer.commit(mergetype=fold_small)
            self._save(manifest, ix)
            return folded[0] if folded else 0
        finally:
            lock.release()

    def _write(self, plan: _Plan, progress: Progress | None, cancel: Cancel | None) -> UpdateStats:
        self._words = set()
        if plan.index is not None:
            return self._write_into(plan, plan.index, progress, cancel)
        # A rebuild writes a new store folder; if it fails (a full disk), the folder goes.
        plan.manifest.store = f"store-{time.time_ns():x}"
        folder = self.root / plan.manifest.store
        try:
            folder.mkdir(parents=True)
            ix = windex.create_in(str(folder), build_schema())
            return self._write_into(plan, ix, progress, cancel)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def _write_into(
        self, plan: _Plan, ix: Any, progress: Progress | None, cancel: Cancel | None
    ) -> UpdateStats:
        manifest = plan.manifest
        rebuilt = plan.index is None
        manifest.documents.update(plan.restat)
        if not (plan.write or plan.delete) and not rebuilt:
            self._save(manifest, ix)
            return UpdateStats(unchanged=plan.unchanged)
        writer = new_writer(ix, small=not rebuilt and len(plan.write) <= CHEAP_MERGE)
        failed: list[tuple[str, str]] = []
        done = deleted = 0
        batch = batch_bytes = 0
        cancelled = False
        try:
            for doc_id in plan.delete:
                writer.delete_by_term("id", doc_id)
                manifest.documents.pop(doc_id, None)
                deleted += 1
            total = len(plan.write)
            for doc_id in sorted(plan.write):
                # Taken out of the plan: the text's bytes are freed once it is written.
                digest, size, mtime, data = plan.write.pop(doc_id)
                if not digest:  # a fresh build: read the text now
                    try:
                        data = self.library.text_path(doc_id).read_bytes()
                    except OSError:
                        continue
                    digest = hashlib.sha256(data).hexdigest()
                if rebuilt and batch_bytes >= BATCH_BYTES:
                    writer.commit(mergetype=NO_MERGE)
                    writer = new_writer(ix)
                    batch = batch_bytes = 0
                if cancel and cancel():
                    cancelled = True
                    break
                if progress:
                    progress(done, total, doc_id)
                try:
                    fields = self._fields(doc_id, data, digest)
                except ReaderError as exc:
                    failed.append((doc_id, str(exc)))
                    writer.delete_by_term("id", doc_id)
                    manifest.documents.pop(doc_id, None)
                    continue
                if rebuilt:
                    writer.add_document(**fields)
                else:
                    writer.update_document(**fields)
                manifest.documents[doc_id] = [digest, size, mtime]
                done += 1
                batch += 1
                batch_bytes += len(data)
            if progress:
                progress(done, total, "")
        except BaseException:
            with contextlib.suppress(Exception):  # a writer that failed to commit is closed
                writer.cancel()
            raise
        # Commit even when cancelled: the work done so far is kept, the rest is redone
        # by the next update.
        writer.commit(mergetype=partial(update_merge, written=batch if rebuilt else done))
        self._save(manifest, ix)
        added = min(plan.added, done)
        return UpdateStats(
            added=added,
            changed=done - added,
            deleted=deleted,
            unchanged=plan.unchanged,
            rebuilt=rebuilt,
            cancelled=cancelled,
            failed=tuple(failed),
        )

    def _fields(self, doc_id: str, data: bytes, digest: str) -> dict[str, Any]:
        path = self.library.text_path(doc_id)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FileFormatError(path, "not valid UTF-8") from exc
        doc = parse_document(source, doc_id, path)
        indexed = blank_spans(doc.text, ((m.start, m.end) for m in doc.markers))
        self._words.update(map(surface_of, WORD.findall(indexed)))
        text = doc.text.encode("utf-8")
        ends = pack_sentence_ends(doc.text)
        return {
            "id": doc_id,
            "title": doc.title,
            "author": doc.author,
            "date": date_terms(doc.date) or None,
            "content": indexed,
            "text": text,
            "sentences": ends,
            "headings": [(h.start, h.text) for h in doc.headings],
            "hash": digest,
            "check": content_check(text, ends),
        }

    def _save(self, manifest: Manifest, ix: Any, words: bool = True) -> None:
        """Record the committed state in the manifest; with `words`, write its word
        list first (the words of the texts written, added to the last list)."""
        previous = manifest.generation if manifest.generation >= 0 else None
        manifest.generation = int(ix.latest_generation())
        if words:
            folder = self.root / manifest.store
            write_words(folder, manifest.generation, self._words, previous)
            self._words = set()
        manifest.files = store_files(self.root / manifest.store)
        atomic_write_text(self.root / MANIFEST, manifest.to_json())
        for old in self.root.glob("store-*"):
            if old.name != manifest.store and old.is_dir():
                with contextlib.suppress(OSError):
                    shutil.rmtree(old)
