"""Importing from the app: "Import a file or URL…" in the palette, in a worker.

The command asks for a path, imports in the background and the new text is in the
library pane (and opened) without a restart; a bad file is one notification and nothing
in the library changes.
"""

from __future__ import annotations

from pathlib import Path

from app_support import palette_choices, wait_until
from epub_books import calibre_book
from textual.pilot import Pilot

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app

SIZE = (120, 40)


async def _import(app: ReaderApp, pilot: Pilot[int], path: Path) -> None:
    await pilot.press("ctrl+p", *"Import a file")
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
        await app.workers.wait_for_complete()
        await pilot.pause()
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
        await app.workers.wait_for_complete()
        await pilot.pause()
        await _import(app, pilot, bad)
        await wait_until(
            pilot,
            lambda: any("failed 1" in n.message for n in app.notices),
            "the failure notified",
        )
        (notice,) = [n for n in app.notices if "failed 1" in n.message]
        assert "broken.epub" in notice.message and "damaged or truncated" in notice.message
    assert empty_library.ids() == []
