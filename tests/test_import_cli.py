"""`reader import` end to end through `reader.cli.main`, with a library in tmp_path.

Bad input gives one line on stderr, a non-zero exit and nothing written; good input
gives a cleaned text with no control characters, the same bytes on every import, and a
report that says what was made.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document_parser import load_document
from reader.core.library import Library

CHAPTER = """\
Jane Roe

Studies in the Soviet Economy

4. The grain crisis

The harvest of 1927 was good, yet the state procurements fell short by the end of the year. [1]

Officials blamed the kulaks. One report to the central committee put it bluntly:

The peasant holds back his grain because he has nothing to buy with the money. [2]

The emergency measures

In January 1928 the politburo sent its members to the grain regions with sweeping powers.

1. Carr, Foundations, volume 1, page 44.

2. Report of the Siberian bureau, page 12.
"""


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the library (relative path -> bytes): what 'nothing written' means."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def run(library: Library, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library.root), "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "inbox" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def make_sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (a hole, made with truncate)."""
    path.parent.mkdir(exist_ok=True)
    subprocess.run(["truncate", "-s", str(size), str(path)], check=True)
    return path


# --- bad input: one line on stderr, non-zero exit, nothing written -------------------------

BAD_INPUTS = {
    "missing": (None, "no such file"),
    "empty folder": (None, "no documents to import"),
    "empty": (b"", "empty"),
    "white space only": (b" \n\n  \n", "only white space"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "utf-16 that is not": (b"\xff\xfe" + b"\x00\xd8" * 3, "byte order mark"),
    "only escape sequences": (b"\x1b[2J\x1b[31m\x1b]0;x\x07", "nothing readable"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_with_one_line_and_nothing_written(
    case: str, library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, expected = BAD_INPUTS[case]
    path = tmp_path / "inbox" / "input.txt"
    if case == "empty folder":
        path.mkdir(parents=True)
    elif data is not None:
        path = write(tmp_path, "input.txt", data)
    before = snapshot(library.root)
    code, out, err = run(library, capsys, str(path))
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("reader: ")
    assert expected in err
    assert "Traceback" not in err
    assert snapshot(library.root) == before


def test_a_200_mb_file_is_refused_before_it_is_read(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_sparse(tmp_path / "inbox" / "huge.txt", 200 * 2**20)
    before = snapshot(library.root)
    code, out, err = run(library, capsys, str(path))
    assert code != 0 and out == ""
    assert err.count("\n") == 1
    assert "200 MB" in err and "limit" in err
    assert snapshot(library.root) == before


def test_an_existing_id_needs_replace(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = library.ids()[0]
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    before = snapshot(library.root)
    code, out, err = run(library, capsys, str(path), "--id", existing)
    assert code != 0 and out == ""
    assert err.count("\n") == 1
    assert f"texts/{existing}.md already exists" in err and "--replace" in err
    assert snapshot(library.root) == before


def test_one_bad_file_among_several_never_stops_the_others(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "chapter.txt", CHAPTER.encode())
    bad = write(tmp_path, "empty.txt", b"")
    before = set(library.ids())
    code, out, err = run(library, capsys, str(bad), str(good))
    assert code == 1
    assert err.count("\n") == 1 and "empty.txt: the file is empty" in err
    assert out.splitlines()[-1] == "imported 1, skipped 0, failed 1"
    (new,) = set(library.ids()) - before
    assert f"chapter.txt -> texts/{new}.md (plain: " in out
    assert "grain" in library.text_path(new).read_text(encoding="utf-8")


def test_an_invalid_id_is_refused(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    before = snapshot(library.root)
    code, _, err = run(library, capsys, str(path), "--id", "../escape")
    assert code != 0 and err.count("\n") == 1 and "invalid document id" in err
    assert snapshot(library.root) == before
    assert not (library.root.parent / "escape.md").exists()


def test_a_file_name_with_escape_sequences_is_reported_harmlessly(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inbox" / "evil\x1b[2J\x1b]0;pwned\x07\nname.txt"  # does not exist
    code, _, err = run(library, capsys, str(path))
    assert code != 0
    assert err.count("\n") == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "no such file" in err


# --- good input ------------------------------------------------------------------------------


def test_import_writes_a_clean_text_and_reports_it(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    code, out, err = run(empty_library, capsys, str(path), "--date", "1994")
    assert code == 0 and err == ""
    doc_id = "roe-1994-the-grain-crisis"
    assert empty_library.ids() == [doc_id]
    first = out.splitlines()[0]
    assert first == f"chapter.txt -> texts/{doc_id}.md  (kind: plain)"
    assert re.search(r"^  \d+ blocks: .*2 heading.*2 note.*1 quote", out, re.M)
    assert "  2 headings, 2 notes, 2 note markers," in out
    doc = empty_library.load(doc_id)
    assert doc.author == "Jane Roe" and doc.title == "The grain crisis" and doc.date == "1994"
    assert [h.text for h in doc.headings] == ["4. The grain crisis", "The emergency measures"]
    assert set(doc.notes) == {"1", "2"}
    # No temp files are left beside the text.
    assert sorted(p.name for p in empty_library.texts_dir.iterdir()) == [f"{doc_id}.md"]


def test_control_characters_and_escape_sequences_never_reach_texts(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nasty = (
        "A \x1b[31mred\x1b[0m title\r\n\r\n"
        "The \x1b]0;owned\x07text goes on\x07 with a bell, a \x1b[2Jclear-screen,\x08 a "
        "backspace, a C1 \x9b31m control and \u202ereversed\u202c text, until it ends.\r\n\r\n"
        "\x1bPq#0;2;0;0;0\x1b\\A sixel string and a lone \x1b escape end the text here now."
    )
    path = write(tmp_path, "nasty.txt", nasty.encode())
    code, out, _ = run(empty_library, capsys, str(path), "--author", "Ann \x1b[5mBlink\x1b[0m")
    assert code == 0
    (written,) = empty_library.texts_dir.glob("*.md")
    text = written.read_text(encoding="utf-8")
    controls = {ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"}
    assert controls == set()
    assert "\u202e" not in text and "\r" not in text
    assert "[31m" not in text and "owned" not in text and "[2J" not in text
    doc = load_document(written)
    assert doc.author == "Ann Blink"
    assert "red title" in doc.title
    assert "clear-screen, a backspace" in doc.text
    assert "\x1b" not in out


def test_reimport_is_byte_identical(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    assert run(empty_library, capsys, str(path))[0] == 0
    (written,) = empty_library.texts_dir.glob("*.md")
    first = written.read_bytes()
    assert run(empty_library, capsys, str(path), "--replace")[0] == 0
    assert written.read_bytes() == first
    # Re-importing the cleaned text itself (kind markdown) changes nothing either.
    copy = write(tmp_path, written.name, first)
    code, out, _ = run(empty_library, capsys, str(copy), "--replace")
    assert code == 0 and "(kind: markdown)" in out
    assert written.read_bytes() == first
    assert [p.name for p in empty_library.texts_dir.iterdir()] == [written.name]


def test_crlf_and_bom_give_the_same_text(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unix = write(tmp_path, "chapter.txt", CHAPTER.encode())
    assert run(empty_library, capsys, str(unix), "--id", "unix")[0] == 0
    dos = write(tmp_path, "chapter.txt", b"\xef\xbb\xbf" + CHAPTER.replace("\n", "\r\n").encode())
    assert run(empty_library, capsys, str(dos), "--id", "dos")[0] == 0

    def body(doc_id: str) -> str:
        return empty_library.text_path(doc_id).read_text(encoding="utf-8").split("\n+++\n")[1]

    assert body("unix") == body("dos")


def test_dry_run_writes_nothing(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    before = snapshot(empty_library.root)
    code, out, err = run(empty_library, capsys, str(path), "--dry-run")
    assert code == 0 and err == ""
    assert "(kind: plain)" in out and "(dry run: nothing written)" in out
    assert snapshot(empty_library.root) == before
    assert sorted(os.listdir(empty_library.texts_dir)) == []


def test_an_existing_file_name_with_escape_sequences_is_reported_harmlessly(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "evil\x1b[2J\x07name.txt", CHAPTER.encode())
    code, out, err = run(empty_library, capsys, str(path))
    assert code == 0 and err == ""
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b[2J\\x07name.txt -> texts/" in out


def test_a_name_too_long_to_exist_is_an_error_not_a_traceback(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(library.root)
    code, _, err = run(library, capsys, str(tmp_path / ("a" * 300)))
    assert code != 0 and err.count("\n") == 1 and "cannot read" in err
    assert snapshot(library.root) == before


def test_an_input_whose_sidecar_name_would_be_too_long_still_imports(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "b" * 250, CHAPTER.encode())  # + ".meta.toml" is over 255
    code, _, err = run(empty_library, capsys, str(path))
    assert code == 0 and err == ""
    assert len(empty_library.ids()) == 1


def test_a_broken_sidecar_is_reported_with_its_line(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    write(tmp_path, "chapter.txt.meta.toml", b'id = "x"\ntitle = [1\n')
    before = snapshot(library.root)
    code, _, err = run(library, capsys, str(path))
    assert code != 0 and err.count("\n") == 1
    assert "chapter.txt.meta.toml:" in err and "invalid TOML" in err
    assert snapshot(library.root) == before


def test_a_folder_in_the_way_of_the_text_is_an_error(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "chapter.txt", CHAPTER.encode())
    (empty_library.texts_dir / "blocked.md").mkdir()
    code, _, err = run(empty_library, capsys, str(path), "--id", "blocked", "--replace")
    assert code != 0 and err.count("\n") == 1 and "cannot write" in err
    assert [p.name for p in empty_library.texts_dir.iterdir()] == ["blocked.md"]
