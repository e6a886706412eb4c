"""A highlight as another program wrote it, before it finds its document and place.

Every reader of a foreign format (`kindle`, `koreader`, `w3c`, `readwise`, `calibre`,
`markdown`) turns its file into `Foreign` records: the quote, the note, tags and
colour when the format has them, what it says about the book (title, author, URL,
our own document id), hints of where the quote was (a character offset, a section
and paragraph, the text just before and after it) and a stable `origin`: the same
highlight read from the same export again has the same origin, which is how a second
import knows it has nothing to add.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

from reader.core.errors import ReaderError

MAX_FILE_BYTES = 32 * 1024 * 1024  # an export bigger than this is refused
MAX_RECORDS = 100_000

# Colour names of other programs, as the nearest colour of our palette.
COLOUR_NAMES = {
    "yellow": "yellow",
    "green": "green",
    "olive": "green",
    "blue": "blue",
    "cyan": "blue",
    "pink": "pink",
    "purple": "purple",
    "violet": "purple",
    "orange": "orange",
    "red": "red",
    "grey": "grey",
    "gray": "grey",
}


@dataclass(frozen=True, slots=True)
class Foreign:
    """One highlight or note read from another program's file (see the module docstring)."""

    format: str
    origin: str
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = ""
    title: str = ""
    author: str = ""
    url: str = ""
    doc_id: str = ""
    annotation_id: str = ""
    prefix: str = ""
    suffix: str = ""
    position: int | None = None
    section: int = 0
    paragraph: int = 0
    where: str = ""
    created: str = ""
    links: tuple[str, ...] = field(default=())

    @property
    def on_document(self) -> bool:
        """A note on the whole document (no quote)."""
        return not self.quote.strip()


def around(quote: str, locator_quote: str) -> tuple[str, str]:
    """The words a locator's quote has before and after the highlighted quote (a
    locator is lengthened until it names one place): context to place it by."""
    flat = " ".join(quote.split())
    at = locator_quote.find(flat) if flat else -1
    if at < 0:
        return "", ""
    return locator_quote[:at], locator_quote[at + len(flat) :]


def clean_text(text: object) -> str:
    """A string from a foreign file: NFC, CRLF as LF, control characters other than
    new lines and tabs dropped (they must never reach a terminal or a TOML file)."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def colour_name(value: object) -> str:
    """Our palette's name for a colour another program names ("" if none fits)."""
    if not isinstance(value, str):
        return ""
    return COLOUR_NAMES.get(value.strip().lower(), "")


def origin_id(fmt: str, *parts: object) -> str:
    """A stable origin id made from what identifies a highlight in its format."""
    joined = "\x1f".join(str(p) for p in parts)
    digest = hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]
    return f"{fmt}:{digest}"


def read_limited(data: bytes, what: str) -> str:
    """The bytes of a foreign file as text (UTF-8, with or without BOM; UTF-16 with BOM)."""
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(f"{what} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
