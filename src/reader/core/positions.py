"""Reading positions and marks: where the reader was in every document, across runs.

One small JSON file per library, `positions.json` in the library's state folder
(`reader.core.paths.Folders.state`), holds for each document id the offset of the first
line the reader saw, the text hash that offset refers to, the marks set with
m<letter>, when the position was last recorded (`read_at`, UTC, ISO 8601 to the
second), which the library pane shows as the last-read date, and how far the reader
has seen (`seen`: the offset just past the last line on screen, the text's length when
it was scrolled to the end), which the library's percent is of, as the status line's is:

```json
{"version": 1,
 "documents": {"lenin-1917": {"offset": 10234, "text_hash": "ab12...", "marks": {"a": 812},
                              "read_at": "2026-12-05T14:03:11Z", "seen": 11890}}}
```

`read_at` and `seen` came after the first files were written: a record without them (or
with a value that is not such a time, or not a whole number) loads with them None, and
the version stays 1, since older readers of the file ignore the extra keys.

Two reading views (or two running apps) may share the file, so `save` takes a lock
(the `filelock` package; a hidden `.positions.json.lock` beside it), re-reads the file
and overlays only the documents this instance changed.

A broken or unreadable file never stops anyone from reading: `load` starts empty (with
`problem` saying why, for the UI to show), and the next save moves the file aside to
`positions.json.damaged-<n>` (its bytes kept, for repair by hand) before writing a fresh
one; `problem` then names where it went. Writes are atomic. An offset saved against
another version of the text (after a re-clean) is still used, clamped to the text, since
a nearby place is better than the start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from reader.core.atomic import atomic_write_text, move_aside

FILE_NAME = "positions.json"
VERSION = 1
LOCK_TIMEOUT = 10.0  # seconds to wait for another instance to finish saving
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass
class DocumentPosition:
    """Where the reader is in one document, and the marks set in it."""

    offset: int = 0
    text_hash: str = ""
    marks: dict[str, int] = field(default_factory=dict)
    read_at: datetime | None = None
    """When the position was last recorded (UTC; None for a record from before this was
    kept, or for a document only marked, never read)."""
    seen: int | None = None
    """The offset just past the last line the reader saw (the text's length at its end;
    None for a record from before this was kept)."""


def format_time(moment: datetime) -> str:
    """`moment` as the file keeps it: UTC, to the second ("2026-12-05T14:03:11Z")."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(value: object) -> datetime | None:
    """A time as the file keeps it, or None for anything else (a damaged value only
    loses the date, never the position)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass
class ReadingPositions:
    """Every document's position and marks, loaded from and saved to one state file."""

    path: Path
    documents: dict[str, DocumentPosition] = field(default_factory=dict)
    problem: str | None = None
    """Why the file on disk could not be used, if it could not (shown once by the UI)."""
    changed: set[str] = field(default_factory=set)
    """The documents changed since the last save (the ones `save` writes over the file)."""

    @classmethod
    def in_folder(cls, state: Path) -> ReadingPositions:
        """The positions kept in the state folder `state` (`positions.json` there)."""
        return cls.load(state / FILE_NAME)

    @classmethod
    def load(cls, path: Path) -> ReadingPositions:
        """Read `path`; a missing file is empty, a broken one is empty with a `problem`."""
        positions = cls(path)
        positions.documents, problem = _read(path)
        if problem is not None:
            positions.problem = f"{problem}; starting afresh"
        return positions

    @property
    def lock_path(self) -> Path:
        """The lock file taken while saving (beside the state file)."""
        return self.path.with_name(f".{self.path.name}.lock")

    def get(self, doc_id: str) -> DocumentPosition:
        """The record for `doc_id` (created empty when there is none)."""
        return self.documents.setdefault(doc_id, DocumentPosition())

    def offset(self, doc_id: str) -> int | None:
        """The remembered offset in `doc_id`, or None if it was never read."""
        record = self.documents.get(doc_id)
        return record.offset if record else None

    def remember(
        self,
        doc_id: str,
        offset: int,
        text_hash: str = "",
        now: datetime | None = None,
        seen: int | None = None,
    ) -> None:
        """Record the reader's position in `doc_id` (the top line at `offset`, seen up to
        `seen`), read at `now` (default: the current time); saved by `save`."""
        record = self.get(doc_id)
        record.offset = max(0, offset)
        record.seen = None if seen is None else max(record.offset, seen)
        if text_hash:
            record.text_hash = text_hash
        record.read_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.changed.add(doc_id)

    def set_mark(self, doc_id: str, letter: str, offset: int) -> None:
        """Set mark `letter` in `doc_id` at `offset`."""
        self.get(doc_id).marks[letter] = max(0, offset)
        self.changed.add(doc_id)

    def mark(self, doc_id: str, letter: str) -> int | None:
        """The offset of mark `letter` in `doc_id`, if set."""
        record = self.documents.get(doc_id)
        return record.marks.get(letter) if record else None

    def to_json(self) -> str:
        """The file's content: stable key order, one document per line-ish, diffable."""
        data: dict[str, Any] = {
            "version": VERSION,
            "documents": {
                doc_id: _record_json(record) for doc_id, record in sorted(self.documents.items())
            },
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def save(self) -> None:
        """Merge this instance's changes into the file and write it atomically."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        moved_to: Path | None = None
        # A filelock.Timeout is an OSError, like any other failure to write.
        with FileLock(self.lock_path, timeout=LOCK_TIMEOUT):
            on_disk, problem = _read(self.path)
            if problem is not None:
                moved_to = move_aside(self.path)
                on_disk = dict(self.documents)  # keep what this instance still knows
            for doc_id in self.changed:
                on_disk[doc_id] = self.documents[doc_id]
            # Adopt what others saved meanwhile, so later reads here see it too.
            for doc_id, record in on_disk.items():
                if doc_id not in self.changed:
                    self.documents[doc_id] = record
            atomic_write_text(self.path, ReadingPositions(self.path, on_disk).to_json())
        self.changed.clear()
        self.problem = None
        if moved_to is not None:
            self.problem = f"{problem}; it was moved aside to {moved_to} and a fresh file written"


def _record_json(record: DocumentPosition) -> dict[str, Any]:
    """One document's entry in the file (`read_at` and `seen` only when known)."""
    data: dict[str, Any] = {
        "offset": record.offset,
        "text_hash": record.text_hash,
        "marks": dict(sorted(record.marks.items())),
    }
    if record.read_at is not None:
        data["read_at"] = format_time(record.read_at)
    if record.seen is not None:
        data["seen"] = record.seen
    return data


def _read(path: Path) -> tuple[dict[str, DocumentPosition], str | None]:
    """The documents saved in `path` and, if the file exists but cannot be used, why."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, f"{path}: cannot read reading positions ({exc})"
    try:
        return _parse(json.loads(raw)), None
    except (ValueError, TypeError, AttributeError) as exc:
        return {}, f"{path}: reading positions are damaged ({exc})"


def _parse(data: Any) -> dict[str, DocumentPosition]:
    """The documents of a loaded file; raises ValueError on anything unexpected."""
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise ValueError("expected an object with 'documents'")
    out: dict[str, DocumentPosition] = {}
    for doc_id, record in data["documents"].items():
        offset = record.get("offset", 0)
        marks = record.get("marks", {})
        if not isinstance(offset, int) or not isinstance(marks, dict):
            raise ValueError(f"bad record for {doc_id!r}")
        out[str(doc_id)] = DocumentPosition(
            offset=max(0, offset),
            text_hash=str(record.get("text_hash", "")),
            marks={str(k): int(v) for k, v in marks.items() if isinstance(v, int)},
            read_at=parse_time(record.get("read_at")),
            seen=_whole_number(record.get("seen")),
        )
    return out


def _whole_number(value: object) -> int | None:
    """A saved offset, or None for anything else (a damaged value only loses how far
    the reader saw, never the position)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return max(0, value)
