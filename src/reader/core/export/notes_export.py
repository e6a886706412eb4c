"""The export flow, written once: notes chosen, grouped, rendered and written.

`reader notes export` and the palette's "Export … notes as …" both call `export_notes`:
the notes a `NoteFilter` keeps (a malformed notes file is left out and named in the
result, never a reason to stop), grouped by document in reading order, rendered in one
of the `FORMATS`, and, given a path, written there atomically (a link's target is
written; a folder, a device or a pipe is refused, see `reader.core.output_target`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations import AnnotationStore, NoteFilter, library_notes
from reader.core.errors import FileFormatError
from reader.core.export import export, group_notes
from reader.core.output_target import writable_target, write_target


@dataclass(frozen=True)
class NotesExport:
    """What an export made: its text, how many annotations it holds, what was left out."""

    text: str
    count: int
    errors: list[FileFormatError]
    """The malformed notes files left out."""


def export_notes(
    store: AnnotationStore,
    note_filter: NoteFilter,
    fmt: str,
    *,
    bibliography: bool = False,
    to: Path | None = None,
    make_folder: bool = False,
) -> NotesExport:
    """Export the notes `note_filter` keeps as `fmt` (markdown, jsonld or csv); with
    `to`, write the text there (its folder made first with `make_folder`, else it must
    exist: checked before any work). ReaderError, in words, when it cannot be written."""
    if to is not None:
        if make_folder:
            to.parent.mkdir(parents=True, exist_ok=True)
        writable_target(to)
    result = library_notes(store, note_filter)
    text = export(group_notes(result.notes), fmt, bibliography=bibliography)
    if to is not None:
        write_target(to, text)
    return NotesExport(text, len(result.notes), list(result.errors))
