"""Only what is cut off scrolls sideways: a wide table moves under h/l, prose never."""

from __future__ import annotations

from app_support import screen_text, wait_until

from reader.core.library import Library
from reader.ui.app import create_app

WIDE = "wide-table"
PROSE = "A paragraph of prose that wraps to the column and must never move sideways at all."
ROW = "| " + " | ".join(f"column {n:02d} value" for n in range(12)) + " |"


def add_wide(library: Library) -> None:
    body = f"# Figures\n\n{PROSE}\n\n```table\n{ROW}\n{ROW.replace('value', 'other')}\n```\n"
    front = '+++\ntitle = "Wide"\nauthor = "T"\ndate = "1923"\n+++\n'
    library.text_path(WIDE).write_text(front + "\n" + body, encoding="utf-8")


async def test_l_shifts_the_wide_table_and_leaves_the_prose(library: Library) -> None:
    add_wide(library)
    app = create_app(library, open_id=WIDE)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text")
        view.focus()
        await wait_until(pilot, lambda: "column 00 value" in screen_text(app), "the table")
        before = screen_text(app)
        table_line = next(line for line in before.splitlines() if "column 00 value" in line)
        assert table_line.rstrip(" │▐▌┃").endswith("›")  # it says it is cut
        prose_lines = [line for line in before.splitlines() if "paragraph of prose" in line]
        await pilot.press("l", "l")
        after = screen_text(app)
        assert "column 00 value" not in after  # the table moved...
        assert any("‹" in line and "column 01" in line for line in after.splitlines())
        assert prose_lines == [x for x in after.splitlines() if "paragraph of prose" in x]
        assert view.scroll_offset.x == 0  # ...and nothing else did
        await pilot.press("h", "h")
        await wait_until(pilot, lambda: "column 00 value" in screen_text(app), "back")


async def test_prose_alone_does_not_scroll_sideways(library: Library) -> None:
    doc = library.ids()[0]
    app = create_app(library, open_id=doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.document is not None, "the text")
        view.focus()
        region = view.region

        def text_pane() -> list[str]:
            lines = screen_text(app).splitlines()[region.y : region.bottom]
            return [line[region.x : region.right] for line in lines]

        before = text_pane()
        await pilot.press("l")
        assert view.sideways == 0 and view.scroll_offset.x == 0
        assert text_pane() == before
