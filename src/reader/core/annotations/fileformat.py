"""The TOML file `annotations/<doc-id>.toml`: reading it strictly, writing it readably.

The format is documented for people in `annotations/README.md`. In short:

    schema = 1
    document = "<doc-id>"
    deleted = ["<id>", ...]          # deletions, so a merge never brings them back

    [[annotation]]
    id = "<uuid>"
    kind = "highlight"               # or "note"
    created = "2025-01-31T09:15:00Z"
    updated = "2025-01-31T09:15:00Z"
    colour = "yellow"
    tags = ["georgia"]
    note = \"\"\"
    several lines\"\"\"

    [annotation.target]              # absent for a note on the whole document
    quote = "..."
    prefix = "..."
    suffix = "..."
    start = 120
    end = 168
    text_hash = "<16 hex digits>"

`parse` checks everything (TOML syntax, schema version, the type of every field) and
raises a `FileFormatError` with the line and column of the first problem; `render`
writes the canonical form (multi-line notes as TOML multi-line strings, via tomli_w).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from reader.core import tomlfile
from reader.core.annotations.model import (
    DEFAULT_COLOUR,
    KINDS,
    PALETTE,
    Annotation,
    Target,
    format_time,
    normalise_tags,
)
from reader.core.errors import FileFormatError, UsageError, printable

SCHEMA_VERSION = 1

_KNOWN = ("id", "kind", "created", "updated", "colour", "tags", "note", "target")
_TARGET_KEYS = ("quote", "prefix", "suffix", "start", "end", "text_hash")


@dataclass
class AnnotationFileData:
    """What one annotations file holds: its annotations (in file order) and deletions."""

    document: str
    annotations: list[Annotation] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def parse(text: str, path: Path, doc_id: str) -> AnnotationFileData:
    """Parse and check the file's text; FileFormatError (with line, column) if it is wrong."""
    data = tomlfile.loads(text, path)
    where = _Locator(text, path)
    schema = data.get("schema")
    if schema is None:
        raise FileFormatError(path, f"missing `schema = {SCHEMA_VERSION}` line", 1, 1)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema != SCHEMA_VERSION:
        raise where.error((), "schema", f"unknown schema {schema!r}: this version reads schema 1")
    document = data.get("document", doc_id)
    if document != doc_id:
        raise where.error((), "document", f"file is for document {document!r}, expected {doc_id!r}")
    deleted = data.get("deleted", [])
    if not isinstance(deleted, list) or not all(isinstance(x, str) for x in deleted):
        raise where.error((), "deleted", "`deleted` must be a list of annotation ids")
    entries = data.get("annotation", [])
    if not isinstance(entries, list):
        raise where.error((), "annotation", "`annotation` must be [[annotation]] tables")
    out = AnnotationFileData(document=doc_id, deleted=list(deleted))
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise where.error((), "annotation", "`annotation` must be [[annotation]] tables")
        annotation = _annotation(entry, index, where)
        if annotation.id in seen:
            raise where.error((index,), "id", f"id {annotation.id!r} is used twice")
        seen.add(annotation.id)
        out.annotations.append(annotation)
    return out


def render(data: AnnotationFileData, title: str = "") -> str:
    """The canonical text of an annotations file."""
    about = f"{title or data.document} (texts/{data.document}.md)"
    header = [
        f"# Highlights and notes on {_one_comment_line(about)}.",
        "# Hand edits are welcome; the format is described in annotations/README.md.",
    ]
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION, "document": data.document}
    if data.deleted:
        doc["deleted"] = list(data.deleted)
    doc["annotation"] = [_entry(a) for a in data.annotations]
    if not data.annotations:
        del doc["annotation"]
    body = tomli_w.dumps(doc, multiline_strings=True)
    return "\n".join(header) + "\n" + body


def _one_comment_line(text: str) -> str:
    """`text` fit for a `#` comment: new lines (and other breaks) folded to spaces,
    control characters such as ESC shown as escapes, since TOML refuses them raw."""
    return printable(" ".join(text.split()))


def parse_entries(text: str, path: Path) -> list[Annotation]:
    """The annotations of a piece of a file (`[[annotation]]` blocks without the head),
    checked as `parse` checks them."""
    data = tomlfile.loads(text, path)
    where = _Locator(text, path)
    entries = data.get("annotation", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise where.error((), "annotation", "`annotation` must be [[annotation]] tables")
    return [_annotation(entry, index, where) for index, entry in enumerate(entries)]


def entry_of(a: Annotation) -> dict[str, Any]:
    """The annotation as the file stores it (a TOML table; unknown keys included)."""
    return _entry(a)


def _entry(a: Annotation) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": a.id,
        "kind": a.kind,
        "created": a.created,
        "updated": a.updated,
        "colour": a.colour,
        "tags": list(a.tags),
        "note": a.note,
    }
    entry.update({k: v for k, v in a.extra.items() if k not in entry})
    if a.target is not None:
        t = a.target
        entry["target"] = {
            "quote": t.quote,
            "prefix": t.prefix,
            "suffix": t.suffix,
            "start": t.start,
            "end": t.end,
            "text_hash": t.text_hash,
        }
    return entry


def _annotation(entry: dict[str, Any], index: int, where: _Locator) -> Annotation:
    at = (index,)

    def text(key: str, default: str | None = None) -> str:
        value = entry.get(key, default)
        if value is None:
            raise where.error(at, None, f"annotation #{index + 1} has no `{key}`")
        if not isinstance(value, str):
            raise where.error(at, key, f"`{key}` must be a string, not {_type(value)}")
        return value

    ann_id = text("id").strip()
    if not ann_id:
        raise where.error(at, "id", "`id` must not be empty")
    kind = text("kind")
    if kind not in KINDS:
        raise where.error(at, "kind", f"`kind` must be one of {', '.join(KINDS)}, not {kind!r}")
    created = _time(entry.get("created"), "created", at, where)
    updated = _time(entry.get("updated", created), "updated", at, where)
    colour_key = "colour" if "colour" in entry or "color" not in entry else "color"
    colour = text(colour_key, DEFAULT_COLOUR).strip().lower()
    if colour not in PALETTE:
        raise where.error(
            at, colour_key, f"unknown colour {colour!r}: use one of {', '.join(PALETTE)}"
        )
    tags_value = entry.get("tags", [])
    if not isinstance(tags_value, list) or not all(isinstance(t, str) for t in tags_value):
        raise where.error(at, "tags", "`tags` must be a list of strings")
    try:
        tags = normalise_tags(tags_value)
    except UsageError as exc:
        raise where.error(at, "tags", str(exc)) from None
    note = text("note", "")
    target = _target(entry.get("target"), at, where, kind)
    extra = {k: v for k, v in entry.items() if k not in _KNOWN and k != "color"}
    return Annotation(ann_id, kind, created, updated, colour, tags, note, target, extra)


def _target(value: Any, at: tuple[int, ...], where: _Locator, kind: str) -> Target | None:
    if value is None:
        if kind != "note":
            raise where.error(at, "id", "a highlight needs an [annotation.target] table")
        return None
    if not isinstance(value, dict):
        raise where.error(at, "target", "`target` must be a table")
    sub = (*at, "target")
    for key in ("quote", "prefix", "suffix", "text_hash"):
        if not isinstance(value.get(key, ""), str):
            raise where.error(sub, key, f"`target.{key}` must be a string")
    for key in ("start", "end"):
        number = value.get(key)
        if number is None:
            raise where.error(sub, None, f"`target` has no `{key}`")
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise where.error(sub, key, f"`target.{key}` must be a whole number >= 0")
    if not value.get("quote"):
        raise where.error(sub, "quote", "`target.quote` must not be empty")
    if value["end"] < value["start"]:
        raise where.error(sub, "end", "`target.end` is before `target.start`")
    return Target(
        quote=value["quote"],
        prefix=value.get("prefix", ""),
        suffix=value.get("suffix", ""),
        start=value["start"],
        end=value["end"],
        text_hash=value.get("text_hash", ""),
    )


def _time(value: Any, key: str, at: tuple[int, ...], where: _Locator) -> str:
    """A time as written (ISO 8601 string or TOML date-time), normalised to UTC `Z`."""
    if value is None:
        raise where.error(at, None, f"annotation #{at[0] + 1} has no `{key}`")
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise where.error(at, key, f"`{key}` must be an ISO 8601 time such as 2025-01-31T09:15:00Z")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a time without offset is taken as UTC
    return format_time(moment)


def _type(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list"}.get(
        type(value), "a table" if isinstance(value, dict) else type(value).__name__
    )


class _Locator:
    """Finds the line and column of a key in the file, for error messages.

    TOML syntax errors carry their own position; a value of the wrong type does not,
    so the file is scanned: top-level keys come before any table; the n-th
    `[[annotation]]` header starts annotation n; `[annotation.target]` after it holds
    its target. Lines inside multi-line strings are skipped.
    """

    _HEADER = re.compile(r"^\s*\[\[\s*annotation\s*\]\]")
    _TARGET = re.compile(r"^\s*\[\s*annotation\s*\.\s*target\s*\]")
    _TABLE = re.compile(r"^\s*\[")

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.code: list[bool] = []  # False for lines inside a multi-line string
        inside: str | None = None
        for line in self.lines:
            self.code.append(inside is None)
            for quote in ('"""', "'''"):
                if inside in (None, quote):
                    count = line.count(quote)
                    if count % 2 == 1:
                        inside = quote if inside is None else None

    def error(self, at: tuple[Any, ...], key: str | None, message: str) -> FileFormatError:
        line, column = self.find(at, key)
        return FileFormatError(self.path, message, line, column)

    def find(self, at: tuple[Any, ...], key: str | None) -> tuple[int, int]:
        """1-based (line, column) of `key` in the table at `at` (0, 0 if not found)."""
        lo, hi = self._section(at)
        if key is None:
            return (lo + 1, 1) if lo > 0 or at else (0, 0)
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=\s*")
        for i in range(lo, hi):
            if self.code[i]:
                m = pattern.match(self.lines[i])
                if m:
                    return i + 1, m.end() + 1
        return (lo + 1, 1) if at else (0, 0)

    def _section(self, at: tuple[Any, ...]) -> tuple[int, int]:
        """The line range [lo, hi) of the top level, annotation n, or its target."""
        n = len(self.lines)
        headers = [i for i in range(n) if self.code[i] and self._HEADER.match(self.lines[i])]
        if not at:
            first_table = next(
                (i for i in range(n) if self.code[i] and self._TABLE.match(self.lines[i])), n
            )
            return 0, first_table
        index = at[0]
        if index >= len(headers):
            return 0, 0
        lo = headers[index]
        hi = headers[index + 1] if index + 1 < len(headers) else n
        target = next(
            (i for i in range(lo, hi) if self.code[i] and self._TARGET.match(self.lines[i])), hi
        )
        if len(at) > 1:
            return target, hi
        return lo, target
