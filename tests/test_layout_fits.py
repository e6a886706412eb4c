"""Layout that fits: the library makes room for the text, the status line keeps title,
section and percent at 80 columns, contents entries wrap, notifications hide nothing."""

from __future__ import annotations

import pytest
from app_support import SAMPLE_ID, add_sample, screen_text, text_shown, wait_until
from textual.geometry import Region
from textual.widgets import Footer

from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app


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
        # The index's progress shares the line until it is built: then the percent ends it.
        await wait_until(pilot, lambda: status.work_text == "", "the index built")
        percent = status.where_text.rsplit(" ", 1)[-1]

        def status_row() -> str:
            return screen_text(app).split("\n")[-2]  # the status line, above the footer

        await wait_until(pilot, lambda: status_row().rstrip().endswith(percent), "it drawn")
        row = status_row()
        assert row.lstrip().startswith("Sample") and "›" in row, row


IV = "iv-2017-lenin-trotsky-confronting-bureaucracy"
ALLIANCE = "alliance-trotsky-in-the-civil-war-1"


def region_lines(app: ReaderApp, region: Region) -> list[str]:
    """The screen's characters inside `region`, line by line."""
    rows = screen_text(app).split("\n")[region.y : region.bottom]
    return [row[region.x : region.right] for row in rows]


async def test_contents_entries_wrap_instead_of_being_cut(library: Library) -> None:
    document = library.load(IV)
    long = next(h for h in document.headings if h.text.startswith("4.2."))
    app = create_app(library, open_id=IV, at=long.start)
    async with app.run_test(size=(120, 40)) as pilot:
        contents = app.main.side.contents
        await wait_until(pilot, lambda: contents.option_count > 5, "the contents listed")
        await wait_until(pilot, lambda: "4.2." in screen_text(app), "the section listed")
        shown = " ".join(" ".join(region_lines(app, contents.region)).split())
        assert contents.region.width < len(long.text)  # the entry needs more than a line
        assert long.text in shown, shown
        assert "…" not in shown


async def test_status_line_keeps_a_long_title_section_and_percent_at_80(library: Library) -> None:
    document = library.load(ALLIANCE)
    long = max(document.headings, key=lambda h: len(h.text))
    app = create_app(library, open_id=ALLIANCE, at=long.start)
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.main.status
        await wait_until(pilot, lambda: long.text in status.where_text, "the breadcrumb")
        percent = status.where_text.rsplit(" ", 1)[-1]
        row = region_lines(app, status.region)[0]
        await wait_until(
            pilot, lambda: region_lines(app, status.region)[0].rstrip().endswith(percent), "it"
        )
        row = region_lines(app, status.region)[0].strip()
        title, section = row.rsplit(" ", 1)[0].split(" › ", 1)
        # Both are elided in the middle, keeping their start and end.
        assert title.startswith("Trotsky in") and title.endswith("Part One"), row
        assert section.split()[0] == long.text.split()[0], row
        assert section.rstrip().endswith(long.text.split()[-1]), row


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_notification_hides_neither_the_status_line_nor_the_footer(
    library: Library, size: tuple[int, int]
) -> None:
    app = create_app(library, open_id=ALLIANCE)
    async with app.run_test(size=size, notifications=True) as pilot:
        status = app.main.status
        await wait_until(pilot, lambda: "%" in status.where_text, "the breadcrumb")
        app.notify("A notification long enough to take two lines of its toast " * 2)
        await wait_until(pilot, lambda: bool(app.notices), "the notice recorded")
        await wait_until(
            pilot, lambda: any(t.region.area for t in app.screen.query("Toast")), "the toast shown"
        )
        footer = app.main.query_one(Footer)
        for toast in app.screen.query("Toast"):
            assert not toast.region.overlaps(status.region), (toast.region, status.region)
            assert not toast.region.overlaps(footer.region), (toast.region, footer.region)
            assert toast.region.bottom <= status.region.y
        assert status.where_text.rsplit(" ", 1)[-1] in region_lines(app, status.region)[0]
        # What lies around the toast still takes clicks.
        view = app.main.reading.active
        assert app.screen.get_widget_at(view.region.x + 2, view.region.y + 2)[0] is view
