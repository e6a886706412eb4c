"""Fuzzy re-anchoring: finding an edited quote near its old place or anywhere, directly,
bracketed by its context (text put in or cut out inside it) or trimmed (its beginning or
end cut). Used by `reader.core.annotations.anchoring.resolve`."""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.annotations.anchor_match import (
    AMBIGUITY,
    CLOSE,
    DISTINCT_QUOTE,
    DISTINCT_SCORE,
    EDGE_CHARS,
    EDGE_SCORE,
    FAR_SCORE,
    INTACT,
    MAX_INSERTED,
    MIN_BRACKETED_SCORE,
    MIN_QUOTE_SCORE,
    NEAR_CHARS,
    NOTE_MARKER,
    SHORT_QUOTE,
    _Match,
    _numbers,
    _numbers_kept,
    context_of,
)
from reader.core.annotations.model import Target


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
