"""Palette commands for every action a key reaches, by name, and searching the library.

Every binding with an id is offered (so every action the keys reach is reachable by
name too, with its current key shown, as remapped in keys.toml); typing a query also
offers "Search the library for …". Themes come from Textual's own "Theme" command.
"""

from __future__ import annotations

from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from reader.core.errors import ReaderError
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.keymap import KeyBinding, key_label, keys_of
from reader.ui.screens.help import binding_texts
from reader.ui.screens.main import main_screen
from reader.ui.services import bindings_of, keymap_of
from reader.ui.widgets.text_view import TextView

SEARCH_SHARE = 0.6
"""The search entry's score as a share of a perfect match's. Textual's matcher gives a
query found as a word start about 18-24 and letters scattered over a long command about
10, so the search comes first unless a command (or document) names the query's word."""


class ActionCommands(Provider):
    """Every action a key reaches, by name; and searching the library for the query."""

    def _commands(self) -> list[tuple[str, KeyBinding, str]]:
        app = self.app
        keymap = keymap_of(app)
        texts = binding_texts()
        commands = []
        for kb in bindings_of(app):
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
        main = main_screen(self.app)
        if main is None or isinstance(main, kb.owner):
            return main
        if issubclass(kb.owner, TextView):
            return main.active_view()
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
        main = main_screen(self.app)
        if main is not None:
            await main.search_for(query)

    async def discover(self) -> Hits:
        for text, kb, help_text in self._commands():
            yield DiscoveryHit(safe(text), partial(self._run, kb), help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        if query.strip():
            text = f"Search the library for: {query.strip()}"
            # Above commands the query only scatters over ("Rabkrin" in "Reading view:
            # back…"), below those whose words it names: a share of a perfect match's score.
            score = SEARCH_SHARE * matcher.match(query.strip())
            yield Hit(score, safe(text), partial(self._search_for, query.strip()), help="s")
        for text, kb, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    palette_match(matcher, text),
                    partial(self._run, kb),
                    help=palette_help(help_text),
                )
