"""The library pane: every document with title, author, reading progress, notes, date
and length, in as many columns as the pane's width holds (see `library_columns`).

`/` shows a filter field (matching title, author, date and id, case-insensitively);
`o` sorts by the next column and `r` reverses the order (clicking a column header sorts
by it too). Enter opens the highlighted document, `v` opens it beside the one being read.
The pane announces choices with `DocumentChosen`; the screen does the opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from reader.core.catalog import CatalogEntry
from reader.core.errors import printable
from reader.core.positions import DocumentPosition
from reader.ui.widgets.library_columns import COLUMNS, LABELS, LibraryRows, entry_matches


class LibraryTable(DataTable[str | Text]):
    """The table of documents (row keys are document ids)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="library.down", show=False),
        Binding("k", "cursor_up", "Up", id="library.up", show=False),
        Binding("v", "open_beside", "Beside", id="library.open_beside"),
        Binding("o", "sort_next", "Sort", id="library.sort"),
        Binding("r", "reverse", "Reverse", id="library.reverse", show=False),
        Binding("slash", "filter", "Filter", id="library.filter"),
    ]

    def action_open_beside(self) -> None:
        """Open the highlighted document beside the one being read."""
        pane = self.query_ancestor(LibraryPane)
        pane.choose_highlighted(beside=True)

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        self.query_ancestor(LibraryPane).sort_next()

    def action_reverse(self) -> None:
        """Reverse the sort order."""
        self.query_ancestor(LibraryPane).reverse()

    def action_filter(self) -> None:
        """Show and focus the filter field."""
        self.query_ancestor(LibraryPane).start_filter()


@dataclass
class SortOrder:
    """Which column the pane is sorted by, and in which direction."""

    key: str = "title"
    reverse: bool = False


class LibraryPane(Vertical):
    """The documents of the library, filterable and sortable."""

    class DocumentChosen(Message):
        """The reader chose a document to open (`beside`: in the second view)."""

        def __init__(self, doc_id: str, beside: bool = False) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.beside = beside

    def __init__(self, *, root: Path | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.root = root
        self.rows = LibraryRows()
        self.order = SortOrder()
        self.border_title = "Library"
        self._widths: dict[str, int] = {}
        self._noted: dict[str, DocumentPosition] = {}
        """The positions `note_reading` was told of in this run."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: title, author, date", id="library-filter")
        yield LibraryTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading the library…", id="library-empty")

    def on_mount(self) -> None:
        self.query_one("#library-filter").display = False

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Fit the columns to the pane's width (rebuilding them when that changes them)."""
        widths = self.rows.widths(self.content_size.width, self.content_size.height)
        if widths == self._widths:
            return
        self._widths = widths
        table = self.table
        selected = self.highlighted_id()
        table.clear(columns=True)
        for key, width in widths.items():
            table.add_column(LABELS[key], key=key, width=width)
        self.refresh_rows(selected)

    @property
    def table(self) -> LibraryTable:
        """The table widget (the pane's focus target)."""
        return self.query_one(LibraryTable)

    @property
    def filter_text(self) -> str:
        """What the filter field holds."""
        return self.query_one("#library-filter", Input).value

    @property
    def entries(self) -> list[CatalogEntry]:
        """The documents the pane lists (filtered or not)."""
        return self.rows.entries

    def set_entries(
        self, entries: list[CatalogEntry], positions: dict[str, DocumentPosition] | None = None
    ) -> None:
        """Show these documents (replacing what was shown), with the reading positions
        saved for them (None keeps the ones known)."""
        self.rows.entries = list(entries)
        if positions is not None:
            # What this run read since the file was read is newer than the file.
            self.rows.positions = {**positions, **self._noted}
        self._widths = {}
        self._fit_columns()

    def note_reading(self, doc_id: str, offset: int, seen: int) -> None:
        """The reader is at `offset` in `doc_id` now, and has seen up to `seen`: its
        progress cells follow (the order does not, so rows do not move under the cursor
        while reading)."""
        old = self.rows.positions.get(doc_id)
        now = datetime.now().astimezone()
        noted = DocumentPosition(offset, read_at=now, seen=seen)
        self.rows.positions[doc_id] = self._noted[doc_id] = noted
        table = self.table
        if doc_id not in table.rows:
            return
        entry = next((e for e in self.entries if e.doc_id == doc_id), None)
        if entry is None:
            return
        self.rows.now = now
        for key in ("read", "last_read"):
            if key not in self._widths:
                continue
            shown = self.rows.plain(entry, key)
            if old is None or shown != str(table.get_cell(doc_id, key)):
                table.update_cell(doc_id, key, Text(shown))

    def visible_entries(self) -> list[CatalogEntry]:
        """The entries that pass the filter, in the current order."""
        shown = [e for e in self.entries if entry_matches(e, self.filter_text)]
        key = self.order.key
        shown.sort(key=lambda entry: self.rows.sort_key(key, entry), reverse=self.order.reverse)
        return shown

    def refresh_rows(self, selected: str | None = None) -> None:
        """Rebuild the table from the entries, the filter and the order, the cursor kept
        on the document under it (or on `selected`)."""
        table = self.table
        selected = selected or self.highlighted_id()
        table.clear()
        self.rows.now = datetime.now().astimezone()
        if self._widths:
            for entry in self.visible_entries():
                cells, height = self.rows.cells(entry, self._widths)
                table.add_row(*cells, key=entry.doc_id, height=height)
        empty = self.query_one("#library-empty", Static)
        if not self.entries:
            empty.update(welcome(self.root))
        elif table.row_count == 0:
            empty.update("No document matches the filter.")
        empty.display = table.row_count == 0
        label = LABELS[self.order.key]
        arrow = "↑" if self.order.reverse else "↓"
        self.border_subtitle = f"{table.row_count} · by {label.lower()} {arrow}"
        if selected is not None and selected in {e.doc_id for e in self.visible_entries()}:
            table.move_cursor(row=table.get_row_index(selected))

    def highlighted_id(self) -> str | None:
        """The id of the document under the cursor, if any."""
        table = self.table
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def choose_highlighted(self, beside: bool = False) -> None:
        """Announce the highlighted document as chosen."""
        doc_id = self.highlighted_id()
        if doc_id is not None:
            self.post_message(self.DocumentChosen(doc_id, beside))

    def sort_by(self, key: str) -> None:
        """Sort by a column; sorting by the current column again reverses the order."""
        if key == self.order.key:
            self.order.reverse = not self.order.reverse
        else:
            self.order = SortOrder(key)
        self.refresh_rows()

    def sort_next(self) -> None:
        """Sort by the column after the current one."""
        keys = [k for _, k in COLUMNS]
        self.order = SortOrder(keys[(keys.index(self.order.key) + 1) % len(keys)])
        self.refresh_rows()

    def reverse(self) -> None:
        """Reverse the order."""
        self.order.reverse = not self.order.reverse
        self.refresh_rows()

    def start_filter(self) -> None:
        """Show the filter field and focus it."""
        field = self.query_one("#library-filter", Input)
        field.display = True
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        # Escape in the filter clears it; Down moves to the table (both keep the pane).
        field = self.query_one("#library-filter", Input)
        if not field.has_focus:
            return
        if event.key == "escape":
            event.stop()
            field.value = ""
            field.display = False
            self.table.focus()
        elif event.key == "down":
            event.stop()
            self.table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.DocumentChosen(event.row_key.value))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value is not None:
            self.sort_by(event.column_key.value)


def welcome(root: Path | None) -> Text:
    """What an empty library shows: how to add a text, and where the library lives
    (the path is shown literally: a folder name can hold anything)."""
    text = Text()
    text.append("Your library is empty.\n\n", style="bold")
    text.append("Add texts from a shell:\n")
    for example in ("reader import FILE", "reader import FOLDER/*", "reader import https://…"):
        text.append(f"  {example}\n", style="bold")
    text.append("(HTML pages, EPUB and PDF files, Markdown, wikitext and plain texts.)\n")
    text.append("Or here: Ctrl+P, then ")
    text.append("Import a file or URL…", style="bold")
    text.append("\n")
    if root is not None:
        text.append("\nThe library lives in ")
        text.append(printable(str(root)), style="italic")
        text.append("\n")
    return text
