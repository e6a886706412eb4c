"""How far the reader got in each text and when, as the library lists it.

The percent is how far the reader has seen (the offset just past the last line on
screen, saved by `reader.core.positions`) over the length of the text's projection
(which the catalog knows without loading the text), rounded down, so 100% means the
very end: the same figure the status line shows while reading (`percent_read`). A
position saved before that offset was kept counts from its top line. The last-read
date is said the short way: "today", "yesterday", "3 days ago" within a week, else the
date ("2026-12-05"), in the reader's local time. A text never read shows neither; a
position saved before read times were kept shows its percent only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reader.core.positions import DocumentPosition

WEEK = 7


@dataclass(frozen=True)
class Progress:
    """How far and when one text was read (None: not known)."""

    percent: int | None = None
    read_at: datetime | None = None

    @property
    def percent_label(self) -> str:
        """ "37%", or "" for a text never read."""
        return "" if self.percent is None else percent_label(self.percent)

    def read_label(self, now: datetime) -> str:
        """When it was last read, said the short way from `now`; "" when not known."""
        return last_read_label(self.read_at, now)


def progress_of(position: DocumentPosition | None, length: int) -> Progress:
    """The progress a saved position stands for in a text of `length` characters."""
    if position is None or (position.read_at is None and position.offset == 0):
        return Progress()  # never read (a record may exist for a mark alone)
    seen = position.offset if position.seen is None else position.seen
    return Progress(percent_read(seen, length), position.read_at)


def percent_read(seen: int, length: int) -> int:
    """How much of a text of `length` characters was read when it was seen up to
    offset `seen`, in whole percents rounded down (100 only at the very end)."""
    return min(100, max(0, seen * 100 // max(1, length)))


def percent_label(percent: int) -> str:
    """A percent as the library and the status line write it ("37%")."""
    return f"{percent}%"


def last_read_label(read_at: datetime | None, now: datetime) -> str:
    """ "today", "yesterday", "N days ago" within a week, else the ISO date; in the time
    zone of `now` (the reader's local time when `now` is)."""
    if read_at is None:
        return ""
    day = read_at.astimezone(now.tzinfo).date()
    days = (now.date() - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < WEEK:
        return f"{days} days ago"
    return day.isoformat()
