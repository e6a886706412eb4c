"""Anchoring: making a W3C-style target for a span, and finding it again in a changed text.

A target keeps the exact quote, up to `CONTEXT_CHARS` characters of context on each
side, the start/end offsets into `Document.text` and the hash of that text. When the
text is re-imported or corrected, `resolve` re-attaches the target to the current text:

1. **ok**: the text is the version the target was made on (same hash) and the quote is
   at its offsets; or the text changed and the quote is found exactly at its offsets.
2. **moved**: the exact quote is found elsewhere. Among several occurrences the one
   whose context matches best wins, and among equals the one nearest the old position.
   Candidates are weighed by quote and context together, each by its length (so for a
   short quote the context decides): the quote lightly edited in its own context beats
   an exact copy in another context (a repeated phrase, a reference list). An exact
   occurrence must be supported by its context: both sides in place, or one side near
   the old position, or both similar enough (stricter for short quotes); a long quote
   found only once also counts. When copies are about as well supported, the context
   cannot choose, and the annotation is orphaned rather than put on the wrong one.
3. **fuzzy**: the quote is matched approximately (rapidfuzz), first near the old
   position, then anywhere (where only a close match counts), in three ways: directly
   (the quote similar enough, `MIN_QUOTE_SCORE`, with an untouched side of context, or
   less similar between both sides); **bracketed**, for text put in or cut out inside
   the quote (the span from the prefix's end to the suffix's start, or to the quote's
   own first and last words when a side changed, which must be the quote's head, one
   stretch, and its tail: a sentence put in next to an intact quote stays outside it);
   and **trimmed**, for a quote whose beginning or end was cut (what is left after its
   prefix or before its suffix, if at least a third, and the other end is gone).
   Numbers decide between near-identical passages: a match whose numbers differ from
   the quote's (years, pages) is another entry, and so is a context whose numbers
   differ. No other passage may resemble quote and context about as much. The score
   (0-100) says how close the match is; the UI shows fuzzy matches for the user to
   confirm. An exact long quote whose context is gone, found several times, with one
   clearly ahead on context, is also only fuzzy.
4. **orphaned**: nothing good enough. An orphan keeps its target exactly as it was (its
   quote and last known offsets) and is listed for the user; it is never dropped.

`resolve` only computes; nothing here writes a file. Fuzzy matching uses
`rapidfuzz` (`fuzz.partial_ratio_alignment` to find a region, `fuzz.ratio` to score).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

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


def make_target(text: str, start: int, end: int, text_hash: str) -> Target:
    """The target for [start, end) of `text` (the projection whose hash is `text_hash`)."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is not inside the text (0-{len(text)})")
    return Target(
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=text_hash,
    )


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


def resolve(target: Target, text: str, text_hash: str) -> Anchor:
    """Re-attach `target` to `text` (whose hash is `text_hash`); see the module docstring."""
    quote = target.quote
    if not quote:
        return _orphan(target)
    if text_hash == target.text_hash and text[target.start : target.end] == quote:
        return Anchor(AnchorState.OK, target.start, target.end)
    exact = _occurrences(target, text)
    if exact is None:
        fuzzy = _fuzzy_match(target, text)
        return fuzzy.anchor(target, text) if fuzzy is not None else _orphan(target)
    best = exact.best
    if (
        best.ctx.holds_both_sides
        and not exact.rivalled
        and not _context_elsewhere(target, text, best)
    ):
        return best.anchor(target)  # the quote in its context, found nowhere else
    # Weigh the best exact occurrence against the best other match: the quote lightly
    # edited in its own context beats a copy of it in another context (a repeated
    # phrase, a reference list); one about as good leaves the choice to the user.
    masked = text[: best.start] + "\0" * len(target.quote) + text[best.end :]
    fuzzy = _fuzzy_match(target, masked)
    if fuzzy is not None and masked[fuzzy.start : fuzzy.end] == quote:
        fuzzy = None  # another exact occurrence: weighed by `rivalled`
    margin = AMBIGUITY if exact.rivalled else 0.0
    if fuzzy is not None:
        if fuzzy.weight(target) > best.weight(target) + margin:
            return fuzzy.anchor(target, text)
        if fuzzy.ctx.holds_both_sides and fuzzy.weight(target) >= best.weight(target) - AMBIGUITY:
            return _orphan(target)  # two copies, one edited: the context cannot tell
    if exact.rivalled:
        return _orphan(target)  # copies that the context cannot tell apart
    if _exact_supported(target, exact):
        return best.anchor(target)
    if len(quote) >= SHORT_QUOTE and exact.count > 1:
        # A long quote whose context is gone, found several times, the best of them
        # clearly ahead on context: shown for the user to confirm.
        return Anchor(AnchorState.FUZZY, best.start, best.end, best.shown_score(target, text))
    return _orphan(target)


def _context_elsewhere(target: Target, text: str, match: _Match) -> bool:
    """Whether the prefix or the suffix occurs exactly somewhere other than around
    `match`: a repeated passage, or the quote's own place with the quote edited."""
    prefix, suffix = target.prefix, target.suffix
    if len(prefix) >= EDGE_CHARS:
        at = text.find(prefix)
        if at >= 0 and (at + len(prefix) != match.start or text.find(prefix, at + 1) >= 0):
            return True
    if len(suffix) >= EDGE_CHARS:
        at = text.find(suffix)
        if at >= 0 and (at != match.end or text.find(suffix, at + 1) >= 0):
            return True
    return False


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


@dataclass(frozen=True, slots=True)
class _Occurrences:
    """The exact occurrence of the quote with the best context, how many there are,
    and whether another one is about as well supported by its context."""

    best: _Match
    count: int
    rivalled: bool


def _occurrences(target: Target, text: str) -> _Occurrences | None:
    """The exact occurrences of the quote, best context first (nearest among equals)."""
    quote = target.quote
    found: list[int] = []
    pos = text.find(quote)
    while pos >= 0:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    if not found:
        return None
    count = len(found)
    if count > MAX_OCCURRENCES:
        found = sorted(found, key=lambda p: abs(p - target.start))[:MAX_OCCURRENCES]
    ranked: list[tuple[float, _Match]] = []
    for p in found:
        ctx = context_of(target, text, p, p + len(quote))
        # Distance breaks near-ties: up to 5 points, reached at NEAR_CHARS away.
        rank = ctx.mean - 5.0 * min(1.0, abs(p - target.start) / NEAR_CHARS)
        ranked.append((rank, _Match(p, p + len(quote), 100.0, ctx)))
    ranked.sort(key=lambda r: -r[0])
    best = ranked[0][1]
    rivalled = any(_rivals(best.ctx, m.ctx) for _, m in ranked[1:])
    return _Occurrences(best, count, rivalled)


def _rivals(best: Context, other: Context) -> bool:
    """Whether an occurrence with context `other` is about as likely as the best one:
    about as good overall, or as good on the one side that supports the best."""
    if other.mean >= best.mean - AMBIGUITY:
        return True
    if best.holds_both_sides:
        return False
    return (best.before >= CLOSE and other.before >= CLOSE) or (
        best.after >= CLOSE and other.after >= CLOSE
    )


def _exact_supported(target: Target, exact: _Occurrences) -> bool:
    """Whether the context supports the best exact occurrence enough to call it moved."""
    ctx, near = exact.best.ctx, exact.best.near(target)
    if len(target.quote) < SHORT_QUOTE:
        # A short quote occurs in many places: one side in place near the old position,
        # or both sides similar.
        return (near and ctx.holds_one_side) or min(ctx.before, ctx.after) >= MIN_CONTEXT_SHORT
    return (
        (near and ctx.holds_one_side)
        or ctx.mean >= MIN_CONTEXT
        or (exact.count == 1 and len(target.quote) >= DISTINCT_QUOTE)
    )


def _numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(text))


def _numbers_kept(quote: str, found: str) -> bool:
    """Whether `found` has the quote's numbers, give or take some cut or added: numbers
    that differ (years, pages, note numbers) mean another passage, as in a reference
    list, not an edit of this one (note markers that re-cleaning dropped are numbers
    cut)."""
    ours, theirs = _numbers(quote), _numbers(found)
    return ours <= theirs or theirs <= ours


def _fuzzy_match(target: Target, text: str) -> _Match | None:
    """The best approximate match of quote and context: near the old place, then anywhere."""
    span = len(target.quote) + len(target.prefix) + len(target.suffix)
    radius = NEAR_CHARS + 2 * span
    near = (max(0, target.start - radius), min(len(text), target.end + radius))
    match = _fuzzy_in(target, text, *near)
    if match is None and near != (0, len(text)):
        anywhere = _fuzzy_in(target, text, 0, len(text))
        if anywhere is not None and anywhere.shown_score(target, text) >= FAR_SCORE:
            match, near = anywhere, (0, len(text))
    if match is not None and _ambiguous(target, text, match, *near):
        return None
    return match


def _ambiguous(target: Target, text: str, match: _Match, lo: int, hi: int) -> bool:
    """True if another passage in text[lo:hi] resembles the quote about as much as the
    match does, and its context about as much too, so the context cannot tell them
    apart (repeated notes, reference lists)."""
    if match.ctx.holds_both_sides:
        return False
    masked = text[lo : match.start] + "\0" * (match.end - match.start) + text[match.end : hi]
    other = fuzz.partial_ratio_alignment(target.quote, masked)
    if other is None:
        return False
    start, end = lo + other.dest_start, lo + other.dest_end
    rival = _Match(start, end, other.score, context_of(target, text, start, end))
    return rival.weight(target) >= match.weight(target) - AMBIGUITY


def _fuzzy_in(target: Target, text: str, lo: int, hi: int) -> _Match | None:
    """The best acceptable approximate match inside text[lo:hi], if any."""
    quote = target.quote
    region = text[lo:hi]
    if not region.strip():
        return None
    best: _Match | None = None
    # Look for the quote with its context, and for the quote alone (its context may be
    # what changed); within each window found, place the quote precisely.
    for needle in (target.prefix + quote + target.suffix, quote):
        found = fuzz.partial_ratio_alignment(needle, region)
        if found is None:
            continue
        slack = max(8, len(needle) // 4)
        w_lo = max(0, lo + found.dest_start - slack)
        w_hi = min(len(text), lo + found.dest_end + slack)
        inner = fuzz.partial_ratio_alignment(quote, text[w_lo:w_hi])
        if inner is None:
            continue
        start, end = _refine(target, text, w_lo + inner.dest_start, w_lo + inner.dest_end)
        for candidate in (_scored(target, text, start, end), _bracketed(target, text, start)):
            if candidate is not None and (
                best is None or candidate.weight(target) > best.weight(target)
            ):
                best = candidate
        if best is None:
            best = _trimmed(target, text, start)
    return best


def _trimmed(target: Target, text: str, near: int) -> _Match | None:
    """What is left of a quote whose beginning or end was cut (a sentence deleted),
    found around `near`: the longest head of the quote right after its intact prefix,
    or the longest tail right before its intact suffix, if it is at least a third of the
    quote. The quote score is the share of the quote left."""
    quote, prefix, suffix = target.quote, target.prefix, target.suffix
    least = max(SHORT_QUOTE, len(quote) // 3)
    if len(quote) < 2 * least:
        return None
    slack = max(EDGE_CHARS, len(quote) // 4)
    # The other end of the quote must be gone: if it is still there, text was put in or
    # cut out inside the quote, and what is left of one end is only part of it.
    piece = min(least, 2 * EDGE_CHARS)
    best: _Match | None = None
    if len(prefix) >= EDGE_CHARS:
        tight = near - slack - len(prefix), near + len(quote)
        found = _nearest_alignment(prefix, text, tight, None)
        if found is not None:
            start = found[1]
            kept = _longest_kept(quote, lambda j: text[start : start + j], least, head=True)
            rest = start + kept, start + len(quote) + MAX_INSERTED
            if kept and _nearest_alignment(quote[-piece:], text, rest, None) is None:
                best = _Match(
                    start,
                    start + kept,
                    100.0 * kept / len(quote),
                    context_of(target, text, start, start + kept),
                )
    if len(suffix) >= EDGE_CHARS:
        tight = near - slack, near + len(quote) + slack + len(suffix)
        found = _nearest_alignment(suffix, text, tight, None)
        if found is not None:
            end = found[0]
            kept = _longest_kept(quote, lambda j: text[max(0, end - j) : end], least, head=False)
            rest = end - kept - len(quote) - MAX_INSERTED, end - kept
            if (
                kept
                and (best is None or kept > best.end - best.start)
                and _nearest_alignment(quote[:piece], text, rest, None) is None
            ):
                best = _Match(
                    end - kept,
                    end,
                    100.0 * kept / len(quote),
                    context_of(target, text, end - kept, end),
                )
    if best is None or not _numbers_kept(quote, text[best.start : best.end]):
        return None
    return best if max(best.ctx.before, best.ctx.after) >= INTACT else None


def _longest_kept(quote: str, found: Callable[[int], str], least: int, *, head: bool) -> int:
    """The length of the longest head (or tail) of the quote, cut at a word boundary and
    at least `least` long, that `found(length)` matches at MIN_QUOTE_SCORE or better;
    0 if none. Among lengths the one with most matched less mismatched wins."""
    best, best_gain = 0, 0.0
    for j in range(least, len(quote)):
        boundary = quote[j].isspace() if head else quote[len(quote) - j - 1].isspace()
        if not boundary:
            continue
        part = quote[:j] if head else quote[len(quote) - j :]
        there = found(j)
        distance = Indel.distance(part, there)
        if 100.0 * (1 - distance / (2 * j)) < MIN_QUOTE_SCORE:
            continue
        gain = j - 2.0 * distance
        if gain > best_gain:
            best, best_gain = j, gain
    return best


def _scored(target: Target, text: str, start: int, end: int) -> _Match | None:
    """A match for [start, end) if quote and context are similar enough."""
    quote = target.quote
    found = text[start:end]
    if not found or not _numbers_kept(quote, found):
        return None
    match = _Match(start, end, fuzz.ratio(quote, found), context_of(target, text, start, end))
    ctx, quote_score = match.ctx, match.quote_score
    if ctx.holds_both_sides:
        # A typo weighs heavily in a short quote; text put in or cut out inside a
        # longer one is for `_bracketed`, which checks where the stretch lies.
        floor = MIN_BRACKETED_SCORE if len(quote) < SHORT_QUOTE else MIN_QUOTE_SCORE
        accepted = quote_score >= floor
    elif max(ctx.before, ctx.after) >= INTACT:
        # One side of the context, untouched, is the whole support: the other side may
        # have been rewritten (a sentence put in next to the quote), but a similar side
        # also ends other entries of a list. A short quote only near its old place.
        accepted = quote_score >= MIN_QUOTE_SCORE and (
            len(quote) >= SHORT_QUOTE or match.near(target)
        )
    else:
        accepted = len(quote) >= DISTINCT_QUOTE and quote_score >= DISTINCT_SCORE
    return match if accepted else None


def _bracketed(target: Target, text: str, near: int) -> _Match | None:
    """The quote with one stretch of text put in or cut out inside it, found around
    `near`: a direct match cannot see it (its score drops with the stretch's length).

    The span runs from the end of the prefix (or, if the prefix changed, the start of the
    quote's first words) to the start of the suffix (or the end of the quote's last
    words), each found nearest first, as lists repeat their context. The span must then
    be the quote's head, a stretch, and the quote's tail: a sentence put in just before
    or after an intact quote lies outside it, and a paragraph put in after a quote that
    lost its end is not part of it. Context on both sides allows a looser match."""
    quote, prefix, suffix = target.quote, target.prefix, target.suffix
    reach = len(quote) + MAX_INSERTED
    slack = max(EDGE_CHARS, len(quote) // 4)
    piece = min(len(quote) // 3, 2 * EDGE_CHARS)
    start = end = None
    if len(prefix) >= EDGE_CHARS:
        tight = near - slack - len(prefix), near + len(quote)
        found = _nearest_alignment(prefix, text, tight, (tight[0] - reach, tight[1]))
        start = found[1] if found else None
    if start is None and piece >= EDGE_CHARS:
        found = _nearest_alignment(quote[:piece], text, (near - slack, near + slack + piece), None)
        start = found[0] if found else None
    if start is None:
        return None
    tight = start, start + len(quote) + slack + len(suffix)
    if len(suffix) >= EDGE_CHARS:
        found = _nearest_alignment(suffix, text, tight, (start, tight[1] + reach))
        end = found[0] if found else None
    if end is None and piece >= EDGE_CHARS:
        found = _nearest_alignment(quote[-piece:], text, tight, (start, tight[1] + reach))
        end = found[1] if found else None
    if end is None or end <= start:
        return None
    span = text[start:end]
    if span.startswith(quote) or span.endswith(quote) or span.count("\n\n") > quote.count("\n\n"):
        return None
    ctx = context_of(target, text, start, end)
    if any(ch.isspace() for ch in quote.strip()):
        split = _split_score(quote, span)
    else:  # one word: nothing can be put in inside it
        split = fuzz.ratio(quote, span), span
    if split is None:
        return None
    # Text put in keeps every number of the quote (but for note markers, which
    # re-cleaning may drop); text cut out adds none.
    ours, theirs = _numbers(quote), _numbers(split[1])
    if len(span) >= len(quote):
        ours = _numbers(NOTE_MARKER.sub(" ", quote))
    if not (ours <= theirs if len(span) >= len(quote) else theirs <= ours):
        return None
    match = _Match(start, end, split[0], ctx)
    if match.ctx.holds_both_sides:
        accepted = match.quote_score >= MIN_BRACKETED_SCORE
    else:
        accepted = (
            max(match.ctx.before, match.ctx.after) >= INTACT
            and len(quote) >= SHORT_QUOTE
            and match.quote_score >= MIN_QUOTE_SCORE
        )
    return match if accepted else None


def _nearest_alignment(
    needle: str, text: str, tight: tuple[int, int], wide: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Where `needle` is found (at CLOSE or better) in the `tight` window of the text,
    else in the `wide` one."""
    for window in (tight, wide):
        if window is None:
            continue
        lo, hi = max(0, window[0]), min(len(text), window[1])
        if hi - lo < len(needle) // 2:
            continue
        found = fuzz.partial_ratio_alignment(needle, text[lo:hi])
        if found is not None and found.score >= CLOSE:
            return lo + found.dest_start, lo + found.dest_end
    return None


def _split_score(quote: str, found: str) -> tuple[float, str] | None:
    """How much of the quote `found` keeps (0-100) if one stretch was put in or cut out
    inside it, and the text of `found` matched to the quote (the stretch left out).

    The stretch is taken to start at a word boundary; the quote's head is compared with
    the head of `found` and its tail with the tail, and each must match on its own."""
    short, long = (quote, found) if len(quote) <= len(found) else (found, quote)
    n, m = len(short), len(long)
    best: tuple[int, int] | None = None
    for i in range(1, n):
        if short[i - 1].isspace():
            d = Indel.distance(short[:i], long[:i]) + Indel.distance(short[i:], long[m - n + i :])
            if best is None or d < best[0]:
                best = (d, i)
    if best is None:
        return None
    d, i = best
    if (
        fuzz.ratio(short[:i], long[:i]) < EDGE_SCORE
        or fuzz.ratio(short[i:], long[m - n + i :]) < EDGE_SCORE
    ):
        return None
    kept = found[:i] + found[len(found) - n + i :] if short is quote else found
    return 100.0 * (n - d / 2) / len(quote), kept


def _refine(target: Target, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the boundaries a little to where quote and context fit best."""
    quote = target.quote
    reach = min(16, max(3, len(quote) // 6))

    prefix, suffix = target.prefix, target.suffix

    def fit(s: int, e: int) -> float:
        if not 0 <= s < e <= len(text):
            return -1.0
        # Plain similarity of the context (numbers do not move a boundary).
        before = fuzz.ratio(prefix, text[max(0, s - len(prefix)) : s])
        after = fuzz.ratio(suffix, text[e : e + len(suffix)])
        return fuzz.ratio(quote, text[s:e]) + 0.125 * (before + after)

    best = fit(start, end)
    for _ in range(2):  # two rounds of moving one boundary at a time
        for s in range(start - reach, start + reach + 1):
            score = fit(s, end)
            if score > best:
                best, start = score, s
        for e in range(end - reach, end + reach + 1):
            score = fit(start, e)
            if score > best:
                best, end = score, e
    return start, end
