"""The note editor never loses a word, and every change to an annotation can be undone.

Driven through the real app over a copy of the library; the checks are what the reader
sees and what `annotations/<id>.toml` holds.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from app_support import SAMPLE_ID, add_sample, wait_until
from textual.pilot import Pilot
from textual.widgets import Button, Select, TextArea

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app
from reader.ui.external_editor import run_editor
from reader.ui.screens.discard_prompt import DiscardPrompt
from reader.ui.screens.note_editor import NoteEditor

PHRASE = "Workers' and Peasants' Inspection"


def saved(library: Library) -> list[dict[str, Any]]:
    path = library.annotation_path(SAMPLE_ID)
    if not path.exists():
        return []
    entries: list[dict[str, Any]] = tomllib.loads(path.read_text("utf-8")).get("annotation", [])
    return entries


async def highlight_phrase(app: ReaderApp, pilot: Pilot[int], library: Library) -> None:
    """Select the phrase and press `a`: a highlight is saved and the editor opens."""
    await app.workers.wait_for_complete()
    view = app.main.reading.active
    await wait_until(pilot, lambda: view.document is not None, "the sample to open")
    start = library.load(SAMPLE_ID).text.index(PHRASE)
    await pilot.press("v")
    view.place_caret(start, select=True)
    await pilot.press(*["l"] * (len(PHRASE) - 1))
    assert view.selection == (start, start + len(PHRASE))
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")


async def test_esc_with_a_typed_note_asks_and_keep_editing_keeps_it(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_phrase(app, pilot, library)
        await pilot.press(*"Lenin's last fight")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DiscardPrompt), "the question")
        await pilot.press("escape")  # keep editing
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor again")
        assert app.screen.query_one("#note-text", TextArea).text == "Lenin's last fight"
        await pilot.press("escape", "s")  # asked again: save
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the save")
    (entry,) = saved(library)
    assert entry["note"] == "Lenin's last fight" and entry["kind"] == "note"


async def test_discarding_keeps_the_bare_highlight(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_phrase(app, pilot, library)
        await pilot.press(*"a thought")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DiscardPrompt), "the question")
        await pilot.press("d")
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor shut")
    (entry,) = saved(library)
    assert entry["kind"] == "highlight" and not entry.get("note")


async def test_esc_without_changes_closes_at_once(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_phrase(app, pilot, library)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor shut")
        assert not isinstance(app.screen, DiscardPrompt)


async def test_the_editor_fits_80x24_with_its_buttons_and_hint(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_phrase(app, pilot, library)
        screen = app.screen.region
        for widget in (
            app.screen.query_one("#note-save", Button),
            app.screen.query_one("#note-cancel", Button),
            app.screen.query_one("#note-hint"),
            app.screen.query_one("#note-text", TextArea),
            app.screen.query_one("#note-colour", Select),
        ):
            region = widget.region
            assert region.height > 0 and screen.contains_region(region), (widget, region)


async def test_u_undoes_a_highlight_made_by_mistake_and_ctrl_r_redoes_it(
    library: Library,
) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await highlight_phrase(app, pilot, library)
        await pilot.press("escape")  # a bare highlight
        await wait_until(pilot, lambda: len(saved(library)) == 1, "the highlight on disk")
        await pilot.press("u")
        await wait_until(pilot, lambda: saved(library) == [], "the highlight undone on disk")
        view = app.main.reading.active
        await wait_until(pilot, lambda: not view.annotation_spans, "the highlight undrawn")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(saved(library)) == 1, "the highlight redone")
        assert saved(library)[0]["target"]["quote"] == PHRASE


async def test_undo_walks_back_recolour_note_and_delete(library: Library) -> None:
    add_sample(library)
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await highlight_phrase(app, pilot, library)
        await pilot.press(*"first thought", "ctrl+s")
        await wait_until(pilot, lambda: saved(library)[0].get("note") == "first thought", "note")
        view = app.main.reading.active
        start = library.load(SAMPLE_ID).text.index(PHRASE)
        view.place_caret(start + 2)
        await pilot.press("c")  # recolour
        await wait_until(pilot, lambda: saved(library)[0]["colour"] != "yellow", "recolour")
        await pilot.press("d")  # delete
        await wait_until(pilot, lambda: saved(library) == [], "the delete")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(saved(library)) == 1, "the delete undone")
        assert saved(library)[0]["colour"] != "yellow"
        await pilot.press("u")
        await wait_until(pilot, lambda: saved(library)[0]["colour"] == "yellow", "colour undone")
        await pilot.press("u")
        await wait_until(pilot, lambda: not saved(library)[0].get("note"), "the note undone")
        assert "Undone" in app.notices[-1].message


def test_the_editor_file_ends_with_a_newline_and_trailing_ones_are_trimmed(
    tmp_path: Path,
) -> None:
    """An editor that appends a line (as `echo >>` does) must not glue it to the note."""
    script = tmp_path / "append-line"
    script.write_text('#!/bin/sh\necho "second line" >> "$1"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    assert run_editor([str(script)], "first line") == "first line\nsecond line"
    assert run_editor([str(script)], "") == "second line"
    assert os.access(script, os.X_OK)
