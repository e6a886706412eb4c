"""The library pane's columns: what each shows of a document, how it sorts, how the
columns share the pane's width.

The columns show as title, author, how far the text was read ("37%"), when it was last
read ("today", "3 days ago", "2026-11-02"), the number of notes, the date and the
length. They are fitted to the pane with `reader.core.column_fit`, most important
first: the title, how far and when it was read (which may make the title wrap onto
more lines to show), then the author, the notes, the date and the length. The title
and the author wrap onto more lines when they are long, and are elided in the middle
only when there is truly no room. The table's scrollbar takes room only when the rows
are taller than the pane.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text

from reader.core.catalog import CatalogEntry
from reader.core.column_fit import ColumnSpec, fit_columns, wrap_cell
from reader.core.positions import DocumentPosition
from reader.core.reading_progress import Progress, progress_of
from reader.core.safetext import displayable
from reader.ui.display import safe_text

# (label, key); the keys name CatalogEntry fields or the two columns of progress.
COLUMNS = (
    ("Title", "title"),
    ("Author", "author"),
    ("Read", "read"),
    ("Last read", "last_read"),
    ("Notes", "notes"),
    ("Date", "date"),
    ("Length", "length"),
)
LABELS = dict((key, label) for label, key in COLUMNS)
PRIORITY = ("title", "read", "last_read", "author", "notes", "date", "length")
"""The columns in the order they are kept when room is short."""
ESSENTIAL = {"read", "last_read"}
"""Columns the title wraps onto more lines for (see `column_fit.fit_columns`)."""
WRAPPING = {"title", "author"}
NUMERIC = {"length", "notes"}
"""Columns sorted largest first (progress too: most read, most recently read)."""
SCROLLBAR = 2
"""Cells taken by the table's vertical scrollbar, when it shows."""
HEADER = 1
"""Lines taken by the table's header."""
FILTER = 3
"""Lines the filter field takes above the table when it shows."""
LONGEST_PERCENT = "100%"
LONGEST_READ = "yesterday"  # wider forms ("3 days ago", a date) are measured as they come


def format_length(characters: int) -> str:
    """A short length for the table: characters in thousands ("81k")."""
    if characters < 1000:
        return str(characters)
    return f"{round(characters / 1000)}k"


def entry_matches(entry: CatalogEntry, needle: str) -> bool:
    """Whether the filter text occurs in the entry's title, author, date or id."""
    needle = needle.casefold().strip()
    if not needle:
        return True
    haystack = " ".join((entry.title, entry.author, entry.date, entry.doc_id)).casefold()
    return all(word in haystack for word in needle.split())


@dataclass
class LibraryRows:
    """The documents and their reading progress, as cells of the fitted columns."""

    entries: list[CatalogEntry] = field(default_factory=list)
    positions: dict[str, DocumentPosition] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime.now().astimezone())

    def progress(self, entry: CatalogEntry) -> Progress:
        """How far and when `entry` was read."""
        return progress_of(self.positions.get(entry.doc_id), entry.length)

    def plain(self, entry: CatalogEntry, key: str) -> str:
        """What column `key` shows of `entry`, on one line (control characters made
        visible: the width measured is the width drawn)."""
        if key == "read":
            return self.progress(entry).percent_label
        if key == "last_read":
            return self.progress(entry).read_label(self.now)
        if key == "length":
            return format_length(entry.length)
        if key == "notes":
            return str(entry.notes) if entry.notes else ""
        return displayable(str(getattr(entry, key)))

    def widths(self, pane_width: int, pane_height: int) -> dict[str, int]:
        """The columns that show in a pane `pane_width` by `pane_height` cells inside its
        border, and their widths, in display order (every entry counts, not only the
        filtered ones: the columns stay put while the filter changes). Room is kept for
        the scrollbar only when the rows, filter field included, are taller than the pane."""
        specs = []
        for key in PRIORITY:
            cells = [self.plain(entry, key) for entry in self.entries]
            if key in WRAPPING:
                specs.append(ColumnSpec.wrapping(key, cells, LABELS[key]))
            else:
                longest = {"read": LONGEST_PERCENT, "last_read": LONGEST_READ}.get(key, "")
                specs.append(ColumnSpec.fixed(key, [LABELS[key], longest, *cells]))
        widths = fit_columns(specs, pane_width, essential=ESSENTIAL)
        if self.height(widths) > pane_height - FILTER:
            widths = fit_columns(specs, pane_width - SCROLLBAR, essential=ESSENTIAL)
        return {key: widths[key] for _, key in COLUMNS if key in widths}

    def height(self, widths: dict[str, int]) -> int:
        """The lines the table takes with columns of `widths`, header included."""
        return HEADER + sum(self.cells(entry, widths)[1] for entry in self.entries)

    def cells(self, entry: CatalogEntry, widths: dict[str, int]) -> tuple[list[Text], int]:
        """The cells of `entry` in the columns of `widths`, and the row's height."""
        cells: list[Text] = []
        height = 1
        for key, width in widths.items():
            shown = self.plain(entry, key)
            if key in WRAPPING:
                lines = wrap_cell(shown, width)
                height = max(height, len(lines))
                shown = "\n".join(lines)
            # Text, not str: a DataTable reads a str cell as markup.
            cells.append(safe_text(shown, newlines=True))
        return cells, height

    def sort_key(self, key: str, entry: CatalogEntry) -> tuple[object, str]:
        """How `entry` sorts by column `key` (the title breaks ties)."""
        title = entry.title.casefold()
        if key in NUMERIC:
            return (-getattr(entry, key), title)
        if key == "read":
            percent = self.progress(entry).percent
            return (-(percent if percent is not None else -1), title)
        if key == "last_read":
            read_at = self.progress(entry).read_at
            return (-(read_at.timestamp() if read_at else float("-inf")), title)
        return (str(getattr(entry, key)).casefold(), title)
