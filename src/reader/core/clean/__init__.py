"""The cleaners: one module per kind of source, plus shared steps.

Every cleaner is a function `clean(text, report) -> Cleaned` that takes the raw text
(already decoded, NFC, LF line ends, control characters and escape sequences removed by
`reader.core.clean.text.sanitize`) and returns Markdown blocks plus whatever metadata the
source itself states (title, author, date, ...). Cleaners never invent metadata.

Kinds: `html` (HTML pages), `web` (web-page dumps), `wikitext` (MediaWiki edit pages),
`pdf` (text extracted from PDF), `plain` (plain text with blank-line paragraphs),
`markdown` (an already cleaned reader text, re-imported as is).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.clean.model import Cleaned, Report

Cleaner = Callable[[str, Report], Cleaned]

KINDS = ("html", "web", "wikitext", "pdf", "plain", "markdown")


def cleaner_for(kind: str) -> Cleaner:
    """The cleaning function for `kind` (imported lazily: each cleaner is its own module)."""
    if kind == "html":
        from reader.core.clean import html

        return html.clean
    if kind == "web":
        from reader.core.clean import web

        return web.clean
    if kind == "wikitext":
        from reader.core.clean import wikitext

        return wikitext.clean
    if kind == "pdf":
        from reader.core.clean import pdf

        return pdf.clean
    if kind == "plain":
        from reader.core.clean import plain

        return plain.clean
    if kind == "markdown":
        from reader.core.clean import passthrough

        return passthrough.clean
    raise ValueError(f"unknown kind {kind!r}")


__all__ = ["KINDS", "Cleaned", "Cleaner", "Report", "cleaner_for"]
