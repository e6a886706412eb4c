"""The command palette (Ctrl+P): open a document, go to a section, search, every action.

Providers read what they offer when the palette opens: the documents of the library,
the sections of the document being read, and every binding with an id (so every action
the keys reach is reachable by name too, with its current key shown). Typing a query
also offers "Search the library for …", and saved searches are offered by name.
Themes come from Textual's own "Theme" command.
The app names the providers (`reader.ui.app.PALETTE_PROVIDERS`) and imports this module
when the palette first opens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from reader.core.errors import ReaderError
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.keymap import KeyBinding, all_bindings, key_label, keys_of
from reader.ui.screens.help import binding_texts
from reader.ui.screens.main import MainScreen
from reader.ui.services import keymap_of
from reader.ui.widgets.text_view import TextView


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


class ActionCommands(Provider):
    """Every action a key reaches, by name; and searching the library for the query."""

    def _commands(self) -> list[tuple[str, KeyBinding, str]]:
        app = self.app
        keymap = keymap_of(app)
        texts = binding_texts()
        commands = []
        for kb in all_bindings():
            binding = kb.binding
            if binding.action == "command_palette" or not binding.description:
                continue
            keys = ", ".join(key_label(app, k) for k in keys_of(binding, keymap))
            name = texts.get(kb.id) or binding.tooltip or binding.description
            commands.append((f"{kb.pane}: {name}", kb, f"{keys}  ·  {kb.id}"))
        return commands

    def _target(self, kb: KeyBinding) -> App[object] | Widget | None:
        """The node whose action the binding runs: the app, the screen or a pane's widget."""
        if issubclass(kb.owner, App):
            return self.app
        main = _main(self.screen)
        if main is None or isinstance(main, kb.owner):
            return main
        if issubclass(kb.owner, TextView):
            return main.reading.active
        found = next(iter(main.query(kb.owner.__name__)), None)
        return found if isinstance(found, Widget) else None

    async def _run(self, kb: KeyBinding) -> None:
        target = self._target(kb)
        if target is None:
            return
        try:
            await target.run_action(kb.binding.action)
        except ReaderError as exc:
            self.app.notify(str(exc), severity="error", markup=False)

    async def _search_for(self, query: str) -> None:
        main = _main(self.screen)
        if main is not None:
            await main.action_search()
            main.side.search.focus_field(query)

    async def discover(self) -> Hits:
        for text, kb, help_text in self._commands():
            yield DiscoveryHit(safe(text), partial(self._run, kb), help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        if query.strip():
            text = f"Search the library for: {query.strip()}"
            yield Hit(1.0, safe(text), partial(self._search_for, query.strip()), help="s")
        for text, kb, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    palette_match(matcher, text),
                    partial(self._run, kb),
                    help=palette_help(help_text),
                )


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
