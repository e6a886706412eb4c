"""Palette commands that go somewhere: open a document, go to a section, saved searches.

Providers read what they offer when the palette opens: the documents of the library
(open, or open beside the one being read), the sections of the document being read,
and the saved searches by name. `BesideCommands` is the "open beside" chooser alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.style import Style

from reader.core.errors import ReaderError
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.screens.main import MainScreen


def _main(screen: Screen[object]) -> MainScreen | None:
    """The main screen, whichever screen the palette was opened over."""
    if isinstance(screen, MainScreen):
        return screen
    for candidate in reversed(screen.app.screen_stack):
        if isinstance(candidate, MainScreen):
            return candidate
    return None


def _titles(main: MainScreen) -> list[tuple[str, str]]:
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


def beside_commands(main: MainScreen) -> list[tuple[str, Callable[[], Any], str]]:
    """The commands of the "open beside" chooser: one per document."""
    return [
        (title, partial(main.open_document, doc_id, None, True), doc_id)
        for title, doc_id in _titles(main)
    ]


def _score(matcher: Matcher, text: str, doc_id: str) -> float:
    """How well a query matches a document's entry: by its title or by its id."""
    return max(matcher.match(text), matcher.match(doc_id))


class BesideCommands(Provider):
    """The "open beside" chooser: documents by title or id (the id is the help line)."""

    def __init__(self, screen: Screen[Any], match_style: Style | None = None) -> None:
        super().__init__(screen, match_style)
        main = _main(screen)
        self._commands = beside_commands(main) if main is not None else []

    async def discover(self) -> Hits:
        for text, callback, doc_id in self._commands:
            yield DiscoveryHit(safe(text), callback, help=palette_help(doc_id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, doc_id in self._commands:
            score = _score(matcher, text, doc_id)
            if score > 0:
                yield Hit(score, palette_match(matcher, text), callback, help=palette_help(doc_id))


class DocumentCommands(Provider):
    """Open a document by title (or beside the one being read)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str, str]]:
        """(text, callback, help, document id) of each command."""
        main = _main(self.screen)
        if main is None:
            return []
        commands: list[tuple[str, Callable[[], Any], str, str]] = []
        for title, doc_id in _titles(main):
            opening = partial(main.open_document, doc_id)
            commands.append((f"Open: {title}", opening, doc_id, doc_id))
            commands.append(
                (
                    f"Open beside: {title}",
                    partial(main.open_document, doc_id, None, True),
                    f"{doc_id} in a second view, for comparing",
                    doc_id,
                )
            )
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text, _doc_id in self._commands():
            if text.startswith("Open: "):
                yield DiscoveryHit(safe(text), callback, help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text, doc_id in self._commands():
            score = _score(matcher, text, doc_id)
            if score > 0:
                yield Hit(
                    score, palette_match(matcher, text), callback, help=palette_help(help_text)
                )


class SectionCommands(Provider):
    """Go to a section of the document being read."""

    def _commands(self) -> list[tuple[str, int]]:
        main = _main(self.screen)
        if main is None or main.reading.active.document is None:
            return []
        return [
            (f"Go to section: {h.text}", h.start) for h in main.reading.active.document.headings
        ]

    def _go(self, offset: int) -> None:
        main = _main(self.screen)
        if main is not None:
            view = main.reading.active
            view.scroll_to_offset(offset)
            view.focus()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, offset in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, palette_match(matcher, text), partial(self._go, offset))


class SavedSearchCommands(Provider):
    """Rerun a saved search (`@name`)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        main = _main(self.screen)
        if main is None:
            return []
        commands: list[tuple[str, Callable[[], Any], str]] = [
            (f"Saved search: @{name}", partial(main.search_for, query), query)
            for name, query in main.searches().saved.items()
        ]
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(safe(text), callback, help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = max(matcher.match(text), matcher.match(help_text))
            if score > 0:
                yield Hit(
                    score, palette_match(matcher, text), callback, help=palette_help(help_text)
                )
