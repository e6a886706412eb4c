"""The wikitext cleaner (placeholder: treats the input as plain text until written)."""

from __future__ import annotations

from reader.core.clean import plain
from reader.core.clean.model import Cleaned, Report


def clean(text: str, report: Report) -> Cleaned:
    """Clean a wikitext source."""
    return plain.clean(text, report)
