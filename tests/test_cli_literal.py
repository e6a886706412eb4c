"""Library text printed by the CLI is shown literally: escape sequences in a title,
text, note or tag never reach the terminal raw, and Rich markup is never obeyed."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.core.document import PARAGRAPH
from reader.core.library import Library
from reader.core.markdown import MdBlock, render_text

HOSTILE = "\x1b[31mred\x1b[0m \x1b]0;x\x07\x1b[2J [bold]x[/bold]"


@pytest.fixture
def hostile(empty_library: Library) -> Library:
    """A library whose texts carry escape sequences and markup in their title and body,
    with one highlight whose note and tag carry them too."""
    meta = {"id": "hostile", "title": f"Title {HOSTILE}", "author": "Ann", "date": "1923"}
    body = f"Lenin spoke of Rabkrin. {HOSTILE} Lenin again."
    text = render_text(meta, [MdBlock(PARAGRAPH, body)])
    empty_library.text_path("hostile").write_text(text, encoding="utf-8")
    # The annotated text has a plain title: the title also goes into a comment of the
    # annotations file, which TOML does not allow to hold control characters.
    meta = {"id": "noted", "title": "Noted [bold]x[/bold]", "author": "Ann", "date": "1923"}
    text = render_text(meta, [MdBlock(PARAGRAPH, body)])
    empty_library.text_path("noted").write_text(text, encoding="utf-8")
    code = main(
        [
            "--library",
            str(empty_library.root),
            "notes",
            "add",
            "noted",
            "--quote",
            "Lenin spoke",
            "--note",
            f"note {HOSTILE}",
            "--tag",
            "\x1b]0;x\x07[bold]x[/bold]",
        ]
    )
    assert code == 0
    return empty_library


def run(library: Library, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    main(["--library", str(library.root), *args])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("search", "lenin"),
        ("notes", "list"),
        ("notes", "export", "--format", "markdown"),
    ],
)
def test_plain_output_shows_escapes_and_markup_literally(
    hostile: Library, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    out = run(hostile, capsys, *args)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "[bold]x[/bold]" in out
    assert "\\x1b[31m" in out or "\\x1b]0;x\\x07" in out


def test_coloured_search_output_passes_no_raw_escape_from_the_text(
    hostile: Library, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run(hostile, capsys, "search", "lenin")
    assert "\x1b[" in out  # Rich styles the output
    assert "\x1b]0;" not in out
    assert "\x07" not in out
    assert "\x1b[2J" not in out
    assert "\x1b[31m" not in out
    assert "\\x1b[31mred" in out
    assert "[bold]x[/bold]" in out


def test_json_output_keeps_the_exact_text(
    hostile: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    rows = json.loads(run(hostile, capsys, "list", "--json"))
    assert rows[0]["title"] == f"Title {HOSTILE}"
