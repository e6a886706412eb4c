"""An exception inside a handler ends in a crash report and one line, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import wait_until

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app


async def test_a_bug_in_a_handler_saves_a_crash_report(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_help(self: ReaderApp) -> None:
        raise ZeroDivisionError("the help went wrong")

    monkeypatch.setattr(ReaderApp, "action_help", broken_help)
    app = create_app(library)
    async with app.run_test(size=(80, 24)):
        await app.workers.wait_for_complete()
        # As F1 would, but without waiting for a screen that the crash has closed.
        app.call_later(app.run_action, "help")
    # The app ended itself with the crash status and no exception for the caller.
    assert app.return_code == 70
    report = app.crash_report
    assert report is not None and report.parent == app.folders.state
    text = report.read_text(encoding="utf-8")
    assert "ZeroDivisionError: the help went wrong" in text
    assert "Traceback" in text and "broken_help" in text


async def test_notifications_are_recorded_in_order(library: Library) -> None:
    app = create_app(library, open_id="no-such-text")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot, lambda: any("no-such-text" in n.message for n in app.notices), "the notice"
        )
        app.notify("second", markup=False)
        assert app.notices[-1].message == "second"
        assert any("no-such-text" in n.message for n in app.notices[:-1])
