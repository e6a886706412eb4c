"""The note editor: colour, a multi-line note and tags for one annotation.

A modal over the reading view. It shows what is annotated (the quote and its citation,
or "the whole document"), a colour from the named palette, the note in a TextArea and
the tags as one line (`#georgia #rabkrin`). Ctrl+S or the Save button dismisses with a
`NoteEdit`; Esc dismisses with None (a new highlight then stays a bare highlight), but
only when nothing was changed: with changes it asks first (save, discard, keep editing).
The editor fills the height it is given (up to a comfortable size), so it fits 80x24.
Ctrl+E hands the note to `$EDITOR` and puts what comes back in the TextArea.
Every text from the document or the file is shown literally (no markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from reader.core.annotations import DEFAULT_COLOUR, PALETTE
from reader.core.annotations.model import normalise_tags
from reader.core.errors import ReaderError
from reader.ui.display import safe, safe_str
from reader.ui.external_editor import edit_in_editor

QUOTE_SHOWN = 300
"""Characters of the quote shown above the note (the rest is elided)."""


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the editor was saved with."""

    note: str
    tags: tuple[str, ...]
    colour: str


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as `#georgia #rabkrin` (or `georgia, rabkrin`); UsageError if invalid."""
    return normalise_tags(t for t in text.replace(",", " ").split() if t.strip("#"))


def format_tags(tags: tuple[str, ...]) -> str:
    """Tags as the field shows them: `#georgia #rabkrin`."""
    return " ".join(f"#{t}" for t in tags)


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Edit the colour, note and tags of one annotation (or a note on the document)."""

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > #note-editor {
        width: 80;
        max-width: 100%;
        height: 100%;
        max-height: 30;
        border: round $accent;
        border-title-color: $text-accent;
        background: $surface;
        padding: 0 1;
    }
    NoteEditor #note-quote {
        color: $text-muted;
        text-style: italic;
        max-height: 3;
    }
    NoteEditor #note-citation { color: $text-secondary; }
    NoteEditor .note-row { height: auto; }
    NoteEditor .note-label { width: 7; padding: 1 0 0 0; }
    NoteEditor #note-colour { width: 20; }
    NoteEditor #note-text { height: 1fr; min-height: 3; }
    NoteEditor #note-tags { width: 1fr; }
    NoteEditor #note-problem { color: $text-error; height: auto; }
    NoteEditor #note-buttons { height: auto; align-horizontal: right; }
    NoteEditor #note-buttons Button { margin-left: 1; min-width: 10; }
    NoteEditor #note-hint { color: $text-muted; width: 1fr; padding: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save", priority=True),
        Binding("ctrl+e", "external", "$EDITOR", id="editor.external", priority=True),
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
    ]

    def __init__(
        self,
        *,
        title: str,
        quote: str,
        citation: str,
        note: str = "",
        tags: tuple[str, ...] = (),
        colour: str = DEFAULT_COLOUR,
    ) -> None:
        """`quote` is "" for a note on the whole document."""
        super().__init__()
        self._title = title
        self._quote = quote
        self._citation = citation
        self._note = note
        self._tags = tags
        self._colour = colour if colour in PALETTE else DEFAULT_COLOUR
        self._shown_note = safe_str(note, newlines=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor") as box:
            box.border_title = safe(self._title)
            quote = self._quote
            if len(quote) > QUOTE_SHOWN:
                quote = quote[: QUOTE_SHOWN - 1] + "…"
            shown = f"“{' '.join(quote.split())}”" if quote else "A note on the whole document"
            yield Static(safe(shown), id="note-quote")
            yield Static(safe(self._citation), id="note-citation")
            with Horizontal(classes="note-row"):
                yield Label("Colour", classes="note-label")
                yield Select(
                    [(name, name) for name in PALETTE],
                    value=self._colour,
                    allow_blank=False,
                    id="note-colour",
                )
                yield Label(" Tags", classes="note-label")
                yield Input(
                    safe_str(format_tags(self._tags)),
                    placeholder="#georgia #rabkrin",
                    id="note-tags",
                )
            # The note as drawn: characters a terminal would obey shown as pictures (an
            # unchanged note is saved as it was read, see `action_save`).
            area = TextArea(self._shown_note, id="note-text", soft_wrap=True)
            area.border_title = "Note"
            yield area
            yield Static("", id="note-problem", markup=False)
            with Horizontal(id="note-buttons"):
                yield Static("Ctrl+E: $EDITOR", id="note-hint", markup=False)
                yield Button("Save (Ctrl+S)", variant="primary", id="note-save")
                yield Button("Close (Esc)", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def _problem(self, text: str) -> None:
        self.query_one("#note-problem", Static).update(safe(text))

    def action_save(self) -> None:
        """Save colour, note and tags (tags are checked first)."""
        try:
            tags = parse_tags(self.query_one("#note-tags", Input).value)
        except ReaderError as exc:
            self._problem(str(exc))
            self.query_one("#note-tags", Input).focus()
            return
        colour = self.query_one("#note-colour", Select).value
        note = self.query_one("#note-text", TextArea).text.strip("\n")
        if note == self._shown_note.strip("\n"):
            note = self._note.strip("\n")
        self.dismiss(NoteEdit(note, tags, str(colour) if colour in PALETTE else self._colour))

    def changed(self) -> bool:
        """Whether the note, tags or colour differ from what the editor opened with."""
        note = self.query_one("#note-text", TextArea).text.strip("\n")
        tags = self.query_one("#note-tags", Input).value.strip()
        colour = self.query_one("#note-colour", Select).value
        return (
            note != self._shown_note.strip("\n")
            or tags != safe_str(format_tags(self._tags))
            or colour != self._colour
        )

    def action_cancel(self) -> None:
        """Close; with changes, ask first (save, discard or keep editing)."""
        if not self.changed():
            self.dismiss(None)
            return
        from reader.ui.screens.discard_prompt import DiscardPrompt

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.dismiss(None)
            else:
                self.query_one("#note-text", TextArea).focus()

        self.app.push_screen(DiscardPrompt(), answered)

    def action_external(self) -> None:
        """Write the note in $EDITOR."""
        area = self.query_one("#note-text", TextArea)
        try:
            text = edit_in_editor(self.app, area.text)
        except ReaderError as exc:
            self._problem(str(exc))
            return
        if text is not None:
            area.load_text(safe_str(text, newlines=True))
        self.refresh()

    @on(Button.Pressed, "#note-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#note-tags")
    def _tags_submitted(self) -> None:
        self.action_save()
