"""Notifications show text from documents, files and the keyboard literally: Rich markup
typed in a query or held in a file name is never read as markup."""

from __future__ import annotations

from app_support import SAMPLE_ID, add_sample, screen_text, text_shown, wait_until

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.find_prompt import FindPrompt


def drawn(app: ReaderApp) -> str:
    """The screen's text with each line's frame and padding stripped and lines joined,
    so a notification that wraps still reads as one string."""
    return " ".join(line.strip(" ▌▐│") for line in screen_text(app).splitlines())


async def test_find_of_markup_that_is_not_in_the_text_says_so_literally(
    library: Library,
) -> None:
    add_sample(library)  # the sample holds "/" (in "[/bold]") but never "[/]"
    app = create_app(library, open_id=SAMPLE_ID)
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        view = app.main.reading.active
        view.focus()
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, FindPrompt), "the find prompt")
        await pilot.press(*"[/]", "enter")
        await wait_until(
            pilot, lambda: "Not found: [/]" in [n.message for n in app.notices], "the notice"
        )
        await wait_until(pilot, lambda: "Not found: [/]" in drawn(app), "the notice drawn")


async def test_a_missing_document_named_with_markup_is_reported_literally(
    library: Library,
) -> None:
    app = create_app(library, open_id="[/]no-[bold]such")
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await wait_until(
            pilot, lambda: any("[/]no-[bold]such" in n.message for n in app.notices), "notice"
        )
        await wait_until(pilot, lambda: "[/]no-[bold]such" in drawn(app), "the notice drawn")
