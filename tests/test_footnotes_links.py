"""Footnotes in a popup over the text, and links: marked, their URL on the status line,
opened in the browser (patched here: no test opens a browser)."""

from __future__ import annotations

import webbrowser

import pytest
from app_support import SAMPLE_ID, add_sample, screen_text, text_shown, wait_until
from textual.widgets import Static

from reader.core.library import Library
from reader.ui.app import create_app
from reader.ui.screens.footnote import FootnoteScreen

LINKED_ID = "linked"
SITE = "https://www.marxists.org/archive/trotsky/"


def add_linked(library: Library) -> str:
    """A short text with a web link and a link no browser should be handed."""
    front = '+++\ntitle = "A linked text"\nauthor = "A. Tester"\ndate = "1930"\n'
    front += 'source = "tests"\nrights = "public domain"\nlanguage = "en"\n+++\n'
    body = (
        "# Links\n\n"
        f"Read [the archive]({SITE}) for more.\n\n"
        "A [script](javascript:alert(1)) that must stay inert.\n"
    )
    library.text_path(LINKED_ID).write_text(front + body, encoding="utf-8")
    return LINKED_ID


async def test_a_footnote_opens_in_a_popup_and_the_text_stays(library: Library) -> None:
    add_sample(library)
    document = library.load(SAMPLE_ID)
    marker = document.markers[0]
    app = create_app(library, open_id=SAMPLE_ID, at=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        view = app.main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        top = view.top_offset
        await pilot.press("f", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")
        shown = str(app.screen.query_one("#footnote-text", Static).visual)
        assert "The note, with [dim]markup[/dim] too." in shown
        assert "Note 1" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main, "the popup closed")
        assert view.top_offset == top
        await pilot.press("f", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FootnoteScreen), "the popup")
        await pilot.press("enter")  # go to the note in the text
        note = document.marker_definition(marker)
        assert note is not None
        await wait_until(pilot, lambda: view.top_offset > top, "the jump to the note")
        assert view.highlights("current") == [(note.start, note.end)]


async def test_a_link_shows_its_url_and_opens_in_the_browser(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    add_linked(library)
    document = library.load(LINKED_ID)
    assert document.link_at(document.text.index("the archive")) == SITE
    app = create_app(library, open_id=LINKED_ID)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, text_shown(app, LINKED_ID), "the text")
        view = app.main.reading.active
        view.place_caret(document.text.index("archive"))
        status = app.main.status
        await wait_until(pilot, lambda: status.link_text == SITE, "the URL on the status line")
        assert SITE in screen_text(app)
        await pilot.press("O")
        await wait_until(pilot, lambda: opened == [SITE], "the browser asked")
        view.place_caret(document.text.index("for more"))
        await wait_until(pilot, lambda: status.link_text == "", "the URL gone")
        view.place_caret(document.text.index("script"))
        await pilot.press("O")
        await wait_until(
            pilot,
            lambda: any("not opened" in n.message for n in app.notices),
            "the refusal",
        )
        assert opened == [SITE]
