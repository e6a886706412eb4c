"""Guessing what kind of source a raw text is, from features of its content.

Each kind gets a score from cheap signals; the highest wins, `plain` when nothing
stands out. `--kind` on the command line (or `kind` in a sidecar) overrides the guess.
"""

from __future__ import annotations

import re

_WIKI_SIGNALS = (
    re.compile(r"\[\[[^\]]+\]\]"),
    re.compile(r"\{\{[^}]+\}\}"),
    re.compile(r"(?:^|\s)={2,5}[^=\n]+={2,5}(?:\s|$)"),
    re.compile(r"<ref[ >]"),
)
_PDF_SIGNALS = (
    re.compile(r"^<https?://[^>\s]+>$", re.M),  # extractor's autolinks on their own line
    re.compile(r"\]\(#\)"),  # link residue "[text](#)"
    re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]"),  # superscript note markers
    re.compile(r"^- .+$", re.M),
)
_WEB_SIGNALS = (
    re.compile(r"\A[^\n]{0,200}\|[^\n]{0,200}\|"),  # a navigation line "A | B | C" first
    re.compile(r"Home ?Page", re.I),
    re.compile(r"\u00a0"),
)


def _score(text: str, signals: tuple[re.Pattern[str], ...]) -> int:
    return sum(1 for s in signals if s.search(text))


_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
    re.I | re.S,
)


def detect_kind(text: str) -> str:
    """`html`, `wikitext`, `pdf`, `web` or `plain`."""
    if _HTML_START.match(text[:20_000]):
        return "html"
    head = text[:200_000]
    scores = {
        "wikitext": _score(head, _WIKI_SIGNALS) * 2,
        # Form feeds between pages are what PDF extractors write (pdftotext, OCR dumps).
        "pdf": _score(head, _PDF_SIGNALS) + (2 if head.count("\f") >= 3 else 0),
        "web": _score(head, _WEB_SIGNALS),
    }
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 2 else "plain"
