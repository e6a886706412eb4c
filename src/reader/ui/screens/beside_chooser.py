"""The "open beside" chooser (`V`): a command palette of the library's documents.

Choosing one opens it in a second view beside the document being read. The palette's
"Open beside: …" commands (`reader.ui.palette.documents`) list the same documents, by
the same titles (`document_titles`) and matched the same way (`match_score`). The
screen is passed in (a `DocumentOpener`): this module does not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.style import Style

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.widgets.library_pane import LibraryPane


class DocumentOpener(Protocol):
    """What the chooser needs of the main screen."""

    library: Library

    @property
    def app(self) -> App[Any]:
        """The app (to push the chooser)."""
        ...

    @property
    def library_pane(self) -> LibraryPane:
        """The library pane (its entries: the titles)."""
        ...

    def open_document(self, doc_id: str, offset: int | None = None, beside: bool = False) -> None:
        """Open a document (beside the one being read with `beside`)."""
        ...


def document_titles(main: DocumentOpener) -> list[tuple[str, str]]:
    """(title, id) of every document: from the library pane when it has loaded its
    entries, else from the library itself (the pane loads after the first frame, and a
    text opened with --open can be asked for a companion before that)."""
    entries = [(e.title, e.doc_id) for e in main.library_pane.entries]
    if entries:
        return entries
    found: list[tuple[str, str]] = []
    for doc_id in main.library.ids():
        try:
            found.append((main.library.load(doc_id).title or doc_id, doc_id))
        except ReaderError:
            continue  # a damaged text is reported by the library pane, not here
    return found


def beside_commands(main: DocumentOpener) -> list[tuple[str, Callable[[], Any], str]]:
    """The commands of the "open beside" chooser: one per document."""
    return [
        (title, partial(main.open_document, doc_id, None, True), doc_id)
        for title, doc_id in document_titles(main)
    ]


def match_score(matcher: Matcher, text: str, doc_id: str) -> float:
    """How well a query matches a document's entry: by its title or by its id."""
    return max(matcher.match(text), matcher.match(doc_id))


def beside_provider(main: DocumentOpener) -> type[Provider]:
    """The provider of the "open beside" chooser, for the documents of `main`."""

    class BesideCommands(Provider):
        """The "open beside" chooser: documents by title or id (the id is the help line)."""

        def __init__(self, screen: Screen[Any], match_style: Style | None = None) -> None:
            super().__init__(screen, match_style)
            self._commands = beside_commands(main)

        async def discover(self) -> Hits:
            for text, callback, doc_id in self._commands:
                yield DiscoveryHit(safe(text), callback, help=palette_help(doc_id))

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for text, callback, doc_id in self._commands:
                score = match_score(matcher, text, doc_id)
                if score > 0:
                    help_text = palette_help(doc_id)
                    yield Hit(score, palette_match(matcher, text), callback, help=help_text)

    return BesideCommands


def choose_beside(main: DocumentOpener) -> None:
    """Show the chooser of a document to open beside the one being read."""
    from textual.command import CommandPalette

    palette = CommandPalette(providers=[beside_provider(main)], placeholder="Open beside…")
    main.app.push_screen(palette)
