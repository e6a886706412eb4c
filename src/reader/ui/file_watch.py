"""Noticing changes other processes make to what the app shows.

A library is shared: another copy of the app, `reader notes add`, `reader import
--replace`, a sync tool or a text editor may change a text or its annotations while the
app runs. Every `WATCH_SECONDS` the app looks at the modification time and size of the
files behind the open views (a cheap `stat`; no file watcher to install). When a text
changed, its view shows the new version at the same place; when an annotations file
changed (and the change is not the app's own save), the annotations are read again,
or a change refused while the file was broken is saved now; each time the app says so.
"""

from __future__ import annotations

from pathlib import Path

WATCH_SECONDS = 2.0


class FileWatch:
    """The last seen (modification time, size) of each watched file."""

    def __init__(self) -> None:
        self._seen: dict[Path, tuple[int, int] | None] = {}

    def changed(self, path: Path) -> bool:
        """Whether `path` changed since the last look (False the first time)."""
        try:
            stat = path.stat()
            now: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            now = None
        if path not in self._seen:
            self._seen[path] = now
            return False
        before = self._seen[path]
        self._seen[path] = now
        return before != now

    def forget(self, path: Path) -> None:
        """Look at `path` afresh (after the app itself wrote it)."""
        self._seen.pop(path, None)
