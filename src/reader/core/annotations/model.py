"""The annotation model: highlights and notes on a document, and where they point.

An `Annotation` is what the user made: a kind (`highlight` or `note`), a colour from a
small named palette, tags, a note, times, and a `Target` that anchors it to the text
W3C-style (the exact quote, some context before and after it, start/end offsets into
`Document.text` and the hash of the text version those offsets refer to). A note on the
whole document has no target.

Annotations are immutable values; changing one means making a new one with
`dataclasses.replace` and a fresh `updated` time (see `touched`). Keys a person adds to
the file by hand that the model does not know are kept in `extra` and written back, so
the app never throws away what someone wrote.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.core.errors import UsageError

HIGHLIGHT = "highlight"
NOTE = "note"
KINDS = (HIGHLIGHT, NOTE)

# The named palette; the UI maps each name to a themed colour.
PALETTE = ("yellow", "green", "blue", "pink", "purple", "orange", "red", "grey")
DEFAULT_COLOUR = "yellow"

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a `Z`, to the second."""
    return datetime.now(UTC).strftime(TIME_FORMAT)


def format_time(moment: datetime) -> str:
    """`moment` (timezone-aware) as ISO 8601 UTC with a `Z`."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def new_id() -> str:
    """A fresh annotation id: a random UUID, so two copies of the app never collide."""
    return str(uuid.uuid4())


def check_colour(colour: str) -> str:
    """`colour` if it names a palette colour (any case), else a UsageError."""
    name = colour.strip().lower()
    if name == "gray":
        name = "grey"
    if name not in PALETTE:
        raise UsageError(f"unknown colour {colour!r}: choose one of {', '.join(PALETTE)}")
    return name


def normalise_tag(tag: str) -> str:
    """A tag as stored: without a leading `#` and surrounding spaces; UsageError if empty
    or if it holds whitespace."""
    name = tag.strip().lstrip("#").strip()
    if not name or any(ch.isspace() for ch in name):
        raise UsageError(f"invalid tag {tag!r}: a tag is one word, such as #georgia")
    return name


def normalise_tags(tags: Any) -> tuple[str, ...]:
    """Tags as stored: normalised, duplicates (ignoring case) dropped, order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        name = normalise_tag(tag)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Target:
    """Where an annotation points, as it was when the offsets were last written.

    `quote` is the exact text at [start, end) of the projection whose hash is
    `text_hash`; `prefix` and `suffix` are up to a few dozen characters of text just
    before and after it, used to find the quote again after the text changes.
    """

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight or a note made by the user (see the module docstring)."""

    id: str
    kind: str
    created: str
    updated: str
    colour: str = DEFAULT_COLOUR
    tags: tuple[str, ...] = ()
    note: str = ""
    target: Target | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def on_document(self) -> bool:
        """True for a note on the whole document (no place in the text)."""
        return self.target is None

    @property
    def quote(self) -> str:
        """The quoted text ("" for a note on the whole document)."""
        return self.target.quote if self.target else ""

    def has_tag(self, tag: str) -> bool:
        """Whether the annotation carries `tag` (with or without `#`, any case)."""
        wanted = tag.strip().lstrip("#").casefold()
        return any(t.casefold() == wanted for t in self.tags)

    def touched(self, **changes: Any) -> Annotation:
        """A copy with `changes` applied and `updated` set to now."""
        return dataclasses.replace(self, updated=utc_now(), **changes)
