"""The library on disk: `texts/<id>.md`, `annotations/<id>.toml`, and document discovery.

A library is a folder with `texts/` and `annotations/` (and `glossary.toml` for search
variants). Derived data (the index) lives in a cache folder outside it. Documents are
loaded on demand and cached by file modification time and size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError

if TYPE_CHECKING:  # the parser is imported on the first load: `reader` starts without it
    from reader.core.document import Document

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,119}$")

# Names Windows keeps for devices, with any extension: never a file name in a library
# that may be synced to Windows.
_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")


def check_id(doc_id: str) -> str:
    """Return `doc_id` if it is a valid document id, else raise a ReaderError.

    The one check every id passes before it becomes a path (`Library.text_path`,
    `annotation_path`), wherever it comes from: a command, an option, a file or the app.
    An id is one file name of lowercase letters, digits, '.', '_' and '-', starting with
    a letter or digit: no separator (`/`, `\\`), no `..`, no NUL, no control character,
    never absolute, never a device name."""
    if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id) or doc_id.endswith("."):
        raise ReaderError(
            f"invalid document id {doc_id!r}: use lowercase letters, digits, '.', '_' and '-'"
        )
    if _DEVICE_NAMES.match(doc_id):
        raise ReaderError(f"invalid document id {doc_id!r}: a name Windows keeps for a device")
    return doc_id


def is_id(name: str) -> bool:
    """Whether `name` passes `check_id`."""
    try:
        check_id(name)
    except ReaderError:
        return False
    return True


@dataclass
class Library:
    """A library root and the documents in it."""

    root: Path
    _cache: dict[str, tuple[tuple[int, int], Document]] = field(default_factory=dict, repr=False)

    @property
    def texts_dir(self) -> Path:
        return self.root / "texts"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def glossary_path(self) -> Path:
        return self.root / "glossary.toml"

    def text_path(self, doc_id: str) -> Path:
        """`texts/<id>.md` (the id checked first: a bad one is a ReaderError)."""
        return self.texts_dir / f"{check_id(doc_id)}.md"

    def annotation_path(self, doc_id: str) -> Path:
        """`annotations/<id>.toml` (the id checked first)."""
        return self.annotations_dir / f"{check_id(doc_id)}.toml"

    def ids(self) -> list[str]:
        """The ids of every text in the library, sorted."""
        if not self.texts_dir.is_dir():
            return []
        return sorted(p.stem for p in self.texts_dir.glob("*.md") if is_id(p.stem))

    def has(self, doc_id: str) -> bool:
        return is_id(doc_id) and self.text_path(doc_id).is_file()

    def load(self, doc_id: str) -> Document:
        """The parsed document `doc_id` (cached until its file changes)."""
        path = self.text_path(doc_id)
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise ReaderError(f"no document {doc_id!r} in {self.texts_dir}") from None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(doc_id)
        if cached and cached[0] == key:
            return cached[1]
        from reader.core.document_parser import load_document

        doc = load_document(path)
        self._cache[doc_id] = (key, doc)
        return doc

    def documents(self) -> list[Document]:
        """Every document, in id order (the first unreadable one raises)."""
        return [self.load(doc_id) for doc_id in self.ids()]

    def readable_documents(self) -> tuple[list[Document], list[ReaderError]]:
        """Every document that can be read, in id order, and why the others cannot."""
        docs: list[Document] = []
        problems: list[ReaderError] = []
        for doc_id in self.ids():
            try:
                docs.append(self.load(doc_id))
            except ReaderError as exc:
                problems.append(exc)
        return docs, problems
