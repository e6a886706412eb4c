"""Finding an imported highlight's place in a document: by quote and context.

Other programs' positions describe their own copy of the book, so the quote decides
and a position is only a hint. In order:

1. the exact quote, where it occurs once; among several occurrences, the one inside
   the section and paragraph the record names (our own exports name them), or the one
   the record's context (prefix and suffix) and position hint pick out through the
   re-anchoring;
2. the quote with its white space and typography loosened: a run of spaces or line
   breaks matches any other (a clipping joins paragraphs), curly and straight quotes,
   dashes and ellipses match each other;
3. the fuzzy re-anchoring of `reader.core.annotations.anchoring`, which finds a quote
   that was edited (a different edition, a corrected text).

The target that is stored is then resolved the way the app will resolve it, so the
state reported (exact, fuzzy or orphaned) is the state the notes view shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.core.annotations.anchoring import AnchorState, make_target, resolve
from reader.core.annotations.model import Target
from reader.core.document import Document
from reader.core.interop.model import Foreign
from reader.core.locator import Locator, scope

EXACT = "exact"
FUZZY = "fuzzy"
ORPHANED = "orphaned"
MAX_QUOTE = 20_000  # characters; a longer "highlight" is kept whole but placed by its start

# One character for one character, so offsets stay the same.
_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
     "–": "-", "—": "-", "‐": "-", "‑": "-", "…": ".", "\u00a0": " "}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a record lands: the target to store, its state and the fuzzy score."""

    target: Target
    state: str
    score: float = 100.0

    @property
    def start(self) -> int:
        return self.target.start


def place(document: Document, record: Foreign) -> Placement:
    """The place of `record` in `document` (see the module docstring)."""
    text = document.text
    quote = record.quote.strip()[:MAX_QUOTE]
    span = _exact(document, record, quote)
    if span is None:
        span = _loose(document, record, quote)
    if span is not None:
        target = make_target(text, span[0], span[1], document.text_hash)
        return _as_stored(document, target)
    hint = record.position if record.position is not None else _scope_start(document, record)
    hint = max(0, min(hint, len(text)))
    target = Target(
        quote=quote,
        prefix=record.prefix[-64:],
        suffix=record.suffix[:64],
        start=hint,
        end=min(len(text), hint + len(quote)) if len(text) > hint else hint,
        text_hash="",
    )
    anchor = resolve(target, text, document.text_hash)
    if anchor.attached:
        target = Target(quote, target.prefix, target.suffix, anchor.start, anchor.end, "")
    return _as_stored(document, target)


def _as_stored(document: Document, target: Target) -> Placement:
    anchor = resolve(target, document.text, document.text_hash)
    if anchor.state in (AnchorState.OK, AnchorState.MOVED):
        return Placement(target, EXACT)
    if anchor.state is AnchorState.FUZZY:
        return Placement(target, FUZZY, anchor.score)
    return Placement(target, ORPHANED, 0.0)


def _scope_start(document: Document, record: Foreign) -> int:
    if not record.section:
        return 0
    return scope(Locator(document.id, "", record.section, record.paragraph), document)[0]


def _occurrences(haystack: str, quote: str, limit: int = 200) -> list[int]:
    found: list[int] = []
    at = haystack.find(quote)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = haystack.find(quote, at + 1)
    return found


def _exact(document: Document, record: Foreign, quote: str) -> tuple[int, int] | None:
    if not quote:
        return None
    found = _occurrences(document.text, quote)
    return _choose(document, record, quote, found, len(quote))


def _choose(
    document: Document, record: Foreign, quote: str, found: list[int], length: int
) -> tuple[int, int] | None:
    """One occurrence, or the one the record's section, context or position picks."""
    if len(found) == 1:
        return found[0], found[0] + length
    if not found:
        return None
    if record.section:
        lo, hi = scope(Locator(document.id, "", record.section, record.paragraph), document)
        inside = [f for f in found if lo <= f < hi]
        if len(inside) == 1:
            return inside[0], inside[0] + length
        in_context = [f for f in inside if _has_context(document.text, f, length, record)]
        if len(in_context) == 1:
            return in_context[0], in_context[0] + length
    if record.position is not None and record.position in found:
        return record.position, record.position + length
    if record.prefix or record.suffix:
        hint = record.position if record.position is not None else found[0]
        target = Target(quote, record.prefix[-64:], record.suffix[:64], hint, hint + length, "")
        anchor = resolve(target, document.text, document.text_hash)
        if anchor.exact and anchor.start in found:
            return anchor.start, anchor.end
    return None  # copies that nothing tells apart: the re-anchoring decides (orphaned)


def _has_context(text: str, at: int, length: int, record: Foreign) -> bool:
    """Whether the words just before and after the occurrence at `at` are the record's
    prefix and suffix (white space loosened)."""
    before = " ".join(text[max(0, at - len(record.prefix) - 40) : at].split())
    after = " ".join(text[at + length : at + length + len(record.suffix) + 40].split())
    prefix, suffix = " ".join(record.prefix.split()), " ".join(record.suffix.split())
    return before.endswith(prefix) and after.startswith(suffix)


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    """The text with typography folded (one character for one), kept for the next record."""
    return text.translate(_FOLD)


def _loose(document: Document, record: Foreign, quote: str) -> tuple[int, int] | None:
    words = quote.translate(_FOLD).split()
    if not words or len(words) > 400:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    folded = _folded(document.text)
    matches = [(m.start(), m.end()) for m in pattern.finditer(folded)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return None
    starts = [m[0] for m in matches]
    chosen = _choose(document, record, quote, starts, 0)
    if chosen is None:
        return None
    return next(m for m in matches if m[0] == chosen[0])
