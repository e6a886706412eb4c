"""The cleaners: one module per kind of source, plus shared steps.

A *text* cleaner is a function `clean(text, report) -> Cleaned` that takes the raw text
(already decoded, NFC, LF line ends, control characters and escape sequences removed by
`reader.core.clean.text.sanitize`). A *file* reader is a function
`read(data, report) -> Cleaned` that takes the raw bytes of a container format (EPUB,
PDF). Both return Markdown blocks plus whatever metadata the source itself states
(title, author, date, ...); they never invent metadata.

`KIND_TABLE` lists every kind once, with the one line `reader import --kind help`
shows and where its text cleaner and file reader live ("module:function", imported
lazily so that each import loads only the cleaner it needs). A kind may have both: `pdf`
reads a PDF file, or text already extracted from one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.clean.model import Cleaned, Report
from reader.core.errors import ReaderError

Cleaner = Callable[[str, Report], Cleaned]
FileReader = Callable[[bytes, Report], Cleaned]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of source: its name, a one-line description, and its readers."""

    name: str
    summary: str
    text: str = ""  # "module:function" of the text cleaner, "" when there is none
    file: str = ""  # "module:function" of the file (bytes) reader, "" when there is none


KIND_TABLE: tuple[Kind, ...] = (
    Kind(
        "html",
        "an HTML page saved from the web (.html, .htm, .xhtml)",
        text="reader.core.clean.html:clean",
    ),
    Kind(
        "epub",
        "an EPUB 2 or 3 book: the spine in order, its table of contents as headings",
        file="reader.core.clean.epub:read",
    ),
    Kind(
        "markdown",
        "Markdown: pandoc, Jekyll/Hugo, Obsidian (a reader text is kept as it is)",
        text="reader.core.clean.md:clean",
    ),
    Kind(
        "pdf",
        "a PDF file, or text extracted from one (page furniture and hyphens mended)",
        text="reader.core.clean.pdf:clean",
    ),
    Kind(
        "web",
        "a web page copied or dumped as plain text (menus, link stubs removed)",
        text="reader.core.clean.web:clean",
    ),
    Kind(
        "wikitext",
        "MediaWiki source, as from a Wikipedia edit page",
        text="reader.core.clean.wikitext:clean",
    ),
    Kind("plain", "plain text with blank-line paragraphs", text="reader.core.clean.plain:clean"),
)
KINDS = tuple(k.name for k in KIND_TABLE)


def kind_info(name: str) -> Kind:
    """The entry for kind `name`, or a ReaderError that lists the kinds."""
    for kind in KIND_TABLE:
        if kind.name == name:
            return kind
    raise ReaderError(f"unknown kind {name!r}: use one of auto, {', '.join(KINDS)}")


def kinds_help() -> list[str]:
    """One line per kind, for `reader import --kind help`."""
    width = max(len(k.name) for k in KIND_TABLE)
    lines = [f"{'auto':<{width}}  (the default) guess the kind from the content"]
    lines += [f"{k.name:<{width}}  {k.summary}" for k in KIND_TABLE]
    return lines


def _load(spec: str, kind: str) -> Callable[..., Cleaned]:
    module_name, _, function = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ReaderError(f"the {kind} reader is not available in this version") from None
    found: Callable[..., Cleaned] = getattr(module, function)
    return found


def cleaner_for(kind: str) -> Cleaner:
    """The text cleaning function for `kind` (imported lazily)."""
    info = kind_info(kind)
    if not info.text:
        raise ReaderError(f"a {kind} input must be a {kind} file, not text")
    return _load(info.text, kind)


def file_reader_for(kind: str) -> FileReader | None:
    """The bytes reader for `kind`, or None when the kind is read as text."""
    info = kind_info(kind)
    return _load(info.file, kind) if info.file else None


__all__ = [
    "KINDS",
    "KIND_TABLE",
    "Cleaned",
    "Cleaner",
    "FileReader",
    "Kind",
    "Report",
    "cleaner_for",
    "file_reader_for",
    "kind_info",
    "kinds_help",
]
