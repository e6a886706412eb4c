"""Citations of the wikitext cleaner: `{{cite ...}}` and `{{sfn}}` rendered as readable text.

Wikipedia's citation templates hold a reference as named fields (`last1`, `title`,
`publisher`, `date`, `pages`, `url`, ...). A reader wants the reference as a sentence, in
the order a bibliography gives it, roughly as Wikipedia itself shows it (Citation Style 1):

    Service, Robert (2005). *A history of modern Russia*. Cambridge, MA: Harvard
    University Press. pp. 75–80. ISBN 978-0-674-01801-3. <http://archive.org/...>

`{{sfn|Deutscher|2015a|p=389}}` is a short citation to a work listed elsewhere in the
article; it reads "Deutscher 2015a, p. 389."

The functions here take field values that are already inline Markdown (the caller renders
links and emphasis inside them) and return inline Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reader.core.inline import escape_inline

_YEARISH = re.compile(r"^(?:c\. ?)?\d{3,4}(?:[–-]\d{2,4})?[a-z]?$|^n\.d\.$")
_PAGE_RANGE = re.compile(r"[–—,;-]| and ")
_EDITION_WORD = re.compile(r"\b(?:ed|edn|edition)\b\.?", re.I)
_ENDED = re.compile(r"[.?!][*\"')\]]*$")
_SAFE_URL = re.compile(r"^(?:https?|ftp)://[^\s<>]+$")

# Fields whose value names the periodical or site a piece appeared in.
_WORK_FIELDS = ("work", "journal", "newspaper", "magazine", "website", "periodical", "encyclopedia")


def autolink(url: str) -> str:
    """A URL as Markdown the reader shows literally (an autolink), or escaped text."""
    url = url.strip()
    return f"<{url}>" if _SAFE_URL.match(url) else escape_inline(url)


def _names(fields: Mapping[str, str], role: str) -> list[str]:
    """Personal names of one role ("author" or "editor"), in order, as "Last, First"."""
    out: list[str] = []
    for n in range(1, 10):
        suffixes = [str(n)] if n > 1 else ["1", ""]
        name = ""
        for s in suffixes:
            last = fields.get(f"last{s}" if role == "author" else f"{role}{s}-last", "")
            last = last or fields.get(f"surname{s}" if role == "author" else "", "")
            first = fields.get(f"first{s}" if role == "author" else f"{role}{s}-first", "")
            first = first or fields.get(f"given{s}" if role == "author" else "", "")
            whole = fields.get(f"{role}{s}", "")
            if last:
                name = f"{last}, {first}" if first else last
            elif whole:
                name = whole
            if name:
                break
        if not name:
            if n > 1:
                break
            continue
        out.append(name)
    return out


def _join_names(names: list[str]) -> str:
    return "; ".join(names)


def _pages(fields: Mapping[str, str]) -> str:
    if fields.get("page"):
        return f"p. {fields['page']}"
    if fields.get("pages"):
        return f"pp. {fields['pages']}"
    if fields.get("at"):
        return fields["at"]
    return ""


def _sentence(part: str) -> str:
    """A part followed by a full stop, unless it already ends with one."""
    part = part.strip()
    if not part:
        return ""
    return part if _ENDED.search(part) else part + "."


def citation(kind: str, fields: Mapping[str, str]) -> str:
    """One `{{cite <kind>}}` (or `{{citation}}`) as a sentence of inline Markdown."""
    fields = {k: v.strip() for k, v in fields.items() if v.strip()}
    authors = _join_names(_names(fields, "author"))
    editors = _join_names(_names(fields, "editor"))
    date = fields.get("date") or fields.get("year", "")
    if date and fields.get("orig-year"):
        date = f"{date} [{fields['orig-year']}]"
    title = fields.get("title", "")
    if fields.get("trans-title"):
        title = f"{title} [{fields['trans-title']}]" if title else f"[{fields['trans-title']}]"
    work = next((fields[f] for f in _WORK_FIELDS if fields.get(f)), "")
    book_like = kind in ("book", "thesis", "report", "") and not work
    parts: list[str] = []
    eds = "eds." if ";" in editors else "ed."
    head = authors or (f"{editors}, {eds}" if editors else "")
    if head:
        parts.append(f"{head} ({date})" if date else head)
    chapter = fields.get("chapter", "")
    if chapter:
        parts.append(f'"{chapter}"')
    if title:
        if book_like:
            parts.append(f"In *{title}*" if chapter else f"*{title}*")
        else:
            parts.append(f'"{title}"')
    if editors and authors:
        parts.append(f"In {editors}, {eds}")
    if work:
        parts.append(f"*{work}*")
    if fields.get("volume"):
        vol = f"Vol. {fields['volume']}"
        if fields.get("issue") or fields.get("number"):
            vol += f", no. {fields.get('issue') or fields.get('number')}"
        parts.append(vol)
    elif fields.get("issue") or fields.get("number"):
        parts.append(f"No. {fields.get('issue') or fields.get('number')}")
    if fields.get("edition"):
        edition = fields["edition"]
        parts.append(edition if _EDITION_WORD.search(edition) else f"{edition} ed.")
    place = fields.get("location") or fields.get("place", "")
    publisher = fields.get("publisher", "")
    if place and publisher:
        parts.append(f"{place}: {publisher}")
    elif publisher or place:
        parts.append(publisher or place)
    if date and not head:
        parts.append(date)
    pages = _pages(fields)
    if pages:
        parts.append(pages)
    for key, label in (("isbn", "ISBN"), ("issn", "ISSN"), ("doi", "doi:"), ("jstor", "JSTOR")):
        if fields.get(key):
            sep = "" if label.endswith(":") else " "
            parts.append(f"{label}{sep}{fields[key]}")
    if fields.get("url"):
        parts.append(fields["url"])
    elif fields.get("chapter-url"):
        parts.append(fields["chapter-url"])
    if fields.get("archive-url"):
        when = fields.get("archive-date", "")
        parts.append(f"Archived{' ' + when if when else ''}: {fields['archive-url']}")
    if fields.get("access-date"):
        parts.append(f"Retrieved {fields['access-date']}")
    if fields.get("quote"):
        parts.append(f'Quote: "{fields["quote"]}"')
    return " ".join(_sentence(p) for p in parts if p.strip())


def _short_authors(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    if len(names) == 3:
        return f"{names[0]}, {names[1]} & {names[2]}"
    return f"{names[0]} et al."


def short_citation(positional: list[str], fields: Mapping[str, str]) -> str:
    """An `{{sfn}}` / `{{harvnb}}` short citation: "Deutscher 2015a, p. 389." (Markdown)."""
    values = [v.strip() for v in positional if v.strip()]
    year = ""
    if values and _YEARISH.match(values[-1]):
        year = values.pop()
    text = _short_authors(values) if values else ""
    if year:
        text = f"{text} {year}".strip()
    page = fields.get("p", "").strip() or fields.get("page", "").strip()
    pages = fields.get("pp", "").strip() or fields.get("pages", "").strip()
    loc = fields.get("loc", "").strip() or fields.get("at", "").strip()
    if page:
        text += f", p. {page}"
    elif pages:
        # A single page given as pp= is still one page.
        text += f", {'pp.' if _PAGE_RANGE.search(pages) else 'p.'} {pages}"
    if loc:
        text += f", {loc}"
    return _sentence(text)
