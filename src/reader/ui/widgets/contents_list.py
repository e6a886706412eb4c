"""The table of contents of the document being read, in the side panel.

One entry per heading, indented by level; a heading wider than the panel wraps, its
lines kept under its first (never cut). Enter (or a click) jumps to it. The section the
reader is in is kept highlighted as the reading view scrolls.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich.padding import Padding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.display import safe_text

if TYPE_CHECKING:
    from reader.core.document import Document


class ContentsList(OptionList):
    """The headings of one document."""

    class SectionChosen(Message):
        """The reader chose a section; `offset` is where its heading starts."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self._starts: list[int] = []

    def show_document(self, document: Document | None) -> None:
        """List the headings of `document` (or nothing)."""
        self.document = document
        self.clear_options()
        headings = document.headings if document else []
        self._starts = [h.start for h in headings]
        if document is None:
            self.add_option(Option("No document open.", disabled=True))
        elif not headings:
            self.add_option(Option("This text has no sections.", disabled=True))
        top = min((h.level for h in headings), default=1)
        for heading in headings:
            # Padding, not leading spaces: the wrapped lines keep the indent too.
            shown = Padding(safe_text(heading.text), (0, 0, 0, 2 * (heading.level - top)))
            self.add_option(Option(shown, id=str(heading.start)))

    def follow(self, offset: int) -> None:
        """Highlight the section that holds `offset` (without moving focus); before the
        first heading, the first one, so Enter always has a row to act on."""
        if not self._starts:
            return
        index = max(0, bisect_right(self._starts, offset) - 1)
        if index != self.highlighted:
            self.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SectionChosen(int(event.option.id)))
