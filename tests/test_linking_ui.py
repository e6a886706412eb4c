"""In the app: the review queue of imported notes (is:imported, is:fuzzy, is:orphaned;
confirm, move to the selection, delete), copying a quote with its citation and a
locator, following links between notes (Ctrl+O comes back), and backlinks."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import screen_text, text_shown, wait_until
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from reader.core.annotations import AnnotationStore
from reader.core.interop.importing import import_file
from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.notes_panel import NoteList

SIZE = (120, 40)


async def settle(app: ReaderApp, pilot: Pilot[int]) -> None:
    """Wait until the workers are done (a filter typed twice cancels the first listing)."""
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interop"
CLIFF = "cliff-1990-trotsky-and-the-triumvirate"
MCALOON = "mcaloon-2001-trotsky-struggle-for-power"


async def test_review_queue_confirm_move_and_delete(library: Library) -> None:
    import_file(AnnotationStore(library), FIXTURES / "My Clippings.txt")
    text = library.load(CLIFF).text
    right = "The administrative strength of the members of the troika was impressive."
    app = create_app(library, open_id=CLIFF, at=text.index(right))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.action_notes("is:fuzzy")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "fuzzy" in shown and "imported (kindle)" in shown
        panel = app.main.side.notes
        assert len(panel.notes) == 2
        # Move the first to the right words: select them, then m in the notes view.
        view = app.main.reading.active
        start = text.index(right)
        view.focus()
        view.place_caret(start, select=True)
        await pilot.press(*"l" * (len(right) - 1))
        assert view.selection == (start, start + len(right))
        first = next(n for n in panel.notes if "administrative" in n.item.annotation.quote)
        panel.highlight_note(first)
        panel.query_one(NoteList).focus()
        await pilot.press("m")

        def quote_of(item_id: str) -> str:
            return AnnotationStore(library).open(CLIFF).get(item_id).annotation.quote

        await wait_until(pilot, lambda: quote_of(first.item.id) == right, "the note moved")
        await settle(app, pilot)
        moved = AnnotationStore(library).open(CLIFF).get(first.item.id)
        assert moved.state is not None
        assert moved.state.value == "ok"
        # Confirm the other fuzzy one.
        await app.action_notes("is:fuzzy")
        await settle(app, pilot)
        assert len(panel.notes) == 1
        other = panel.notes[0]
        panel.query_one(NoteList).focus()
        await pilot.press("c")

        def confirmed() -> bool:
            item = AnnotationStore(library).open(other.document.id).get(other.item.id)
            return item.state is not None and item.state.value == "ok"

        await wait_until(pilot, confirmed, "the note confirmed")
        await settle(app, pilot)
        # Delete the orphan.
        await app.action_notes("is:orphaned")
        await settle(app, pilot)
        (orphan,) = panel.notes
        panel.query_one(NoteList).focus()
        await pilot.press("d")

        def kept() -> set[str]:
            return {i.id for i in AnnotationStore(library).open(CLIFF).items()}

        await wait_until(pilot, lambda: orphan.item.id not in kept(), "the orphan deleted")
        await settle(app, pilot)


@pytest.mark.parametrize("clipboard", ["file", "osc52"])
async def test_copy_quote_with_citation_and_locator(
    library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clipboard: str
) -> None:
    monkeypatch.setenv("READER_CLIPBOARD", clipboard)
    text = library.load(CLIFF).text
    start = text.index("rotten compromise")
    app = create_app(library, open_id=CLIFF, at=start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.main.reading.active
        view.place_caret(start, select=True)
        await pilot.press(*"l" * (len("rotten compromise") - 1))
        assert view.selection == (start, start + len("rotten compromise"))
        await pilot.press("y")
        state = tmp_path / "state"
        await wait_until(pilot, lambda: any(state.rglob("quote.txt")), "the quote copied")
        quote = next(state.rglob("quote.txt")).read_text(encoding="utf-8")
        assert quote.startswith("“rotten compromise”\n— Tony Cliff (1990). “Trotsky and the")
        assert "16. Trotsky and the triumvirate › Trotsky procrastinates, ¶5." in quote
        assert f"reader://{CLIFF}?q=rotten%20compromise&s=2&p=5" in quote
        if clipboard == "osc52":
            assert app.clipboard == quote
        else:
            assert app.clipboard == ""
        await pilot.press("Y")
        await wait_until(pilot, lambda: any(state.rglob("locator.txt")), "the locator copied")
        locator = next((tmp_path / "state").rglob("locator.txt")).read_text(encoding="utf-8")
        assert locator.startswith(f'{CLIFF}#§2¶5"rotten compromise"\n')


async def test_links_are_jumps_and_backlinks_are_counted(library: Library) -> None:
    store = AnnotationStore(library)
    cliff = store.open(CLIFF)
    text = cliff.document.text
    a_quote, b_quote = "Kamenev was Zinoviev’s alter ego.", "rotten compromise"
    first = cliff.add_highlight(text.index(a_quote), text.index(a_quote) + len(a_quote))
    b_at = text.index(b_quote)
    cliff.add_highlight(b_at, b_at + len(b_quote), note=f"compare [[{first.id[:8]}]]")
    cliff.save()
    mcaloon = store.open(MCALOON)
    m_text = mcaloon.document.text
    m_at = m_text.index("Trotsky's isolation")
    mcaloon.add_highlight(m_at, m_at + 19, note=f"Cliff tells it: [[{CLIFF}]]")
    mcaloon.save()

    app = create_app(library, open_id=CLIFF, at=b_at)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        view = app.main.reading.active
        view.place_caret(b_at + 2)
        await pilot.press("L")
        target = text.index(a_quote)
        await wait_until(pilot, lambda: view.caret == target, "the link followed")
        # The caret is on a highlight another note links to: the view says so.
        await wait_until(
            pilot,
            lambda: any(n.message == "1 note links here (L lists them)" for n in app.notices),
            "the backlink said",
        )
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: view.top_offset <= b_at, "back where the link was")
        # The notes view counts the notes that link to an annotation.
        await app.action_notes(f"doc:{CLIFF}")
        await settle(app, pilot)
        listing = app.main.side.notes.query_one(NoteList)
        # Under the document's title, one entry per annotation.
        # (Entries are wrapped to the panel: compare their words.)
        prompts = [" ".join(str(listing.get_option_at_index(i).prompt).split()) for i in (1, 2)]
        assert "← 1 note links here" in prompts[0] and "links here" not in prompts[1]
        # A link to another document, and Ctrl+O back to where it was followed from.
        app.main.open_document(MCALOON, m_at)
        await settle(app, pilot)
        view = app.main.reading.active
        view.place_caret(m_at + 2)
        view.focus()
        await pilot.press("L")
        await wait_until(pilot, text_shown(app, CLIFF), "the linked document")
        await pilot.press("ctrl+o")

        def back_in_mcaloon() -> bool:
            document = app.main.reading.active.document
            return document is not None and document.id == MCALOON

        await wait_until(pilot, back_in_mcaloon, "Ctrl+O back to the other document")


async def test_reader_open_lands_on_the_quote(library: Library) -> None:
    from reader.core import locator as locators

    loc = locators.parse(f'{CLIFF}#"rotten compromise"')
    place = locators.resolve(loc, library.load(CLIFF))
    assert place is not None
    app = create_app(library, open_id=CLIFF, at=place.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "rotten compromise" in screen_text(app), "the quote")
