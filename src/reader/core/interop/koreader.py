"""KOReader: the `metadata.<ext>.lua` file of a book's `.sdr` folder, and its exports.

The metadata file is a Lua table (`return { ... }`), read with `slpp` (a parser of Lua
data, never run as code). Highlights are in `annotations` (KOReader 2024 and later: each
with `text`, `note`, `chapter`, `pageno`, `datetime`, `color`, `pos0`) or, in older
files, in `highlight` (by page) with their notes in `bookmarks` (matched by
`datetime`). The book's title and authors are in `doc_props` (or `stats`).

KOReader's JSON export (`{"title", "author", "entries": [{"text", "note", "chapter",
"page", "time", "color"}]}`, or several books under `documents`) and its Markdown export
(`# Title`, `##### Author`, `## Chapter`, `### Page N @ date`, the text, and a note after
a `---` line) are read too. KOReader's positions (xpointers, pages) describe its own copy
of the book, so they are kept only as words for the report, never as offsets.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.errors import ReaderError
from reader.core.interop.model import Foreign, clean_text, colour_name, origin_id

_LUA_ESCAPES = re.compile(
    r"\\(\n|[abfnrtv\\\"'\[\]]|\d{1,3}|x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\})"
)
MAX_LUA_CHARS = 4_000_000  # real metadata files are a few hundred KB; the parser is slow
_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\n": "\n"}


def read_lua(text: str) -> list[Foreign]:
    """The highlights of a KOReader metadata file."""
    data = parse_lua(text)
    props = _table(data.get("doc_props")) or _table(data.get("stats"))
    title = _str(props.get("title"))
    author = _str(props.get("authors")).replace("\n", ", ")
    out: list[Foreign] = []
    annotations = data.get("annotations")
    if annotations is not None:
        for item in _items(annotations):
            record = _record(item, title, author, _str(item.get("pos0")) or _str(item.get("page")))
            if record is not None:
                out.append(record)
        return out
    notes = {_str(b.get("datetime")): b for b in _items(data.get("bookmarks"))}
    for page, items in sorted(_table(data.get("highlight")).items(), key=lambda kv: str(kv[0])):
        for item in _items(items):
            bookmark = notes.get(_str(item.get("datetime")), {})
            note = _str(bookmark.get("text"))
            if (note.startswith("Page ") and " @ " in note) or note == _str(item.get("text")):
                note = ""  # KOReader's automatic bookmark text, not a note
            merged = dict(item)
            merged["note"] = note
            merged.setdefault("pageno", page)
            record = _record(merged, title, author, _str(item.get("pos0")) or str(page))
            if record is not None:
                out.append(record)
    return out


def parse_lua(text: str) -> dict[Any, Any]:
    """The table a metadata file returns, decoded (ReaderError if it is not one)."""
    from slpp import ParseError, slpp

    body = text.lstrip("\ufeff")
    if len(body) > MAX_LUA_CHARS:
        raise ReaderError(
            f"a KOReader metadata file is at most {MAX_LUA_CHARS // 1_000_000} MB of text"
        )
    at = body.find("return")
    if at < 0 or "{" not in body[at:]:
        raise ReaderError("not a KOReader metadata file: no `return { ... }` table")
    try:
        data = slpp.decode(body[at + len("return") :].strip())
    except (ParseError, RecursionError, ValueError, IndexError, TypeError, AttributeError) as exc:
        raise ReaderError(f"the Lua table could not be read ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ReaderError("not a KOReader metadata file: it does not return a table")
    decoded: dict[Any, Any] = _unescape_all(data)
    return decoded


def _unescape_all(value: Any) -> Any:
    """slpp keeps most escapes as written: decode them as Lua does."""
    if isinstance(value, str):
        return _LUA_ESCAPES.sub(_unescape, value) if "\\" in value else value
    if isinstance(value, dict):
        return {k: _unescape_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unescape_all(v) for v in value]
    return value


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in _SIMPLE:
        return _SIMPLE[code]
    if code.isdigit():
        return chr(int(code)) if int(code) < 256 else ""
    if code.startswith("x"):
        return chr(int(code[1:], 16))
    if code.startswith("u{"):
        value = int(code[2:-1], 16)
        return chr(value) if value < 0x110000 else ""
    return code


def _record(item: dict[Any, Any], title: str, author: str, position: str) -> Foreign | None:
    quote = clean_text(_str(item.get("text"))).strip()
    note = clean_text(_str(item.get("note"))).strip()
    if not quote and not note:
        return None  # a bookmark
    chapter = _str(item.get("chapter"))
    page = _str(item.get("pageno")) or _str(item.get("page"))
    where = ", ".join(p for p in (chapter, f"page {page}" if page.isdigit() else "") if p)
    created = _str(item.get("datetime")).replace(" ", "T")
    return Foreign(
        format="koreader",
        origin=origin_id("koreader", title, position, _str(item.get("datetime")), quote),
        quote=quote,
        note=note,
        colour=colour_name(item.get("color")),
        title=title,
        author=author,
        where=where,
        created=created + "Z" if created and not created.endswith("Z") else created,
    )


def read_json(data: dict[str, Any]) -> list[Foreign]:
    """The highlights of KOReader's JSON export (one book, or several in `documents`)."""
    books = data.get("documents") if isinstance(data.get("documents"), list) else [data]
    out: list[Foreign] = []
    for book in books or []:
        if not isinstance(book, dict):
            continue
        title, author = _str(book.get("title")), _str(book.get("author"))
        for entry in _items(book.get("entries")):
            entry = dict(entry)
            entry.setdefault("pageno", entry.get("page"))
            if isinstance(entry.get("time"), int | float):
                from datetime import UTC, datetime

                moment = datetime.fromtimestamp(float(entry["time"]), UTC)
                entry["datetime"] = moment.strftime("%Y-%m-%d %H:%M:%S")
            record = _record(entry, title, author, _str(entry.get("page")))
            if record is not None:
                out.append(record)
    return out


def looks_like_json(data: Any) -> bool:
    """Whether parsed JSON is a KOReader export."""
    return isinstance(data, dict) and (
        isinstance(data.get("entries"), list) or isinstance(data.get("documents"), list)
    )


_PAGE_LINE = re.compile(r"^### Page (\S+) @ (.+)$")


def read_markdown(text: str) -> list[Foreign]:
    """The highlights of KOReader's Markdown export."""
    title = author = chapter = ""
    out: list[Foreign] = []
    page = when = ""
    body: list[str] = []

    def flush() -> None:
        if not page and not body:
            return
        joined = "\n".join(body).strip()
        quote, _, note = joined.partition("\n---\n")
        quote = _strip_format(quote.strip())
        if quote or note.strip():
            out.append(
                Foreign(
                    format="koreader",
                    origin=origin_id("koreader", title, page, when, quote),
                    quote=clean_text(quote),
                    note=clean_text(note.strip()),
                    title=title,
                    author=author,
                    where=", ".join(p for p in (chapter, f"page {page}") if p),
                )
            )

    for line in text.split("\n"):
        match = _PAGE_LINE.match(line)
        if match:
            flush()
            page, when, body = match.group(1), match.group(2), []
        elif line.startswith("##### ") and not author:
            author = line[6:].strip()
        elif line.startswith("## "):
            flush()
            page, body, chapter = "", [], line[3:].strip()
        elif line.startswith("# ") and not title:
            title = line[2:].strip()
        elif page:
            body.append(line)
    flush()
    return out


def looks_like_markdown(text: str) -> bool:
    """Whether Markdown text is a KOReader export."""
    return text.lstrip().startswith("# ") and bool(_PAGE_LINE.search(text) or "\n##### " in text)


def _strip_format(text: str) -> str:
    """The highlight without the exporter's formatting (==x==, **x**, *x*, <u>x</u>)."""
    for left, right in (("==", "=="), ("**_", "_**"), ("**", "**"), ("++", "++"), ("~~", "~~")):
        if text.startswith(left) and text.endswith(right) and len(text) > len(left + right):
            return text[len(left) : -len(right)]
    if text.startswith("<u>") and text.endswith("</u>"):
        return text[3:-4]
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        return text[1:-1]
    return text


def _array_order(key: Any) -> tuple[bool, int, str]:
    number = isinstance(key, int) and not isinstance(key, bool)
    return (not number, key if number else 0, str(key))


def _str(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return value if isinstance(value, str) else ""


def _table(value: Any) -> dict[Any, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return dict(enumerate(value, 1))
    return {}


def _items(value: Any) -> list[dict[Any, Any]]:
    """A Lua array (a list, or a table keyed 1..n) as a list of tables."""
    if isinstance(value, dict):
        value = [value[k] for k in sorted(value, key=_array_order)]
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]
