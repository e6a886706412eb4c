"""The one rule for what may reach a terminal, and its visible forms (app and CLI)."""

from __future__ import annotations

from hostile import payload

from reader.core.errors import printable
from reader.core.safetext import displayable, one_for_one
from reader.ui.display import safe, safe_text

HOSTILE = payload("X")


def test_the_app_shows_every_control_character_as_a_visible_symbol() -> None:
    shown = displayable(HOSTILE)
    assert shown.startswith("X<␛]52;c;SGFja2Vk␇␛]8;;https://evil.example/␛\\click")
    assert "\\x9b2J" in shown and "\\x9d52" in shown and "\\u202egnp.exe>X" in shown
    assert all(ch.isprintable() for ch in shown)


def test_the_command_line_shows_them_as_backslash_escapes() -> None:
    shown = printable(HOSTILE)
    assert shown.startswith("X<\\x1b]52;c;SGFja2Vk\\x07\\x1b]8;;")
    assert all(ch.isprintable() for ch in shown)


def test_new_lines_are_kept_only_when_asked_and_spaces_stay_spaces() -> None:
    assert displayable("a\nb\x1b") == "a␊b␛"
    assert displayable("a\r\nb\x1b", newlines=True) == "a\nb␛"
    assert displayable("1\u00a0000 \u2003x") == "1 000  x"


def test_the_reading_view_form_keeps_every_offset() -> None:
    text = "ab\x1b[2J\x9b\u202e\tz"
    shown = one_for_one(text)
    assert len(shown) == len(text)
    assert shown == "ab␛[2J\ufffd\ufffd z"


def test_widgets_get_literal_content_never_markup() -> None:
    assert safe("[bold]x[/bold]\x1b").plain == "[bold]x[/bold]␛"
    assert safe_text("[link=x]y[/link]\x07").plain == "[link=x]y[/link]␇"
