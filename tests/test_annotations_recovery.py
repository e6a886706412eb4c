"""A change refused while the notes file is broken is never lost: kept in memory and in a
recovery file, saved once the file is readable, offered back after a restart; the app
notices changes made by other processes and asks before quitting with unsaved notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotations_corpus import DOC_ID, make_library
from app_support import text_shown, wait_until

from reader.core.annotations import AnnotationStore
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.ui.app import create_app
from reader.ui.screens.quit_prompt import QuitPrompt


def broken_after_load(tmp_path: Path) -> tuple[Library, Path, AnnotationStore]:
    library = make_library(tmp_path / "lib")
    store = AnnotationStore(library, state=tmp_path / "state")
    notes = store.open(DOC_ID)
    notes.add_note("Saved before.")
    notes.save()
    path = library.annotation_path(DOC_ID)
    path.write_text(path.read_text(encoding="utf-8") + "\nbroken = [\n", encoding="utf-8")
    return library, path, store


def refuse_a_note(store: AnnotationStore) -> None:
    notes = store.open(DOC_ID)
    notes.add_note("Written while the file was broken.")
    try:
        notes.save()
    except ReaderError:
        return
    raise AssertionError("the save should have been refused")


def test_a_refused_note_is_kept_and_saved_once_the_file_is_fixed(tmp_path: Path) -> None:
    library, path, store = broken_after_load(tmp_path)
    refuse_a_note(store)
    recovery = tmp_path / "state" / "recovery" / f"{DOC_ID}.toml"
    assert "Written while the file was broken." in recovery.read_text(encoding="utf-8")
    notes = store.open(DOC_ID)
    assert notes.dirty and notes.read_only
    assert notes.retry() is False  # still broken: still kept
    path.write_text(path.read_text(encoding="utf-8").replace("\nbroken = [\n", ""), "utf-8")
    assert notes.retry() is True
    saved = [i.annotation.note for i in AnnotationStore(library).open(DOC_ID).items()]
    assert sorted(saved) == ["Saved before.", "Written while the file was broken."]
    assert not recovery.exists()


def test_a_refused_note_is_offered_back_after_a_restart(tmp_path: Path) -> None:
    library, path, store = broken_after_load(tmp_path)
    refuse_a_note(store)
    path.write_text(path.read_text(encoding="utf-8").replace("\nbroken = [\n", ""), "utf-8")
    again = AnnotationStore(library, state=tmp_path / "state").open(DOC_ID)  # a new run
    assert [a.note for a in again.recovered] == ["Written while the file was broken."]
    again.save()
    saved = [i.annotation.note for i in AnnotationStore(library).open(DOC_ID).items()]
    assert sorted(saved) == ["Saved before.", "Written while the file was broken."]


def edit_the_text(library: Library) -> None:
    """Another process changes the text: "April" becomes "May"."""
    text = library.text_path(DOC_ID)
    text.write_text(text.read_text(encoding="utf-8").replace("April", "May"), "utf-8")


async def test_the_app_shows_notes_and_texts_changed_by_another_process(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path / "lib")
    app = create_app(library, open_id=DOC_ID)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await wait_until(pilot, text_shown(app, DOC_ID), "the text")
        assert app.annotator.open(DOC_ID) is not None  # the notes as the app shows them
        app.check_files()  # what the timer does: the first look records the files
        other = AnnotationStore(library).open(DOC_ID)
        other.add_note("Added by another copy.")
        other.save()
        edit_the_text(library)
        app.check_files()
        await wait_until(pilot, lambda: len(app.notices) >= 2, "two notices")
        messages = " ".join(n.message for n in app.notices)
        assert "The notes on “The Twelfth Congress” changed on disk" in messages
        assert "“The Twelfth Congress” changed on disk: shown again" in messages
        view = app.main.reading.active
        assert view.document is not None and "met in May 1923" in view.document.text
        notes = app.annotator.store.open(DOC_ID)
        assert [i.annotation.note for i in notes.items()] == ["Added by another copy."]


async def test_a_text_changed_on_disk_is_shown_again_in_both_views_of_a_split(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path / "lib")
    app = create_app(library, open_id=DOC_ID)
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        await wait_until(pilot, text_shown(app, DOC_ID), "the text")
        app.main.open_document(DOC_ID, None, beside=True)
        await wait_until(pilot, lambda: len(app.main.reading.open_views) == 2, "the split")
        app.check_files()  # the first look records the files
        edit_the_text(library)
        app.check_files()
        await wait_until(pilot, lambda: len(app.notices) >= 1, "the notice")
        shown = [v.document.text for v in app.main.reading.open_views if v.document]
        assert len(shown) == 2 and all("met in May 1923" in t for t in shown)
        assert [n.message for n in app.notices].count(
            "“The Twelfth Congress” changed on disk: shown again."
        ) == 1


async def test_quitting_with_unsaved_notes_asks_first(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    app = create_app(library, open_id=DOC_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        notes = app.annotator.store.open(DOC_ID)
        path = library.annotation_path(DOC_ID)
        path.write_text("schema = 1\nbroken = [\n", encoding="utf-8")
        notes.add_note("Not saved yet.")
        with pytest.raises(ReaderError):
            notes.save()
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuitPrompt), "the question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, QuitPrompt), "no question")
        assert app.is_running
        path.write_text("schema = 1\n", encoding="utf-8")
        await pilot.press("q")  # fixed meanwhile: the note is saved and the app quits
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert "Not saved yet." in path.read_text(encoding="utf-8")
