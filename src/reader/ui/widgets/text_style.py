"""The look of the reading view: its component classes and their default, themed CSS.

Every colour but the highlights' is a theme variable, so each Textual theme styles
headings, search hits and the caret its own way. The highlight palette is fixed (see
reader.core.highlight_colours: blended theme colours collapse in 256 colours), and the
selection is drawn reversed, so a highlight's colour stays visible under it. Highlight layers
name one of these classes; `ANNOTATION_CLASSES` maps each palette colour of
`reader.core.annotations` to its class.
"""

from __future__ import annotations

from reader.core.annotations import PALETTE

PREFIX = "text-view--"
"""Prefix of the view's component classes (Textual's `widget-name--part` convention)."""

ANNOTATION_CLASSES = {colour: f"{PREFIX}annotation-{colour}" for colour in PALETTE}
"""The component class that draws a highlight of each palette colour."""

NOTED_CLASS = f"{PREFIX}annotation-noted"
"""Drawn over highlights that carry a note (an underline), so notes stand out."""

COMPONENT_CLASSES = {
    f"{PREFIX}{name}"
    for name in (
        "heading-1",
        "heading-2",
        "heading-3",
        "quote",
        "quote-bar",
        "note",
        "pre",
        "damaged",
        "emphasis",
        "strong",
        "code",
        "link",
        "marker",
        "marker-cursor",
        "search",
        "find",
        "current",
        "selection",
        "caret",
        "annotation-noted",
        *(f"annotation-{colour}" for colour in PALETTE),
    )
}
"""Every part of the view's look; highlight layers name one of these."""

DEFAULT_CSS = """
TextView {
    scrollbar-gutter: stable;
    overflow-x: hidden;
    overflow-y: scroll;
    background: $surface;
    color: $foreground;
}
TextView > .text-view--heading-1 { color: $text-accent; text-style: bold underline; }
TextView > .text-view--heading-2 { color: $text-accent; text-style: bold; }
TextView > .text-view--heading-3 { color: $text-primary; text-style: bold; }
TextView > .text-view--quote { color: $foreground 85%; }
TextView > .text-view--quote-bar { color: $accent; }
TextView > .text-view--note { color: $text-muted; }
TextView > .text-view--pre { color: $text-secondary; }
TextView > .text-view--damaged { color: $text-warning; text-style: italic; }
TextView > .text-view--emphasis { text-style: italic; }
TextView > .text-view--strong { text-style: bold; }
TextView > .text-view--code { color: $text-warning; }
TextView > .text-view--link { color: $text-primary; text-style: underline; }
TextView > .text-view--marker { color: $text-success; text-style: bold; }
TextView > .text-view--marker-cursor { background: $success 40%; text-style: bold; }
TextView > .text-view--search { background: $warning 40%; }
TextView > .text-view--find { background: $secondary 50%; }
TextView > .text-view--current { background: $accent 80%; text-style: bold; }
TextView > .text-view--selection { text-style: reverse; }
TextView > .text-view--caret { text-style: reverse bold; }
TextView > .text-view--annotation-noted { text-style: underline; }
"""
"""The default look; a theme or the app's CSS may override any part."""
