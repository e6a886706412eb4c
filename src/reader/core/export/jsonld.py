"""W3C Web Annotation JSON-LD: an AnnotationCollection with one embedded AnnotationPage.

Each annotation becomes an `Annotation` (motivation `highlighting`, or `commenting` when
it has a note) whose target is a SpecificResource on the document with a
`TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (start, end
in the plain-text projection the reader shows). An orphan keeps only its quote
selector (its offsets no longer hold); a note on the whole document targets the
document itself (a SpecificResource without a selector, which carries its colour).
The note is a `TextualBody` with purpose `commenting`; each tag a `TextualBody` with
purpose `tagging`. The colour is a CSS class (`styleClass`) defined
by the annotation's `stylesheet`.

A placed target's own IRI is its `reader://` locator (the link back to the quote). The
target's source describes the document: its IRI, `dc:title`, `dc:creator` (the
author) and `dc:source` (the original URL, when the text has one). Every annotation
names its `generator` (this program). A note that links to another annotation, a
document or a place (`[[id]]`, see `reader.core.annotations.links`) also gets one
`linking` annotation per link, whose target is the note and whose body is what it
links to (an annotation or document IRI, or a quote in a document).

Identifiers are URNs: `urn:uuid:<id>` for an annotation whose id is a UUID (ids the app
makes are), otherwise a name-based UUID (version 5) of the document and annotation ids;
the document is `urn:uuid:` + a name-based UUID of `reader:text:<doc-id>`, so the same
document and annotation always get the same IRI.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from reader import __version__
from reader.core import locator as locators
from reader.core.annotations.anchored import AnchoredAnnotation
from reader.core.annotations.anchoring import CONTEXT_CHARS
from reader.core.annotations.links import link_texts
from reader.core.cite import work_of
from reader.core.errors import UsageError
from reader.core.export.groups import DocumentNotes

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://reader.invalid/annotations")

# The palette as CSS, for the annotations' stylesheets.
CSS_COLOURS = {
    "yellow": "#fff59d",
    "green": "#c5e1a5",
    "blue": "#90caf9",
    "pink": "#f8bbd0",
    "purple": "#ce93d8",
    "orange": "#ffcc80",
    "red": "#ef9a9a",
    "grey": "#e0e0e0",
}


def document_iri(doc_id: str) -> str:
    """The stable IRI of a document."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'reader:text:{doc_id}')}"


def annotation_iri(doc_id: str, annotation_id: str) -> str:
    """The stable IRI of an annotation."""
    try:
        return f"urn:uuid:{uuid.UUID(annotation_id)}"
    except ValueError:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'reader:annotation:{doc_id}:{annotation_id}')}"


GENERATOR = {
    "id": "https://reader.invalid/",
    "type": "Software",
    "name": f"reader {__version__}",
}


def render(groups: list[DocumentNotes]) -> str:
    """The JSON-LD text of the collection."""
    return json.dumps(collection(groups), ensure_ascii=False, indent=2) + "\n"


def collection(groups: list[DocumentNotes]) -> dict[str, Any]:
    """The AnnotationCollection as a dict."""
    ids = {item.id: g.document.id for g in groups for item in g.items}
    items: list[dict[str, Any]] = []
    for g in groups:
        for item in g.items:
            items.append(annotation(g, item))
            items += linking(g, item, ids)
    key = ",".join(sorted(g.document.id for g in groups))
    collection_id = f"urn:uuid:{uuid.uuid5(NAMESPACE, f'reader:collection:{key}')}"
    titles = [g.document.title for g in groups]
    label = "Highlights and notes" + (f": {titles[0]}" if len(titles) == 1 else "")
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "generator": GENERATOR,
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, f'reader:page:{key}:1')}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def annotation(group: DocumentNotes, item: AnchoredAnnotation) -> dict[str, Any]:
    """One Annotation as a dict."""
    doc = group.document
    a = item.annotation
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(doc.id, a.id),
        "type": "Annotation",
        "motivation": "commenting" if a.note.strip() else "highlighting",
        "created": a.created,
        "modified": a.updated,
        "generator": GENERATOR,
    }
    bodies: list[dict[str, Any]] = []
    if a.note.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    if bodies:
        out["body"] = bodies if len(bodies) > 1 else bodies[0]
    out["stylesheet"] = {
        "type": "CssStylesheet",
        "value": f".{a.colour} {{ background-color: {CSS_COLOURS.get(a.colour, '#fff59d')} }}",
    }
    out["target"] = {
        "type": "SpecificResource",
        "source": source_of(group),
        "styleClass": a.colour,
    }
    if a.target is not None:  # a note on the whole document targets the document itself
        out["target"] = {"id": group.locator(item).uri, **out["target"]}
        out["target"]["selector"] = _selectors(group, item)
    return out


def source_of(group: DocumentNotes) -> dict[str, Any]:
    """The document as a described resource: IRI, title, author and original URL."""
    doc = group.document
    work = work_of(doc)
    out: dict[str, Any] = {
        "id": document_iri(doc.id),
        "type": "Text",
        "format": "text/plain",
        "dc:title": doc.title,
    }
    if doc.author:
        out["dc:creator"] = doc.author
    if work.url:
        out["dc:source"] = work.url
    if doc.language:
        out["language"] = doc.language
    return out


def linking(
    group: DocumentNotes, item: AnchoredAnnotation, ids: dict[str, str]
) -> list[dict[str, Any]]:
    """One `linking` annotation for each link in the note of `item`."""
    doc_id = group.document.id
    a = item.annotation
    out: list[dict[str, Any]] = []
    for number, (text, _start, _end) in enumerate(link_texts(a.note), 1):
        body = _link_body(text, ids)
        if body is None:
            continue
        key = f"reader:link:{doc_id}:{a.id}:{number}"
        out.append(
            {
                "@context": CONTEXT,
                "id": f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}",
                "type": "Annotation",
                "motivation": "linking",
                "created": a.created,
                "modified": a.updated,
                "generator": GENERATOR,
                "body": body,
                "target": annotation_iri(doc_id, a.id),
            }
        )
    return out


def _link_body(text: str, ids: dict[str, str]) -> Any:
    text = text.removeprefix("#^")
    full = next((i for i in ids if i == text or (len(text) >= 8 and i.startswith(text))), None)
    if full is not None:
        return annotation_iri(ids[full], full)
    try:
        loc = locators.parse(text)
    except UsageError:
        return None
    if not loc.quote:
        return document_iri(loc.doc_id)
    return {
        "type": "SpecificResource",
        "source": document_iri(loc.doc_id),
        "selector": {"type": "TextQuoteSelector", "exact": loc.quote},
    }


def _selectors(group: DocumentNotes, item: AnchoredAnnotation) -> Any:
    text = group.document.text
    if item.start is None or item.end is None:  # orphaned: only the quote it had
        t = item.annotation.target
        assert t is not None
        return {
            "type": "TextQuoteSelector",
            "exact": t.quote,
            "prefix": t.prefix,
            "suffix": t.suffix,
        }
    start, end = item.start, item.end
    quote = {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }
    position = {"type": "TextPositionSelector", "start": start, "end": end}
    return [quote, position]
