"""The reading view driven from the keyboard and mouse in a real (small) Textual app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import content_point, wait_until
from textual.app import App, ComposeResult
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.pilot import Pilot

from reader.core.document import Document
from reader.core.document_parser import parse_document
from reader.core.layout import Layout
from reader.core.paths import Folders
from reader.core.positions import ReadingPositions
from reader.ui.crash import Notice
from reader.ui.screens.find_prompt import FindPrompt, ask_to_find
from reader.ui.screens.footnote import FootnoteScreen
from reader.ui.widgets.text_messages import FootnotePreviewRequested
from reader.ui.widgets.text_view import TextView

SIZE = (64, 16)


def paragraph(n: int, words: int = 60) -> str:
    """A paragraph of distinct, recognisable words."""
    return " ".join(f"w{n}x{i}" for i in range(words))


def book_source() -> str:
    parts = ['+++\ntitle = "A test book"\n+++\n', "# Part One\n", "## Chapter 1\n"]
    parts += [paragraph(n) + "\n" for n in range(6)]
    parts.append("A marker here[^1] and the needle once, and another[^b] marker.\n")
    parts += [paragraph(n) + "\n" for n in range(6, 10)]
    parts.append("## Chapter 2\n")
    parts += [paragraph(n) + " Needle.\n" for n in range(10, 16)]
    parts.append("# Part Two\n")
    parts += [paragraph(n) + "\n" for n in range(16, 22)]
    parts.append("[^1]: The first note, about the marker.\n")
    parts.append("[^b]: The note labelled b.\n")
    return "\n".join(parts)


def book() -> Document:
    return parse_document(book_source(), "book")


class ViewApp(App[None]):
    """The reading view alone, recording the messages it posts."""

    def __init__(
        self,
        document: Document,
        *,
        positions: ReadingPositions | None = None,
        folders: Folders | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.positions = positions
        self.folders = folders
        self.offset = offset
        self.messages: list[Message] = []
        self.notices: list[Notice] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.notices.append(Notice(message, title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def compose(self) -> ComposeResult:
        yield TextView(positions=self.positions)

    def on_mount(self) -> None:
        view = self.query_one(TextView)
        view.show(self.document, self.offset)
        view.focus()

    def on_text_view_position_changed(self, message: TextView.PositionChanged) -> None:
        self.messages.append(message)

    def on_text_view_footnote_opened(self, message: TextView.FootnoteOpened) -> None:
        self.messages.append(message)

    def on_text_view_footnote_preview_requested(self, message: FootnotePreviewRequested) -> None:
        # As the reader app does: the note in a popup; Enter there goes to it.
        self.messages.append(message)
        view = self.query_one(TextView)

        def closed(go: bool | None) -> None:
            if go:
                view.follow_marker(message.marker)

        self.push_screen(FootnoteScreen(message.label, message.text), closed)

    def on_text_view_find_requested(self, message: TextView.FindRequested) -> None:
        # As the reader app does: the find prompt over the view.
        ask_to_find(self, message)

    def on_text_view_find_finished(self, message: TextView.FindFinished) -> None:
        self.messages.append(message)


def view_of(app: App[None]) -> TextView:
    return app.query_one(TextView)


def screen_lines(view: TextView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def line_start(view: TextView, index: int) -> int:
    layout = view.text_layout
    assert layout is not None
    return layout.span(index)[0]


def store(tmp_path: Path) -> ReadingPositions:
    return ReadingPositions.load(tmp_path / "state" / "positions.json")


async def laid_out(app: App[None], pilot: Pilot[None]) -> TextView:
    """The view, once it shows its document laid out for the screen."""
    view = view_of(app)
    await wait_until(pilot, lambda: view.text_layout is not None, "the text laid out")
    return view


def last_position(app: ViewApp) -> TextView.PositionChanged | None:
    """The last position the view announced."""
    changes = [m for m in app.messages if isinstance(m, TextView.PositionChanged)]
    return changes[-1] if changes else None


async def test_opens_at_the_start_and_shows_the_text(tmp_path: Path) -> None:
    app = ViewApp(book(), positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        lines = screen_lines(view)
        assert lines[0].strip() == "Part One"
        assert lines[2].strip() == "Chapter 1"
        assert lines[4].strip().startswith("w0x0 w0x1")
        assert view.top_offset == 0
        layout = view.text_layout
        assert layout is not None and layout.width <= 62


async def test_rich_markup_and_escape_sequences_are_shown_literally(tmp_path: Path) -> None:
    source = (
        "Plain [bold]x[/bold] and [red on blue]y[/] and :smile: and a \x1b[31mred\x1b[0m code.\n"
    )
    app = ViewApp(parse_document(source, "markup"), positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        shown = " ".join(line.strip() for line in screen_lines(view))
        assert "Plain [bold]x[/bold] and [red on blue]y[/] and :smile:" in shown
        assert "␛[31mred␛[0m code." in shown
        for y in range(3):
            for segment in view.render_line(y):
                assert "\x1b" not in segment.text
                assert segment.style is None or not segment.style.bold


async def test_moving_line_page_half_page_start_and_end(tmp_path: Path) -> None:
    app = ViewApp(book(), positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        height = view.scrollable_content_region.height
        await pilot.press("j", "j", "down")
        assert view.top_offset == line_start(view, 3)
        await pilot.press("k")
        assert view.top_offset == line_start(view, 2)
        await pilot.press("g", "space")
        assert view.top_offset == line_start(view, height - 2)
        await pilot.press("b")
        assert view.top_offset == 0
        await pilot.press("pagedown", "ctrl+d")
        assert view.top_offset == line_start(view, height - 2 + height // 2)
        await pilot.press("ctrl+u", "pageup")
        assert view.top_offset == 0
        await pilot.press("G")

        def at_end() -> bool:
            last = last_position(app)
            return last is not None and last.percent == 100.0

        await wait_until(pilot, at_end, "the end announced")
        assert screen_lines(view)[-1].strip() == "[b] The note labelled b."
        await pilot.press("g")

        def at_start() -> bool:
            first = last_position(app)
            return first is not None and first.offset == 0

        await wait_until(pilot, at_start, "the start announced")
        first = last_position(app)
        assert first is not None and 0 < first.percent < 100
        assert first.section == "Part One › Chapter 1"  # the line a third down


def shown_at_jump_row(view: TextView, offset: int) -> bool:
    """Whether the line of `offset` is a third of the way down the view (or as near as
    the start of the text allows): where every jump shows its target."""
    layout = view.text_layout
    assert layout is not None
    line = layout.line_at(offset)
    row = line - int(view.scroll_offset.y)
    return row == min(line, view.scrollable_content_region.height // 3)


async def test_sections_with_brackets_and_the_breadcrumb(tmp_path: Path) -> None:
    doc = book()
    app = ViewApp(doc, positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        starts = [h.start for h in doc.headings]
        await pilot.press("right_square_bracket")
        assert shown_at_jump_row(view, starts[1])
        await pilot.press("right_square_bracket")
        assert shown_at_jump_row(view, starts[2])
        await pilot.press("j", "j")

        def section() -> str | None:
            message = last_position(app)
            return None if message is None else message.section

        await wait_until(pilot, lambda: section() == "Part One › Chapter 2", "the section")
        await pilot.press("left_square_bracket")
        assert shown_at_jump_row(view, starts[2])  # back to the start of this section first
        await pilot.press("left_square_bracket")
        assert shown_at_jump_row(view, starts[1])
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert shown_at_jump_row(view, starts[3])
        row = view.scrollable_content_region.height // 3
        assert screen_lines(view)[row].strip() == "Part Two"


async def test_marks_and_ctrl_o_back(tmp_path: Path) -> None:
    doc = book()
    positions = store(tmp_path)
    app = ViewApp(doc, positions=positions)
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        await pilot.press(*"jjjjj")
        marked = view.top_offset
        mark_place = view.focus_offset
        await pilot.press("m", "a")
        await pilot.press("G")
        end = view.top_offset
        assert end != marked
        await pilot.press("apostrophe", "a")
        assert view.top_offset == marked  # the mark is a third down, where it was set
        await pilot.press("ctrl+o")
        assert view.top_offset == end
        await pilot.press("ctrl+o")  # G was a jump too: back to the mark's place
        assert view.top_offset == marked
        await pilot.press("ctrl+y")  # and forward again
        assert view.top_offset == end
        await pilot.press("ctrl+o")
        await pilot.press("apostrophe", "z")  # an unset mark moves nothing
        assert view.top_offset == marked
    saved = json.loads((tmp_path / "state" / "positions.json").read_text())
    assert saved["documents"]["book"]["marks"] == {"a": mark_place}


async def test_following_a_footnote_and_coming_back(tmp_path: Path) -> None:
    doc = book()
    note = doc.notes["1"]
    marker = next(m for m in doc.markers if m.label == "1")
    app = ViewApp(doc, positions=store(tmp_path), offset=marker.start)
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        before = view.top_offset
        await pilot.press("enter")  # the note in a popup; Enter there goes to it
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")
        assert view.top_offset == before
        await pilot.press("enter")
        # The notes close the text, so the note is on the last screen, marked current.
        await wait_until(
            pilot, lambda: view.highlights("current") == [(note.start, note.end)], "the note"
        )
        assert any(line.strip() == note.text for line in screen_lines(view))
        opened = [m for m in app.messages if isinstance(m, TextView.FootnoteOpened)]
        assert [(m.label, m.text) for m in opened] == [
            ("1", "[1] The first note, about the marker.")
        ]
        await pilot.press("ctrl+o")
        assert view.top_offset == before
        # f selects the next marker on screen; Enter then follows that one.
        await pilot.press("f", "f", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")
        await pilot.press("enter")
        note_b = [(doc.notes["b"].start, doc.notes["b"].end)]
        await wait_until(pilot, lambda: view.highlights("current") == note_b, "the note b")
        assert [m.label for m in app.messages if isinstance(m, TextView.FootnoteOpened)] == [
            "1",
            "b",
        ]
        await pilot.press("backspace")
        await wait_until(pilot, lambda: view.top_offset == before, "back at the marker")


async def test_clicking_a_marker_opens_its_note(tmp_path: Path) -> None:
    doc = book()
    marker = next(m for m in doc.markers if m.label == "b")
    app = ViewApp(doc, positions=store(tmp_path), offset=marker.start)
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        await pilot.click(TextView, offset=content_point(view, marker.start + 1))

        def asked_for() -> list[FootnotePreviewRequested]:
            return [m for m in app.messages if isinstance(m, FootnotePreviewRequested)]

        await wait_until(pilot, asked_for, "the note asked for")
        (asked,) = asked_for()
        assert asked.label == "b" and asked.text == doc.notes["b"].text
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")
        assert isinstance(app.screen, FootnoteScreen) and app.screen.label == "b"
        await pilot.press("enter")
        note_b = [(doc.notes["b"].start, doc.notes["b"].end)]
        await wait_until(pilot, lambda: view.highlights("current") == note_b, "the note b")
        opened = [m for m in app.messages if isinstance(m, TextView.FootnoteOpened)]
        assert [m.label for m in opened] == ["b"]


async def test_find_in_document_with_n_and_shift_n(tmp_path: Path) -> None:
    doc = book()
    lowered = doc.text.lower()
    hits = []
    at = lowered.find("needle")
    while at >= 0:
        hits.append(at)
        at = lowered.find("needle", at + 1)
    assert len(hits) == 7
    app = ViewApp(doc, positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, FindPrompt), "the find prompt")
        await pilot.press(*"NEEDLE", "enter")

        def finished_finds() -> list[TextView.FindFinished]:
            return [m for m in app.messages if isinstance(m, TextView.FindFinished)]

        await wait_until(pilot, finished_finds, "the find finished")
        await wait_until(pilot, lambda: bool(view.highlights("current")), "the first match")
        assert [r[0] for r in view.highlights("find")] == hits
        assert view.highlights("current") == [(hits[0], hits[0] + 6)]
        assert view.find_query == "NEEDLE"
        assert finished_finds()[-1].count == 7
        # The match is on screen and painted differently from its neighbours.
        layout = view.text_layout
        assert layout is not None
        index, _column = layout.column_of(hits[0])
        y = index - view.scroll_offset.y
        assert 0 <= y < view.scrollable_content_region.height
        strip = view.render_line(y)
        cells = [(seg.text, seg.style) for seg in strip]
        match_style = next(style for text, style in cells if "needle" in text)
        plain_style = next(style for text, style in cells if "marker" in text)
        assert match_style != plain_style
        await pilot.press("n")
        assert view.highlights("current") == [(hits[1], hits[1] + 6)]
        await pilot.press("n", "n")
        assert view.highlights("current") == [(hits[3], hits[3] + 6)]
        await pilot.press("N")
        assert view.highlights("current") == [(hits[2], hits[2] + 6)]
        await pilot.press("G", "n")  # from the end, n wraps to the first match
        assert view.highlights("current") == [(hits[0], hits[0] + 6)]
        await pilot.press("ctrl+o")


async def test_find_is_cancelled_with_escape(tmp_path: Path) -> None:
    app = ViewApp(book(), positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, FindPrompt), "the find prompt")
        await pilot.press(*"w3x1", "escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, FindPrompt), "prompt gone")
        assert view.highlights("find") == []
        assert view.top_offset == 0
        await pilot.press("n")  # nothing to walk: the view stays
        assert view.top_offset == 0


async def test_search_highlights_from_the_app_are_walked_with_n(tmp_path: Path) -> None:
    doc = book()
    ranges = [(doc.text.index(w), doc.text.index(w) + len(w)) for w in ("w12x3", "w2x5", "w20x1")]
    app = ViewApp(doc, positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        view.set_highlights("search", ranges, "text-view--search")
        assert view.next_highlight("search") == ranges[1]  # document order
        await pilot.press("n")
        assert view.highlights("current") == [ranges[0]]
        await pilot.press("n")
        assert view.highlights("current") == [ranges[2]]
        view.clear_highlights("search")
        assert view.highlights("search") == []
        assert view.next_highlight("search") is None


async def test_plus_and_minus_change_the_column_and_keep_the_place(tmp_path: Path) -> None:
    doc = book()
    app = ViewApp(doc, positions=store(tmp_path))
    async with app.run_test(size=(120, 16)) as pilot:
        view = await laid_out(app, pilot)
        await pilot.press(*"jjjjjjj")
        top = view.top_offset
        layout = view.text_layout
        assert layout is not None and layout.width == 76
        await pilot.press("plus", "plus")
        layout = view.text_layout
        assert layout is not None and layout.width == 84
        assert (
            max(
                len(line.rstrip()) - line.index(line.strip()[0])
                for line in screen_lines(view)
                if line.strip()
            )
            > 76
        )
        await pilot.press("minus", "minus", "minus")
        layout = view.text_layout
        assert layout is not None and layout.width == 72
        start, end = layout.span(layout.line_at(top))
        assert start <= top <= end  # the line that was on top is still on top
        assert view.top_offset == start
        assert all(len(line.strip()) <= 72 for line in screen_lines(view))


async def test_position_is_remembered_across_a_restart(tmp_path: Path) -> None:
    root = tmp_path / "library"
    (root / "texts").mkdir(parents=True)
    folders = Folders.for_library(root)
    doc = book()

    def positions() -> ReadingPositions:
        # What the reader app gives its views: the store in its state folder.
        return ReadingPositions.in_folder(folders.state)

    first = ViewApp(doc, positions=positions())
    async with first.run_test(size=SIZE) as pilot:
        view = await laid_out(first, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j")
        await wait_until(pilot, lambda: view.top_offset > 0, "the view moved")
        left_at = view.top_offset
    state_files = list((tmp_path / "state").rglob("positions.json"))
    assert len(state_files) == 1  # under READER_STATE_DIR, not in the library
    second = ViewApp(doc, positions=positions())
    async with second.run_test(size=SIZE) as pilot:
        view = await laid_out(second, pilot)
        await wait_until(pilot, lambda: view.top_offset == left_at, "the place remembered")
    # An explicit offset wins over the remembered one.
    third = ViewApp(doc, positions=positions(), offset=0)
    async with third.run_test(size=SIZE) as pilot:
        view = await laid_out(third, pilot)
        assert view.top_offset == 0


async def test_a_damaged_state_file_does_not_stop_reading(tmp_path: Path) -> None:
    path = tmp_path / "state" / "positions.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    positions = ReadingPositions.load(path)
    assert positions.problem and "damaged" in positions.problem
    app = ViewApp(book(), positions=positions)
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: view.top_offset > 0, "the view moved")
    assert json.loads(path.read_text())["documents"]["book"]["offset"] > 0


async def test_a_file_damaged_while_reading_is_moved_aside_and_reported_once(
    tmp_path: Path,
) -> None:
    positions = store(tmp_path)
    app = ViewApp(book(), positions=positions)
    async with app.run_test(size=SIZE) as pilot:
        await laid_out(app, pilot)
        positions.path.parent.mkdir(parents=True, exist_ok=True)
        positions.path.write_text("{not json", encoding="utf-8")  # damaged by another program

        def moved() -> list[str]:
            return [n.message for n in app.notices if "moved aside" in n.message]

        def marks_saved() -> object:
            try:
                saved = json.loads(positions.path.read_text())
            except (OSError, ValueError):
                return None
            return saved.get("documents", {}).get("book", {}).get("marks")

        await pilot.press("m", "a")  # setting a mark saves at once
        await wait_until(pilot, moved, "the damaged file reported")
        assert len(moved()) == 1 and "positions.json.damaged-1" in moved()[0]
        await wait_until(pilot, lambda: marks_saved() is not None, "the mark saved")
        await pilot.press("m", "b")
        await wait_until(pilot, lambda: "b" in str(marks_saved()), "the second mark saved")
        assert len(moved()) == 1
    assert (positions.path.parent / "positions.json.damaged-1").read_text() == "{not json"


async def test_a_narrow_terminal_still_wraps_to_fit(tmp_path: Path) -> None:
    app = ViewApp(book(), positions=store(tmp_path))
    async with app.run_test(size=(30, 10)) as pilot:
        view = await laid_out(app, pilot)
        assert all(len(line) <= 30 for line in screen_lines(view))
        assert all(
            len(line.rstrip()) <= view.scrollable_content_region.width
            for line in screen_lines(view)
        )
        await pilot.resize_terminal(100, 20)

        def width() -> int | None:
            layout = view.text_layout
            return None if layout is None else layout.width

        await wait_until(pilot, lambda: width() == 76, "the text wrapped again")


async def test_a_long_text_shows_a_window_first_then_the_whole_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Make the book count as long, so the view lays out a window and then the rest.
    monkeypatch.setattr(TextView, "SYNC_LAYOUT_LIMIT", 1_000)
    monkeypatch.setattr(TextView, "LAYOUT_WINDOW", (300, 1_500))
    doc = book()
    middle = doc.text.index("w12x0")
    app = ViewApp(doc, positions=store(tmp_path), offset=middle)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)

        def whole() -> bool:
            layout = view.text_layout
            return layout is not None and not layout.is_window

        await wait_until(pilot, whole, "the whole layout")
        layout = view.text_layout
        assert layout is not None
        assert len(layout) == len(Layout(doc, layout.width))
        await wait_until(pilot, lambda: shown_at_jump_row(view, middle), "the middle shown")
        # A jump beyond the window, made before the whole layout is ready, lands.
        doc = book()
        view.show(doc, 0)
        window = view.text_layout
        assert window is not None and window.is_window
        target = doc.headings[3].start
        assert not window.covers(target)
        view.scroll_to_offset(target)
        await wait_until(pilot, whole, "the whole layout again")
        await wait_until(pilot, lambda: shown_at_jump_row(view, target), "the jump landed")


async def test_showing_the_same_document_again_moves_and_keeps_highlights(
    tmp_path: Path,
) -> None:
    doc = book()
    app = ViewApp(doc, positions=store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        view = await laid_out(app, pilot)
        hit = doc.text.index("w9x9")
        view.set_highlights("search", [(hit, hit + 4)], "text-view--search")
        view.show(doc, hit)
        assert shown_at_jump_row(view, hit)
        assert view.highlights("search") == [(hit, hit + 4)]
        await pilot.press("ctrl+o")
        assert view.top_offset == 0
        other = parse_document("Another text.\n", "other")
        view.show(other)
        assert view.highlights("search") == []
        assert view.top_offset == 0
