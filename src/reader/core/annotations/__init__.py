"""Highlights and notes: the model, the TOML store, anchoring and finding them again.

Modules: `model` (Annotation, Target, palette), `anchoring` (W3C-style targets and
re-attaching them after the text changes), `fileformat` (the TOML file), `editing` (one
document's annotations in memory and their changes), `annotation_file` (loading and
saving them safely), `store` (every document's, one file each), `citation` (where an
annotation is, for people) and `query` (the notes of the library, filtered; text
search over annotations). The main names are re-exported here, each module loaded on
first use (PEP 562): the app needs the palette at start but not the store, anchoring
(rapidfuzz) or the file format until annotations are first read.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.annotations.anchored import AnchoredAnnotation
    from reader.core.annotations.anchoring import Anchor, AnchorState, make_target, resolve
    from reader.core.annotations.annotation_file import AnnotationFile
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
    from reader.core.annotations.store import AnnotationStore

# Where each re-exported name lives (module of this package).
_HOMES = {
    "Anchor": "anchoring",
    "AnchorState": "anchoring",
    "make_target": "anchoring",
    "resolve": "anchoring",
    "Citation": "citation",
    "cite": "citation",
    "SCHEMA_VERSION": "fileformat",
    "DEFAULT_COLOUR": "model",
    "HIGHLIGHT": "model",
    "KINDS": "model",
    "NOTE": "model",
    "PALETTE": "model",
    "Annotation": "model",
    "Target": "model",
    "AnnotationHit": "query",
    "LibraryNote": "query",
    "NoteFilter": "query",
    "NotesResult": "query",
    "library_notes": "query",
    "search_annotations": "query",
    "AnchoredAnnotation": "anchored",
    "AnnotationFile": "annotation_file",
    "AnnotationStore": "store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once loaded, a plain module attribute
    return value


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
