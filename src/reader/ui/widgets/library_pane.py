"""The library pane: every document with title, author, date, length and notes.

`/` shows a filter field (matching title, author, date and id, case-insensitively);
`o` sorts by the next column and `r` reverses the order (clicking a column header sorts
by it too). Enter opens the highlighted document, `v` opens it beside the one being read.
The pane announces choices with `DocumentChosen`; the screen does the opening.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from reader.ui.display import safe_text

# (column label, key of CatalogEntry to sort by, width); length and notes sort largest
# first. The title takes what the other columns leave (at least TITLE_MIN); long titles
# and authors are cut so every column stays in view on a wide pane.
TITLE_MIN = 24
COLUMNS = (
    ("Title", "title", 0),
    ("Author", "author", 16),
    ("Date", "date", 10),
    ("Length", "length", 6),
    ("Notes", "notes", 5),
)
NUMERIC = {"length", "notes"}


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
        self.entries: list[CatalogEntry] = []
        self.order = SortOrder()
        self.border_title = "Library"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: title, author, date", id="library-filter")
        yield LibraryTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading the library…", id="library-empty")

    def on_mount(self) -> None:
        self._title_width = 0
        self._set_columns(TITLE_MIN)
        self.query_one("#library-filter").display = False

    def _set_columns(self, title_width: int) -> None:
        """(Re)build the columns with the title column `title_width` cells wide."""
        if title_width == self._title_width:
            return
        self._title_width = title_width
        table = self.table
        table.clear(columns=True)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width or title_width)
        self.refresh_rows()

    def on_resize(self, event: events.Resize) -> None:
        # Cell padding is one cell each side; the border and scrollbar take four more.
        others = sum(width + 2 for _, _, width in COLUMNS if width)
        self._set_columns(max(TITLE_MIN, event.size.width - others - 6))

    @property
    def table(self) -> LibraryTable:
        """The table widget (the pane's focus target)."""
        return self.query_one(LibraryTable)

    @property
    def filter_text(self) -> str:
        """What the filter field holds."""
        return self.query_one("#library-filter", Input).value

    def set_entries(self, entries: list[CatalogEntry]) -> None:
        """Show these documents (replacing what was shown)."""
        self.entries = list(entries)
        self.refresh_rows()

    def visible_entries(self) -> list[CatalogEntry]:
        """The entries that pass the filter, in the current order."""
        shown = [e for e in self.entries if entry_matches(e, self.filter_text)]
        key = self.order.key

        def sort_key(entry: CatalogEntry) -> tuple[object, str]:
            value = getattr(entry, key)
            if key in NUMERIC:
                return (-value, entry.title.casefold())
            return (str(value).casefold(), entry.title.casefold())

        shown.sort(key=sort_key, reverse=self.order.reverse)
        return shown

    def refresh_rows(self) -> None:
        """Rebuild the table from the entries, the filter and the order."""
        table = self.table
        selected = self.highlighted_id()
        table.clear()
        for entry in self.visible_entries():
            table.add_row(
                # Text, not str: a DataTable reads a str cell as markup.
                safe_text(entry.title),
                safe_text(entry.author),
                safe_text(entry.date),
                format_length(entry.length),
                str(entry.notes) if entry.notes else "",
                key=entry.doc_id,
            )
        empty = self.query_one("#library-empty", Static)
        if not self.entries:
            empty.update(welcome(self.root))
        elif table.row_count == 0:
            empty.update("No document matches the filter.")
        empty.display = table.row_count == 0
        label = {k: lbl for lbl, k, _ in COLUMNS}[self.order.key]
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
        keys = [k for _, k, _ in COLUMNS]
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
