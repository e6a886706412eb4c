"""The layout is remembered across runs: change it, quit, start again, and see it kept.

Each test runs the app twice (or more) on one state folder, as a user quitting with q
and starting `reader` again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app_support import (
    SAMPLE_ID,
    add_sample,
    palette_choices,
    screen_text,
    type_in_palette,
    wait_until,
)
from textual.pilot import Pilot

from reader.core.library import Library
from reader.core.paths import Folders, init_library
from reader.core.preferences import FILE_NAME as PREFERENCES
from reader.core.remembered_layout import FILE_NAME
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.pane_widths import results_width


async def text_shown(pilot: Pilot[Any], app: ReaderApp) -> None:
    await wait_until(pilot, lambda: app.layout_restored, "the remembered layout restored")
    view = app.main.reading.active
    await wait_until(pilot, lambda: view.document is not None, "the text shown")
    await wait_until(pilot, lambda: view.text_layout is not None, "the text laid out")
    await pilot.pause()


async def quit_app(pilot: Pilot[Any], app: ReaderApp) -> None:
    await pilot.press("q")
    await wait_until(pilot, lambda: app.return_code is not None, "the app quit")


async def read_and_quit(
    library: Library, doc_id: str, size: tuple[int, int], beside: str | None = None
) -> None:
    """A run of the reader: `doc_id` opened (and `beside` it), then q."""
    app = create_app(library, open_id=doc_id)
    async with app.run_test(size=size) as pilot:
        await text_shown(pilot, app)
        if beside is not None:
            app.main.open_document(beside, None, beside=True)
            await wait_until(pilot, lambda: app.main.reading.split, "the split view")
        await quit_app(pilot, app)


def other_text(library: Library) -> str:
    return next(doc_id for doc_id in library.ids() if doc_id != SAMPLE_ID)


def top_line(app: ReaderApp) -> str:
    """The first line of text in the reading view, as the user sees it."""
    view = app.main.reading.active
    region = view.content_region
    row = screen_text(app).split("\n")[region.y]
    return row[region.x : region.right].strip()


def drawn(app: ReaderApp) -> bool:
    """Whether the screen's top line of text is the view's top line as laid out now (the
    view has been drawn since its last change)."""
    view = app.main.reading.active
    layout = view.text_layout
    if layout is None or view.document is None:
        return False
    start, end = layout.span(layout.line_at(view.top_offset))
    return top_line(app) == view.document.text[start:end].strip()


async def choose_theme(pilot: Pilot[Any], app: ReaderApp, name: str) -> None:
    """Change the theme as the user does: Ctrl+P, "theme", then the theme's name."""
    await type_in_palette(pilot, "ctrl+p", "theme")
    await wait_until(pilot, lambda: any("Theme" in c for c in palette_choices(app)), "Theme")
    await pilot.press("enter")
    await pilot.press(*name)
    await wait_until(pilot, lambda: palette_choices(app)[:1] == [name], f"theme {name}")
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.theme == name, "the theme applied")


async def test_column_theme_position_and_library_are_kept_at_120(library: Library) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.main.library_pane.table.row_count > 0, "the rows")
        await wait_until(pilot, lambda: app.layout_restored, "the layout restored")
        pane = app.main.library_pane
        await pilot.press("slash", *"tester")
        await wait_until(pilot, lambda: pane.table.row_count == 1, "the sample text alone")
        await pilot.press("enter")  # to the rows
        await wait_until(pilot, lambda: pane.table.has_focus, "the rows focused")
        await pilot.press("enter")
        await text_shown(pilot, app)
        assert app.main.reading.active.document is not None
        assert app.main.reading.active.document.id == SAMPLE_ID
        await pilot.press("plus", "plus", "space", "space", "space")
        await choose_theme(pilot, app, "nord")
        await pilot.press("f2")  # at 120 columns the library was hidden; show it
        await wait_until(pilot, lambda: app.main.library_pane.display, "the library shown")
        await pilot.press("escape")
        await wait_until(pilot, lambda: drawn(app), "the text drawn")
        offset, line = app.main.reading.active.top_offset, top_line(app)
        assert line.startswith("Paragraph")
        await quit_app(pilot, app)

    again = create_app(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, again)
        view = again.main.reading.active
        assert view.document is not None and view.document.id == SAMPLE_ID
        await wait_until(
            pilot, lambda: view.top_offset == offset and drawn(again), "the place kept"
        )
        assert top_line(again) == line
        assert view.column_width == 84
        assert again.theme == "nord"
        assert again.main.library_pane.display  # the user's F2, kept for this width
        assert view.has_focus
        # The library is a key away, and so is the side panel (one at a time here).
        assert not again.main.side.display
        await pilot.press("f2")
        await wait_until(pilot, lambda: not again.main.library_pane.display, "library hidden")
        await quit_app(pilot, again)


async def test_theme_and_column_width_follow_the_user_to_another_library(
    library: Library, tmp_path: Path
) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, app)
        width = app.main.reading.active.column_width
        await pilot.press("minus", "minus")
        await wait_until(
            pilot, lambda: app.main.reading.active.column_width < width, "a narrower column"
        )
        chosen = app.main.reading.active.column_width
        await choose_theme(pilot, app, "gruvbox")
        await quit_app(pilot, app)

    init_library(tmp_path / "second")
    second = Library(tmp_path / "second")
    add_sample(second)
    other = create_app(second)  # a first run there: the library, no text open
    async with other.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: other.layout_restored, "the layout restored")
        await wait_until(pilot, lambda: other.theme == "gruvbox", "the theme chosen before")
        other.save_layout()  # as a change on the library does, before any text is open
        await wait_until(pilot, lambda: other.main.library_pane.table.row_count > 0, "the rows")
        await pilot.press("enter")
        await text_shown(pilot, other)
        view = other.main.reading.active
        await wait_until(pilot, lambda: view.column_width == chosen, "the column chosen before")
        await quit_app(pilot, other)
    folders = Folders.for_library(second.root)
    kept = (folders.user_state / PREFERENCES).read_text(encoding="utf-8")
    assert f'"column_width": {chosen}' in kept and '"theme": "gruvbox"' in kept
    assert "theme" not in (folders.state / FILE_NAME).read_text(encoding="utf-8")


async def test_an_older_layout_file_theme_and_column_still_apply(library: Library) -> None:
    add_sample(library)
    folders = Folders.for_library(library.root)
    folders.state.mkdir(parents=True)
    (folders.state / FILE_NAME).write_text('{"theme": "nord", "column_width": 60}', "utf-8")
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, app)
        assert app.theme == "nord"
        assert app.main.reading.active.column_width == 60
        await quit_app(pilot, app)
    assert not (folders.user_state / PREFERENCES).exists()  # nothing chosen this time
    assert '"theme": "nord"' in (folders.state / FILE_NAME).read_text(encoding="utf-8")


async def test_a_library_shown_at_120_is_not_forced_on_80_columns(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, app)
        await pilot.press("f2")
        await wait_until(pilot, lambda: app.main.library_pane.display, "the library shown")
        await quit_app(pilot, app)

    small = create_app(library)
    async with small.run_test(size=(80, 24)) as pilot:
        await text_shown(pilot, small)
        # 80 - 36 would leave the text 44 columns: the library stays a key away.
        assert not small.main.library_pane.display
        assert small.main.side.display
        view = small.main.reading.active
        assert view.content_region.width >= 40
        await quit_app(pilot, small)

    wide_again = create_app(library)
    async with wide_again.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, wide_again)
        assert wide_again.main.library_pane.display  # the choice outlived the small run


async def test_pane_widths_and_a_hidden_side_panel_are_kept(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(200, 50)) as pilot:
        await text_shown(pilot, app)
        main = app.main
        library_width = main.library_pane.outer_size.width
        side_width = main.side.outer_size.width
        await pilot.press("greater_than_sign")  # from the text: the side panel
        await wait_until(pilot, lambda: main.side.outer_size.width == side_width + 4, ">")
        await pilot.press("greater_than_sign")
        await wait_until(pilot, lambda: main.side.outer_size.width == side_width + 8, "> >")
        await pilot.press("shift+tab")  # the library
        await pilot.press("greater_than_sign")
        await wait_until(
            pilot, lambda: main.library_pane.outer_size.width == library_width + 4, "library"
        )
        await pilot.press("escape", "f3")
        await wait_until(pilot, lambda: not main.side.display, "the side panel hidden")
        await quit_app(pilot, app)

    again = create_app(library)
    async with again.run_test(size=(200, 50)) as pilot:
        await text_shown(pilot, again)
        main = again.main
        await wait_until(
            pilot, lambda: main.library_pane.outer_size.width == library_width + 4, "library"
        )
        assert main.library_pane.display
        assert not main.side.display
        await pilot.press("f3")
        await wait_until(pilot, lambda: main.side.outer_size.width == side_width + 8, "side")


async def test_a_split_view_is_reopened(library: Library) -> None:
    add_sample(library)
    other = other_text(library)
    await read_and_quit(library, SAMPLE_ID, (220, 50), beside=other)
    narrow = create_app(library)
    async with narrow.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, narrow)  # no room for two texts: the first alone
        assert not narrow.main.reading.split
        await quit_app(pilot, narrow)

    again = create_app(library)
    async with again.run_test(size=(220, 50)) as pilot:
        await text_shown(pilot, again)
        first, second = again.main.reading.views
        await wait_until(pilot, lambda: second.document is not None, "the second text")
        assert first.document is not None and first.document.id == SAMPLE_ID
        assert second.document is not None and second.document.id == other
        assert again.main.reading.split


async def test_open_on_the_command_line_wins(library: Library) -> None:
    add_sample(library)
    other = other_text(library)
    await read_and_quit(library, SAMPLE_ID, (120, 40))
    named = create_app(library, open_id=other)
    async with named.run_test(size=(120, 40)) as pilot:
        await text_shown(pilot, named)
        document = named.main.reading.active.document
        assert document is not None and document.id == other


async def test_a_deleted_text_opens_the_library_without_an_error(library: Library) -> None:
    add_sample(library)
    await read_and_quit(library, SAMPLE_ID, (120, 40))
    library.text_path(SAMPLE_ID).unlink()
    again = create_app(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: again.main.library_pane.table.row_count > 0, "the rows")
        await wait_until(pilot, lambda: again.layout_restored, "the layout restored")
        table = again.main.library_pane.table
        await wait_until(pilot, lambda: table.has_focus, "the library focused")
        await wait_until(pilot, lambda: "Choose a document" in screen_text(again), "the hint")
        assert not again.main.reading.open_views
        assert not [n for n in again.notices if n.severity == "error"]


async def test_a_first_run_opens_the_library_and_an_empty_one_welcomes(
    library: Library, empty_library: Library
) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.main.library_pane.table.row_count > 0, "the rows")
        await wait_until(pilot, lambda: app.layout_restored, "the layout restored")
        assert not app.main.reading.open_views
    empty = create_app(empty_library)
    async with empty.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "reader import" in screen_text(empty), "the welcome")


async def test_a_hostile_layout_file_is_said_once_and_kept_aside(library: Library) -> None:
    add_sample(library)
    state = Folders.for_library(library.root).state
    state.mkdir(parents=True)
    raw = (
        b'{"theme": "\\u001b[31mred", "column_width": 100000, "document": "../../etc/passwd", '
        b'"library_width": 44}'
    )
    (state / FILE_NAME).write_bytes(raw)
    app = create_app(library)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, lambda: app.main.library_pane.table.row_count > 0, "the rows")
        await wait_until(pilot, lambda: app.layout_restored, "the layout restored")
        said = [n.message for n in app.notices if n.severity == "warning"]
        assert len(said) == 1 and FILE_NAME in said[0], said
        assert f"kept as {state / FILE_NAME}.damaged-1" in said[0]
        assert "\x1b" not in screen_text(app)
        assert app.theme == "textual-dark"
        assert not app.main.reading.open_views
        await pilot.press("enter")  # open a text: the good value (library width) is used
        await text_shown(pilot, app)
        assert app.main.library_pane.outer_size.width == 44
        assert app.main.reading.active.column_width == 76
        await quit_app(pilot, app)
    assert (state / f"{FILE_NAME}.damaged-1").read_bytes() == raw
    again = create_app(library)
    async with again.run_test(size=(200, 50)) as pilot:
        await text_shown(pilot, again)
        assert not [n for n in again.notices if n.severity == "warning"]


async def search_inspection(pilot: Pilot[Any], app: ReaderApp) -> None:
    """Search for "Inspection" and go to the results."""
    side = app.main.side
    await pilot.press("s")
    await wait_until(pilot, lambda: side.display and side.search.has_focus_within, "search")
    await pilot.press(*"Inspection", "enter")
    await wait_until(pilot, lambda: app.main.index is not None, "the index")
    await wait_until(pilot, lambda: "Inspection" in screen_text(app), "the results")


async def test_the_search_results_width_is_kept(library: Library) -> None:
    add_sample(library)
    usual = results_width(200)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(200, 50)) as pilot:
        await text_shown(pilot, app)
        await search_inspection(pilot, app)
        side = app.main.side
        await wait_until(pilot, lambda: side.outer_size.width == usual, "the results' width")
        await pilot.press("less_than_sign")
        await wait_until(pilot, lambda: side.outer_size.width == usual - 4, "narrower results")
        await quit_app(pilot, app)

    again = create_app(library)
    async with again.run_test(size=(200, 50)) as pilot:
        await text_shown(pilot, again)
        await search_inspection(pilot, again)
        side = again.main.side
        await wait_until(pilot, lambda: side.outer_size.width == usual - 4, "the width kept")
