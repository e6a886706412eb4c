"""Citations of a whole document, from its front matter: BibTeX, CSL-JSON and plain text.

What is used: `author` (one name, or several joined by " and " or ";"), `title`, `date`
(a year, or a full ISO date), `publisher` ("Bookmarks, London" is read as publisher and
place when the last part is a one- or two-word place name), `url` or else `source` when
it is (or holds) an http(s) address, `work` (the book, site or magazine the text is
part of, the container) and `chapter`, `translator`, `language`. Nothing is invented:
a field the text does not state is left out.

The kind of work is read from the same fields: a `type` field if the text has one (a
CSL type), else a chapter of a book (`work` and `chapter`), an encyclopedia entry (a
Wikipedia work), a thesis (a publisher naming theses), a magazine article (a publisher
naming a magazine), a web page (a URL), or a plain document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from reader.core.document import Document
from reader.core.errors import UsageError

FORMATS = ("text", "bibtex", "csl-json")

_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")
_PLACE = re.compile(r"^[A-Z][\w.-]+(?: [A-Z][\w.-]+)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# CSL type -> BibTeX entry type
_BIBTEX_TYPES = {
    "chapter": "incollection",
    "entry-encyclopedia": "misc",
    "thesis": "thesis",
    "article-magazine": "article",
    "webpage": "online",
    "document": "misc",
}


@dataclass(frozen=True, slots=True)
class Work:
    """The citable facts of one document."""

    id: str
    type: str
    title: str
    authors: tuple[str, ...] = ()
    date: str = ""
    publisher: str = ""
    place: str = ""
    url: str = ""
    container: str = ""
    chapter: str = ""
    translators: tuple[str, ...] = ()
    language: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def work_of(document: Document) -> Work:
    """The citable facts of `document`, from its front matter."""
    meta = document.meta

    def get(key: str) -> str:
        value = meta.get(key, "")
        return " ".join(str(value).split()) if isinstance(value, str | int) else ""

    publisher, place = _publisher_and_place(get("publisher"))
    url = get("url") or _first_url(get("source"))
    container = get("container") or get("work")
    kind = get("type") or _kind(container, get("chapter"), publisher, url, get("source"))
    if kind == "article-magazine" and not container:
        container = publisher  # the magazine is where the article appeared
    return Work(
        id=document.id,
        type=kind,
        title=get("title") or document.id,
        authors=_names(get("author")),
        date=get("date"),
        publisher=publisher,
        place=place,
        url=url,
        container=container,
        chapter=get("chapter"),
        translators=_names(get("translator")),
        language=get("language"),
    )


def _names(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    parts = re.split(r"\s*;\s*|\s+and\s+|\s+in collaboration with\s+", value)
    return tuple(p for p in (x.strip() for x in parts) if p)


def _first_url(source: str) -> str:
    match = _URL.search(source)
    return match.group(0).rstrip(".,;") if match else ""


def _publisher_and_place(value: str) -> tuple[str, str]:
    head, comma, tail = value.rpartition(",")
    if comma and _PLACE.match(tail.strip()) and "(" not in head:
        return head.strip(), tail.strip()
    return value, ""


def _kind(container: str, chapter: str, publisher: str, url: str, source: str) -> str:
    if "wikipedia" in (container + " " + source).lower():
        return "entry-encyclopedia"
    if container and chapter:
        return "chapter"
    if "thes" in publisher.lower():
        return "thesis"
    if "magazine" in publisher.lower():
        return "article-magazine"
    if url:
        return "webpage"
    return "document"


# --- CSL-JSON ---------------------------------------------------------------------------
def csl(work: Work) -> dict[str, Any]:
    """The CSL-JSON item of `work` (one object of a CSL-JSON array)."""
    item: dict[str, Any] = {"id": work.id, "type": work.type, "title": work.title}
    if work.authors:
        item["author"] = [_csl_name(n) for n in work.authors]
    if work.translators:
        item["translator"] = [_csl_name(n) for n in work.translators]
    parts = _date_parts(work.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if work.container:
        item["container-title"] = work.container
    elif work.type == "article-magazine" and work.publisher:
        item["container-title"] = work.publisher
    if work.chapter:
        item["chapter-number"] = work.chapter
    if work.publisher and item.get("container-title") != work.publisher:
        item["publisher"] = work.publisher
    if work.place:
        item["publisher-place"] = work.place
    if work.url:
        item["URL"] = work.url
    if work.language:
        item["language"] = work.language
    return item


def _csl_name(name: str) -> dict[str, str]:
    """A person as CSL family/given; an organisation (or one word) as a literal."""
    split = _split_name(name)
    if split is None:
        return {"literal": name}
    return {"family": split[0], "given": split[1]}


def _split_name(name: str) -> tuple[str, str] | None:
    """(family, given) of a person's name; None for an organisation or a single word.
    A particle before the last word (De, van, von, ...) belongs to the family name."""
    words = name.split()
    if len(words) < 2 or any(w.lower() in _ORGANISATION_WORDS for w in words):
        return None
    cut = len(words) - 1
    if cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return " ".join(words[cut:]), " ".join(words[:cut])


_PARTICLES = frozenset({"de", "da", "di", "del", "van", "von", "le", "la", "du", "der"})


_ORGANISATION_WORDS = frozenset({"contributors", "ml", "collective", "league", "editors"})


def _date_parts(date: str) -> list[int]:
    match = _DATE.match(date)
    if not match:
        return []
    return [int(g) for g in match.groups() if g]


# --- BibTeX -----------------------------------------------------------------------------
def bibtex(work: Work) -> str:
    """A BibTeX (biblatex-compatible) entry for `work`."""
    entry = _BIBTEX_TYPES.get(work.type, "misc")
    fields: list[tuple[str, str]] = []
    if work.authors:
        fields.append(("author", " and ".join(_bib_name(n) for n in work.authors)))
    fields.append(("title", work.title))
    if work.container:
        key = "booktitle" if entry == "incollection" else "howpublished"
        if entry == "article":
            key = "journal"
        fields.append((key, work.container))
    elif entry == "article" and work.publisher:
        fields.append(("journal", work.publisher))
    if work.chapter:
        fields.append(("chapter", work.chapter))
    if work.translators:
        fields.append(("translator", " and ".join(_bib_name(n) for n in work.translators)))
    if work.publisher and entry != "article":
        fields.append(("institution" if entry == "thesis" else "publisher", work.publisher))
    if work.place:
        fields.append(("address", work.place))
    if entry == "thesis":
        fields.append(("type", "Honors thesis" if "honors" in work.publisher.lower() else "thesis"))
    parts = _date_parts(work.date)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        if len(work.date) >= 10:
            fields.append(("date", work.date[:10]))
    if work.url:
        fields.append(("url", work.url))
    if work.language:
        fields.append(("langid", work.language))
    body = ",\n".join(
        f"  {k} = {{{v if k in _NAME_FIELDS else _bib_escape(v, k == 'url')}}}" for k, v in fields
    )
    return f"@{entry}{{{_bib_key(work)},\n{body}\n}}\n"


def _bib_name(name: str) -> str:
    split = _split_name(name)
    if split is None:
        return "{" + _bib_escape(name) + "}"  # an organisation: kept whole
    return f"{_bib_escape(split[0])}, {_bib_escape(split[1])}"


def _bib_key(work: Work) -> str:
    first = work.title.split()[0]
    if work.authors:
        split = _split_name(work.authors[0])
        first = split[0] if split else work.authors[0].split()[0]
    year = _date_parts(work.date)[0] if _date_parts(work.date) else "nd"
    word = next((w for w in re.findall(r"\w+", work.title) if len(w) > 3), "text")
    raw = f"{first}{year}{word}".lower()
    ascii_key = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_key) or "text"


_NAME_FIELDS = frozenset({"author", "translator"})
_BIB_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}"}


def _bib_escape(value: str, url: bool = False) -> str:
    if url:
        return value.replace("{", "%7B").replace("}", "%7D")
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in value if ch.isprintable())


# --- plain text -------------------------------------------------------------------------
def text(work: Work, place: str = "") -> str:
    """A readable citation (author-date style) on one line; `place` (a section and
    paragraph) goes before the URL."""
    parts: list[str] = []
    who = ", ".join(work.authors)
    year = work.date[:4] if _date_parts(work.date) else "n.d."
    parts.append(f"{who} ({year})." if who else f"{work.title} ({year}).")
    if who:
        parts.append(f"“{work.title}”." if work.container else f"{work.title}.")
    if work.container:
        chapter = f", chapter {work.chapter}" if work.chapter else ""
        parts.append(f"In {work.container}{chapter}.")
    if work.translators:
        parts.append(f"Translated by {', '.join(work.translators)}.")
    if work.publisher:
        parts.append(", ".join(p for p in (work.publisher, work.place) if p) + ".")
    if place:
        parts.append(f"{place}.")
    if work.url:
        parts.append(work.url)
    return " ".join(parts)


def cite(document: Document, fmt: str = "text") -> str:
    """The citation of `document` in `fmt` (text, bibtex or csl-json)."""
    work = work_of(document)
    if fmt == "text":
        return text(work) + "\n"
    if fmt == "bibtex":
        return bibtex(work)
    if fmt == "csl-json":
        return json.dumps([csl(work)], ensure_ascii=False, indent=2) + "\n"
    raise UsageError(f"unknown citation format {fmt!r}: use one of {', '.join(FORMATS)}")


def cite_many(documents: list[Document], fmt: str) -> str:
    """The citations of several documents (one CSL-JSON array, or entries one after another)."""
    if fmt == "csl-json":
        return json.dumps([csl(work_of(d)) for d in documents], ensure_ascii=False, indent=2) + "\n"
    return "\n".join(cite(d, fmt) for d in documents)


def quote_with_citation(document: Document, start: int, end: int) -> str:
    """The text at [start, end) as a quotation with its citation (the work, then the
    section and paragraph the quote is in) and its `reader://` link, ready to paste."""
    from reader.core import locator as locators

    quote = " ".join(document.text[start:end].split())
    place = document.location(start)
    link = locators.make(document, start, end).uri
    return f"“{quote}”\n— {text(work_of(document), str(place))}\n{link}\n"
