"""What the app tests share: a sample text with sections, notes and Rich markup, a
way to read the screen as the user sees it, and waits for conditions (never for time)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from reader.core.inline import escape_inline
from reader.core.library import Library
from reader.ui.app import ReaderApp

SAMPLE_ID = "sample-markup"
# Text that Rich would interpret if it were ever parsed as markup, and an escape sequence.
MARKUP_LINE = "A line with [bold]markup[/bold] and [link=x]link[/link] in it."
ESCAPE_LINE = "An escape \x1b[31mred\x1b[0m sequence."


def sample_text() -> str:
    """A small cleaned text: three sections, a footnote, Rich markup in title and body."""
    paragraphs = [
        "# First [i]section[/i]",
        escape_inline(MARKUP_LINE),
        "A paragraph about the Workers' and Peasants' Inspection, a note follows.[^1]",
        "## Second section",
        *(f"Paragraph {n} of the second section, long enough to scroll." for n in range(40)),
        "## Third section",
        escape_inline(ESCAPE_LINE),
        *(f"Paragraph {n} of the third section." for n in range(40)),
        "The last paragraph mentions the Inspection once more.",
        "[^1]: The note, with [dim]markup[/dim] too.",
    ]
    front = '+++\ntitle = "Sample [bold]markup[/bold] text"\nauthor = "A. Tester"\n'
    front += 'date = "1923"\nsource = "tests"\nrights = "public domain"\nlanguage = "en"\n+++\n'
    return front + "\n\n".join(paragraphs) + "\n"


def add_sample(library: Library) -> str:
    """Write the sample text into the library; returns its id."""
    library.text_path(SAMPLE_ID).write_text(sample_text(), encoding="utf-8")
    return SAMPLE_ID


# One run of text in Rich's SVG export: its column (x in character widths), its line
# (the clip path's number) and its characters (HTML-escaped, spaces as &#160;).
_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.e+-]+)" y="[^"]*" textLength="[^"]*" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>',
    re.S,
)
_CHAR_WIDTH = 20 * 0.61  # Rich's SVG export: font size 20, aspect ratio 0.61


def screen_text(app: ReaderApp) -> str:
    """The characters on the screen, line by line (what the user reads), from the
    app's public screenshot: the screen as composed, modal screens over their parents."""
    width, height = app.size
    rows = [""] * height
    for x, y, text in _SVG_TEXT.findall(app.export_screenshot(simplify=True)):
        row, column = int(y), round(float(x) / _CHAR_WIDTH)
        if row >= height or column >= width:  # the line ends (a newline past the edge)
            continue
        line = rows[row]
        characters = html.unescape(text.replace("&#160;", " "))
        rows[row] = line + " " * (column - cell_len(line)) + characters
    return "\n".join(line + " " * (width - cell_len(line)) for line in rows)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, timeout: float = 60.0
) -> None:
    """Let the app work until `condition()` holds: a wait for a condition, never a fixed
    time, so a busy machine only makes it slower. Fails after a generous `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()


def text_shown(app: ReaderApp, doc_id: str | None = None) -> Callable[[], bool]:
    """A condition: the reading view in use shows a document (`doc_id`, if given), laid
    out for the screen."""

    def shown() -> bool:
        try:
            view = app.main.reading.active
        except NoMatches:  # the screen is still being put together
            return False
        document = view.document
        if document is None or view.text_layout is None:
            return False
        return doc_id is None or document.id == doc_id

    return shown


def focused(app: ReaderApp, widget: object) -> Callable[[], bool]:
    """A condition: `widget` has the focus."""
    return lambda: app.focused is widget


def library_listed(app: ReaderApp, count: int) -> Callable[[], bool]:
    """A condition: the library pane's table lists `count` texts."""

    def listed() -> bool:
        try:
            return app.main.library_pane.table.row_count == count
        except NoMatches:  # the screen is still being put together
            return False

    return listed


def search_answered(app: ReaderApp, query: str) -> Callable[[], bool]:
    """A condition: the search panel shows the results of `query`."""

    def answered() -> bool:
        try:
            results = app.main.side.search.results
        except NoMatches:  # the screen is still being put together
            return False
        return results is not None and results.query == query

    return answered


async def type_in_palette(pilot: Pilot[Any], key: str, text: str) -> None:
    """Press `key` (a key that opens the command palette), wait for the palette's field
    to take keys, then type `text` there."""
    app = pilot.app

    def ready() -> bool:
        return isinstance(app.screen, CommandPalette) and isinstance(app.focused, Input)

    await pilot.press(key)
    await wait_until(pilot, ready, "the palette open for typing")
    await pilot.press(*text)


def palette_choices(app: ReaderApp) -> list[str]:
    """The commands the open palette lists (empty when it is closed or still searching)."""
    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return []
    options = screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def content_point(view: object, offset: int) -> tuple[int, int]:
    """Where the reading view draws `offset`: (x, y) in its content region, found with
    the view's own public `offset_at_point` (what a click there would hit)."""
    from reader.ui.widgets.text_view import TextView

    assert isinstance(view, TextView)
    layout = view.text_layout
    assert layout is not None
    y = layout.line_at(offset) - int(view.scroll_offset.y)
    for x in range(view.scrollable_content_region.width):
        if view.offset_at_point(x, y) == offset:
            return x, y
    raise AssertionError(f"offset {offset} is not on the screen")


def drag(app: App[Any], widget: Widget, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Press the left button at `start`, move to `end` with it held and let go there
    (points in `widget`'s content region), posted to the app as a terminal reports a
    drag. The caller waits for what the drag does."""
    region = widget.content_region
    for kind, (x, y) in (
        (events.MouseDown, start),
        (events.MouseMove, end),
        (events.MouseUp, end),
    ):
        sx, sy = region.x + x, region.y + y
        app.post_message(kind(None, sx, sy, 0, 0, 1, False, False, False, sx, sy))


def shown_at_jump_row(view: object, offset: int) -> bool:
    """Whether the line of `offset` is a third of the way down the reading view (or as
    near as the start of the text allows): where every jump shows its target."""
    from reader.ui.widgets.text_view import TextView

    assert isinstance(view, TextView)
    layout = view.text_layout
    if layout is None:
        return False
    line = layout.line_at(offset)
    row = line - int(view.scroll_offset.y)
    return row == min(line, view.scrollable_content_region.height // 3)
