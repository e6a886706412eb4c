"""What a reader notices in use: the title over the text, a damaged table marked as
such, the breadcrumb following the view in use, and the library keys. (Search results
as they read: test_search_view.py.)"""

from __future__ import annotations

from collections.abc import Callable

from app_support import SAMPLE_ID, add_sample, screen_text, text_shown, wait_until

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app

SIZE = (120, 35)
DAMAGED_ID = "damaged-table"


def add_damaged_table(library: Library) -> str:
    """A text with a table marked damaged in its fence, and one that is not."""
    text = (
        '+++\ntitle = "Figures"\nauthor = "A. Counter"\ndate = "1922"\n+++\n\n'
        "The figures follow.\n\n"
        "```table damaged\nWorkers Army Officials\n1917 3,024,000 50,000\n```\n\n"
        "A sound table:\n\n"
        "```table\n| Year | Workers |\n| --- | --- |\n| 1922 | 1,243,000 |\n```\n"
    )
    library.text_path(DAMAGED_ID).write_text(text, encoding="utf-8")
    return DAMAGED_ID


def lines_of(app: ReaderApp) -> list[str]:
    """The screen's lines as the user reads them."""
    return screen_text(app).splitlines()


async def test_the_reading_view_names_its_document_literally(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "A. Tester · 1923" in screen_text(app), "the byline")
        lines = lines_of(app)
        top = lines[0]
        bottom = next(line for line in lines if "╰" in line)
        # Title above the text (markup shown as typed), author and date below it.
        assert "Sample [bold]markup[/bold] text" in top, top
        assert "A. Tester · 1923" in bottom, bottom
        # The projection is untouched: the first line of text is still offset 0.
        assert app.main.reading.active.top_offset == 0


async def test_a_damaged_table_is_marked_on_screen(library: Library) -> None:
    add_damaged_table(library)
    app = create_app(library, open_id=DAMAGED_ID)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "damaged table" in screen_text(app), "the table drawn")
        lines = lines_of(app)
        warnings = [i for i, line in enumerate(lines) if "damaged table" in line]
        assert len(warnings) == 1, "only the table marked damaged is flagged"
        below = lines[warnings[0] + 1]
        assert "╎ Workers Army Officials" in below, below
        assert "╎ 1917 3,024,000" in lines[warnings[0] + 2]
        assert not any("╎ | 1922" in line or "╎ Year" in line for line in lines)
        # The text itself is what the file holds: no character added to the projection.
        document = library.load(DAMAGED_ID)
        assert "damaged" not in document.text


async def test_the_breadcrumb_follows_the_view_in_use(library: Library) -> None:
    add_sample(library)
    first = next(i for i in library.ids() if i != SAMPLE_ID)
    first_title = library.load(first).title
    app = create_app(library, open_id=first)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        main = app.main

        def breadcrumb_is(title: str) -> Callable[[], bool]:
            return lambda: main.status.where_text.startswith(title)

        main.open_document(SAMPLE_ID, None, beside=True)
        await wait_until(pilot, breadcrumb_is("Sample [bold]markup[/bold] text"), "the sample")
        one, two = main.reading.views
        await wait_until(pilot, lambda: app.focused is two, "the new view focused")
        # Both views laid out for the split (a layout may move the focus).
        await wait_until(
            pilot,
            lambda: one.text_layout is not None and two.text_layout is not None,
            "both views laid out",
        )
        one.focus()
        await wait_until(pilot, lambda: app.focused is one, "the first view focused")
        await wait_until(pilot, breadcrumb_is(first_title), "the first document's title")
        two.focus()
        await wait_until(pilot, lambda: app.focused is two, "the second view focused")
        await wait_until(pilot, breadcrumb_is("Sample [bold]"), "the sample's title again")
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: not main.reading.split, "the split to close")
        # The second document is gone: the breadcrumb names the one left.
        await wait_until(pilot, breadcrumb_is(first_title), "the remaining document's title")


async def test_a_split_on_a_middling_terminal_hides_the_library(library: Library) -> None:
    add_sample(library)
    first = next(i for i in library.ids() if i != SAMPLE_ID)
    app = create_app(library, open_id=first)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        main = app.main
        # Below 160 columns the text takes the library's room, and keeps it for two.
        assert not main.library_pane.display
        main.open_document(SAMPLE_ID, None, beside=True)
        await wait_until(pilot, lambda: main.reading.split, "the split")
        await wait_until(
            pilot, lambda: all(v.size.width >= 40 for v in main.reading.views), "two wide views"
        )
        assert not main.library_pane.display


async def test_library_titles_are_literal_and_j_k_move(library: Library) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(
            pilot, lambda: "Sample [bold]markup[/bold" in screen_text(app), "the sample's title"
        )
        table = app.main.library_pane.table
        await wait_until(pilot, lambda: table.has_focus, "the library focused")
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: table.cursor_row == 2, "two rows down")
        await pilot.press("k")
        await wait_until(pilot, lambda: table.cursor_row == 1, "one row up")


async def test_down_in_the_notes_filter_goes_to_the_list(library: Library) -> None:
    from reader.ui.widgets.notes_panel import NoteList

    doc_id = library.ids()[0]
    app = create_app(library, open_id=doc_id)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(pilot, text_shown(app, doc_id), "the text")
        await pilot.press("S")
        await wait_until(pilot, lambda: library.annotation_path(doc_id).is_file(), "the sentence")
        await pilot.press("f4")
        notes = app.main.side.notes
        await wait_until(pilot, lambda: len(notes.notes) == 1, "the sentence listed")
        app.main.side.notes.focus_filter()
        filter_line = app.main.side.notes.query_one("#notes-filter")
        await wait_until(pilot, lambda: app.focused is filter_line, "the filter focused")
        await pilot.press("down")
        await wait_until(pilot, lambda: isinstance(app.focused, NoteList), "the list focused")
