"""SVG snapshots of the main screens at a fixed size, on a fixed one-text library.

Update after an intended change of look: `.venv/bin/pytest tests/test_snapshots.py
--snapshot-update`, then look at the report before keeping the new files.
"""

from __future__ import annotations

from typing import Any

import pytest
from app_support import (
    SAMPLE_ID,
    add_sample,
    focused,
    library_listed,
    screen_text,
    search_answered,
    text_shown,
    wait_until,
)
from textual.widgets import Input, TextArea

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app

SIZE = (100, 30)


def test_library_screen(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library)

    async def settle(pilot: Any) -> None:
        await wait_until(pilot, library_listed(app, 1), "the library listed")
        await wait_until(pilot, lambda: app.main.index is not None, "the index built")

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_reading_a_search_hit(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library, open_id=SAMPLE_ID, at=0)

    async def search_and_open(pilot: Any) -> None:
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        await wait_until(pilot, lambda: app.main.index is not None, "the index built")
        await pilot.press("s", *"Inspection", "enter")
        await wait_until(pilot, search_answered(app, "Inspection"), "the results")
        hits = app.main.side.search.query_one("#search-hits")
        await wait_until(pilot, focused(app, hits), "the first hit focused")
        await pilot.press("enter")
        view = app.main.reading.active
        await wait_until(pilot, focused(app, view), "the hit open")
        await wait_until(pilot, lambda: bool(view.highlights("current")), "the hit marked")

    assert snap_compare(app, terminal_size=SIZE, run_before=search_and_open)


def test_help_screen(empty_library: Library, snap_compare: Any) -> None:
    app = create_app(empty_library)
    assert snap_compare(app, terminal_size=(100, 40), press=["f1"])


async def search_rabkrin(app: ReaderApp, pilot: Any) -> None:
    """Search the library for "Rabkrin" and wait for the results, the first one focused."""
    await wait_until(pilot, library_listed(app, len(app.library.ids())), "the library")
    await wait_until(pilot, lambda: app.main.index is not None, "the index built")
    await pilot.press("s", *"Rabkrin", "enter")
    await wait_until(pilot, search_answered(app, "Rabkrin"), "the results")
    hits = app.main.side.search.query_one("#search-hits")
    await wait_until(pilot, focused(app, hits), "the first hit focused")


def steady_cursor(app: ReaderApp) -> None:
    """The focused field's cursor drawn without blinking: a blink turns it off after half
    a second, which a slow run may or may not reach before the picture is taken."""
    field = app.focused
    if isinstance(field, (Input, TextArea)):
        field.cursor_blink = False


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
def test_search_results(library: Library, snap_compare: Any, size: tuple[int, int]) -> None:
    """The results of "Rabkrin" on the bundled library: whole sentences, counts, places."""
    app = create_app(library)

    async def search(pilot: Any) -> None:
        await search_rabkrin(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=search)


def test_concordance(library: Library, snap_compare: Any) -> None:
    """The concordance of "Rabkrin": one line per hit, the matches in one column."""
    app = create_app(library)

    async def concordance(pilot: Any) -> None:
        await search_rabkrin(app, pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: app.main.side.search.concordance, "the concordance")

    assert snap_compare(app, terminal_size=(120, 40), run_before=concordance)


def _annotated(library: Library) -> None:
    """The sample text with three highlights in three colours, one with a note."""
    from reader.core.annotations import AnnotationStore

    add_sample(library)
    annotations = AnnotationStore(library).open(SAMPLE_ID)
    text = annotations.document.text
    for quote, colour, note in (
        ("Workers' and Peasants' Inspection", "yellow", "Rabkrin: Lenin's last articles"),
        ("Paragraph 1 of the second section", "blue", ""),
        ("Paragraph 3 of the second section", "pink", ""),
    ):
        start = text.index(quote)
        annotations.add_highlight(start, start + len(quote), note, (), colour)
    annotations.save()


def _reading_highlights(
    library: Library, snap_compare: Any, size: tuple[int, int], theme: str
) -> bool:
    _annotated(library)
    app = create_app(library, open_id=SAMPLE_ID, at=0)

    async def settle(pilot: Any) -> None:
        app.theme = theme
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        view = app.main.reading.active
        await wait_until(pilot, lambda: len(view.annotation_spans) == 3, "the highlights")

    return bool(snap_compare(app, terminal_size=size, run_before=settle))


def test_reading_highlights_80x24_dark(empty_library: Library, snap_compare: Any) -> None:
    assert _reading_highlights(empty_library, snap_compare, (80, 24), "textual-dark")


def test_reading_highlights_80x24_light(empty_library: Library, snap_compare: Any) -> None:
    assert _reading_highlights(empty_library, snap_compare, (80, 24), "textual-light")


def test_reading_highlights_120x40_dark(empty_library: Library, snap_compare: Any) -> None:
    assert _reading_highlights(empty_library, snap_compare, (120, 40), "textual-dark")


def test_reading_highlights_120x40_light(empty_library: Library, snap_compare: Any) -> None:
    assert _reading_highlights(empty_library, snap_compare, (120, 40), "textual-light")


def test_note_editor_80x24(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library, open_id=SAMPLE_ID, at=0)

    async def annotate(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        from reader.ui.screens.note_editor import NoteEditor

        await wait_until(
            pilot,
            lambda: len(app.main.query("ReadingArea")) and app.main.reading.active.document,
            "the text open",
        )
        view = app.main.reading.active
        assert view.document is not None
        start = view.document.text.index("Workers'")
        view.place_caret(start, select=True)
        await pilot.press(*"w" * 3, "a")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor")
        await pilot.press(*"Rabkrin")
        note = app.screen.query_one("#note-text", TextArea)
        await wait_until(pilot, lambda: note.text == "Rabkrin", "the note typed")
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=annotate)


def test_footnote_popup(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library, open_id=SAMPLE_ID, at=0)

    async def popup(pilot: Any) -> None:
        from reader.ui.screens.footnote import FootnoteScreen

        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        view = app.main.reading.active
        await wait_until(pilot, focused(app, view), "the text focused")
        await pilot.press("f", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")

    assert snap_compare(app, terminal_size=SIZE, run_before=popup)


def test_notes_view(empty_library: Library, snap_compare: Any) -> None:
    _annotated(empty_library)
    app = create_app(empty_library)

    async def notes(pilot: Any) -> None:
        await wait_until(pilot, library_listed(app, 1), "the library listed")
        await pilot.press("f4")
        panel = app.main.side.notes
        await wait_until(pilot, lambda: len(panel.notes) == 3, "the notes listed")
        await wait_until(pilot, lambda: "Rabkrin: Lenin" in screen_text(app), "the notes drawn")
        steady_cursor(app)

    assert snap_compare(app, terminal_size=(120, 40), run_before=notes)
