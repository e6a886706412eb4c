"""Layout that fits: the library makes room for the text, the status line keeps title,
section and percent at 80 columns."""

from __future__ import annotations

from app_support import SAMPLE_ID, add_sample, screen_text, text_shown, wait_until

from reader.core.library import Library
from reader.ui.app import create_app


async def library_shown_with_a_text(library: Library, width: int) -> bool:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(width, 40)) as pilot:
        await app.workers.wait_for_complete()
        await wait_until(pilot, text_shown(app), "the text open and laid out")
        return bool(app.main.library_pane.display)


async def test_the_library_hides_below_160_columns_when_a_text_opens(library: Library) -> None:
    assert not await library_shown_with_a_text(library, 150)
    assert await library_shown_with_a_text(library, 170)


async def test_status_line_keeps_title_section_and_percent_at_80(library: Library) -> None:
    add_sample(library)
    document = library.load(SAMPLE_ID)
    app = create_app(library, open_id=SAMPLE_ID, at=document.headings[2].start)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        status = app.main.status
        await wait_until(pilot, lambda: "Third section" in status.where_text, "the breadcrumb")
        percent = status.where_text.rsplit(" ", 1)[-1]

        def status_row() -> str:
            return screen_text(app).split("\n")[-2]  # the status line, above the footer

        await wait_until(pilot, lambda: status_row().rstrip().endswith(percent), "it drawn")
        row = status_row()
        assert row.lstrip().startswith("Sample") and "›" in row, row
