"""Hostile TOML: nesting thousands deep in every kind of TOML file the program reads is a
malformed file like any other (path:line:column, that file reported, the rest
working), and a UTF-8 byte-order mark is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import screen_text, wait_until

from reader.cli import main
from reader.core import tomlfile
from reader.core.errors import FileFormatError
from reader.core.keyconfig import parse_keys
from reader.core.library import Library
from reader.ui.app import create_app

DEEP_ARRAY = "x = " + "[" * 5000 + "]" * 5000
DEEP_TABLE = "x = " + "{y = " * 5000 + "1" + "}" * 5000
BOM = "\ufeff"
GOOD = '+++\ntitle = "A good text"\nauthor = "Ann"\n+++\nLenin spoke of Rabkrin.\n'


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_TABLE])
def test_nesting_thousands_deep_is_a_syntax_error_with_its_place(deep: str) -> None:
    with pytest.raises(FileFormatError) as caught:
        tomlfile.loads("a = 1\n" + deep, "f.toml")
    assert str(caught.value).startswith("f.toml:2:")
    assert "nested more than 100 levels deep" in str(caught.value)


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    text = 'a = "' + "[" * 300 + '" # ' + "{" * 300 + "\nb = " + "[" * 2000
    with pytest.raises(FileFormatError) as caught:
        tomlfile.loads(text, "f.toml")
    assert str(caught.value).startswith("f.toml:2:")


def deep_text_library(library: Library) -> Library:
    library.text_path("good").write_text(GOOD, encoding="utf-8")
    deep = f'+++\ntitle = "Deep"\n{DEEP_ARRAY}\n+++\nText.\n'
    library.text_path("deep").write_text(deep, encoding="utf-8")
    return library


def test_a_text_with_deep_front_matter_is_reported_and_the_others_listed(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    deep_text_library(empty_library)
    main(["--library", str(empty_library.root), "list"])
    out, err = capsys.readouterr()
    assert "A good text" in out
    assert "deep.md:3:" in err and "Traceback" not in err


async def test_the_app_starts_on_a_deep_text_and_shows_the_others(
    empty_library: Library,
) -> None:
    deep_text_library(empty_library)
    app = create_app(empty_library, open_id="deep")
    async with app.run_test(size=(120, 35), notifications=True) as pilot:
        await wait_until(pilot, lambda: "A good text" in screen_text(app), "the good text listed")
        await wait_until(
            pilot,
            lambda: any("deep.md:3:" in n.message for n in app._notifications),
            "the deep text reported",
        )


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_TABLE])
def test_a_deep_annotations_file_is_one_line_and_read_only(
    empty_library: Library, capsys: pytest.CaptureFixture[str], deep: str
) -> None:
    empty_library.text_path("good").write_text(GOOD, encoding="utf-8")
    path = empty_library.annotations_dir / "good.toml"
    path.write_text(f'schema = 1\ndocument = "good"\n{deep}\n', encoding="utf-8")
    before = path.read_bytes()
    root = str(empty_library.root)
    code = main(["--library", root, "notes", "add", "good", "--quote", "Lenin", "--note", "n"])
    _, err = capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1 and "good.toml:3:" in err
    assert path.read_bytes() == before


def test_a_deep_glossary_is_a_warning_and_search_still_answers(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    (library.root / "glossary.toml").write_text(DEEP_TABLE, encoding="utf-8")
    code = main(["--library", str(library.root), "search", "Rabkrin"])
    out, err = capsys.readouterr()
    assert code == 0 and "Rabkrin" in out
    assert "glossary.toml:1:" in err and "Traceback" not in err


def test_a_deep_sidecar_refuses_the_import_in_one_line(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "speech.txt"
    source.write_text("Comrades.\n\nLenin spoke of Rabkrin.\n", encoding="utf-8")
    (tmp_path / "speech.txt.meta.toml").write_text(DEEP_ARRAY, encoding="utf-8")
    code = main(["--library", str(empty_library.root), "import", str(source)])
    _, err = capsys.readouterr()
    assert code != 0
    assert "speech.txt.meta.toml:1:" in err and err.count("\n") == 1
    assert not list(empty_library.texts_dir.iterdir())


def test_a_deep_keys_file_keeps_the_default_keys(tmp_path: Path) -> None:
    config = parse_keys(DEEP_ARRAY, tmp_path / "keys.toml", {"app.search"})
    assert [str(p).split(": ", 1)[0] for p in config.problems] == [f"{tmp_path}/keys.toml:1:105"]
    assert not config.keymap


def test_a_byte_order_mark_is_accepted_in_annotations_glossary_and_texts(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(library.root)
    assert main(["--library", root, "notes", "add", "bom", "--note", "x"]) != 0
    library.text_path("bom").write_text(BOM + GOOD, encoding="utf-8")
    (library.root / "glossary.toml").write_text(
        BOM + '[[term]]\nvariants = ["Rabkrin", "RKI"]\n', encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--library", root, "notes", "add", "bom", "--quote", "Lenin", "--note", "n"]) == 0
    path = library.annotations_dir / "bom.toml"
    path.write_text(BOM + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--library", root, "notes", "list", "--doc", "bom"]) == 0
    assert main(["--library", root, "search", "RKI"]) == 0
    out, err = capsys.readouterr()
    assert "A good text" in out and "Rabkrin" in out  # found through the glossary
    assert "warning" not in err and "malformed" not in err
