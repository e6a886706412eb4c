"""Command-line conventions: where the library comes from, `reader init`, `--library`
anywhere, one-prefix errors, the exit-code policy, `reader list`'s table, completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import Library
from reader.core.paths import resolve_library


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_with_nothing_named_the_user_library_is_made_in_the_data_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = resolve_library(None, env={"READER_DATA_DIR": str(tmp_path / "data")}, cwd=elsewhere)
    assert root == (tmp_path / "data" / "library").resolve()
    assert (root / "texts").is_dir() and (root / "annotations").is_dir()
    assert not any((root / "texts").iterdir())


def test_a_library_in_the_working_folder_wins_over_the_user_library(tmp_path: Path) -> None:
    (tmp_path / "lib" / "texts").mkdir(parents=True)
    env = {"READER_DATA_DIR": str(tmp_path / "data")}
    assert resolve_library(None, env=env, cwd=tmp_path / "lib") == (tmp_path / "lib").resolve()
    assert not (tmp_path / "data").exists()


def test_an_installed_reader_lists_the_user_library_from_any_folder(tmp_path: Path) -> None:
    """As a user of an installed copy: `reader list` in a folder that is no library."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["READER_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"(no texts in {tmp_path / 'data' / 'library' / 'texts'})" in done.stdout


def test_init_makes_an_empty_library_and_says_how_to_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init", str(tmp_path / "research"))
    assert code == 0
    assert (tmp_path / "research" / "texts").is_dir()
    assert (tmp_path / "research" / "annotations").is_dir()
    assert "made an empty library" in out and "import FILE" in out
    code, out, _ = run(capsys, "init", str(tmp_path / "research"))
    assert code == 0 and "already a library" in out


def test_init_refuses_a_folder_that_holds_something_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "init", str(project))
    assert code == 1
    assert err.count("\n") == 1 and "not empty" in err
    assert sorted(p.name for p in project.iterdir()) == ["notes.txt"]


def test_library_is_accepted_after_the_command(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list", "--library", str(library.root))
    assert code == 0 and "cliff-1990-trotsky-and-the-triumvirate" in out
    code, out, _ = run(capsys, "notes", "list", "--library", str(library.root))
    assert code == 0


def test_an_error_names_the_program_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search")
    assert code == 2
    assert err.startswith("reader: search: ") and "reader: reader" not in err
    code, _, err = run(capsys, "--no-such-option")
    assert code == 2 and err.startswith("reader: ") and "reader: reader" not in err


def test_exit_status_policy(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    lib = ["--library", str(library.root)]
    assert run(capsys, *lib, "search", "Rabkrin")[0] == 0
    assert run(capsys, *lib, "search", "zzyzxqwv")[0] == 1  # nothing found
    assert run(capsys, *lib, "search", "title:")[0] == 2  # query not understood
    assert run(capsys, *lib, "search", "x", "--doc", "nope")[0] == 2  # option value
    assert run(capsys, *lib, "import", str(library.root / "missing.html"))[0] == 1  # nothing done


def test_list_aligns_every_column_under_a_header(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    long_id = "a-" + "very-long-identifier-" * 4 + "x"
    source = library.text_path("cliff-1990-trotsky-and-the-triumvirate").read_text("utf-8")
    library.text_path(long_id).write_text(
        source.replace('id = "cliff-1990-trotsky-and-the-triumvirate"', f'id = "{long_id}"'),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--library", str(library.root), "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "AUTHOR", "DATE", "CHARS", "TITLE"]
    assert len(lines) == 1 + len(library.ids())
    author_column = lines[0].index("AUTHOR")
    assert author_column > len(long_id)
    for line in lines[1:]:
        doc_id = line[:author_column].rstrip()
        assert library.has(doc_id)  # the whole id, alone in its column
        author = library.load(doc_id).author
        assert line[author_column:].startswith(author or " ")


@pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
def test_completion_covers_every_command(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for word in ("import", "search", "notes", "init"):
        assert word in out
    if shell != "tcsh":  # shtab's tcsh script completes commands, not options
        assert "--library" in out


def test_import_reads_standard_input(tmp_path: Path) -> None:
    """`reader import -` takes the document from a pipe, in any encoding."""
    root = tmp_path / "lib"
    (root / "texts").mkdir(parents=True)
    page = (
        "<html><head><meta charset='windows-1252'><title>R\u00e9gime notes</title></head>"
        "<body><h1>R\u00e9gime</h1><p>The r\u00e9gime of the Soviets, as seen in 1920.</p>"
        "</body></html>"
    ).encode("cp1252")
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["READER_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(root), "import", "-", "--id", "piped"],
        input=page,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = (root / "texts" / "piped.md").read_text(encoding="utf-8")
    assert "The régime of the Soviets, as seen in 1920." in text
    assert 'kind = "html"' in text
