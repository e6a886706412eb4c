"""The `markdown` kind: our own cleaned texts kept as they are, other Markdown converted.

A reader text (`+++` TOML front matter with an id and only our fields) is re-imported
block by block without change (`passthrough`); anything else (pandoc output, Jekyll or
Hugo pages with YAML or TOML front matter, Obsidian notes) goes through the CommonMark
parser in `md_foreign`.
"""

from __future__ import annotations

from reader.core.clean import passthrough
from reader.core.clean.detect import is_own_text
from reader.core.clean.md_foreign import clean as clean_foreign
from reader.core.clean.model import Cleaned, Report


def clean(text: str, report: Report) -> Cleaned:
    """Our own text unchanged, or foreign Markdown converted to our blocks."""
    if is_own_text(text):
        return passthrough.clean(text, report)
    return clean_foreign(text, report)
