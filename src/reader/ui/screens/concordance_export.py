"""Exporting the search's concordance (`x` in the results) to a CSV or Markdown file.

The reader is asked for the path (`ExportPrompt`, in the library folder by default,
named after the query); a name ending in .md or .markdown gets a Markdown table, any
other CSV. The file is written atomically, and a notification says where.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from reader.core.library import Library

if TYPE_CHECKING:
    from reader.core.concordance import KwicLine


def export_concordance(
    screen: Screen[Any], library: Library, lines: list[KwicLine], query: str
) -> None:
    """Ask where to write `lines` (the concordance of `query`), then write them there."""
    from reader.ui.screens.export_prompt import ExportPrompt

    slug = "".join(c if c.isalnum() else "-" for c in query.lower()).strip("-")[:40]
    default = Path("exports") / f"concordance-{slug or 'search'}.csv"

    def write(path: Path | None) -> None:
        if path is not None:
            write_concordance(screen, path, lines)

    screen.app.push_screen(
        ExportPrompt("Concordance as CSV (.csv) or Markdown (.md)", library.root, default),
        write,
    )


def write_concordance(screen: Screen[Any], path: Path, lines: list[KwicLine]) -> None:
    """Write `lines` to `path` (Markdown for .md, else CSV) and say so, or say why not."""
    from reader.core.atomic import atomic_write_text
    from reader.core.concordance import to_csv, to_markdown

    text = to_markdown(lines) if path.suffix.lower() in (".md", ".markdown") else to_csv(lines)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        screen.notify(f"Could not write {path}: {exc}", severity="error", markup=False)
        return
    screen.notify(f"{len(lines)} concordance lines written to {path}", markup=False)
