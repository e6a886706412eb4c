"""Readwise CSV: one row per annotation with the columns Readwise imports.

Columns: Highlight, Title, Author, Note, Location, Date. `Location` is the character
offset of the highlight in the text (Readwise wants a number; it orders highlights by
it), empty for a note on the whole document or an orphan. Tags are added at the end of
the note as `.tag` words, which Readwise reads as tags. A note on the whole document is
exported with its note as the Highlight (Readwise needs one). `Date` is the creation
time in UTC as `YYYY-MM-DD HH:MM:SS`.
"""

from __future__ import annotations

import csv
import io

from reader.core.export.groups import DocumentNotes

COLUMNS = ("Highlight", "Title", "Author", "Note", "Location", "Date")


def render(groups: list[DocumentNotes]) -> str:
    """The CSV text (RFC 4180 quoting, CRLF line ends as the csv module writes them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for group in groups:
        doc = group.document
        for item in group.items:
            a = item.annotation
            tags = " ".join(f".{t}" for t in a.tags)
            if a.target is None:
                highlight, note = a.note, tags
            else:
                highlight = group.attached_text(item)
                note = "\n\n".join(p for p in (a.note, tags) if p)
            location = "" if item.start is None else str(item.start)
            date = a.created.replace("T", " ").removesuffix("Z")
            writer.writerow([highlight, doc.title, doc.author, note, location, date])
    return out.getvalue()
