"""The notes filter language, shared by the notes view and `reader notes list`.

One line of words and prefixed terms:

- `#tag` (several must all match), `colour:pink` (or `color:`, `c:`), `doc:ID`
  (`doc:.` for the document being read);
- `is:orphaned`, `is:fuzzy` (an approximate place to confirm), `is:imported` (made by
  `reader notes import`), `is:note`, `is:highlight`, `is:document`, `is:linked` (its note
  links somewhere); several `is:` terms keep what matches any of them;
- `links:ID` (the notes that link to this annotation, document or `.`);
- any other word must occur in the quote, the note or the tags.

`parse_filter` understands the line (a problem is a message, never an exception);
`filter_notes` lists what passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.annotations.model import check_colour, normalise_tag
from reader.core.errors import ReaderError

if TYPE_CHECKING:  # the store and anchoring load when notes are first listed, not at start
    from reader.core.annotations.links import Backlinks
    from reader.core.annotations.query import LibraryNote, NoteFilter, NotesResult
    from reader.core.annotations.store import AnnotationStore

STATES = ("orphaned", "fuzzy", "imported", "note", "highlight", "document", "linked")
ORIGIN = "origin"  # the extra field an imported annotation carries


@dataclass(frozen=True, slots=True)
class ParsedFilter:
    """The filter line, understood: the store's filter plus what is checked after it."""

    note_filter: NoteFilter
    tags: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    links_to: str = ""
    problem: str = ""


def parse_filter(text: str, current_doc: str | None = None) -> ParsedFilter:
    """Split the filter line into document, tags, colour, states, link target and words."""
    from reader.core.annotations.query import NoteFilter

    doc_id: str | None = None
    colour: str | None = None
    links_to = ""
    tags: list[str] = []
    states: list[str] = []
    words: list[str] = []
    try:
        for word in text.split():
            key, _, value = word.partition(":")
            if word.startswith("#") and len(word) > 1:
                tags.append(normalise_tag(word))
            elif key in ("colour", "color", "c") and value:
                colour = check_colour(value)
            elif key in ("doc", "d") and value:
                doc_id = current_doc if value == "." else value
            elif key == "links" and value:
                links_to = (current_doc or "") if value == "." else value
            elif key == "is" and value:
                if value not in STATES:
                    return ParsedFilter(NoteFilter(), problem=f"is: takes {', '.join(STATES)}")
                states.append(value)
            else:
                words.append(word)
    except ReaderError as exc:
        return ParsedFilter(NoteFilter(), problem=str(exc))
    return ParsedFilter(
        NoteFilter(doc_id, tags[0] if tags else None, colour, " ".join(words) or None),
        tuple(tags[1:]),
        tuple(states),
        links_to,
    )


def state_of(note: LibraryNote) -> str:
    """ "orphaned", "fuzzy", "document", "note" or "highlight"."""
    item = note.item
    if item.state is not None and item.state.value in ("orphaned", "fuzzy"):
        return item.state.value
    if item.annotation.on_document:
        return "document"
    return "note" if item.annotation.note.strip() else "highlight"


def imported_from(note: LibraryNote) -> str:
    """The format an imported annotation came from ("" if it was made here)."""
    origin = note.item.annotation.extra.get(ORIGIN)
    return origin.split(":", 1)[0] if isinstance(origin, str) and origin else ""


def keep(note: LibraryNote, parsed: ParsedFilter) -> bool:
    """Whether an annotation passes what the store's filter does not check."""
    a = note.item.annotation
    if not all(a.has_tag(t) for t in parsed.tags):
        return False
    if parsed.states:
        kinds = {state_of(note), "note" if a.note.strip() else "highlight"}
        if imported_from(note):
            kinds.add("imported")
        if "[[" in a.note:
            from reader.core.annotations.links import link_texts

            if link_texts(a.note):
                kinds.add("linked")
        return bool(kinds & set(parsed.states))
    return True


def apply_filter(store: AnnotationStore, parsed: ParsedFilter) -> tuple[NotesResult, Backlinks]:
    """The annotations passing a parsed filter, and the links between all notes."""
    from reader.core.annotations.links import Backlinks
    from reader.core.annotations.query import NoteFilter, NotesResult, library_notes

    result = library_notes(store, parsed.note_filter)
    notes = [n for n in result.notes if keep(n, parsed)]
    unfiltered = parsed.note_filter == NoteFilter()
    everything = result.notes if unfiltered else library_notes(store).notes
    links = Backlinks(everything, store.library.ids())
    if parsed.links_to:
        target = links.resolve(parsed.links_to, store.library.ids())
        linking = links.to_annotation(target.target) + links.to_document(target.target)
        ids = {n.item.id for n in linking}
        notes = [n for n in notes if n.item.id in ids]
    return NotesResult(notes, result.errors), links


def filter_notes(
    store: AnnotationStore, text: str, current_doc: str | None = None
) -> tuple[NotesResult, str]:
    """The annotations passing the filter line, and the problem with it ("" if none)."""
    from reader.core.annotations.query import NotesResult

    parsed = parse_filter(text, current_doc)
    if parsed.problem:
        return NotesResult([], []), parsed.problem
    return apply_filter(store, parsed)[0], ""
