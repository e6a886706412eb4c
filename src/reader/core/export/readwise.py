"""Readwise CSV: one row per annotation with the columns Readwise imports, and more.

Columns: Highlight, Title, Author, URL, Note, Location, Date (Readwise's import
template), then Color, Locator and Id (the annotation's id, which links between notes
name). `URL` is the document's original address when the
text has one, else its `reader://` link. `Location` is the citation a person reads
(`4.2. The army, ¶3`; "whole document"; "place unknown (orphaned)"). Tags are added at the
end of the note as `.tag` words, which Readwise reads as tags. A note on the whole
document has an empty Highlight and its text in Note. `Date` is the creation time in
UTC as `YYYY-MM-DD HH:MM:SS`. `Locator` is the readable locator of the quote
(`reader.core.locator`): what brings the row back to its place on import.
"""

from __future__ import annotations

import csv
import io

from reader.core import locator as locators
from reader.core.cite import work_of
from reader.core.export.groups import DocumentNotes

COLUMNS = (
    "Highlight", "Title", "Author", "URL", "Note", "Location", "Date", "Color", "Locator", "Id"
)  # fmt: skip


def render(groups: list[DocumentNotes]) -> str:
    """The CSV text (RFC 4180 quoting, CRLF line ends as the csv module writes them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for group in groups:
        doc = group.document
        url = work_of(doc).url or locators.Locator(doc.id).uri
        for item in group.items:
            a = item.annotation
            tags = " ".join(f".{t}" for t in a.tags)
            highlight = "" if a.target is None else group.attached_text(item)
            note = "\n\n".join(p for p in (a.note, tags) if p)
            location = item.citation.place
            date = a.created.replace("T", " ").removesuffix("Z")
            row = [highlight, doc.title, doc.author, url, note, location, date, a.colour]
            writer.writerow([*row, str(group.locator(item)), a.id])
    return out.getvalue()
