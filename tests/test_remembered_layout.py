"""The remembered layout file: what is read back, what is refused, what is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.remembered_layout import (
    FILE_NAME,
    MAX_BYTES,
    READABLE_TEXT,
    LayoutChoices,
    RememberedLayout,
    kept,
    library_fits,
)

THEMES = ("textual-dark", "nord", "gruvbox")


def write(folder: Path, data: object) -> Path:
    path = folder / FILE_NAME
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_missing_file_is_every_default_and_no_problem(tmp_path: Path) -> None:
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    assert layout.choices == LayoutChoices()
    assert layout.problem is None


def test_what_is_saved_is_read_back(tmp_path: Path) -> None:
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    choices = LayoutChoices(
        column_width=84,
        theme="nord",
        library_width=40,
        side_width=38,
        search_width=70,
        library_shown_narrow=True,
        side_shown_wide=False,
        document="lenin-1923",
        beside="cliff-1990",
    )
    assert layout.save(choices)
    again = RememberedLayout.in_folder(tmp_path, THEMES)
    assert again.choices == choices
    assert again.problem is None
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert "side_shown_narrow" not in data  # never set: not written, the default applies


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    assert not layout.save(LayoutChoices())
    assert not (tmp_path / FILE_NAME).exists()


def test_two_instances_keep_each_others_changes(tmp_path: Path) -> None:
    first = RememberedLayout.in_folder(tmp_path, THEMES)
    second = RememberedLayout.in_folder(tmp_path, THEMES)
    first.save(LayoutChoices(theme="nord"))
    second.save(LayoutChoices(column_width=60))
    assert RememberedLayout.in_folder(tmp_path, THEMES).choices == LayoutChoices(
        theme="nord", column_width=60
    )
    assert second.choices.theme == "nord"  # adopted what the other wrote


def test_a_value_set_back_to_none_is_removed(tmp_path: Path) -> None:
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    layout.save(LayoutChoices(document="a", beside="b"))
    layout.save(LayoutChoices(document="a"))
    assert RememberedLayout.in_folder(tmp_path).choices == LayoutChoices(document="a")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("column_width", 10_000),
        ("column_width", 5),
        ("column_width", "84"),
        ("column_width", True),
        ("column_width", 84.5),
        ("library_width", -3),
        ("search_width", [40]),
        ("library_shown_wide", "yes"),
        ("side_shown_narrow", 1),
        ("theme", "no-such-theme"),
        ("theme", "\x1b[31mred"),
        ("theme", 7),
        ("theme", "x" * 500),
        ("document", "../../etc/passwd"),
        ("document", "/etc/passwd"),
        ("beside", "CON"),
        ("beside", {"a": 1}),
    ],
)
def test_a_bad_value_is_dropped_and_said(tmp_path: Path, name: str, value: object) -> None:
    write(tmp_path, {"version": 1, name: value, "column_width_ok": 1, "side_width": 40})
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    assert getattr(layout.choices, name) is None
    assert layout.choices.side_width == 40  # the good value next to it is kept
    assert layout.problem is not None and name in layout.problem
    assert "\x1b" not in layout.problem
    assert len(layout.problem) < 300


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"[1, 2, 3]",
        b'"a string"',
        b"\xff\xfe\x00garbage",
        b"[" * 100_000,
        b'{"column_width": ' + b"9" * 10_000 + b"}",
        b'{"theme": "' + b"a" * (MAX_BYTES + 10) + b'"}',
    ],
)
def test_a_broken_file_is_every_default_with_a_problem(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / FILE_NAME).write_bytes(raw)
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    assert layout.choices == LayoutChoices()
    assert layout.problem is not None and FILE_NAME in layout.problem


def test_a_damaged_file_is_moved_aside_before_the_first_write(tmp_path: Path) -> None:
    raw = b'{"column_width": 9999, "theme": "nord"'
    (tmp_path / FILE_NAME).write_bytes(raw)
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    layout.save(LayoutChoices(column_width=60))
    assert (tmp_path / f"{FILE_NAME}.damaged-1").read_bytes() == raw
    assert RememberedLayout.in_folder(tmp_path, THEMES).choices == LayoutChoices(column_width=60)
    assert layout.problem is not None and "damaged-1" in layout.problem


def test_a_file_with_a_dropped_value_is_kept_aside_too(tmp_path: Path) -> None:
    path = write(tmp_path, {"theme": "a-theme-of-a-later-version", "column_width": 60})
    raw = path.read_bytes()
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    layout.save(LayoutChoices(column_width=64))
    assert (tmp_path / f"{FILE_NAME}.damaged-1").read_bytes() == raw


def test_unknown_keys_are_left_alone(tmp_path: Path) -> None:
    write(tmp_path, {"version": 2, "panel_height": 12, "theme": "nord"})
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    assert layout.choices == LayoutChoices(theme="nord")
    assert layout.problem is None


def test_shown_per_width_class() -> None:
    choices = LayoutChoices().with_shown("library", "narrow", True)
    assert choices.shown("library", "narrow") is True
    assert choices.shown("library", "wide") is None
    assert choices.with_shown("side", "wide", False).shown("side", "wide") is False
    with pytest.raises(ValueError):
        choices.with_shown("contents", "narrow", True)


def test_kept_remembers_only_a_change() -> None:
    assert kept(76, 76, None) is None  # the default, untouched: not written down
    assert kept(80, 76, None) == 80
    assert kept(84, 84, 84) == 84
    assert kept(76, 84, 84) == 76  # changed back to the default: written down


def test_the_library_fits_beside_a_text_at_120_not_at_80() -> None:
    assert library_fits(120, 36)
    assert not library_fits(80, 36)
    assert library_fits(36 + READABLE_TEXT, 36)
    assert not library_fits(36 + READABLE_TEXT - 1, 36)


def test_repair_keeps_the_bytes_and_writes_what_could_be_used(tmp_path: Path) -> None:
    path = write(tmp_path, {"theme": "\u001b]0;x\u0007", "column_width": 60})
    raw = path.read_bytes()
    layout = RememberedLayout.in_folder(tmp_path, THEMES)
    aside = layout.repair()
    assert aside == tmp_path / f"{FILE_NAME}.damaged-1"
    assert aside.read_bytes() == raw
    again = RememberedLayout.in_folder(tmp_path, THEMES)
    assert again.problem is None
    assert again.choices == LayoutChoices(column_width=60)
    assert again.repair() is None  # nothing to repair: nothing moved
    assert not (tmp_path / f"{FILE_NAME}.damaged-2").exists()
