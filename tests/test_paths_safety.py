"""No id becomes a path outside the library; exports go only to regular files; bad bytes
in arguments and every OSError are one line; no lock file is left in the library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_support import wait_until

from reader.cli import main
from reader.core.errors import ReaderError
from reader.core.library import Library, check_id
from reader.ui.app import create_app

BAD_IDS = [
    "../../outside/victim",
    "../annotations/README",
    "annotations/README",
    "/etc/passwd",
    "..\\..\\victim",
    "a\x00b",
    "..",
    "x/../../y",
    "Caps",
    "nul",
    "con.txt",
    "evil\x1b]52;c;SGFja2Vk\x07",
]


@pytest.mark.parametrize("doc_id", BAD_IDS)
def test_the_one_check_refuses_every_id_that_is_not_one_file_name(doc_id: str) -> None:
    with pytest.raises(ReaderError):
        check_id(doc_id)
    with pytest.raises(ReaderError):
        Library(Path("/lib")).annotation_path(doc_id)


def commands_with_an_id(doc_id: str) -> list[list[str]]:
    return [
        ["notes", "add", doc_id, "--quote", "Lenin", "--note", "x"],
        ["notes", "list", "--doc", doc_id],
        ["notes", "export", "--doc", doc_id, "--format", "csv"],
        ["search", "Lenin", "--doc", doc_id],
        ["cite", doc_id],
    ]


@pytest.mark.parametrize("doc_id", ["../../outside/victim", "../annotations/README", "/tmp/x"])
def test_every_command_refuses_a_bad_id_in_one_line_and_writes_nothing(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str], doc_id: str
) -> None:
    before = sorted(p for p in tmp_path.rglob("*") if "cache" not in p.parts)
    for argv in commands_with_an_id(doc_id):
        code = main(["--library", str(library.root), *argv])
        _, err = capsys.readouterr()
        assert code != 0, argv
        assert err.count("\n") == 1 and "Traceback" not in err, (argv, err)
    after = sorted(p for p in tmp_path.rglob("*") if "cache" not in p.parts)
    assert after == before


async def test_the_app_refuses_a_bad_id_and_starts(library: Library) -> None:
    app = create_app(library, open_id="../../outside/victim")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_until(
            pilot,
            lambda: any("invalid document id" in n.message for n in app.notices),
            "the refusal",
        )
    assert not (library.root.parent.parent / "outside").exists()


@pytest.fixture
def noted(library: Library) -> Library:
    doc_id = library.ids()[0]
    argv = ["--library", str(library.root), "notes", "add", doc_id, "--quote", "Lenin"]
    assert main([*argv, "--note", "n"]) == 0
    return library


def export(library: Library, target: str) -> int:
    return main(
        ["--library", str(library.root), "notes", "export", "--format", "csv", "-o", target]
    )


def test_export_to_a_folder_a_missing_folder_or_proc_is_one_line(
    noted: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for target, says in [
        (str(tmp_path), "is a folder"),
        (str(tmp_path / "missing" / "x.csv"), "does not exist"),
        ("/proc/x.csv", "cannot write"),
        ("/proc/self/status", "cannot write"),
    ]:
        assert export(noted, target) != 0
        _, err = capsys.readouterr()
        assert err.count("\n") == 1 and says in err, (target, err)
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_export_to_a_read_only_folder_is_one_line(
    noted: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    capsys.readouterr()
    assert export(noted, str(folder / "x.csv")) != 0
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "cannot write" in err


def test_export_follows_a_link_and_never_replaces_it(
    noted: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert export(noted, str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Lenin" in real.read_text(encoding="utf-8")


def test_export_refuses_a_device_or_a_pipe_and_dash_is_stdout(
    noted: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "null-link"
    link.symlink_to("/dev/null")
    capsys.readouterr()
    for target in ("/dev/null", str(fifo), str(link)):
        assert export(noted, target) != 0
        _, err = capsys.readouterr()
        assert err.count("\n") == 1 and "not a regular file" in err
    assert fifo.exists() and not fifo.is_file() and link.is_symlink()
    assert Path("/dev/null").is_char_device()
    assert export(noted, "-") == 0
    out, _ = capsys.readouterr()
    assert "Lenin" in out


def test_bytes_that_are_not_utf8_in_an_argument_are_one_line(
    noted: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc_id = noted.ids()[0]
    bad = os.fsdecode(b"\xff\xfe")
    root = str(noted.root)
    for argv in (
        ["notes", "add", doc_id, "--quote", "Lenin", "--note", bad],
        ["notes", "add", doc_id, "--quote", "Lenin", f"--note={bad}"],
        ["import", "--title", bad, "missing.txt"],
        ["search", bad],
    ):
        capsys.readouterr()
        assert main(["--library", root, *argv]) == 2
        _, err = capsys.readouterr()
        assert err.count("\n") == 1 and "not valid UTF-8" in err and "\\udcff" in err


def test_no_lock_file_is_left_in_the_library(noted: Library) -> None:
    doc_id = noted.ids()[1]
    assert main(["--library", str(noted.root), "notes", "list", "--doc", doc_id]) == 0
    assert not [p for p in noted.root.rglob("*") if p.name.endswith(".lock")]
