"""SVG snapshots of the main screens at a fixed size, on a fixed one-text library.

Update after an intended change of look: `.venv/bin/pytest tests/test_snapshots.py
--snapshot-update`, then look at the report before keeping the new files.
"""

from __future__ import annotations

from typing import Any

import pytest
from app_support import SAMPLE_ID, add_sample

from reader.core.library import Library
from reader.ui.app import create_app

SIZE = (100, 30)


def test_library_screen(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library)

    async def settle(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_reading_a_search_hit(empty_library: Library, snap_compare: Any) -> None:
    add_sample(empty_library)
    app = create_app(empty_library, open_id=SAMPLE_ID, at=0)

    async def search_and_open(pilot: Any) -> None:
        await app.workers.wait_for_complete()
        await pilot.press("s", *"Inspection", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=search_and_open)


def test_help_screen(empty_library: Library, snap_compare: Any) -> None:
    app = create_app(empty_library)
    assert snap_compare(app, terminal_size=(100, 40), press=["f1"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
def test_search_results(library: Library, snap_compare: Any, size: tuple[int, int]) -> None:
    """The results of "Rabkrin" on the bundled library: whole sentences, counts, places."""
    app = create_app(library)

    async def search(pilot: Any) -> None:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("s", *"Rabkrin", "enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=search)


def test_concordance(library: Library, snap_compare: Any) -> None:
    """The concordance of "Rabkrin": one line per hit, the matches in one column."""
    app = create_app(library)

    async def concordance(pilot: Any) -> None:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("s", *"Rabkrin", "enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=concordance)
