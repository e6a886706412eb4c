"""Metadata a PDF file states: its info dictionary, else its XMP packet.

Only what the file says is kept, and only when it looks like a real value: producers
write junk such as "untitled", "Microsoft Word - draft3.doc" or the file name as the
title, and those are left out (the title page is the fallback, see `pdf_file`). Dates
(`D:20200805162100-04'00'` or XMP ISO dates) become `YYYY-MM-DD`.

The XMP packet is found in the file's bytes (it is stored uncompressed by every
producer that writes one, so that any tool can read it); only `dc:title`,
`dc:creator` and `xmp:CreateDate` are read, with a bounded pattern and no XML parser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|indd|qxd|tex|dvi))$",
    re.I,
)
_XMP_FIELD = re.compile(
    r"<dc:(title|creator)\b[^>]{0,200}>\s*<rdf:(?:Alt|Seq|Bag)[^>]{0,200}>\s*"
    r"<rdf:li\b[^>]{0,200}>([^<]{1,400})</rdf:li>",
)
_XMP_DATE = re.compile(
    r"<xmp:CreateDate>([^<]{4,40})</xmp:CreateDate>|xmp:CreateDate=\"([^\"]{4,40})\""
)


def _date(value: str) -> str:
    m = _PDF_DATE.match(value) or _ISO_DATE.match(value)
    if not m:
        return ""
    parts = [g for g in m.groups() if g]
    return "-".join(parts)


def _clean(value: Any) -> str:
    text = " ".join(str(value or "").split())
    return "".join(ch for ch in text if ch.isprintable())


def _xmp(path: Path) -> dict[str, str]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        return {}
    end = data.find(b"</x:xmpmeta>", start, start + 200_000)
    packet = data[start : end if end > 0 else start + 200_000].decode("utf-8", "replace")
    out: dict[str, str] = {}
    for m in _XMP_FIELD.finditer(packet):
        key = "title" if m.group(1) == "title" else "author"
        out.setdefault(key, _clean(html.unescape(m.group(2))))
    d = _XMP_DATE.search(packet)
    if d:
        out["date"] = _date(d.group(1) or d.group(2))
    return out


def metadata(doc: Any, path: Path) -> dict[str, str]:
    """title, author, date (and subject as `work` is not guessed) the PDF states."""
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged info dictionary is no reason to refuse the text
        info = {}
    meta: dict[str, str] = {}
    title = _clean(info.get("Title"))
    if title and not _JUNK_TITLE.match(title) and title != path.stem:
        meta["title"] = title
    author = _clean(info.get("Author"))
    junk = re.fullmatch(r"(?i)admin(?:istrator)?|user|owner|unknown", author) or re.fullmatch(
        r"[A-Z0-9:_./\\-]+",
        author,  # a department code such as W:CAR:MP:FP, a login
    )
    if author and not junk:
        meta["author"] = author
    date = _date(_clean(info.get("CreationDate")))
    if date:
        meta["date"] = date
    for key, value in _xmp(path).items():
        if value and key not in meta and not (key == "title" and _JUNK_TITLE.match(value)):
            meta[key] = value
    return meta
