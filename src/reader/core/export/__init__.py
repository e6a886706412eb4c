"""Taking annotations out: Markdown for Obsidian, W3C Web Annotation JSON-LD, Readwise CSV.

Each format is a module with one `render(groups) -> str` function over `DocumentNotes`
(a document and its annotations in reading order); `export` picks one by name. Writing
the result to a file (atomically) is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.errors import UsageError
from reader.core.export import jsonld, markdown, readwise
from reader.core.export.groups import DocumentNotes, group_notes

FORMATS: dict[str, Callable[[list[DocumentNotes]], str]] = {
    "markdown": markdown.render,
    "jsonld": jsonld.render,
    "csv": readwise.render,
}


def export(groups: list[DocumentNotes], fmt: str, *, bibliography: bool = False) -> str:
    """The export of `groups` in format `fmt` (markdown, jsonld or csv); a Markdown
    export ends with a bibliography of its texts when asked."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}") from None
    if fmt == "markdown" and bibliography:
        return markdown.render(groups, bibliography=True)
    return renderer(groups)


__all__ = ["FORMATS", "DocumentNotes", "export", "group_notes"]
