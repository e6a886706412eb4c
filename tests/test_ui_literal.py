"""Notifications show text from documents, files and the keyboard literally: Rich markup
typed in a query or held in a file name is never read as markup."""

from __future__ import annotations

from app_support import SAMPLE_ID, add_sample
from textual.widgets._toast import Toast

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app


def toasts(app: ReaderApp) -> list[str]:
    """The text of every notification on screen, as it is drawn."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def test_find_of_markup_that_is_not_in_the_text_says_so_literally(
    library: Library,
) -> None:
    add_sample(library)  # the sample holds "/" (in "[/bold]") but never "[/]"
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.main.reading.active
        assert view.document is not None and view.document.id == SAMPLE_ID
        view.focus()
        await pilot.press("slash", *"[/]", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert "Not found: [/]" in [n.message for n in app._notifications]
        assert any("Not found: [/]" in text for text in toasts(app))


async def test_a_missing_document_named_with_markup_is_reported_literally(
    library: Library,
) -> None:
    app = create_app(library, open_id="[/]no-[bold]such")
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert any("[/]no-[bold]such" in n.message for n in app._notifications)
        assert any("[/]no-[bold]such" in text for text in toasts(app))
