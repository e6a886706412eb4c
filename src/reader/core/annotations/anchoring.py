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

from dataclasses import dataclass

from reader.core.annotations.anchor_fuzzy import _fuzzy_match
from reader.core.annotations.anchor_match import (
    AMBIGUITY,
    CLOSE,
    CONTEXT_CHARS,
    DISTINCT_QUOTE,
    EDGE_CHARS,
    MAX_OCCURRENCES,
    MIN_CONTEXT,
    MIN_CONTEXT_SHORT,
    NEAR_CHARS,
    SHORT_QUOTE,
    Anchor,
    AnchorState,
    Context,
    _Match,
    _orphan,
    context_of,
)
from reader.core.annotations.model import Target

__all__ = ["CONTEXT_CHARS", "Anchor", "AnchorState", "make_target", "resolve"]


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
