"""Notes that travel, in the app: copying quotes and locators, citations, links.

`LinkingApp` (a base of `ReaderApp`) adds:

- `y` copies the selection, or the highlight under the caret (or the one chosen in the
  notes view), as a quotation with its citation and `reader://` link; `Y` copies its
  locator. The text always goes to a file in the state folder (its path is shown) and,
  when the terminal is one known to accept OSC 52, to the clipboard as well
  (`App.copy_to_clipboard`); `READER_CLIPBOARD=osc52` or `=file` decides instead.
- `L` follows the first link (`[[id]]`, `[[doc-id]]`, `[[locator]]`) of the note under
  the caret or chosen in the notes view: a jump, which Ctrl+O comes back from, across
  documents too. On a highlight whose note links nowhere but that other notes link to,
  `L` lists those notes (`links:ID` in the notes view).
- when a document is shown, how many notes link to it or to its annotations, and when
  the caret comes onto a highlight that notes link to, how many;
- `m` in the notes view moves the chosen annotation to the current selection (for an
  imported one that found no place, or the wrong one).

The palette's `reader.ui.palette.citations.CitationCommands` copy the citation of the
document being read as text, BibTeX or CSL-JSON.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.core.atomic import atomic_write_text
from reader.core.errors import ReaderError
from reader.ui.annotating_app import AnnotatingApp
from reader.ui.display import safe_str
from reader.ui.screens.main import main_screen

if TYPE_CHECKING:
    from reader.core.annotations import LibraryNote
    from reader.core.document import Document
    from reader.ui.annotation_actions import AnnotationsChanged
    from reader.ui.widgets.notes_panel import NotesPanel
    from reader.ui.widgets.text_view import TextView

# Terminals that accept OSC 52 (set the clipboard) by default.
OSC52_PROGRAMS = ("iterm.app", "wezterm", "kitty", "alacritty", "ghostty", "vscode", "tabby")
OSC52_TERMS = ("xterm-kitty", "alacritty", "foot", "wezterm", "xterm-ghostty")


def terminal_takes_osc52(env: dict[str, str] | os._Environ[str]) -> bool:
    """Whether the terminal is known to put OSC 52 text on the clipboard."""
    choice = env.get("READER_CLIPBOARD", "").lower()
    if choice in ("osc52", "file"):
        return choice == "osc52"
    program = env.get("TERM_PROGRAM", "").lower()
    term = env.get("TERM", "").lower()
    return (
        program in OSC52_PROGRAMS
        or any(term.startswith(t) for t in OSC52_TERMS)
        or "WT_SESSION" in env  # Windows Terminal
    )


class LinkingApp(AnnotatingApp):
    """Copying quotes, citations and locators; following links between notes."""

    BINDINGS = [
        Binding("y", "copy_quote", "Copy quote", id="app.copy_quote", show=False),
        Binding("Y", "copy_locator", "Copy locator", id="app.copy_locator", show=False),
        Binding("L", "follow_link", "Follow link", id="app.follow_link", show=False),
    ]

    _state: tuple[list[tuple[str, int]], dict[str, int]] | None = None

    @property
    def _link_trail(self) -> list[tuple[str, int]]:
        """Where links were followed from, across documents (for Ctrl+O)."""
        return self._linking_state()[0]

    @property
    def _backlink_counts(self) -> dict[str, int]:
        """How many notes link to each highlight of the texts shown (for the caret)."""
        return self._linking_state()[1]

    def _linking_state(self) -> tuple[list[tuple[str, int]], dict[str, int]]:
        if self._state is None:
            self._state = ([], {})
        return self._state

    # --- what the reader points at ------------------------------------------------------
    def _active_view(self) -> TextView | None:
        main = main_screen(self)
        if main is None:
            return None
        view = main.active_view()
        return view if view.document is not None else None

    def _chosen_note(self) -> LibraryNote | None:
        """The annotation chosen in the notes view, when the notes list has the focus."""
        from reader.ui.widgets.notes_panel import NoteList, NotesPanel

        focused = self.focused
        if not isinstance(focused, NoteList):
            return None
        panel = focused.query_ancestor(NotesPanel)
        return panel.note_at(focused.highlighted)

    def _pointed(self) -> tuple[Document, int, int, str | None] | None:
        """(document, start, end, annotation id) of the selection, the highlight under
        the caret, or the annotation chosen in the notes view."""
        note = self._chosen_note()
        if note is not None:
            item = note.item
            if item.start is None or item.end is None:
                return None
            return note.document, item.start, item.end, item.id
        view = self._active_view()
        if view is None or view.document is None:
            return None
        document = view.document
        selection = view.selection
        if selection is not None:
            start, end = selection
            text = document.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                return document, start, end, None
        span = view.pointed_annotation()
        if span is not None:
            return document, span.start, span.end, span.annotation_id
        return None

    def _annotation_pointed(self) -> str | None:
        """The annotation chosen in the notes view, or the one under the caret (even
        while a selection is being made)."""
        note = self._chosen_note()
        if note is not None:
            return note.item.id
        view = self._active_view()
        if view is None:
            return None
        span = view.annotation_at(view.caret) if view.caret is not None else None
        span = span or view.pointed_annotation()
        return span.annotation_id if span is not None else None

    # --- copying ------------------------------------------------------------------------
    def deliver(self, text: str, name: str, what: str) -> None:
        """Put `text` on the clipboard where the terminal allows, and in a file."""
        folder = self.folders.state / "clipboard"
        path = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
        except (OSError, ReaderError) as exc:
            self.notify(safe_str(f"{what} not written: {exc}"), severity="error", markup=False)
            return
        if terminal_takes_osc52(os.environ):
            self.copy_to_clipboard(text)
            self.notify(safe_str(f"{what} copied to the clipboard (also in {path})"), markup=False)
        else:
            self.notify(
                safe_str(f"{what} written to {path} (this terminal may not take OSC 52 copies)"),
                timeout=8,
                markup=False,
            )

    def action_copy_quote(self) -> None:
        """Copy the selection or highlight as a quotation with its citation (y)."""
        from reader.core.cite import quote_with_citation

        pointed = self._pointed()
        if pointed is None:
            self.notify(
                "Select some text (v) or put the caret on a highlight first",
                timeout=3,
                markup=False,
            )
            return
        document, start, end, _ = pointed
        self.deliver(quote_with_citation(document, start, end), "quote.txt", "Quote with citation")

    def action_copy_locator(self) -> None:
        """Copy the locator of the selection or highlight (Y)."""
        from reader.core import locator as locators

        pointed = self._pointed()
        if pointed is None:
            self.notify(
                "Select some text (v) or put the caret on a highlight first",
                timeout=3,
                markup=False,
            )
            return
        document, start, end, _ = pointed
        loc = locators.make(document, start, end)
        self.deliver(f"{loc}\n{loc.uri}\n", "locator.txt", "Locator")

    def copy_citation(self, fmt: str) -> None:
        """Copy the citation of the document being read (text, bibtex or csl-json)."""
        from reader.core.cite import cite

        view = self._active_view()
        if view is None or view.document is None:
            self.notify("Open a text first: its citation is copied", timeout=3, markup=False)
            return
        ext = {"bibtex": "bib", "csl-json": "json"}.get(fmt, "txt")
        self.deliver(cite(view.document, fmt), f"citation.{ext}", f"Citation ({fmt})")

    # --- links --------------------------------------------------------------------------
    def action_follow_link(self) -> None:
        """Follow the first link of the note under the caret or chosen (L)."""
        self._follow_link()

    def _follow_link(self) -> None:
        from reader.core.annotations import library_notes
        from reader.core.annotations.links import ANNOTATION, DOCUMENT, PLACE, Backlinks

        annotation_id = self._annotation_pointed()
        if annotation_id is None:
            self.notify(
                "Put the caret on a highlight whose note has a [[link]]", timeout=3, markup=False
            )
            return
        store = self.annotator.store
        ids = store.library.ids()
        links = Backlinks(library_notes(store).notes, ids)
        here = links.note(annotation_id)
        found = links.links(here.item.annotation.note, ids) if here is not None else []
        usable = [link for link in found if link.kind != "unknown"]
        if not usable:
            back = links.to_annotation(annotation_id)
            if back:
                self.call_later(self.action_notes, f"links:{annotation_id}")
                return
            self.notify(
                "This note links nowhere (write [[id]] or [[doc-id]] in it)",
                timeout=3,
                markup=False,
            )
            return
        link = usable[0]
        if link.kind == ANNOTATION:
            target = links.note(link.target)
            if target is None or target.item.start is None:
                self.notify(
                    "The linked annotation has no place in its text", timeout=3, markup=False
                )
                return
            self.jump_to(target.document.id, target.item.start)
        elif link.kind == DOCUMENT:
            self.jump_to(link.target, None)
        elif link.kind == PLACE:
            from reader.core import locator as locators

            try:
                loc = locators.parse(link.target)
                place = locators.resolve(loc, store.library.load(loc.doc_id))
            except ReaderError as exc:
                self.notify(safe_str(exc), severity="error", markup=False)
                return
            if place is None:
                shown = safe_str(f"“{loc.quote}” is not in {loc.doc_id} any more")
                self.notify(shown, timeout=4, markup=False)
                return
            self.jump_to(loc.doc_id, place.start)

    def jump_to(self, doc_id: str, offset: int | None) -> None:
        """Go to `offset` in `doc_id` as a jump: Ctrl+O comes back (across documents too)."""
        main = main_screen(self)
        if main is None:
            return
        view = main.active_view()
        if view.document is not None and view.document.id == doc_id and offset is not None:
            view.scroll_to_offset(offset)
            view.place_caret(offset)
            view.focus()
            return
        if view.document is not None:
            self._link_trail.append((view.document.id, view.top_offset))
        main.open_annotation(doc_id, offset)
        main.active_view().focus()

    def back_across_documents(self) -> bool:
        """Back to the document a link was followed from (when the view has no jump left)."""
        trail = self._link_trail
        if not trail:
            return False
        doc_id, offset = trail.pop()
        main = main_screen(self)
        if main is None:
            return False
        main.open_document(doc_id, offset)
        return True

    def on_text_view_annotation_pointed(self, message: TextView.AnnotationPointed) -> None:
        from reader.core.annotations.links import links_here

        count = self._backlink_counts.get(message.annotation_id, 0)
        if count:
            self.notify(f"{links_here(count)} (L lists them)", timeout=3, markup=False)

    def on_annotations_changed(self, message: AnnotationsChanged) -> None:
        # Links may have been written or removed: count again for that text.
        self._count_backlinks(message.doc_id, announce=False)

    def on_text_view_document_shown(self, message: TextView.DocumentShown) -> None:
        # The main screen draws the document's annotations first (`view_marks`).
        self._count_backlinks(message.document.id)

    def _count_backlinks(self, doc_id: str, announce: bool = True) -> None:
        self.run_worker(
            partial(self._backlinks_worker, doc_id, announce),
            thread=True,
            group="backlinks",
            exit_on_error=False,
        )

    def _remember_backlinks(self, counts: dict[str, int]) -> None:
        self._backlink_counts.update(counts)

    def _backlinks_worker(self, doc_id: str, announce: bool) -> None:
        from reader.core.annotations import library_notes
        from reader.core.annotations.links import Backlinks, links_here

        store = self.annotator.store
        notes = library_notes(store).notes
        links = Backlinks(notes, store.library.ids())
        linking = {n.item.id for n in links.to_document(doc_id)}
        counts: dict[str, int] = {}
        for note in notes:
            if note.document.id == doc_id:
                to_it = links.to_annotation(note.item.id)
                counts[note.item.id] = len(to_it)
                linking |= {n.item.id for n in to_it}
        self.call_from_thread(self._remember_backlinks, counts)
        if linking and announce:
            message = safe_str(f"{links_here(len(linking))} (F4, links:{doc_id} lists them)")
            self.call_from_thread(self.notify, message, timeout=5, markup=False)

    # --- the notes view: move to the selection ------------------------------------------
    def on_notes_panel_action_requested(self, message: NotesPanel.ActionRequested) -> None:
        # `m` in the notes view; AnnotatingApp's handler does the other actions.
        if message.action == "move":
            self.move_to_selection(message.note.document.id, message.note.item.id)

    def move_to_selection(self, doc_id: str, annotation_id: str) -> None:
        """Put an annotation on the text selected in the reading view."""
        view = self._active_view()
        selection = view.selection if view is not None else None
        if view is None or view.document is None or selection is None:
            self.notify(
                "Select the right text in the reading view first (v), then m",
                timeout=4,
                markup=False,
            )
            return
        if view.document.id != doc_id:
            shown = safe_str(f"The selection is in {view.document.id}, not in {doc_id}")
            self.notify(shown, timeout=4, markup=False)
            return
        annotations = self.annotator.writable(doc_id)
        if annotations is None:
            return
        start, end = selection
        moved = self.annotator.save_change(
            annotations, lambda: annotations.move(annotation_id, start, end)
        )
        if moved:
            view.cancel_selection()
            self.notify("Moved to the selection", timeout=2, markup=False)
