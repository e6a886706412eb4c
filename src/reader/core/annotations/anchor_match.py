"""Scoring candidate places for an annotation's quote: context similarity, numbers, the
anchor states and the match record shared by exact and fuzzy re-anchoring (see
`reader.core.annotations.anchoring` for the algorithm)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from reader.core.annotations.model import Target

# Characters of context kept on each side of a quote.
CONTEXT_CHARS = 32
# How far around the old position the first fuzzy search looks (plus the quote's length).
NEAR_CHARS = 3000
# Similarity scores are 0-100 (rapidfuzz). A side of context "holds" at CLOSE or more.
CLOSE = 90.0
# A side of context is untouched at INTACT or more (no character changed in 32).
INTACT = 97.0
# An exact quote elsewhere counts as moved when one side of its context holds, or the
# two sides together reach MIN_CONTEXT (MIN_CONTEXT_SHORT for a quote shorter than
# SHORT_QUOTE, which occurs in many places), or it is a long quote found only once.
SHORT_QUOTE = 24
MIN_CONTEXT = 55.0
MIN_CONTEXT_SHORT = 75.0
# A fuzzy match needs the quote this similar with one side of its context intact,
# unless the quote is long (DISTINCT_QUOTE characters) and nearly intact
# (DISTINCT_SCORE)...
MIN_QUOTE_SCORE = 88.0
DISTINCT_QUOTE = 60
DISTINCT_SCORE = 95.0
# ...or, when both sides of the context hold, only this similar (a short quote with a
# typo; a bracketed quote, scored by the share of it kept).
MIN_BRACKETED_SCORE = 60.0
# A fuzzy match far from the old position (found by searching the whole text) needs
# this combined score: similar passages (notes, bibliography entries) repeat.
FAR_SCORE = 92.0
# Candidates within this many points of each other (quote and context weighed
# together) are ambiguous: the context cannot tell them apart.
AMBIGUITY = 3.0
# A bracketed match may hold this much text put in inside the quote (beyond its length).
MAX_INSERTED = 400
# Bracketed spans: context sides and quote ends shorter than EDGE_CHARS are not used as
# anchors, and the quote's head and tail must each match the span's at EDGE_SCORE.
EDGE_CHARS = 12
EDGE_SCORE = 75.0
# Numbers tell entries of a reference list apart: a side of context whose numbers
# differ from the target's loses this many points.
NUMBER = re.compile(r"\d+")
NUMBER_PENALTY = 25.0
# Note markers ([12]), which re-cleaning may drop.
NOTE_MARKER = re.compile(r"\[\d+\*?\]")
# More exact occurrences than this are not compared one by one; the nearest are kept.
MAX_OCCURRENCES = 2000


class AnchorState(StrEnum):
    """How an annotation is attached to the current text."""

    OK = "ok"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a target lies in the current text, and how sure that is.

    For an orphan `start`/`end` are the target's last known offsets, which do not point
    at the quote in the current text; draw nothing for it.
    """

    state: AnchorState
    start: int
    end: int
    score: float = 100.0

    @property
    def attached(self) -> bool:
        """True unless the annotation is orphaned."""
        return self.state is not AnchorState.ORPHANED

    @property
    def exact(self) -> bool:
        """True when the quote is exactly at [start, end) (ok or moved)."""
        return self.state in (AnchorState.OK, AnchorState.MOVED)


@dataclass(frozen=True, slots=True)
class Context:
    """How well the text on each side of a span matches the target's prefix and suffix."""

    before: float
    after: float

    @property
    def mean(self) -> float:
        return (self.before + self.after) / 2

    @property
    def holds_one_side(self) -> bool:
        return max(self.before, self.after) >= CLOSE

    @property
    def holds_both_sides(self) -> bool:
        return min(self.before, self.after) >= CLOSE


def context_of(target: Target, text: str, start: int, end: int) -> Context:
    """The context match of [start, end) in `text` against the target's.

    A side whose numbers differ from the target's (another year, page or note number,
    as in the next entry of a reference list) loses NUMBER_PENALTY points."""
    before = text[max(0, start - len(target.prefix)) : start]
    after = text[end : end + len(target.suffix)]
    return Context(
        _side_score(target.prefix, before, cut_at_start=True),
        _side_score(target.suffix, after, cut_at_start=False),
    )


def _side_score(ours: str, theirs: str, *, cut_at_start: bool) -> float:
    score = fuzz.ratio(ours, theirs)
    if score == 100.0 or not (NUMBER.search(ours) or NUMBER.search(theirs)):
        return score
    # A number cut by the window's far edge is not compared.
    edge = re.compile(r"^\d+" if cut_at_start else r"\d+$")
    if not _numbers_kept(edge.sub("", ours), edge.sub("", theirs)):
        score = max(0.0, score - NUMBER_PENALTY)
    return score


def context_score(target: Target, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) matches the target's context (0-100)."""
    return context_of(target, text, start, end).mean


def _orphan(target: Target) -> Anchor:
    return Anchor(AnchorState.ORPHANED, target.start, target.end, 0.0)


def _combined(quote_score: float, ctx_score: float) -> float:
    """The score shown for a fuzzy match: mostly the quote, partly its context."""
    return 0.8 * quote_score + 0.2 * ctx_score


@dataclass(frozen=True, slots=True)
class _Match:
    """A candidate place for the quote: [start, end), how much of the quote it holds
    (0-100) and how well its context matches."""

    start: int
    end: int
    quote_score: float
    ctx: Context

    def weight(self, target: Target) -> float:
        """The similarity of quote and context together, each side weighed by its
        length: a short quote counts for little against its context."""
        q, p, s = len(target.quote), len(target.prefix), len(target.suffix)
        total = q * self.quote_score + p * self.ctx.before + s * self.ctx.after
        return total / (q + p + s)

    def shown_score(self, target: Target, text: str) -> float:
        quote_score = fuzz.ratio(target.quote, text[self.start : self.end])
        return round(_combined(quote_score, self.ctx.mean), 1)

    def near(self, target: Target) -> bool:
        return abs(self.start - target.start) <= NEAR_CHARS

    def anchor(self, target: Target, text: str | None = None) -> Anchor:
        """Exact (`text` None): ok at the old offsets, else moved; else fuzzy."""
        if text is None:
            state = AnchorState.OK if self.start == target.start else AnchorState.MOVED
            return Anchor(state, self.start, self.end)
        return Anchor(AnchorState.FUZZY, self.start, self.end, self.shown_score(target, text))


def _numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(text))


def _numbers_kept(quote: str, found: str) -> bool:
    """Whether `found` has the quote's numbers, give or take some cut or added: numbers
    that differ (years, pages, note numbers) mean another passage, as in a reference
    list, not an edit of this one (note markers that re-cleaning dropped are numbers
    cut)."""
    ours, theirs = _numbers(quote), _numbers(found)
    return ours <= theirs or theirs <= ours
