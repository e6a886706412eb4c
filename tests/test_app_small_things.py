"""Small things a reader meets every day: a contents row always selected, focus after
hiding a pane, help that fits, documents found by id, the notes grouped by document,
and keys.toml conflicts reported."""

from __future__ import annotations

import os
import re
from pathlib import Path

from app_support import (
    SAMPLE_ID,
    add_sample,
    palette_choices,
    screen_text,
    shown_at_jump_row,
    type_in_palette,
    wait_until,
)
from textual.widgets import OptionList

from reader.core.annotations import AnnotationStore
from reader.core.keyconfig import DefaultKeys, parse_keys
from reader.core.library import Library
from reader.ui.app import all_bindings, create_app
from reader.ui.keymap import load_user_keys
from reader.ui.screens.help import HelpScreen, help_body, help_groups
from reader.ui.widgets.notes_panel import NotesPanel

PREFACED_ID = "prefaced"


def add_prefaced(library: Library) -> str:
    """A text whose first heading comes after a preface (as many books have)."""
    front = '+++\ntitle = "A prefaced text"\nauthor = "A. Tester"\ndate = "1920"\n'
    front += 'source = "tests"\nrights = "public domain"\nlanguage = "en"\n+++\n'
    body = ["A preface before any heading."] + [
        f"## Part {n}\n\n" + "\n\n".join(f"Paragraph {i} of part {n}." for i in range(30))
        for n in (1, 2)
    ]
    library.text_path(PREFACED_ID).write_text(front + "\n\n".join(body) + "\n", "utf-8")
    return PREFACED_ID


async def test_contents_has_a_selected_row_before_the_first_heading(library: Library) -> None:
    add_prefaced(library)
    app = create_app(library, open_id=PREFACED_ID)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("t")
        contents = app.main.side.contents
        await wait_until(pilot, lambda: contents.has_focus, "the contents focused")
        assert contents.highlighted == 0
        await pilot.press("down", "enter")
        view = app.main.reading.active
        second = library.load(PREFACED_ID).headings[1]
        # The heading is shown a third of the way down, as every jump's target is.
        await wait_until(pilot, lambda: shown_at_jump_row(view, second.start), "the jump")
        status = app.main.status
        await wait_until(pilot, lambda: "Part 2" in status.where_text, "the jump to Part 2")
        assert app.focused is view


async def test_hiding_the_side_panel_gives_the_keys_back(library: Library) -> None:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f2", "t")
        await wait_until(pilot, lambda: app.main.side.contents.has_focus, "contents focused")
        await pilot.press("f3")
        view = app.main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        top = view.top_offset
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: view.top_offset > top, "the text to scroll")


async def test_hiding_the_side_panel_with_no_text_focuses_the_library(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("t")
        await wait_until(pilot, lambda: app.main.side.display, "the side panel shown")
        await pilot.press("f3")
        table = app.main.library_pane.table
        await wait_until(pilot, lambda: table.has_focus, "the library focused")


def test_help_keeps_keys_and_text_in_their_columns() -> None:
    groups = help_groups(all_bindings(), {})
    width = 60
    lines = str(help_body(groups, width)).split("\n")
    titles = {title for title, entries in groups if entries}
    assert "Ctrl+S / Esc / Ctrl+E" in "\n".join(lines)
    for line in lines:
        assert len(line) <= width, line
        # Only group titles start at column 0: wrapped text and ids stay indented.
        assert not line or line.startswith("  ") or line in titles, line
    assert not any("Ctrl+Ein" in line for line in lines)


async def test_help_fits_80_columns(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await wait_until(pilot, lambda: "app.search" in screen_text(app), "help drawn")
        lines = screen_text(app).split("\n")
        # A wrapped line stays in the text's column: nothing at the box's left edge
        # but group titles (a binding id there is what wrapping to column 0 looked like).
        assert not [line for line in lines if re.match(r"^│ [a-z]+\.[a-z_]+", line)]
        assert any(re.match(r"^│ {5,}app\.", line) for line in lines)


async def test_open_beside_matches_document_ids(library: Library) -> None:
    add_sample(library)
    other = next(i for i in library.ids() if i != SAMPLE_ID)
    app = create_app(library, open_id=other)
    async with app.run_test(size=(180, 40)) as pilot:
        await app.workers.wait_for_complete()
        await type_in_palette(pilot, "V", "sample-mark")
        title = library.load(SAMPLE_ID).title
        await wait_until(
            pilot, lambda: any(title in c for c in palette_choices(app)), "the id matched"
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.main.reading.split, "the second view")
        second = app.main.reading.views[1].document
        assert second is not None and second.id == SAMPLE_ID


async def test_notes_are_grouped_under_one_title_with_hanging_indent(library: Library) -> None:
    add_sample(library)
    annotations = AnnotationStore(library).open(SAMPLE_ID)
    text = annotations.document.text
    for n in (3, 4, 5):
        quote = f"Paragraph {n} of the second section"
        start = text.index(quote)
        long_note = "a note long enough to wrap " * 6
        annotations.add_highlight(start, start + len(quote), long_note.strip(), (), "yellow")
    annotations.save()
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f4")
        panel = app.main.query_one(NotesPanel)
        await wait_until(pilot, lambda: len(panel.notes) == 3, "the notes listed")
        await wait_until(pilot, lambda: "a note long" in screen_text(app), "the notes drawn")
        title = library.load(SAMPLE_ID).title
        listing = panel.query_one("#notes-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert sum(title in p for p in prompts) == 1
        width = listing.scrollable_content_region.width
        for prompt in prompts[1:]:
            for line in prompt.split("\n"):
                assert line.startswith("  ") and len(line) <= width, line
        assert listing.highlighted == 1  # the first annotation, not the title


def test_keys_that_clash_are_reported_with_line_and_column(tmp_path: Path) -> None:
    defaults = {
        "view.down": DefaultKeys("Reading view", ("j", "down")),
        "view.up": DefaultKeys("Reading view", ("k", "up")),
        "caret.up": DefaultKeys("Reading view", ("k", "up")),
        "library.down": DefaultKeys("Library", ("j",)),
    }
    text = '[keys]\n  "view.down" = "k"\n'
    config = parse_keys(text, tmp_path / "keys.toml", set(defaults), defaults)
    assert config.keymap == {}
    [problem] = config.problems
    assert (problem.line, problem.column) == (2, 3)
    assert "'k' (view.up)" in str(problem)
    # Moving the other binding too is no clash; nor is a key of another pane.
    text = '[keys]\n"view.down" = "k"\n"view.up" = "j"\n"caret.up" = "up"\n'
    config = parse_keys(text, tmp_path / "keys.toml", set(defaults), defaults)
    assert config.problems == []
    assert config.keymap["view.down"] == "k"


def test_the_app_reports_a_clash_in_keys_toml() -> None:
    folder = Path(os.environ["READER_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.toml").write_text('[keys]\n"view.down" = "k"\n', encoding="utf-8")
    config = load_user_keys(folder, all_bindings)
    assert "view.down" not in config.keymap
    assert [(p.line, p.column) for p in config.problems] == [(2, 1)]
    assert "view.up" in str(config.problems[0])
