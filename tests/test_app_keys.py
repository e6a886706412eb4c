"""Keys remapped from keys.toml, a broken keys.toml, and the command palette."""

from __future__ import annotations

import os
from pathlib import Path

from app_support import palette_choices, text_shown, type_in_palette, wait_until

from reader.core.keyconfig import load_keys, parse_keys
from reader.core.library import Library
from reader.ui.app import create_app, known_ids
from reader.ui.widgets.library_pane import LibraryPane


def write_keys(text: str) -> Path:
    """Write keys.toml into the test's config folder (set by the autouse fixture)."""
    folder = Path(os.environ["READER_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_keys_file_maps_binding_ids_to_keys(tmp_path: Path) -> None:
    text = '[keys]\n"app.search" = "ctrl+f"\n"view.down" = ["j", "ctrl+n"]\n'
    config = parse_keys(text, tmp_path / "keys.toml", {"app.search", "view.down"})
    assert config.keymap == {"app.search": "ctrl+f", "view.down": "j,ctrl+n"}
    assert config.problems == []


def test_bad_entries_are_reported_with_their_line_and_keep_the_rest(tmp_path: Path) -> None:
    text = '[keys]\n"app.search" = "ctrl+f"\n"app.nope" = "x"\n"app.help" = 3\n'
    config = parse_keys(text, tmp_path / "keys.toml", {"app.search", "app.help"})
    assert config.keymap == {"app.search": "ctrl+f"}
    assert [(p.line, p.column) for p in config.problems] == [(3, 1), (4, 1)]
    assert "app.nope" in str(config.problems[0])


def test_a_syntax_error_keeps_every_default(tmp_path: Path) -> None:
    write_keys('[keys]\n"app.search" = "ctrl+f"\n"app.help" = \n')
    config = load_keys(Path(os.environ["READER_CONFIG_DIR"]), known_ids())
    assert config.keymap == {}
    assert len(config.problems) == 1 and config.problems[0].line == 3


async def test_remapped_keys_work_and_the_old_ones_do_not(library: Library) -> None:
    write_keys('[keys]\n"app.search" = "ctrl+f"\n"library.filter" = "f"\n')
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        pane = app.main.query_one(LibraryPane)
        await wait_until(pilot, lambda: pane.table.has_focus, "the library focused")
        await pilot.press("slash")
        await pilot.press("f")
        library_filter = pane.query_one("#library-filter")
        await wait_until(pilot, lambda: library_filter.has_focus, "the filter focused")
        # / no longer filters: the filter is empty (it would hold the slash otherwise).
        assert pane.filter_text == ""
        await pilot.press("escape", "ctrl+f")
        search_input = app.main.side.search.query_one("#search-input")
        await wait_until(pilot, lambda: search_input.has_focus, "the search field focused")


async def test_a_broken_keys_file_is_a_notification_with_line_and_column(
    library: Library,
) -> None:
    path = write_keys('[keys]\n"app.search" = "ctrl+f\n')
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(
            pilot, lambda: any(f"{path}:2:" in n.message for n in app.notices), "the notice"
        )
        await wait_until(pilot, lambda: app.main.library_pane.table.has_focus, "the library")
        await pilot.press("s")  # the default key still works
        search_input = app.main.side.search.query_one("#search-input")
        await wait_until(pilot, lambda: search_input.has_focus, "the search field focused")


async def test_palette_opens_a_document_by_title(library: Library) -> None:
    doc = library.documents()[-1]
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: app.main.library_pane.table.has_focus, "the library")
        await type_in_palette(pilot, "ctrl+p", f"Open: {doc.title}"[:24])
        await wait_until(
            pilot,
            lambda: any(doc.title[:12] in c for c in palette_choices(app)[:1]),
            "the document first among the palette's choices",
        )
        await pilot.press("enter")
        await wait_until(pilot, text_shown(app, doc.id), "the document open")


async def test_palette_runs_an_action_by_name(library: Library) -> None:
    app = create_app(library, open_id=library.ids()[0])
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, text_shown(app), "the text")
        # Whether the library shows beside an open text depends on the width: the
        # action flips it, whichever way it starts.
        shown = app.main.library_pane.display
        await type_in_palette(pilot, "ctrl+p", "show or hide the library")
        await wait_until(
            pilot,
            lambda: any("library" in c.lower() for c in palette_choices(app)[:1]),
            "the action first among the palette's choices",
        )
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.main.library_pane.display != shown, "the library toggled"
        )
