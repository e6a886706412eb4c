"""calibre's exported annotations (the viewer's and the library's "Export" as JSON).

The file is `{"type": "calibre_annotation_collection", "annotations": [...]}` (or the
bare list); each highlight has `highlighted_text`, `notes`, `uuid`, `timestamp`, a style
(`{"kind": "color", "which": "yellow"}`) and CFIs, which point into calibre's copy of
the book and are not used. The file names no book: the document comes from `--doc`, or
from finding the quotes in the library.
"""

from __future__ import annotations

from typing import Any

from reader.core.interop.model import Foreign, clean_text, colour_name, origin_id


def looks_like(data: Any) -> bool:
    """Whether parsed JSON is a calibre annotations export."""
    if isinstance(data, dict):
        return data.get("type") == "calibre_annotation_collection"
    return isinstance(data, list) and any(
        isinstance(x, dict) and "highlighted_text" in x for x in data[:20]
    )


def read(data: Any) -> list[Foreign]:
    """The highlights of the export (bookmarks are skipped)."""
    items = data.get("annotations", []) if isinstance(data, dict) else data
    out: list[Foreign] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or item.get("type", "highlight") != "highlight":
            continue
        if item.get("removed"):
            continue
        quote = clean_text(item.get("highlighted_text", "")).strip()
        note = clean_text(item.get("notes", "")).strip()
        if not quote:
            continue
        style = item["style"] if isinstance(item.get("style"), dict) else {}
        titles = item.get("toc_family_titles")
        chapter = titles[-1] if isinstance(titles, list) and titles else ""
        ident = item.get("uuid") if isinstance(item.get("uuid"), str) else ""
        timestamp = item.get("timestamp", "")
        out.append(
            Foreign(
                format="calibre",
                origin=f"calibre:{ident}" if ident else origin_id("calibre", quote, timestamp),
                quote=quote,
                note=note,
                colour=colour_name(style.get("which")),
                where=clean_text(chapter) if isinstance(chapter, str) else "",
                created=timestamp if isinstance(timestamp, str) else "",
            )
        )
    return out
