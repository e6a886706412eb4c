"""Readwise CSV: ours (Highlight, Title, Author, URL, Note, Location, Date, Color,
Locator) and Readwise's own export (Highlight, Book Title, Book Author, Amazon Book ID,
Note, Color, Tags, Location Type, Location, Highlighted at, Document tags).

Tags come from a `Tags` column or from `.tag` words closing the note (Readwise's inline
tags); the colour from `Color`; our `Locator` column gives the document, section and
paragraph. A row without a highlight is a note on the whole document.
"""

from __future__ import annotations

import csv
import io
import re

from reader.core import locator as locators
from reader.core.errors import UsageError
from reader.core.interop.model import (
    MAX_RECORDS,
    Foreign,
    around,
    clean_text,
    colour_name,
    origin_id,
)

_INLINE_TAGS = re.compile(r"(?:^|\n\n)((?:\.[\w-]+[ \t]*)+)$")


def looks_like(text: str) -> bool:
    """Whether `text` is a CSV with a Highlight column."""
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    return "Highlight" in head and "," in head


def read(text: str) -> list[Foreign]:
    """The rows of the CSV as highlights."""
    csv.field_size_limit(1024 * 1024)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    out: list[Foreign] = []
    for number, row in enumerate(reader, 2):
        if number > MAX_RECORDS:
            break
        quote = clean_text(row.get("Highlight") or "").strip()
        note = clean_text(row.get("Note") or "").strip()
        if not quote and not note:
            continue
        tags = [t for t in re.split(r"[,\s]+", row.get("Tags") or "") if t]
        tail_at = max(0, len(note) - 2000)  # inline tags close the note: look only there
        found = _INLINE_TAGS.search(note, tail_at)
        if found:
            tags += [t.lstrip(".") for t in found.group(1).split()]
            note = note[: found.start()].strip()
        doc_id = prefix = suffix = ""
        section = paragraph = 0
        url = (row.get("URL") or "").strip()
        named = row.get("Locator") or (url if url.startswith(locators.SCHEME) else "")
        if named:
            try:
                loc = locators.parse(named)
                doc_id, section, paragraph = loc.doc_id, loc.section, loc.paragraph
                prefix, suffix = around(quote, loc.quote)
            except UsageError:
                pass
        title = row.get("Title") or row.get("Book Title") or ""
        author = row.get("Author") or row.get("Book Author") or ""
        date = row.get("Date") or row.get("Highlighted at") or ""
        location = row.get("Location") or ""
        out.append(
            Foreign(
                format="readwise",
                origin=origin_id("readwise", title, location, quote, note, row.get("Id") or ""),
                quote=quote,
                note=note,
                tags=tuple(t for t in tags if t),
                colour=colour_name(row.get("Color")),
                title=clean_text(title),
                author=clean_text(author),
                url="" if url.startswith(locators.SCHEME) else url,
                doc_id=doc_id,
                annotation_id=re.sub(r"[^A-Za-z0-9._-]", "", row.get("Id") or "")[:80]
                if doc_id
                else "",
                prefix=prefix,
                suffix=suffix,
                section=section,
                paragraph=paragraph,
                where=clean_text(location)[:120],
                created=_iso(date),
            )
        )
    return out


def _iso(date: str) -> str:
    date = date.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", date):
        return date.replace(" ", "T") + "Z"
    return date if re.match(r"^\d{4}-\d{2}-\d{2}T", date) else ""
