"""W3C Web Annotation JSON-LD (our own export and others') and Hypothesis JSON.

Accepted shapes: one Annotation, a list of them, an AnnotationPage (`items`), an
AnnotationCollection (`first.items`, or `first` as a list of pages), Hypothesis's API
search result (`rows`) and its export (`annotations`). From each annotation:

- the quote, prefix and suffix from a `TextQuoteSelector`; a `TextPositionSelector`'s
  start as a position hint; a `RangeSelector` or CFI is ignored (a place in another copy);
- the note from `TextualBody` bodies with purpose `commenting` (or none), tags from
  bodies with purpose `tagging` (and Hypothesis's `tags`, and its `text` as the note);
- the colour from `styleClass` when it names one of our colours;
- the document from the target's `source` (a `reader:` document IRI of ours is mapped
  back to its id; an http(s) URL is matched against the library's sources), and its
  title from `dc:title`/`title` on the source or Hypothesis's `document.title`;
- the origin from the annotation's `id`. `oa:linking` annotations (links between notes,
  which our export writes) are read as links and put back into the linked note.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from reader.core.interop.model import Foreign, clean_text, colour_name, origin_id

_UUID_URN = re.compile(r"^urn:uuid:([0-9a-f-]{36})$")


def looks_like(data: Any) -> bool:
    """Whether parsed JSON is Web Annotation or Hypothesis data."""
    if isinstance(data, list):
        return any(isinstance(x, dict) and ("target" in x or "uri" in x) for x in data[:20])
    if not isinstance(data, dict):
        return False
    if "rows" in data or "@context" in data or data.get("type") in _TYPES:
        return True
    rows = data.get("annotations")
    return isinstance(rows, list) and any(isinstance(x, dict) and "target" in x for x in rows)


_TYPES = ("Annotation", "AnnotationPage", "AnnotationCollection")


def read(data: Any, doc_iris: dict[str, str]) -> list[Foreign]:
    """The annotations in `data`; `doc_iris` maps our document IRIs to document ids."""
    items = list(_annotations(data))
    out: list[Foreign] = []
    for item in items:
        if _motivation(item) == "linking":
            continue
        record = _record(item, doc_iris)
        if record is not None:
            out.append(record)
    return out


def _annotations(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for x in data if isinstance(x, dict)]
    if not isinstance(data, dict):
        return []
    for key in ("rows", "annotations", "items"):
        if isinstance(data.get(key), list):
            return [x for x in data[key] if isinstance(x, dict)]
    first = data.get("first")
    if isinstance(first, dict):
        return _annotations(first)
    if isinstance(first, list):
        return [a for page in first for a in _annotations(page)]
    return [data] if data.get("type") == "Annotation" or "target" in data else []


def _motivation(item: dict[str, Any]) -> str:
    value = item.get("motivation", "")
    value = value[0] if isinstance(value, list) and value else value
    return str(value).removeprefix("oa:") if isinstance(value, str) else ""


def _record(item: dict[str, Any], doc_iris: dict[str, str]) -> Foreign | None:
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    source = ""
    title = ""
    selectors: list[dict[str, Any]] = []
    colour = ""
    if isinstance(target, str):
        source = target
    elif isinstance(target, dict):
        src = target.get("source", target.get("id", ""))
        if isinstance(src, dict):
            title = _first_str(src.get("dc:title") or src.get("title"))
            src = src.get("id", "")
        source = src if isinstance(src, str) else ""
        raw = target.get("selector", [])
        raw = raw if isinstance(raw, list) else [raw]
        selectors = [s for s in raw if isinstance(s, dict)]
        colour = colour_name(target.get("styleClass"))
    if not source:
        source = item.get("uri", "") if isinstance(item.get("uri"), str) else ""
    document = item.get("document")
    if not title and isinstance(document, dict):
        title = _first_str(document.get("title"))
    quote = prefix = suffix = ""
    position: int | None = None
    for selector in selectors:
        kind = str(selector.get("type", "")).removeprefix("oa:")
        if kind == "TextQuoteSelector" and not quote:
            quote = clean_text(selector.get("exact", ""))
            prefix = clean_text(selector.get("prefix", ""))
            suffix = clean_text(selector.get("suffix", ""))
        elif kind == "TextPositionSelector" and isinstance(selector.get("start"), int):
            position = max(0, selector["start"])
    note, tags = _bodies(item)
    if isinstance(item.get("text"), str) and not note:
        note = clean_text(item["text"]).strip()  # Hypothesis
    if isinstance(item.get("tags"), list):
        tags += [t for t in item["tags"] if isinstance(t, str)]
    if not quote and not note:
        return None
    ident = item.get("id", "")
    ident = ident if isinstance(ident, str) else ""
    match = _UUID_URN.match(ident)
    own_id = match.group(1) if match and _valid_uuid(match.group(1)) else ""
    doc_id = doc_iris.get(source, "")
    created = item.get("created", "")
    return Foreign(
        format="hypothesis" if "uri" in item or "links" in item else "jsonld",
        origin=f"w3c:{ident}" if ident else origin_id("w3c", source, quote, note),
        quote=quote,
        note=note,
        tags=tuple(_tag(t) for t in tags if _tag(t)),
        colour=colour,
        title=clean_text(title),
        url=source if source.startswith(("http://", "https://")) else "",
        doc_id=doc_id,
        annotation_id=own_id if doc_id else "",
        prefix=prefix,
        suffix=suffix,
        position=position,
        created=created if isinstance(created, str) else "",
    )


def _bodies(item: dict[str, Any]) -> tuple[str, list[str]]:
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    notes: list[str] = []
    tags: list[str] = []
    for body in bodies:
        if isinstance(body, str):
            continue  # a link to another resource, not text
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purpose = str(body.get("purpose", "commenting")).removeprefix("oa:")
        if purpose == "tagging":
            tags.append(body["value"])
        elif purpose in ("commenting", "describing", "replying", "editing"):
            notes.append(clean_text(body["value"]))
    return "\n\n".join(n for n in notes if n.strip()), tags


def _first_str(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def _tag(value: str) -> str:
    return "-".join(clean_text(value).strip().lstrip("#").split())


def _valid_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
