"""The app as a reader meets it: the library pane, opening documents, panes and keys."""

from __future__ import annotations

from app_support import (
    MARKUP_LINE,
    SAMPLE_ID,
    add_sample,
    library_listed,
    screen_text,
    shown_at_jump_row,
    text_shown,
    wait_until,
)
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
        titles = [doc.title[:20] for doc in library.documents()]
        await wait_until(
            pilot, lambda: all(t in screen_text(app) for t in titles), "every title drawn"
        )


async def test_enter_opens_the_highlighted_document(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, library_listed(app, len(library.ids())), "the library")
        pane = app.main.query_one(LibraryPane)
        await pilot.press("down", "enter")
        chosen = pane.visible_entries()[1]
        await wait_until(pilot, text_shown(app, chosen.doc_id), "the chosen text")
        view = app.main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        status = app.main.status
        await wait_until(pilot, lambda: status.where_text.startswith(chosen.title), "its title")


async def test_open_and_at_open_a_document_at_an_offset(library: Library) -> None:
    doc_id = library.ids()[0]
    text = library.load(doc_id).text
    at = len(text) // 2
    app = create_app(library, open_id=doc_id, at=at)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, text_shown(app, doc_id), "the text")
        view = app.main.reading.active
        # The view shows the offset asked for.
        await wait_until(
            pilot,
            lambda: view.top_offset <= at < view.top_offset + view.size.width * view.size.height,
            "the offset shown",
        )

        def percent() -> str:
            return app.main.status.where_text.rsplit(" ", 1)[-1]

        await wait_until(pilot, lambda: percent().endswith("%"), "the percentage read")
        assert 40 <= int(percent()[:-1]) <= 60


async def test_an_unknown_document_is_a_notification_not_a_crash(library: Library) -> None:
    app = create_app(library, open_id="no-such-text")
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(
            pilot, lambda: any("no-such-text" in n.message for n in app.notices), "the notice"
        )
        assert app.main.reading.active.document is None


async def test_slash_filters_the_library(library: Library) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, library_listed(app, len(library.ids())), "the library")
        pane = app.main.query_one(LibraryPane)
        await pilot.press("slash", *"tester")
        await wait_until(pilot, library_listed(app, 1), "one text left")
        assert [e.doc_id for e in pane.visible_entries()] == [SAMPLE_ID]
        await pilot.press("escape")
        await wait_until(pilot, library_listed(app, len(library.ids())), "every text again")
        await wait_until(pilot, lambda: pane.table.has_focus, "the table focused")


async def test_sort_by_length_and_reverse(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, library_listed(app, len(library.ids())), "the library")
        pane = app.main.query_one(LibraryPane)

        def lengths() -> list[int]:
            return [e.length for e in pane.visible_entries()]

        def first_title() -> str:
            return str(pane.table.get_row_at(0)[0]).replace("\n", " ")

        # title -> author -> read -> last read -> notes -> date -> length
        await pilot.press(*"o" * 6)
        assert pane.border_subtitle is not None and "by length" in str(pane.border_subtitle)
        longest = sorted(lengths(), reverse=True)
        await wait_until(pilot, lambda: lengths() == longest, "the longest first")
        await wait_until(
            pilot, lambda: first_title() == pane.visible_entries()[0].title, "the table sorted"
        )
        await pilot.press("r")
        await wait_until(pilot, lambda: lengths() == longest[::-1], "the shortest first")


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
        await wait_until(pilot, library_listed(app, len(library.ids())), "the table filled")
        assert str(pane.table.get_cell(doc_id, "notes")) == "3"


async def test_rich_markup_in_a_text_is_shown_literally(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(170, 35)) as pilot:
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        await wait_until(pilot, lambda: MARKUP_LINE[:30] in screen_text(app), "the text drawn")
        await wait_until(pilot, lambda: "Sample" in app.main.status.where_text, "the title")
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
        await wait_until(pilot, text_shown(app), "the text")
        main = app.main
        view = main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        await pilot.press("tab")
        await wait_until(pilot, lambda: main.side.has_focus_within, "the side panel focused")
        await pilot.press("tab")
        await wait_until(pilot, lambda: main.library_pane.table.has_focus, "the library focused")
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: main.side.has_focus_within, "the side panel again")
        await pilot.press("f2")
        await wait_until(pilot, lambda: not main.library_pane.display, "the library hidden")
        await pilot.press("f3")
        await wait_until(pilot, lambda: not main.side.display, "the side panel hidden")
        await wait_until(pilot, lambda: app.focused is view, "the text focused again")


async def test_side_pane_resizes(library: Library) -> None:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(140, 35)) as pilot:
        await wait_until(pilot, text_shown(app), "the text")
        side = app.main.query_one(SidePanel)
        await pilot.press("t")
        contents = app.main.side.contents
        await wait_until(pilot, lambda: contents.has_focus, "the contents focused")
        before = side.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await wait_until(pilot, lambda: side.outer_size.width == before + 8, "two steps wider")
        await pilot.press("less_than_sign")
        await wait_until(pilot, lambda: side.outer_size.width == before + 4, "one step back")


async def test_narrow_terminal_keeps_the_text_readable(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, library_listed(app, len(library.ids())), "the library")
        await pilot.press("enter")
        await wait_until(pilot, text_shown(app), "the text")
        view = app.main.reading.active
        main = app.main
        await wait_until(pilot, lambda: not main.library_pane.display, "the library hidden")
        await wait_until(pilot, lambda: view.size.width >= 40, "the text wide enough")
        await pilot.press("f2")  # bringing the library back hides the side panel
        await wait_until(
            pilot,
            lambda: main.library_pane.display and not main.side.display,
            "the library instead of the side panel",
        )


async def test_contents_lists_sections_and_jumps(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        document = library.load(SAMPLE_ID)
        contents = app.main.side.contents
        assert len(document.headings) == 3
        await wait_until(pilot, lambda: contents.option_count == 3, "the contents listed")
        await pilot.press("t")
        await wait_until(pilot, lambda: contents.has_focus, "the contents focused")
        await pilot.press("down", "down", "enter")
        view = app.main.reading.active
        third = document.headings[2]
        # The heading is shown a third of the way down the view, as every jump is.
        await wait_until(pilot, lambda: shown_at_jump_row(view, third.start), "the jump")
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        status = app.main.status
        await wait_until(pilot, lambda: "Third section" in status.where_text, "the breadcrumb")


async def test_help_lists_every_binding(library: Library) -> None:
    from reader.ui.app import all_bindings
    from reader.ui.screens.help import HelpScreen

    app = create_app(library)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        body = str(app.screen.query_one("#help-text", Static).visual)
        for kb in all_bindings():
            assert kb.id in body
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help closed")


async def test_position_is_remembered_across_a_restart(library: Library) -> None:
    doc_id = library.ids()[0]
    app = create_app(library, open_id=doc_id)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, text_shown(app, doc_id), "the text")
        view = app.main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        await pilot.press("pagedown", "pagedown", "pagedown")
        await wait_until(pilot, lambda: view.top_offset > 0, "three pages down")
        kept = view.top_offset
    again = create_app(library)
    async with again.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, library_listed(again, len(library.ids())), "the library")
        pane = again.main.query_one(LibraryPane)
        row = pane.table.get_row_index(doc_id)
        pane.table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_until(pilot, text_shown(again, doc_id), "the text again")
        view = again.main.reading.active
        await wait_until(pilot, lambda: view.top_offset == kept, "the place kept")


async def test_an_empty_library_welcomes_with_how_to_add_texts(empty_library: Library) -> None:
    app = create_app(empty_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "The library lives in" in screen_text(app), "welcome")
        text = screen_text(app)
        assert "Your library is empty." in text
        assert "reader import FILE" in text and "reader import https://" in text
