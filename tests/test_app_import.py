"""Importing from the app: "Import a file or URL…" in the palette, in a worker.

The command asks for a path, imports in the background and the new text is in the
library pane (and opened) without a restart; a bad file is one notification and nothing
in the library changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from app_support import palette_choices, screen_text, type_in_palette, wait_until
from epub_books import calibre_book
from textual.pilot import Pilot

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app

SIZE = (120, 40)


def welcomed(app: ReaderApp) -> bool:
    """Whether the empty library's welcome is on the screen."""
    return "Your library is empty." in screen_text(app)


async def _import(app: ReaderApp, pilot: Pilot[int], path: Path | str) -> None:
    await type_in_palette(pilot, "ctrl+p", "Import a file")
    await wait_until(
        pilot,
        lambda: any("Import a file or URL" in c for c in palette_choices(app)[:1]),
        "the import command first in the palette",
    )
    await pilot.press("enter")
    await wait_until(pilot, lambda: type(app.screen).__name__ == "ImportPrompt", "the prompt")
    await pilot.press(*str(path), "enter")


async def test_the_palette_imports_a_book_and_the_library_shows_it(
    empty_library: Library, tmp_path: Path
) -> None:
    book = calibre_book(tmp_path / "sherlock.epub")
    app = create_app(empty_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: welcomed(app), "the empty library")
        assert app.main.library_pane.entries == []
        await _import(app, pilot, book)
        await wait_until(
            pilot,
            lambda: (
                [e.title for e in app.main.library_pane.entries]
                == ["The Adventures of Sherlock Holmes"]
            ),
            "the new book in the library pane",
        )
        await app.workers.wait_for_complete()
        await wait_until(
            pilot, lambda: app.main.reading.active.document is not None, "the book opened"
        )
        opened = app.main.reading.active.document
        assert opened is not None and opened.id == "doyle-1892-the-adventures-of-sherlock"
        assert app.main.status.work_text == ""
        assert any("imported 1, skipped 0, failed 0" in n.message for n in app.notices)
    assert empty_library.ids() == ["doyle-1892-the-adventures-of-sherlock"]


async def test_a_bad_file_is_one_notification_and_changes_nothing(
    empty_library: Library, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.epub"
    bad.write_bytes(b"PK\x03\x04" + bytes(60))
    app = create_app(empty_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: welcomed(app), "the empty library")
        await _import(app, pilot, bad)
        await wait_until(
            pilot,
            lambda: any("failed 1" in n.message for n in app.notices),
            "the failure notified",
        )
        (notice,) = [n for n in app.notices if "failed 1" in n.message]
        assert "broken.epub" in notice.message and "damaged or truncated" in notice.message
    assert empty_library.ids() == []


PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><title>On the Grain Question</title>"
    b"<meta name='author' content='Jane Roe'></head><body><nav><a href='/'>Home</a></nav>"
    b"<article><h1>On the Grain Question</h1><p>The harvest of 1927 was good, yet the state "
    b"procurements fell short by the end of the year.</p><p>Officials blamed the kulaks, "
    b"and the politburo sent its members to the grain regions.</p></article></body></html>"
)


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_url() -> Iterator[str]:
    """A web page served on 127.0.0.1 (no test reaches the internet)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/grain.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


async def test_the_palette_imports_a_web_page_by_its_address(
    empty_library: Library, page_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    app = create_app(empty_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: welcomed(app), "the empty library")
        await _import(app, pilot, page_url)
        await wait_until(
            pilot,
            lambda: [e.title for e in app.main.library_pane.entries] == ["On the Grain Question"],
            "the page in the library pane",
        )
    (doc,) = empty_library.documents()
    assert doc.meta["source"] == page_url
    assert "the politburo sent its members to the grain regions" in doc.text
