"""The user's preferences shared by all libraries (theme, column width): one file in the
user's state folder, read and written with the remembered layout's care."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.paths import Folders
from reader.core.preferences import FILE_NAME, combined, load_preferences, save_choices
from reader.core.remembered_layout import FILE_NAME as LAYOUT
from reader.core.remembered_layout import MAX_BYTES, LayoutChoices, RememberedLayout

THEMES = ("textual-dark", "nord", "gruvbox")


def on_disk(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_two_libraries_share_one_user_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    first = Folders.for_library(tmp_path / "one")
    second = Folders.for_library(tmp_path / "two")
    assert first.state != second.state
    assert first.user_state == second.user_state == tmp_path / "state"
    assert first.state.parent == first.user_state


def test_theme_and_column_go_to_the_shared_file_the_rest_to_the_library(
    tmp_path: Path,
) -> None:
    user, library_state = tmp_path / "state", tmp_path / "state" / "one-abc"
    preferences = load_preferences(user, THEMES)
    layout = RememberedLayout.in_folder(library_state, THEMES)
    choices = LayoutChoices(column_width=90, theme="nord", library_width=40, document="a-b")
    assert save_choices(preferences, layout, choices)
    assert on_disk(user / FILE_NAME) == {"version": 1, "column_width": 90, "theme": "nord"}
    assert on_disk(library_state / LAYOUT) == {
        "version": 1,
        "library_width": 40,
        "document": "a-b",
    }
    other_library = RememberedLayout.in_folder(user / "two-def", THEMES)
    shared = load_preferences(user, THEMES)
    assert combined(shared.choices, other_library.choices) == LayoutChoices(
        column_width=90, theme="nord"
    )


def test_an_old_library_theme_is_used_only_where_the_shared_file_has_none(
    tmp_path: Path,
) -> None:
    state = tmp_path / "lib"
    state.mkdir()
    (state / LAYOUT).write_text('{"theme": "gruvbox", "column_width": 70}', encoding="utf-8")
    layout = RememberedLayout.in_folder(state, THEMES)
    preferences = load_preferences(tmp_path, THEMES)
    assert combined(preferences.choices, layout.choices) == LayoutChoices(
        theme="gruvbox", column_width=70
    )
    # The column width is changed now: it goes to the shared file; the old values stay.
    choices = LayoutChoices(theme=None, column_width=100, side_width=30)
    assert save_choices(preferences, layout, choices)
    assert on_disk(tmp_path / FILE_NAME) == {"version": 1, "column_width": 100}
    assert on_disk(state / LAYOUT) == {
        "version": 1,
        "column_width": 70,
        "theme": "gruvbox",
        "side_width": 30,
    }
    assert combined(preferences.choices, layout.choices) == LayoutChoices(
        theme="gruvbox", column_width=100, side_width=30
    )


def test_the_shared_file_keeps_only_the_users_own_values(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(
        '{"theme": "nord", "document": "a-b", "library_width": 50}', encoding="utf-8"
    )
    preferences = load_preferences(tmp_path, THEMES)
    assert preferences.choices == LayoutChoices(theme="nord")
    assert preferences.problem is None
    assert not preferences.save(LayoutChoices(theme="nord", document="c-d", side_width=30))
    assert preferences.save(LayoutChoices(theme="gruvbox", document="c-d"))
    assert on_disk(tmp_path / FILE_NAME) == {"version": 1, "theme": "gruvbox"}


def test_two_running_apps_keep_each_others_choice(tmp_path: Path) -> None:
    first = load_preferences(tmp_path, THEMES)
    second = load_preferences(tmp_path, THEMES)
    assert first.save(LayoutChoices(theme="nord"))
    assert second.save(LayoutChoices(column_width=60))
    assert load_preferences(tmp_path, THEMES).choices == LayoutChoices(
        theme="nord", column_width=60
    )
    assert not (tmp_path / f".{FILE_NAME}.lock").is_dir()


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b'{"theme": "\\u001b[31mred", "column_width": 7}', "theme"),
        (b'{"column_width": 7, "theme": "nord"}', "column_width 7 is not a whole number"),
        (b"[1, 2]", "the preferences file does not hold an object"),
        (b"\xff\xfe{", "the preferences file is not UTF-8 text"),
        (b'{"theme": "nord"' + b" " * MAX_BYTES + b"}", "the preferences file is over 64 KB"),
    ],
)
def test_a_damaged_shared_file_is_said_and_set_aside(tmp_path: Path, raw: bytes, said: str) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(raw)
    preferences = load_preferences(tmp_path, THEMES)
    assert preferences.problem is not None and said in preferences.problem
    assert "\x1b" not in preferences.problem
    usable = preferences.choices
    assert usable.column_width is None
    aside = preferences.repair()
    assert aside == tmp_path / f"{FILE_NAME}.damaged-1"
    assert aside.read_bytes() == raw
    again = load_preferences(tmp_path, THEMES)
    assert again.problem is None
    assert again.choices == usable
