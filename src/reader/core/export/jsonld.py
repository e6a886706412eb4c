"""W3C Web Annotation JSON-LD: an AnnotationCollection with one embedded AnnotationPage.

Each annotation becomes an `Annotation` (motivation `highlighting`, or `commenting` when
it has a note) whose target is a SpecificResource on the document with a
`TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (start, end
in the plain-text projection the reader shows). An orphan keeps only its quote
selector (its offsets no longer hold); a note on the whole document targets the
document itself. The note is a `TextualBody` with purpose `commenting`; each tag a
`TextualBody` with purpose `tagging`. The colour is a CSS class (`styleClass`) defined
by the annotation's `stylesheet`.

Identifiers are URNs: `urn:uuid:<id>` for an annotation whose id is a UUID (ids the app
makes are), otherwise a name-based UUID (version 5) of the document and annotation ids;
the document is `urn:uuid:` + a name-based UUID of `reader:text:<doc-id>`, so the same
document and annotation always get the same IRI.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from reader.core.annotations.anchoring import CONTEXT_CHARS
from reader.core.annotations.store import AnchoredAnnotation
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


def render(groups: list[DocumentNotes]) -> str:
    """The JSON-LD text of the collection."""
    return json.dumps(collection(groups), ensure_ascii=False, indent=2) + "\n"


def collection(groups: list[DocumentNotes]) -> dict[str, Any]:
    """The AnnotationCollection as a dict."""
    items = [annotation(g, item) for g in groups for item in g.items]
    key = ",".join(sorted(g.document.id for g in groups))
    collection_id = f"urn:uuid:{uuid.uuid5(NAMESPACE, f'reader:collection:{key}')}"
    titles = [g.document.title for g in groups]
    label = "Highlights and notes" + (f": {titles[0]}" if len(titles) == 1 else "")
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
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
    source = document_iri(doc.id)
    if a.target is None:
        out["target"] = source
        return out
    out["stylesheet"] = {
        "type": "CssStylesheet",
        "value": f".{a.colour} {{ background-color: {CSS_COLOURS.get(a.colour, '#fff59d')} }}",
    }
    out["target"] = {
        "type": "SpecificResource",
        "source": source,
        "styleClass": a.colour,
        "selector": _selectors(group, item),
    }
    return out


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
