"""Locators: a readable name for a place in the library that survives re-cleaning.

A locator is a document id, optionally followed by `#`, an optional place (`§3` for the
third section, `¶4` for the fourth paragraph in it) and a quote in double quotes:

    cliff-1990-trotsky-and-the-triumvirate
    cliff-1990-trotsky-and-the-triumvirate#"rotten compromise"
    cliff-1990-trotsky-and-the-triumvirate#§2¶3"a bomb for Stalin"

A double quote inside the quote is doubled (`""`). The URI form says the same with
percent-encoding, for links in other programs:

    reader://cliff-1990-trotsky-and-the-triumvirate?q=rotten%20compromise&s=2&p=3

A locator names text, not offsets: `resolve` finds the quote in the current text (first
inside the named paragraph or section, then anywhere, exactly and then by the fuzzy
re-anchoring), so it keeps working after the text is re-cleaned or corrected. Parsing
is linear and size-guarded; a bad locator is a `UsageError` with one clear line.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from reader.core.annotations.anchoring import AnchorState
from reader.core.annotations.anchoring import resolve as resolve_target
from reader.core.annotations.model import Target
from reader.core.document import HEADING, Document
from reader.core.errors import UsageError
from reader.core.library import ID_PATTERN

SCHEME = "reader://"
MAX_LOCATOR = 4000  # characters; a locator is a line, not a text
QUOTE_WORDS = 12  # a long quote is shortened to its first words in a locator
MIN_FUZZY = 85.0  # a locator has no context to support a weaker approximate match

_PLACE = re.compile(r"(?:§(\d{1,6}))?(?:¶(\d{1,6}))?")


@dataclass(frozen=True, slots=True)
class Locator:
    """A document id, optionally a quote, and optionally its section and paragraph."""

    doc_id: str
    quote: str = ""
    section: int = 0
    paragraph: int = 0

    def __str__(self) -> str:
        if not self.quote and not self.section:
            return self.doc_id
        place = (f"§{self.section}" if self.section else "") + (
            f"¶{self.paragraph}" if self.paragraph else ""
        )
        quoted = '"' + self.quote.replace('"', '""') + '"' if self.quote else ""
        return f"{self.doc_id}#{place}{quoted}"

    @property
    def uri(self) -> str:
        """The `reader://` form."""
        query: list[tuple[str, str]] = []
        if self.quote:
            query.append(("q", self.quote))
        if self.section:
            query.append(("s", str(self.section)))
        if self.paragraph:
            query.append(("p", str(self.paragraph)))
        encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        return SCHEME + self.doc_id + (f"?{encoded}" if encoded else "")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a locator lands in a document: [start, end) and how sure that is."""

    start: int
    end: int
    state: AnchorState


def parse(text: str) -> Locator:
    """The locator written as `text` (either form); UsageError if it is not one."""
    text = text.strip()
    if len(text) > MAX_LOCATOR:
        raise UsageError(f"a locator is at most {MAX_LOCATOR} characters")
    if text.startswith(SCHEME):
        return _parse_uri(text)
    doc_id, hash_, rest = text.partition("#")
    _check_id(doc_id)
    if not hash_:
        return Locator(doc_id)
    place = _PLACE.match(rest)
    assert place is not None  # every part of the pattern is optional
    section = int(place.group(1) or 0)
    paragraph = int(place.group(2) or 0)
    quoted = rest[place.end() :]
    quote = ""
    if quoted:
        if len(quoted) < 2 or not quoted.startswith('"') or not quoted.endswith('"'):
            raise UsageError(f'a locator\'s quote goes in double quotes: {doc_id}#"some words"')
        quote = quoted[1:-1].replace('""', '"')
    if not quote and not section:
        raise UsageError(f'nothing after # in the locator: write {doc_id}#"some words"')
    return Locator(doc_id, quote, section, paragraph)


def _parse_uri(text: str) -> Locator:
    parts = urllib.parse.urlsplit(text)
    doc_id = urllib.parse.unquote(parts.netloc + parts.path).strip("/")
    _check_id(doc_id)
    query = urllib.parse.parse_qs(parts.query, max_num_fields=8)
    quote = query.get("q", [""])[0]
    try:
        section = int(query.get("s", ["0"])[0])
        paragraph = int(query.get("p", ["0"])[0])
    except ValueError:
        raise UsageError("s= and p= in a reader:// link are numbers") from None
    return Locator(doc_id, quote, max(0, section), max(0, paragraph))


def _check_id(doc_id: str) -> None:
    if not ID_PATTERN.match(doc_id):
        raise UsageError(f"not a locator: {doc_id[:80]!r} is not a document id")


def looks_like_locator(text: str) -> bool:
    """Whether `text` is written as a locator with a place (not a bare id)."""
    if text.startswith(SCHEME):
        return True
    return "#" in text and ID_PATTERN.match(text.partition("#")[0]) is not None


def make(document: Document, start: int, end: int, short: bool = True) -> Locator:
    """The locator of [start, end) in `document`: its section, paragraph and quote (the
    first words of a long quote when `short`). A quote found more than once in its
    paragraph is lengthened by the words around it until it is found once, so the
    locator names this occurrence and no other."""
    text = document.text
    location = document.location(start)
    place = Locator(document.id, "", location.section_number, location.paragraph)
    lo, hi = scope(place, document)
    if short:
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) > QUOTE_WORDS:
            end = start + words[QUOTE_WORDS - 1].end()
    for _ in range(2 * QUOTE_WORDS):
        if text.count(text[start:end], lo, hi) <= 1:
            break
        after = re.compile(r"\s*\S+").match(text, end)
        if after is not None and after.end() <= hi:
            end = after.end()
            continue
        before = re.search(r"\S+\s*$", text[max(lo, start - 80) : start])
        if before is None:
            break
        start -= len(before.group(0))
    quote = " ".join(text[start:end].split())
    return Locator(document.id, quote, location.section_number, location.paragraph)


def resolve(locator: Locator, document: Document) -> Place | None:
    """Where the locator lands in `document` (None when its quote is not found)."""
    text = document.text
    lo, hi = scope(locator, document)
    if not locator.quote:
        return Place(lo, lo, AnchorState.OK)
    quote = locator.quote
    found = _find_flexible(text, quote, lo, hi)
    if found is None and (lo, hi) != (0, len(text)):
        found = _find_flexible(text, quote, 0, len(text))
    if found is not None:
        return Place(found[0], found[1], AnchorState.OK)
    target = Target(quote, "", "", lo, min(len(text), lo + len(quote)), "")
    anchor = resolve_target(target, text, document.text_hash)
    if not anchor.attached or (anchor.state is AnchorState.FUZZY and anchor.score < MIN_FUZZY):
        return None
    return Place(anchor.start, anchor.end, anchor.state)


def scope(locator: Locator, document: Document) -> tuple[int, int]:
    """The span of the named section (and paragraph), else the whole text."""
    if not locator.section or locator.section > len(document.headings):
        return 0, len(document.text)
    heading = document.headings[locator.section - 1]
    index = document.headings.index(heading)
    blocks = [b for b in document.blocks if b.section == index and b.kind != HEADING]
    if locator.paragraph:
        chosen = [b for b in blocks if b.paragraph == locator.paragraph]
        if chosen:
            return chosen[0].start, chosen[-1].end
    nxt = document.headings[locator.section] if locator.section < len(document.headings) else None
    return heading.start, nxt.start if nxt is not None else len(document.text)


def _find_flexible(text: str, quote: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first occurrence of `quote` in text[lo:hi], with any run of white space in
    the quote matching any run in the text (a locator writes one space)."""
    at = text.find(quote, lo, hi + len(quote))
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    if not words or len(words) > 200:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    match = pattern.search(text, lo, min(len(text), hi + len(quote) * 2))
    return (match.start(), match.end()) if match else None
