"""Turning any document or user string into content the app may draw.

Every string that comes from a file (title, author, date, source, id, heading, note,
tag, colour name, glossary entry, file name, key name) or from the keyboard (a query, a
path typed in a dialog) reaches the screen through `safe` (Textual `Content`) or
`safe_text` (a Rich `Text`, for widgets that take Rich renderables such as DataTable
cells). Both are literal, never parsed as markup, and hold no character a terminal
would obey: the rule and the visible forms are reader.core.safetext's (ESC shows as
␛, BEL as ␇, U+009B as `\\x9b`, a bidi override as `\\u202e`).

Never build a markup string from data; build `Content`/`Text` with these functions and
style it with their `style` argument or `Content.assemble`/`append`.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from reader.core.safetext import displayable, one_for_one


def safe(text: object, style: str = "", *, newlines: bool = False) -> Content:
    """`text` (any object, as `str()`) as literal Textual content, control characters
    made visible; `newlines` keeps line breaks (multi-line notes)."""
    shown = displayable(str(text), newlines=newlines)
    return Content.styled(shown, style) if style else Content(shown)


def safe_aligned(text: str) -> Content:
    """`text` as literal content of the same length, each character a terminal would
    obey replaced by one visible character (offsets into `text` still fit)."""
    return Content(one_for_one(text))


def safe_text(text: object, style: str | Style = "", *, newlines: bool = False) -> Text:
    """`text` as a literal Rich `Text`, control characters made visible."""
    return Text(displayable(str(text), newlines=newlines), style=style, end="")


def palette_match(matcher: Matcher, candidate: str) -> Content:
    """A palette entry made of data (a title, a heading), literally, with the letters
    the query matched styled (Textual's own `Matcher.highlight` reads it as markup)."""
    content = safe_aligned(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def palette_help(text: object) -> str:
    """A palette entry's help line (Textual reads it as markup): made visible, then
    escaped so brackets stay brackets."""
    return escape(safe_str(text))


def safe_str(text: object, *, newlines: bool = False) -> str:
    """`text` as a plain string with control characters made visible, for APIs that
    take a string and are told `markup=False` (notifications, titles)."""
    return displayable(str(text), newlines=newlines)
