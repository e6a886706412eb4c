"""An EPUB's metadata from its OPF package: Dublin Core elements and their refinements.

- `dc:title`: the main title (EPUB 3 `title-type` refinement "main" when given, else the
  first), with a subtitle joined by a colon;
- `dc:creator`: the authors (role `aut`, or no role) as `author`; translators (`trl`)
  as `translator`. Roles come from EPUB 2's `opf:role` attribute or EPUB 3's
  `<meta refines="#id" property="role">`;
- `dc:date`: the publication date (EPUB 2 `opf:event="publication"` before others; never
  the modification or conversion date), as YYYY-MM-DD or as written;
- `dc:language`, `dc:rights`, `dc:publisher`, `dc:source`;
- `dc:identifier`: the package's unique identifier (a URL, `urn:isbn:...`, a UUID) as
  `identifier`; it is the `source` when the book names no source.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.core.clean.epub_package import children, local, text

OPF_NS = "http://www.idpf.org/2007/opf"
_ISO = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")


def _refinements(metadata: etree._Element) -> dict[str, dict[str, str]]:
    """EPUB 3 `<meta refines="#id" property="...">value</meta>`, by element id."""
    out: dict[str, dict[str, str]] = {}
    for meta in children(metadata, "meta"):
        refines = meta.get("refines", "")
        if refines.startswith("#") and meta.get("property"):
            out.setdefault(refines[1:], {})[meta.get("property", "")] = text(meta)
    return out


def _dc(metadata: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in metadata if local(c.tag) == name and text(c)]


def _role(el: etree._Element, refined: dict[str, dict[str, str]]) -> str:
    role = el.get(f"{{{OPF_NS}}}role") or el.get("role") or ""
    if not role and el.get("id"):
        role = refined.get(el.get("id", ""), {}).get("role", "")
    return role.strip().lower()


def _title(metadata: etree._Element, refined: dict[str, dict[str, str]]) -> str:
    titles = _dc(metadata, "title")
    if not titles:
        return ""
    kinds = {id(t): refined.get(t.get("id", ""), {}).get("title-type", "") for t in titles}
    main = next((t for t in titles if kinds[id(t)] == "main"), titles[0])
    subtitle = next((t for t in titles if kinds[id(t)] == "subtitle"), None)
    title = text(main)
    if subtitle is not None and text(subtitle).lower() not in title.lower():
        title = f"{title}: {text(subtitle)}"
    return title


def _date(metadata: etree._Element) -> str:
    dates = _dc(metadata, "date")
    if not dates:
        return ""

    def rank(el: etree._Element) -> int:
        event = (el.get(f"{{{OPF_NS}}}event") or el.get("event") or "").lower()
        return {"publication": 0, "original-publication": 0, "": 1, "creation": 2}.get(event, 3)

    best = min(dates, key=rank)
    if rank(best) >= 3:
        return ""
    value = text(best)
    m = _ISO.match(value)
    return m.group(1) if m else value


def _identifier(metadata: etree._Element, unique_id: str) -> str:
    ids = _dc(metadata, "identifier")
    chosen = next((i for i in ids if unique_id and i.get("id") == unique_id), None)
    if chosen is None and ids:
        chosen = ids[0]
    return text(chosen) if chosen is not None else ""


def opf_meta(metadata: etree._Element | None, unique_id: str = "") -> dict[str, str]:
    """Our metadata fields from the OPF `<metadata>` element."""
    if metadata is None:
        return {}
    refined = _refinements(metadata)
    meta: dict[str, str] = {}
    title = _title(metadata, refined)
    authors: list[str] = []
    translators: list[str] = []
    for creator in _dc(metadata, "creator") + _dc(metadata, "contributor"):
        role = _role(creator, refined)
        is_creator = local(creator.tag) == "creator"
        if role in ("aut", "author") or (not role and is_creator):
            authors.append(text(creator))
        elif role in ("trl", "translator"):
            translators.append(text(creator))
    fields = {
        "title": title,
        "author": ", ".join(dict.fromkeys(authors)),
        "translator": ", ".join(dict.fromkeys(translators)),
        "date": _date(metadata),
        "language": next((text(x) for x in _dc(metadata, "language")), ""),
        "rights": next((text(x) for x in _dc(metadata, "rights")), ""),
        "publisher": next((text(x) for x in _dc(metadata, "publisher")), ""),
        "source": next((text(x) for x in _dc(metadata, "source")), ""),
        "identifier": _identifier(metadata, unique_id),
    }
    meta.update({k: v for k, v in fields.items() if v})
    if "source" not in meta and re.match(r"(?i)https?://", meta.get("identifier", "")):
        meta["source"] = meta["identifier"]
    return meta
