"""Palette commands to cite the document being read and copy quotes and locators.

The citation as plain text, BibTeX or CSL-JSON goes to the clipboard (and to a file in
the state folder); the quote and locator commands are the `y`, `Y` and `L` keys of
`reader.ui.linking.LinkingApp` by name.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.linking import LinkingApp


class CitationCommands(Provider):
    """Cite the document being read; copy a quote or a locator."""

    def _commands(self) -> list[tuple[str, Any, str]]:
        app = self.app
        if not isinstance(app, LinkingApp):
            return []
        return [
            ("Cite this text (plain text)", partial(app.copy_citation, "text"), "to the clipboard"),
            ("Cite this text as BibTeX", partial(app.copy_citation, "bibtex"), "to the clipboard"),
            ("Cite this text as CSL-JSON", partial(app.copy_citation, "csl-json"), "clipboard"),
            ("Copy quote with citation", app.action_copy_quote, "y: selection or highlight"),
            ("Copy locator", app.action_copy_locator, "Y: a link to this place"),
            ("Follow the link in this note", app.action_follow_link, "L"),
        ]

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
