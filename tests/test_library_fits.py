"""The library pane as the reader sees it: columns that use the pane's width (titles
first, wrapped rather than cut), and each text's reading progress and last-read date."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from app_support import screen_text, wait_until
from textual.pilot import Pilot
from textual.widgets.data_table import ColumnKey

from reader.core.catalog import CatalogEntry, iter_catalog
from reader.core.library import Library
from reader.core.paths import Folders
from reader.core.positions import FILE_NAME, format_time
from reader.core.reading_progress import percent_read
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.library_columns import FILTER, SCROLLBAR, LibraryRows
from reader.ui.widgets.library_pane import LibraryPane

MCALOON = "mcaloon-2001-trotsky-struggle-for-power"
CLIFF = "cliff-1990-trotsky-and-the-triumvirate"


def column_lines(app: ReaderApp, key: str) -> list[str]:
    """The screen's lines under the library column `key` (its header first), as the
    user reads them: the cells of the column, cut to the column's place on screen."""
    table = app.main.library_pane.table
    x = table.region.x
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        if column.key.value == key:
            rows = screen_text(app).split("\n")[table.region.y : table.region.bottom]
            return [row[x : x + width].strip() for row in rows]
        x += width
    return []


def column_text(app: ReaderApp, key: str) -> str:
    """Every cell of column `key` on screen, its lines joined by spaces."""
    return " ".join(line for line in column_lines(app, key)[1:] if line)


async def library_drawn(app: ReaderApp, pilot: Pilot[Any], drawn: str) -> LibraryPane:
    """The library pane once it lists the five texts and `drawn` is on screen."""
    pane = app.main.library_pane
    await wait_until(pilot, lambda: pane.table.row_count == 5, "the library listed")
    await wait_until(pilot, lambda: drawn in screen_text(app), "the rows drawn")
    return pane


def assert_whole(app: ReaderApp, key: str) -> None:
    """Every entry's text in column `key` is on screen whole (wrapped at most, at a
    space or after a dash)."""
    shown = column_text(app, key).replace("- ", "-")
    assert "…" not in shown
    for entry in app.main.library_pane.entries:
        assert getattr(entry, key) in shown, shown


async def test_titles_and_authors_are_never_cut_at_200_columns(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await library_drawn(app, pilot, "McAloon")
        assert_whole(app, "title")
        assert_whole(app, "author")
        shown = [line for line in column_lines(app, "date") if line]
        assert shown[0] == "Date" and "2001-04-16" in shown
        header = screen_text(app).split("\n")[pane.table.region.y]
        for label in ("Title", "Author", "Read", "Last read", "Notes", "Date", "Length"):
            assert label in header, header


async def test_at_120_columns_the_title_takes_the_room_the_pane_has(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await library_drawn(app, pilot, "1921-1923")
        title_width = pane.table.columns[ColumnKey("title")].width
        assert pane.region.width >= 78 and title_width > 30
        assert_whole(app, "title")
        # Less important columns are left out before a title would be cut; the reading
        # progress is kept.
        assert "Length" not in screen_text(app)
        assert column_lines(app, "read")[0] == "Read"
        assert column_lines(app, "last_read")[0] == "Last read"


async def test_at_80x24_the_titles_wrap_in_the_pane(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_drawn(app, pilot, "1921-1923")
        assert column_lines(app, "title")[0] == "Title"
        assert_whole(app, "title")


async def test_at_80x24_the_library_shows_how_far_and_when_each_text_was_read(
    library: Library,
) -> None:
    length = len(library.load(MCALOON).text)
    read_at = datetime.now(UTC) - timedelta(days=3)
    write_positions(
        library, {MCALOON: {"offset": length * 42 // 100 + 5, "read_at": format_time(read_at)}}
    )
    app = create_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_drawn(app, pilot, "3 days ago")
        assert [line for line in column_lines(app, "read") if line] == ["Read", "42%"]
        assert [line for line in column_lines(app, "last_read") if line] == [
            "Last read",
            "3 days ago",
        ]
        assert_whole(app, "title")


async def test_beside_a_text_at_80x24_the_library_shows_titles_and_progress(
    library: Library,
) -> None:
    app = create_app(library, open_id=MCALOON)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text open")
        await pilot.press("f2")
        pane = await library_drawn(app, pilot, "Title")
        pane.table.focus()
        # At the default width, then narrowed with <: McAloon's long title wraps whole
        # (it was elided once, in a pane 32 wide), and the percent read stays beside it.
        for width in (36, 32, 28):
            if pane.outer_size.width > width:
                await pilot.press("less_than_sign")
            await wait_until(pilot, partial(fitted, pane, width), f"fitted {width} wide")
            await wait_until(pilot, lambda: "%" in column_text(app, "read"), "the percent")
            assert column_lines(app, "read")[0] == "Read"
            assert_whole(app, "title")


def fitted(pane: LibraryPane, width: int) -> bool:
    """Whether the pane is `width` wide and its columns fill it (fitted to it)."""
    table = pane.table
    drawn = sum(column.get_render_width(table) for column in table.ordered_columns)
    return pane.outer_size.width == width and drawn == pane.content_size.width


def test_the_scrollbar_takes_room_only_when_the_rows_need_it(library: Library) -> None:
    rows = LibraryRows([e for e in iter_catalog(library) if isinstance(e, CatalogEntry)])
    tall = rows.widths(30, 20)  # five texts in twenty lines: no scrollbar
    assert sum(tall.values()) + 2 * len(tall) == 30
    assert rows.height(tall) <= 20 - FILTER
    short = rows.widths(30, 8)
    assert sum(short.values()) + 2 * len(short) == 30 - SCROLLBAR


async def test_the_library_and_the_status_line_say_one_percent(library: Library) -> None:
    app = create_app(library, open_id=MCALOON)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text open")
        await pilot.press("f2")
        await library_drawn(app, pilot, "Title")
        view.focus()
        status = app.main.status
        for _ in range(12):
            await pilot.press("pagedown")

        def status_percent() -> str:
            return status.where_text.rsplit(" ", 1)[-1]

        await wait_until(pilot, lambda: status_percent() not in ("0%", "1%"), "a page read")
        await wait_until(
            pilot,
            lambda: row_cells(app, MCALOON)["read"] == status_percent(),
            "the library saying the status line's percent",
        )
        shown = status_percent()
        assert shown in column_lines(app, "read")
        assert screen_text(app).split("\n")[status.region.y].rstrip().endswith(shown)
    # What is saved says the same: how far the reader saw, beside the top line's offset.
    state = Folders.for_library(library.root).state
    saved = json.loads((state / FILE_NAME).read_text(encoding="utf-8"))["documents"][MCALOON]
    length = len(library.load(MCALOON).text)
    assert saved["seen"] > saved["offset"]
    assert f"{percent_read(saved['seen'], length)}%" == shown


def write_positions(library: Library, documents: dict[str, dict[str, object]]) -> None:
    state = Folders.for_library(library.root).state
    state.mkdir(parents=True, exist_ok=True)
    data = {"version": 1, "documents": documents}
    (state / FILE_NAME).write_text(json.dumps(data), encoding="utf-8")


async def test_each_text_shows_how_far_and_when_it_was_read(library: Library) -> None:
    length = len(library.load(MCALOON).text)
    read_at = datetime.now(UTC) - timedelta(days=10)
    read_day = read_at.astimezone().date().isoformat()  # the reader's local date
    write_positions(
        library,
        {
            MCALOON: {"offset": length * 37 // 100 + 5, "read_at": format_time(read_at)},
            CLIFF: {"offset": 0, "text_hash": "", "marks": {"a": 4}},  # a version-1 record
        },
    )
    app = create_app(library)
    async with app.run_test(size=(200, 50)) as pilot:
        await library_drawn(app, pilot, "37%")
        cells = row_cells(app, MCALOON)
        assert (cells["read"], cells["last_read"]) == ("37%", read_day)
        cliff = row_cells(app, CLIFF)
        assert (cliff["read"], cliff["last_read"]) == ("", "")
        assert "Read" in column_lines(app, "read") and "Last read" in column_lines(app, "last_read")


def row_cells(app: ReaderApp, doc_id: str) -> dict[str, str]:
    """The cells of `doc_id`'s row by column key (the columns shown)."""
    table = app.main.library_pane.table
    keys = [column.key.value for column in table.ordered_columns]
    return {str(k): str(table.get_cell(doc_id, str(k))) for k in keys}


async def test_reading_a_text_updates_its_row_while_the_library_is_open(library: Library) -> None:
    app = create_app(library, open_id=CLIFF)
    async with app.run_test(size=(200, 50)) as pilot:
        pane = app.main.library_pane
        await wait_until(pilot, lambda: pane.table.row_count == 5, "the library listed")
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text open")
        pane.table.focus()
        for _ in range(30):  # widen the library until its progress columns show
            if "last_read" in row_cells(app, CLIFF):
                break
            await pilot.press("greater_than_sign")
        assert row_cells(app, CLIFF)["last_read"] == "today"
        view.focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: view.top_offset > 0, "the end of the text shown")
        # At the end the status line says 100%, and so does the library (not the share
        # of the text above the top line).
        expected = "100%"
        await wait_until(
            pilot, lambda: row_cells(app, CLIFF)["read"] == expected, f"the row saying {expected}"
        )
        assert app.main.status.where_text.endswith(expected)
        assert expected in column_lines(app, "read")
        # Sorting by last read puts the text just read first.
        pane.sort_by("last_read")
        assert pane.visible_entries()[0].doc_id == CLIFF


async def test_the_cursor_stays_on_its_text_when_the_columns_change(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await library_drawn(app, pilot, "McAloon")
        await pilot.press("down", "down")
        chosen = pane.highlighted_id()
        assert chosen is not None and chosen != pane.visible_entries()[0].doc_id
        columns = len(pane.table.columns)
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: len(pane.table.columns) < columns, "fewer columns")
        assert pane.highlighted_id() == chosen
        pane.set_entries(list(pane.entries))  # as when a note is added
        assert pane.highlighted_id() == chosen


async def test_beside_a_text_on_a_roomy_screen_the_library_shows_read_and_last_read(
    library: Library,
) -> None:
    write_positions(library, {CLIFF: {"offset": 0, "read_at": format_time(datetime.now(UTC))}})
    app = create_app(library, open_id=MCALOON)
    async with app.run_test(size=(200, 50)) as pilot:
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text open")
        pane = await library_drawn(app, pilot, "Title")
        # Wider than beside a text on a smaller screen (36), and the text keeps room.
        await wait_until(pilot, partial(fitted, pane, 48), "the library 48 wide")
        assert view.outer_size.width >= 100
        await wait_until(pilot, lambda: "today" in column_text(app, "last_read"), "last read")
        assert column_lines(app, "read")[0] == "Read"
        assert_whole(app, "title")
    app = create_app(library, open_id=MCALOON)
    async with app.run_test(size=(170, 50)) as pilot:
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text open")
        pane = await library_drawn(app, pilot, "Title")
        await wait_until(pilot, partial(fitted, pane, 36), "the library 36 wide")
