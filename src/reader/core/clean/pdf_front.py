"""The front of a PDF extraction: cover pages, title pages and web-export headers.

Everything before the first paragraph of real prose is front matter: a repository's
cover page (Digital Commons style: "Follow this and additional works at", "Recommended
Citation", "... is brought to you for free and open access by ..."), a title page
(title, "By", author, place and date), or the header a browser prints on a web article
(URL, section, title, "Publication date: ...", a copyright line). It is not body text;
what it states becomes metadata:

- title: the title the citation block quotes, in the spelling of the title page when the
  title page repeats it; else the front line the body repeats as a running header;
  else the longest title-like front line;
- author: the line after "By" on a title page, else the name a citation starts with;
- date: the fullest date stated ("16 April 2001", "Sunday 19 March 2017"), as ISO;
- source: the repository permalink under the citation, else the first URL standing alone;
- rights: a copyright line, or the repository's open-access statement, as written.

`translator_of` reads a "Translated by ..." credit wherever it stands.
"""

from __future__ import annotations

import re

from reader.core.clean.pdf_inline import plain_text
from reader.core.clean.pdf_layout import LIST, Chunk, normalized

# Cover-page boilerplate of institutional repositories: not body, never a title.
_BOILERPLATE = re.compile(
    r"follow this and additional works at|^part of the\b|^recommended citation$"
    r"|brought to you for free and open access|for more information, please contact"
    r"|accepted for inclusion in|^copyright\b|all rights reserved|^publication date\b"
    r"|^- .* -$",
    re.I,
)
_URL_ONLY = re.compile(r"^<?((?:https?|ftp)://[^\s<>]+)>?$")
# fmt: off
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# fmt: on
_MONTH = r"(" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+(\d{4})\b")
_CITATION = re.compile(r"^([^,\"“]{2,40}),\s*([^,\"“]{2,60}),\s*[\"“](.+?)[\"”]\s*\((\d{4})\)")
_TRANSLATOR = re.compile(
    r"^Translated(?: from [A-Z][a-z]+)? by (.+?)(?:,? and (?:further |also )?edited by .+?)?\.?$"
)


def is_prose(chunk: Chunk) -> bool:
    """A paragraph of running prose: with sentences, not repository boilerplate."""
    text = chunk.text
    if chunk.kind == LIST or len(text) < 60 or _BOILERPLATE.search(text):
        return False
    sentences = len(re.findall(r"[a-z]{2}[.!?][\"”’]?[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s+[\"“]?[A-Z]", text))
    if len(text) < 200:  # a short standfirst: two whole sentences
        return sentences >= 1 and text.rstrip()[-1:] in ".!?"
    return sentences >= 1 or len(text) > 400


def split_front(chunks: list[Chunk], limit: int = 40) -> tuple[list[Chunk], list[Chunk]]:
    """(front matter, body): the body starts at the first prose paragraph.

    Only the first `limit` chunks are searched; with no prose there the text has no
    front matter to speak of and all of it is body.
    """
    for i, chunk in enumerate(chunks[:limit]):
        if is_prose(chunk):
            return chunks[:i], chunks[i:]
    return [], chunks


def _iso_date(text: str) -> str:
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _MONTH_DAY_YEAR.search(text)
        if not m:
            return ""
        month, day, year = m.group(1), m.group(2), m.group(3)
    number = _MONTHS.index(month.lower()) + 1
    if not 1 <= int(day) <= 31:
        return ""
    return f"{year}-{number:02d}-{int(day):02d}"


def _title_like(text: str) -> bool:
    return (
        5 <= len(text) <= 200
        and not _BOILERPLATE.search(text)
        and not _URL_ONLY.match(text)
        and not _iso_date(text)
        and text[:1].isupper()
        and not text.endswith(".")
    )


def read_front(front: list[Chunk], body: list[Chunk]) -> dict[str, str]:
    """The metadata the front matter states (keys absent when it does not say)."""
    meta: dict[str, str] = {}
    texts = [plain_text(c.text) for c in front]
    citation = None
    for i, text in enumerate(texts):
        if _URL_ONLY.match(text) and "source" not in meta:
            after_citation = i >= 2 and normalized(texts[i - 2]) == "recommended citation"
            preceded_by_invite = i >= 1 and "additional works" in texts[i - 1].lower()
            if after_citation or not preceded_by_invite:
                meta["source"] = _URL_ONLY.match(text).group(1)  # type: ignore[union-attr]
        if citation is None:
            citation = _CITATION.match(text)
        if re.search(r"free and open access", text, re.I) and "rights" not in meta:
            sentence = re.split(r"(?<=\.)\s+", text)[0]
            meta["rights"] = sentence
        elif re.search(r"copyright|all rights reserved", text, re.I):
            meta["rights"] = text
        if text.lower() == "by" and i + 1 < len(texts) and "author" not in meta:
            meta["author"] = texts[i + 1]
        elif text.startswith("By ") and len(text) < 80 and "author" not in meta:
            meta["author"] = text[3:].strip()
    # The repository permalink sits right under the citation, after the invitation URL.
    for i, text in enumerate(texts):
        if (
            _URL_ONLY.match(text)
            and i >= 1
            and citation is not None
            and texts[i - 1].startswith(citation.group(0)[:20])
        ):
            meta["source"] = _URL_ONLY.match(text).group(1)  # type: ignore[union-attr]
    dates = [d for d in (_iso_date(t) for t in texts) if d]
    if dates:
        meta["date"] = dates[-1]
    if citation is not None and "author" not in meta:
        meta["author"] = f"{citation.group(2).strip()} {citation.group(1).strip()}"
    title = _find_title(texts, citation.group(3) if citation else "", body)
    if title:
        meta["title"] = title
    else:
        _chapter_opening(front, meta)
    return meta


_CHAPTER_TITLE = re.compile(r"^(?:chapter\s+)?\d{1,3}\.?\s+(\S.{3,150})$", re.I)
_NAME = re.compile(r"^(?:[A-Z][a-z]+\.?|[A-Z]\.)(?:\s(?:[A-Z][a-z]+\.?|[A-Z]\.|van|de|von)){1,3}$")


def _chapter_opening(front: list[Chunk], meta: dict[str, str]) -> None:
    """A chapter's opening lines: "12. Title of the chapter", then its author's name."""
    lines = [plain_text(line) for c in front for line in c.lines][:6]
    for i, line in enumerate(lines):
        m = _CHAPTER_TITLE.match(line)
        candidate = m.group(1) if m else ""
        if candidate and _title_like(candidate) and not _NAME.match(candidate):
            meta["title"] = candidate
            if i + 1 < len(lines) and _NAME.match(lines[i + 1]) and "author" not in meta:
                meta["author"] = lines[i + 1]
            return


def _find_title(texts: list[str], cited: str, body: list[Chunk]) -> str:
    if cited:
        same = [t for t in texts if normalized(t) == normalized(cited)]
        return same[-1] if same else cited
    body_lines = {normalized(line) for c in body for line in c.lines}
    for text in texts:
        if _title_like(text) and normalized(text) in body_lines:
            return text  # the body repeats it as a running header
    candidates = [t for t in texts if _title_like(t)]
    return max(candidates, key=len) if candidates else ""


def translator_of(chunks: list[Chunk]) -> str:
    """The translator a "Translated by ..." line credits, if the text has one."""
    for chunk in chunks:
        if not chunk.text.startswith("Translated"):
            continue
        m = _TRANSLATOR.match(plain_text(chunk.text))
        if m and len(chunk.text) < 300:
            return m.group(1).strip()
    return ""
