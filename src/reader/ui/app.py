"""The Textual application (a first screen listing the library; the full reader follows)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from reader.core.library import Library


class ReaderApp(App[int]):
    """The reader: library, reading view and side panel."""

    TITLE = "reader"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, library: Library, open_id: str | None = None, at: int | None = None):
        super().__init__()
        self.library = library
        self.open_id = open_id
        self.at = at

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="library")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Author", "Date")
        for doc in self.library.documents():
            table.add_row(doc.title, doc.author, doc.date, key=doc.id)


def create_app(library: Library, open_id: str | None = None, at: int | None = None) -> ReaderApp:
    """The one factory for the app, used by the CLI and the tests."""
    return ReaderApp(library, open_id=open_id, at=at)
