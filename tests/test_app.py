"""The app as a reader meets it: the library pane, opening documents, panes and keys."""

from __future__ import annotations

from app_support import MARKUP_LINE, SAMPLE_ID, add_sample, screen_text, wait_until
from textual.widgets import Static

from reader.core.library import Library
from reader.ui.app import create_app
from reader.ui.widgets.library_pane import LibraryPane
from reader.ui.widgets.side_panel import SidePanel


async def test_opens_on_the_library_with_every_document(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        pane = app.main.query_one(LibraryPane)
        await wait_until(pilot, lambda: len(pane.entries) == len(library.ids()), "the library")
        assert sorted(e.doc_id for e in pane.entries) == library.ids()
        assert pane.table.row_count == len(library.ids())
        assert pane.table.has_focus
        text = screen_text(app)
        for doc in library.documents():
            assert doc.title[:20] in text


async def test_enter_opens_the_highlighted_document(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.main.query_one(LibraryPane)
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = pane.visible_entries()[1]
        view = app.main.reading.active
        assert view.document is not None and view.document.id == chosen.doc_id
        assert app.focused is view
        assert app.main.status.where_text.startswith(chosen.title)


async def test_open_and_at_open_a_document_at_an_offset(library: Library) -> None:
    doc_id = library.ids()[0]
    text = library.load(doc_id).text
    at = len(text) // 2
    app = create_app(library, open_id=doc_id, at=at)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.main.reading.active
        assert view.document is not None and view.document.id == doc_id
        # The view shows the offset asked for.
        assert view.top_offset <= at < view.top_offset + view.size.width * view.size.height
        percent = app.main.status.where_text.rsplit(" ", 1)[-1]
        assert percent.endswith("%") and 40 <= int(percent[:-1]) <= 60


async def test_an_unknown_document_is_a_notification_not_a_crash(library: Library) -> None:
    app = create_app(library, open_id="no-such-text")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert any("no-such-text" in n.message for n in app.notices)
        assert app.main.reading.active.document is None


async def test_slash_filters_the_library(library: Library) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.main.query_one(LibraryPane)
        await pilot.press("slash", *"tester")
        await pilot.pause()
        assert [e.doc_id for e in pane.visible_entries()] == [SAMPLE_ID]
        assert pane.table.row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert pane.table.row_count == len(library.ids())
        assert pane.table.has_focus


async def test_sort_by_length_and_reverse(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.main.query_one(LibraryPane)
        # title -> author -> read -> last read -> notes -> date -> length
        await pilot.press(*"o" * 6)
        assert pane.border_subtitle is not None and "by length" in str(pane.border_subtitle)
        lengths = [e.length for e in pane.visible_entries()]
        assert lengths == sorted(lengths, reverse=True)
        first_row = pane.table.get_row_at(0)
        assert str(first_row[0]).replace("\n", " ") == pane.visible_entries()[0].title
        await pilot.press("r")
        assert [e.length for e in pane.visible_entries()] == sorted(lengths)


async def test_note_counts_come_from_the_annotation_files(library: Library) -> None:
    doc_id, broken_id = library.ids()[:2]
    library.annotation_path(doc_id).write_text(
        '[[highlight]]\nquote = "a"\n\n[[highlight]]\nquote = "b"\n\n[[note]]\ntext = "c"\n',
        encoding="utf-8",
    )
    library.annotation_path(broken_id).write_text("[[note]\n", encoding="utf-8")
    app = create_app(library)
    async with app.run_test(size=(160, 35)) as pilot:
        await app.workers.wait_for_complete()
        pane = app.main.query_one(LibraryPane)
        await wait_until(pilot, lambda: len(pane.entries) == len(library.ids()), "the library")
        counts = {e.doc_id: e.notes for e in pane.entries}
        assert counts[doc_id] == 3
        assert counts[broken_id] == 0
        assert str(pane.table.get_cell(doc_id, "notes")) == "3"


async def test_rich_markup_in_a_text_is_shown_literally(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(170, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]markup[/bold]" in text
        assert "[link=x]link[/link]" in text
        assert MARKUP_LINE[:30] in text
        # The title (front matter) is shown literally too, in the library and the breadcrumb.
        assert "Sample [bold]markup[/bold] text" in app.main.status.where_text
        assert "First [i]section[/i]" in text


async def test_tab_moves_between_panes_and_panes_hide(library: Library) -> None:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(180, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main
        view = main.reading.active
        assert app.focused is view
        await pilot.press("tab")
        assert main.side.has_focus_within
        await pilot.press("tab")
        assert main.library_pane.table.has_focus
        await pilot.press("shift+tab")
        assert main.side.has_focus_within
        await pilot.press("f2")
        await pilot.pause()
        assert not main.library_pane.display
        await pilot.press("f3")
        await pilot.pause()
        assert not main.side.display
        assert app.focused is view


async def test_side_pane_resizes(library: Library) -> None:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(140, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        side = app.main.query_one(SidePanel)
        before = side.outer_size.width
        await pilot.press("t", "greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert side.outer_size.width == before + 8
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert side.outer_size.width == before + 4


async def test_narrow_terminal_keeps_the_text_readable(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.reading.active
        assert view.document is not None
        assert not app.main.library_pane.display
        assert view.size.width >= 40
        await pilot.press("f2")  # bringing the library back hides the side panel
        await pilot.pause()
        assert app.main.library_pane.display and not app.main.side.display


async def test_contents_lists_sections_and_jumps(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        document = library.load(SAMPLE_ID)
        contents = app.main.side.contents
        assert contents.option_count == len(document.headings) == 3
        await pilot.press("t", "down", "down", "enter")
        await pilot.pause()
        view = app.main.reading.active
        third = document.headings[2]
        assert app.focused is view
        # The heading is shown a third of the way down the view, as every jump is.
        layout = view.text_layout
        assert layout is not None
        row = layout.line_at(third.start) - int(view.scroll_offset.y)
        assert row == view.scrollable_content_region.height // 3
        assert "Third section" in app.main.status.where_text


async def test_help_lists_every_binding(library: Library) -> None:
    from reader.ui.keymap import all_bindings
    from reader.ui.screens.help import HelpScreen

    app = create_app(library)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one("#help-text", Static).visual)
        for kb in all_bindings():
            assert kb.id in body
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_position_is_remembered_across_a_restart(library: Library) -> None:
    doc_id = library.ids()[0]
    app = create_app(library, open_id=doc_id)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        kept = app.main.reading.active.top_offset
        assert kept > 0
    again = create_app(library)
    async with again.run_test(size=(120, 35)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        pane = again.main.query_one(LibraryPane)
        row = pane.table.get_row_index(doc_id)
        pane.table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert again.main.reading.active.top_offset == kept


async def test_an_empty_library_welcomes_with_how_to_add_texts(empty_library: Library) -> None:
    app = create_app(empty_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Your library is empty." in text
        assert "reader import FILE" in text and "reader import https://" in text
        assert "The library lives in" in text
