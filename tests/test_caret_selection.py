"""The caret and selection as a reader of vim expects: w and e, selections of whole
words, v after a find, no duplicate highlight; and `whole_words` itself."""

from __future__ import annotations

import tomllib
from typing import Any

from app_support import wait_until

from reader.core.library import Library
from reader.core.motions import whole_words
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.find_prompt import FindPrompt
from reader.ui.screens.note_editor import NoteEditor

CLIFF = "cliff-1990-trotsky-and-the-triumvirate"
PASSAGE = "Having remained silent at the Twelfth Congress"


def saved_annotations(library: Library, doc_id: str = CLIFF) -> list[dict[str, Any]]:
    path = library.annotation_path(doc_id)
    if not path.exists():
        return []
    entries: list[dict[str, Any]] = tomllib.loads(path.read_text("utf-8")).get("annotation", [])
    return entries


def test_whole_words_widens_to_word_edges_only() -> None:
    text = "the Workers' and Peasants' Inspection, Soviet-German ties"
    at = text.index("orkers")
    assert text[slice(*whole_words(text, at, at + 3))] == "Workers"
    at = text.index("and")
    assert text[slice(*whole_words(text, at, at + 3))] == "and"  # already whole
    at = text.index("German")
    assert text[slice(*whole_words(text, at + 1, at + 3))] == "Soviet-German"
    assert whole_words(text, 5, 5) == (5, 5)
    assert whole_words("x" * 1000, 500, 501) == (500, 501)  # no word is that long


async def open_cliff_at(app: ReaderApp, pilot: Any, library: Library) -> int:
    await app.workers.wait_for_complete()
    view = app.main.reading.active
    await wait_until(pilot, lambda: view.document is not None, "the text")
    return library.load(CLIFF).text.index(PASSAGE)


async def test_a_sloppy_selection_becomes_whole_words_and_x_keeps_it_exact(
    library: Library,
) -> None:
    text = library.load(CLIFF).text
    start = text.index(PASSAGE)
    app = create_app(library, open_id=CLIFF, at=start)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_cliff_at(app, pilot, library)
        view = app.main.reading.active
        await pilot.press("v")
        # From the full stop before the sentence to the middle of "Twelfth".
        view.place_caret(start - 2, select=True)
        await pilot.press(*["l"] * (len(PASSAGE) - len(" Congress") - 2))
        assert view.selection == (start, start + len("Having remained silent at the Twelfth"))
        await pilot.press("x")  # exact characters
        selected = view.selection
        assert selected is not None and text[selected[0] : selected[0] + 2] == ". "
        await pilot.press("x", "a")  # whole words again, and annotate
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor")
        await pilot.press("escape")
        await wait_until(pilot, lambda: bool(saved_annotations(library)), "the highlight on disk")
    assert (
        saved_annotations(library)[0]["target"]["quote"] == "Having remained silent at the Twelfth"
    )


async def test_v_after_a_find_starts_with_the_match_selected(library: Library) -> None:
    app = create_app(library, open_id=CLIFF)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_cliff_at(app, pilot, library)
        view = app.main.reading.active
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, FindPrompt), "the find prompt")
        await pilot.press(*"remained silent", "enter")
        await wait_until(pilot, lambda: bool(view.highlights("current")), "the match")
        await pilot.press("v")
        selection = view.selection
        assert selection is not None
        document = view.document
        assert document is not None
        assert document.text[selection[0] : selection[1]] == "remained silent"


async def test_s_on_a_highlighted_sentence_makes_no_second_highlight(library: Library) -> None:
    text = library.load(CLIFF).text
    start = text.index(PASSAGE)
    app = create_app(library, open_id=CLIFF, at=start)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_cliff_at(app, pilot, library)
        view = app.main.reading.active
        view.place_caret(start + 3)
        await pilot.press("S")
        await wait_until(pilot, lambda: len(saved_annotations(library)) == 1, "the sentence")
        view.place_caret(start + 10)
        await pilot.press("S")
        await wait_until(
            pilot, lambda: any("Already highlighted" in n.message for n in app.notices), "notice"
        )
    assert len(saved_annotations(library)) == 1
