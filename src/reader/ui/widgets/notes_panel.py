"""The notes view: every annotation of the library, filtered, in the side panel.

One filter line, in the language of `reader.core.annotations.filters` (shared with
`reader notes list`): words, `#tag`, `colour:pink`, `doc:ID` (`doc:.` for the document
being read), `is:orphaned`, `is:fuzzy`, `is:imported`, `links:ID`, ... Each entry shows
its colour, document, citable place, state (fuzzy matches with their score, orphans),
the quote, the note and the tags. Orphans are listed like the rest, never hidden.
A malformed annotations file is listed first with its path, line and column.

Enter jumps to the place (`AnnotationChosen`); `c` confirms a fuzzy match, `e` edits,
`d` deletes, `m` moves it to the text selected in the reading view
(`ActionRequested`): the app does the changing. Imported annotations say where they
came from (`is:imported` lists them) and each entry says how many notes link to it.
The list is read in a thread worker, from the store of the app's `annotator` (or one
given to `use_store`), each time the panel is shown or the filter changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.annotations.filters import ParsedFilter, imported_from, parse_filter, state_of
from reader.core.annotations.links import links_here
from reader.core.errors import FileFormatError, ReaderError
from reader.ui.display import safe
from reader.ui.services import services

if TYPE_CHECKING:  # the store and anchoring load when the notes are first listed
    from reader.core.annotations import AnnotationStore, LibraryNote

DEBOUNCE_SECONDS = 0.2
QUOTE_WIDTH = 240
NOTE_LINES = 4

# How each palette colour is shown in the list (theme variables, like the reading view).
SWATCH_STYLES = {
    "yellow": "$warning",
    "green": "$success",
    "blue": "$primary",
    "pink": "$error 60%",
    "purple": "$secondary",
    "orange": "$warning 70%",
    "red": "$error",
    "grey": "$foreground 50%",
}


def hanging(lines: list[tuple[int, Content]], width: int | None) -> Content:
    """Lines, each indented by its own amount; wrapped to `width` (when known) so that a
    line's continuation keeps its indent instead of starting at column 0."""
    shown: list[Content] = []
    for indent, line in lines:
        pad = Content(" " * indent)
        if width is None or width - indent < 8:
            shown.append(pad + line)
            continue
        shown.extend(pad + piece for piece in line.wrap(width - indent) or [Content("")])
    return Content("\n").join(shown)


def document_heading(note: LibraryNote) -> Content:
    """The line over a document's annotations: its title, once."""
    return safe(note.document.title, "bold $text-accent")


def note_entry(note: LibraryNote, backlinks: int = 0, width: int | None = None) -> Content:
    """The lines of one annotation in the list (all text shown literally): where it is,
    its state, where it was imported from, how many notes link to it, the quote, the
    note and the tags. The document's title is the group's heading, not repeated here."""
    item, a = note.item, note.item.annotation
    swatch = SWATCH_STYLES.get(a.colour, "$foreground")
    head = Content.assemble(("■ ", swatch), safe(item.citation.place, "$text-muted"))
    state = state_of(note)
    if state == "fuzzy" and item.anchor is not None:
        head = head.append(
            Content.assemble(
                "  ", (f"fuzzy {item.anchor.score:.0f}", "bold $text-warning"), " c confirms"
            )
        )
    elif state == "orphaned":
        head = head.append(
            Content.assemble("  ", ("orphaned: not in the text", "bold $text-error"))
        )
    origin = imported_from(note)
    if origin:
        head = head.append(safe(f"  imported ({origin})", "$text-muted"))
    if backlinks:
        head = head.append(Content.styled(f"  ← {links_here(backlinks)}", "$text-accent"))
    lines: list[tuple[int, Content]] = [(2, head)]
    if a.quote:
        quote = " ".join(a.quote.split())
        if len(quote) > QUOTE_WIDTH:
            quote = quote[: QUOTE_WIDTH - 1] + "…"
        lines.append((4, Content.assemble("“", safe(quote, "italic"), "”")))
    if a.note.strip():
        note_lines = a.note.strip().split("\n")
        for line in note_lines[:NOTE_LINES]:
            lines.append((4, safe(line)))
        if len(note_lines) > NOTE_LINES:
            lines.append((4, Content.styled("…", "$text-muted")))
    if a.tags:
        lines.append((4, safe(" ".join(f"#{t}" for t in a.tags), "$text-secondary")))
    return hanging(lines, width)


def broken_entry(error: FileFormatError) -> Content:
    """A malformed file, as the first lines of the list."""
    return Content.assemble(
        ("⚠ malformed, read-only: ", "bold $text-error"), safe(error, "$text-error")
    )


class NoteList(OptionList):
    """The annotations found (option ids are their positions in `NotesPanel.notes`)."""

    BINDINGS = [
        Binding("c", "confirm", "Confirm match", id="notes.confirm"),
        Binding("e", "edit", "Edit", id="notes.edit"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("m", "move", "Move to selection", id="notes.move"),
        Binding("slash", "filter", "Filter", id="notes.filter"),
    ]

    def _act(self, action: str) -> None:
        self.query_ancestor(NotesPanel).act(self.highlighted, action)

    def action_confirm(self) -> None:
        """Accept the approximate place found for the highlighted annotation."""
        self._act("confirm")

    def action_edit(self) -> None:
        """Edit the highlighted annotation's note, colour and tags."""
        self._act("edit")

    def action_delete(self) -> None:
        """Delete the highlighted annotation (u in its text brings it back)."""
        self._act("delete")

    def action_move(self) -> None:
        """Put the highlighted annotation on the text selected in the reading view."""
        self._act("move")

    def action_filter(self) -> None:
        """Back to the filter line."""
        self.query_ancestor(NotesPanel).focus_filter()


class NotesPanel(Vertical):
    """The filter line, a status line and the annotations of the library."""

    BINDINGS = [Binding("down", "focus_list", "To the list", show=False)]
    """Down in the filter line goes to the list, as Enter does (the list keeps its own)."""

    class AnnotationChosen(Message):
        """The reader chose an annotation: show it in its text."""

        def __init__(self, note: LibraryNote) -> None:
            super().__init__()
            self.note = note

    class ActionRequested(Message):
        """The reader asked to confirm, edit or delete an annotation."""

        def __init__(self, action: str, note: LibraryNote) -> None:
            super().__init__()
            self.action = action
            self.note = note

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store: AnnotationStore | None = None
        self.current_doc: str | None = None
        """The document being read (what `doc:.` means)."""
        self.notes: list[LibraryNote] = []
        """The annotations listed, in order."""
        self.errors: list[FileFormatError] = []
        """The malformed files listed above them."""
        self._timer: Timer | None = None
        self._width: int | None = None
        self._counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="filter: words #tag colour:pink doc:. is:fuzzy is:imported links:.",
            id="notes-filter",
        )
        yield Static("", id="notes-status", markup=False)
        yield NoteList(id="notes-list")

    def on_show(self) -> None:
        """Shown (its tab chosen): list what is there now."""
        self.reload()

    def use_store(self, store: AnnotationStore) -> None:
        """Read annotations from `store`."""
        self.store = store

    @property
    def filter_text(self) -> str:
        """The filter line as typed."""
        return self.query_one("#notes-filter", Input).value

    def set_filter(self, text: str) -> None:
        """Replace the filter line (the list follows)."""
        self.query_one("#notes-filter", Input).value = text
        self.reload()

    def focus_filter(self) -> None:
        """Focus the filter line."""
        self.query_one("#notes-filter", Input).focus()

    def focus_list(self) -> None:
        """Focus the list."""
        self.query_one(NoteList).focus()

    def action_focus_list(self) -> None:
        """Move from the filter line to the list."""
        self.focus_list()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.reload)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(NoteList).focus()

    def reload(self) -> None:
        """Read the annotations again with the current filter (in a worker)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        store = self._store()
        if store is None:
            return
        parsed = parse_filter(self.filter_text, self.current_doc)
        if parsed.problem:
            self._status(parsed.problem)
            return
        self._load(store, parsed)

    def _store(self) -> AnnotationStore | None:
        """The store given to `use_store`, else the app's (a bare panel has none). The app's
        is asked for when notes are first listed, not at mount: that loads the
        annotations core, which the first frame does not need."""
        if self.store is None:
            found = services(self.app)
            if found is not None:
                self.store = found.annotations().store
        return self.store

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def _load(self, store: AnnotationStore, parsed: ParsedFilter) -> None:
        from reader.core.annotations.filters import apply_filter

        worker = get_current_worker()
        try:
            result, links = apply_filter(store, parsed)
        except ReaderError as exc:
            self.app.call_from_thread(self._status, str(exc))
            return
        counts = {n.item.id: len(links.to_annotation(n.item.id)) for n in result.notes}
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_notes, result.notes, result.errors, counts)

    def show_notes(
        self,
        notes: list[LibraryNote],
        errors: list[FileFormatError],
        backlinks: dict[str, int] | None = None,
    ) -> None:
        """List these annotations (and the malformed files first); `backlinks` counts
        the notes that link to each."""
        self.notes = notes
        counts = backlinks or {}
        self.errors = errors
        listing = self.query_one(NoteList)
        highlighted = listing.highlighted
        listing.clear_options()
        options: list[Option] = [Option(broken_entry(e), disabled=True) for e in errors]
        width = self._list_width()
        self._width = width
        shown_document = None
        for i, n in enumerate(notes):
            if n.document.id != shown_document:
                shown_document = n.document.id
                options.append(Option(document_heading(n), disabled=True))
            options.append(Option(note_entry(n, counts.get(n.item.id, 0), width), id=str(i)))
        self._counts = counts
        listing.add_options(options)
        if notes:  # keep the place in the list; start on the first annotation
            first = len(errors) + 1
            place = max(first, min(highlighted or first, len(options) - 1))
            while place < len(options) - 1 and options[place].disabled:
                place += 1
            listing.highlighted = place
        documents = len({n.document.id for n in notes})
        orphans = sum(1 for n in notes if state_of(n) == "orphaned")
        fuzzy = sum(1 for n in notes if state_of(n) == "fuzzy")
        status = f"{len(notes)} annotation{'s' if len(notes) != 1 else ''}"
        status += f" in {documents} document{'s' if documents != 1 else ''}"
        if orphans:
            status += f" · {orphans} orphaned"
        if fuzzy:
            status += f" · {fuzzy} to confirm"
        if errors:
            status += f" · {len(errors)} file{'s' if len(errors) != 1 else ''} malformed"
        self._status(status + ".")

    def highlight_note(self, note: LibraryNote) -> None:
        """Put the list's cursor on `note` (one of `notes`)."""
        listing = self.query_one(NoteList)
        wanted = str(self.notes.index(note))
        for index in range(listing.option_count):
            if listing.get_option_at_index(index).id == wanted:
                listing.highlighted = index
                return

    def _list_width(self) -> int | None:
        """The width entries are wrapped to: the list's, less a scrollbar even before
        one is shown (a long list gains one once filled)."""
        listing = self.query_one(NoteList)
        width = listing.scrollable_content_region.width
        if not listing.show_vertical_scrollbar:
            width -= listing.styles.scrollbar_size_vertical
        return width if width > 0 else None

    def on_resize(self) -> None:
        # Entries are wrapped to the list's width (for their hanging indent): rewrap.
        width = self._list_width()
        if self.notes and width != self._width:
            self.show_notes(self.notes, self.errors, self._counts)

    def _status(self, text: str) -> None:
        self.query_one("#notes-status", Static).update(text)

    def note_at(self, index: int | None) -> LibraryNote | None:
        """The annotation at line `index` of the list (None for no line, or past the
        end): with the list's highlighted line, the one chosen."""
        listing = self.query_one(NoteList)
        if index is None or not 0 <= index < listing.option_count:
            return None
        option_id = listing.get_option_at_index(index).id
        return self.notes[int(option_id)] if option_id and option_id.isdigit() else None

    def act(self, index: int | None, action: str) -> None:
        """Ask for `action` on the annotation at option `index`."""
        note = self.note_at(index)
        if note is not None:
            self.post_message(self.ActionRequested(action, note))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.note_at(event.option_index)
        if note is not None:
            self.post_message(self.AnnotationChosen(note))
