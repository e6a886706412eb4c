"""Palette commands that go somewhere: open a document, go to a section, saved searches.

Providers read what they offer when the palette opens: the documents of the library
(open, or open beside the one being read), the sections of the document being read,
and the saved searches by name. (The "open beside" chooser alone, `V`, is
`reader.ui.screens.beside_chooser`.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.display import palette_help, palette_match, safe
from reader.ui.screens.beside_chooser import document_titles, match_score
from reader.ui.screens.main import main_screen


class DocumentCommands(Provider):
    """Open a document by title (or beside the one being read)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str, str]]:
        """(text, callback, help, document id) of each command."""
        main = main_screen(self.app)
        if main is None:
            return []
        commands: list[tuple[str, Callable[[], Any], str, str]] = []
        for title, doc_id in document_titles(main):
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
            score = match_score(matcher, text, doc_id)
            if score > 0:
                yield Hit(
                    score, palette_match(matcher, text), callback, help=palette_help(help_text)
                )


class SectionCommands(Provider):
    """Go to a section of the document being read."""

    def _commands(self) -> list[tuple[str, int]]:
        main = main_screen(self.app)
        document = main.active_document() if main is not None else None
        if document is None:
            return []
        return [(f"Go to section: {h.text}", h.start) for h in document.headings]

    def _go(self, offset: int) -> None:
        main = main_screen(self.app)
        if main is not None:
            main.show_section(offset)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, offset in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, palette_match(matcher, text), partial(self._go, offset))


class SavedSearchCommands(Provider):
    """Rerun a saved search (`@name`)."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        main = main_screen(self.app)
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
