"""Highlights and notes: the model, the TOML store, anchoring and finding them again.

Modules: `model` (Annotation, Target, palette), `anchoring` (W3C-style targets and
re-attaching them after the text changes), `fileformat` (the TOML file), `store`
(loading, changing and saving one document's annotations safely), `citation` (where an
annotation is, for people) and `query` (the notes of the library, filtered; text
search over annotations). The main names are re-exported here.
"""

from reader.core.annotations.anchoring import Anchor, AnchorState, make_target, resolve
from reader.core.annotations.citation import Citation, cite
from reader.core.annotations.fileformat import SCHEMA_VERSION
from reader.core.annotations.model import (
    DEFAULT_COLOUR,
    HIGHLIGHT,
    KINDS,
    NOTE,
    PALETTE,
    Annotation,
    Target,
)
from reader.core.annotations.query import (
    AnnotationHit,
    LibraryNote,
    NoteFilter,
    NotesResult,
    library_notes,
    search_annotations,
)
from reader.core.annotations.store import AnchoredAnnotation, AnnotationFile, AnnotationStore

__all__ = [
    "DEFAULT_COLOUR",
    "HIGHLIGHT",
    "KINDS",
    "NOTE",
    "PALETTE",
    "SCHEMA_VERSION",
    "Anchor",
    "AnchorState",
    "AnchoredAnnotation",
    "Annotation",
    "AnnotationFile",
    "AnnotationHit",
    "AnnotationStore",
    "Citation",
    "LibraryNote",
    "NoteFilter",
    "NotesResult",
    "Target",
    "cite",
    "library_notes",
    "make_target",
    "resolve",
    "search_annotations",
]
