"""Painting one display line of the reading view as styled, literal Rich text.

The document's characters are never parsed as markup: each line becomes a
`rich.text.Text` built from the plain string, then styled by offsets (block kind,
inline spans, highlight layers). Control characters, which a terminal would obey
(an escape sequence could recolour or move the cursor), are swapped one for one for
visible characters (ESC shows as ␛, see reader.core.safetext), so columns and offsets
stay aligned with `Document.text`.

A table or preformatted block marked damaged in the file (a fence info string such as
`table damaged`) is shown as found, with a bar in its indent and a warning on the blank
line above it, both outside the text, so nobody takes its columns at face value.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from reader.core.document import HEADING, NOTE, PRE, QUOTE, TABLE, Block
from reader.core.layout import PRE_INDENT, DisplayLine
from reader.core.safetext import one_for_one

QUOTE_BAR = "▎"
DAMAGED_BAR = "╎"
DAMAGED_WARNING = "damaged table (as found in the source)"

# The component class (without the widget prefix) for each inline span kind.
SPAN_CLASSES = {
    "em": "emphasis",
    "strong": "strong",
    "code": "code",
    "link": "link",
    "marker": "marker",
}


def visible(text: str) -> str:
    """`text` with characters a terminal would obey replaced by visible pictures, one
    for one (the shared rule of reader.core.safetext)."""
    return one_for_one(text)


def is_damaged(block: Block) -> bool:
    """Whether a table or preformatted block is marked damaged in its fence."""
    return block.kind in (TABLE, PRE) and "damaged" in block.info.split()[1:]


def damaged_warning(style_of: Callable[[str], Style]) -> Text:
    """The warning drawn on the blank line above a damaged table."""
    return Text(" " * PRE_INDENT + DAMAGED_WARNING, style=style_of("damaged"), end="")


def block_class(line: DisplayLine) -> str | None:
    """The component class (without prefix) for the look of a whole line, if any."""
    kind = line.kind
    if kind == HEADING:
        return f"heading-{min(max(line.level, 1), 3)}"
    if kind == QUOTE:
        return "quote"
    if kind == NOTE:
        return "note"
    if kind in (TABLE, PRE):
        return "pre"
    return None


def paint_line(
    text: str,
    line: DisplayLine,
    highlights: tuple[tuple[str, int, int], ...],
    style_of: Callable[[str], Style],
    damaged: bool = False,
) -> Text:
    """The Rich text of display line `line` of a document whose projection is `text`.

    `damaged`: the line belongs to a block marked damaged (a bar is drawn in its indent).

    `style_of(name)` resolves a component class name without the widget prefix (such
    as "quote" or "search") to a Rich style; highlights carry full class names as given
    to `TextView.set_highlights` and are resolved through the same function.
    """
    start, end = line.start, line.end
    body = Text(visible(text[start:end]), end="", no_wrap=True)
    whole = block_class(line)
    if whole:
        body.stylize(style_of(whole))
    for span in line.spans:
        name = SPAN_CLASSES.get(span.kind)
        if name:
            body.stylize(style_of(name), span.start - start, span.end - start)
    for style_class, a, b in highlights:
        body.stylize(style_of(style_class), a - start, b - start)
    if not line.indent:
        return body
    if line.kind == QUOTE:
        indent = Text(QUOTE_BAR, style=style_of("quote-bar"), end="")
        indent.append(" " * (line.indent - 1))
    elif damaged:
        indent = Text(DAMAGED_BAR, style=style_of("damaged"), end="")
        indent.append(" " * (line.indent - 1))
    else:
        indent = Text(" " * line.indent, end="")
    indent.append_text(body)
    return indent
