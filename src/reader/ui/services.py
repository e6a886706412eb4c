"""The typed seam between the app's parts and the app: what widgets and providers use.

Widgets, screens and palette providers reach the app only through `services(app)`,
which returns the app as a `ReaderServices` (checked at run time, typed for mypy), or
None for a bare test app that is not the reader. A renamed attribute is then a type
error, not a feature silently switched off by a `getattr(app, "name")` string.

This module imports no widget, screen or the app (the layer contracts hold): what the
services return is described by small Protocols of their own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationStore
    from reader.core.paths import Folders
    from reader.ui.keymap import KeyBinding


class AnnotationService(Protocol):
    """What the app's annotator offers its widgets."""

    @property
    def store(self) -> AnnotationStore:
        """The library's annotation store."""
        ...

    def confirm(self, doc_id: str, annotation_id: str) -> None:
        """Accept a fuzzy match."""
        ...


@runtime_checkable
class ReaderServices(Protocol):
    """The reader app, as its parts use it."""

    folders: Folders
    user_keymap: dict[str, str]

    def annotations(self) -> Any:
        """The app's `Annotator` (an `AnnotationService`), made on first use. A method,
        not a property: checking that an app offers the services must not build it."""
        ...

    def current_document_id(self) -> str | None:
        """The id of the document in the active reading view, if any."""
        ...

    def show_notes(self, filter_text: str | None = None) -> Awaitable[None]:
        """Show the notes view of the library, filtered."""
        ...

    def bindings(self) -> list[KeyBinding]:
        """Every binding users can remap, with its pane (F1 help and the palette)."""
        ...

    def back_across_documents(self) -> bool:
        """Go back to where a jump into another document started; False if none."""
        ...


def services(app: object) -> ReaderServices | None:
    """The app as `ReaderServices`, or None when it is not the reader (a test app)."""
    return app if isinstance(app, ReaderServices) else None


def keymap_of(app: object) -> dict[str, str]:
    """The keys remapped in keys.toml (binding id -> keys); empty outside the reader."""
    found = services(app)
    return dict(found.user_keymap) if found is not None else {}


NotesOpener = Callable[[str | None], Awaitable[None]]


def bindings_of(app: object) -> list[KeyBinding]:
    """Every binding users can remap; none outside the reader."""
    found = services(app)
    return found.bindings() if found is not None else []
