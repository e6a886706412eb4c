"""Around every import: kinds listed, detection by content, many files at once, the report.

Through `reader.cli.main` with a library in tmp_path: a batch imports every good file
and reports each bad one in one line, a final count says what happened, the exit status
says whether anything failed, and nothing is written for a file that failed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.clean import KINDS
from reader.core.clean.detect import detect_text_kind, sniff_file
from reader.core.clean.model import Report
from reader.core.errors import ReaderError
from reader.core.library import Library

PLAIN = (
    "The harvest of 1927 was good, yet the state procurements fell short.\n\n"
    "Officials blamed the kulaks, and the politburo sent its members to the grain regions.\n"
)
FOREIGN_MD = """---
layout: post
title: "On the Grain Question"
author: Jane Roe
date: 1928-01-15
tags: [economy]
---

## First part

The harvest was *good*, see [the report](https://example.org/report).[^1]

[Home](../index.html) | [Next](next.html)

[^1]: Carr, Foundations, volume 1.
"""


def run(library: Library, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library.root), "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def files_of(library: Library) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(library.texts_dir.glob("*.md"))}


@pytest.mark.parametrize("args", [["--kind"], ["--kind", "help"]])
def test_kind_without_a_value_lists_every_kind_on_one_line_each(
    args: list[str], empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(empty_library, capsys, *args)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["auto", *KINDS]
    assert {"epub", "html", "markdown", "pdf", "plain"} <= set(KINDS)
    assert all(len(line) < 120 for line in lines)


def test_an_unknown_kind_is_one_line(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PLAIN, encoding="utf-8")
    code, out, err = run(empty_library, capsys, str(path), "--kind", "docx")
    assert code == 2 or code == 1
    assert out == "" and err.count("\n") == 1 and "unknown kind 'docx'" in err


def test_a_folder_imports_its_documents_and_counts_them(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "saved"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "grain.txt").write_text(PLAIN, encoding="utf-8")
    (inbox / "sub" / "post.md").write_text(FOREIGN_MD, encoding="utf-8")
    (inbox / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a document")
    (inbox / "empty.txt").write_bytes(b"")
    code, out, err = run(empty_library, capsys, str(inbox))
    assert code == 1  # one file failed
    assert "empty.txt: the file is empty" in err and err.count("\n") == 1
    lines = out.splitlines()
    assert lines[-1] == "imported 2, skipped 0, failed 1"
    assert any(x.startswith("grain.txt -> texts/") and "(plain: " in x for x in lines)
    assert any(x.startswith("post.md -> texts/roe-1928-on-the-grain") for x in lines)
    assert "picture" not in out + err
    written = files_of(empty_library)
    assert len(written) == 2

    # Again: both texts exist, so both are skipped, nothing changes, and nothing was done.
    (inbox / "empty.txt").unlink()
    code, out, _ = run(empty_library, capsys, str(inbox))
    assert out.splitlines()[-1] == "imported 0, skipped 2, failed 0"
    assert code == 1
    assert files_of(empty_library) == written
    code, out, _ = run(empty_library, capsys, str(inbox), "--replace")
    assert code == 0 and out.splitlines()[-1] == "imported 2, skipped 0, failed 0"
    assert files_of(empty_library) == written  # deterministic


def test_two_inputs_that_would_get_the_same_id_fail_the_second(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a" / "post.md"
    b = tmp_path / "b" / "post.md"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text(FOREIGN_MD, encoding="utf-8")
    code, out, err = run(empty_library, capsys, str(a), str(b))
    assert code == 1
    assert "another input already became 'roe-1928-on-the-grain-question'" in err
    assert out.splitlines()[-1] == "imported 1, skipped 0, failed 1"


BROKEN_ZIPS = {
    "truncated": "damaged or truncated",
    "not an epub": "not an EPUB",
}


def _zip_bytes(tmp_path: Path, members: dict[str, str]) -> bytes:
    path = tmp_path / "made.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path.read_bytes()


@pytest.mark.parametrize("case", list(BROKEN_ZIPS))
def test_a_broken_or_foreign_zip_is_one_line_and_nothing_written(
    case: str, empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _zip_bytes(tmp_path, {"mimetype": "application/epub+zip", "x.xhtml": "<p>x</p>" * 500})
    if case == "truncated":
        data = data[:-60]
        data = data[:30] + b"mimetypX" + data[38:]  # no magic: the zip must be opened
    else:
        data = _zip_bytes(tmp_path, {"notes.txt": "hello"})
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    code, out, err = run(empty_library, capsys, str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and BROKEN_ZIPS[case] in err and "book.epub" in err
    assert files_of(empty_library) == {}


def test_detection_by_content_not_name() -> None:
    assert sniff_file(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj") == "pdf"
    assert sniff_file(PLAIN.encode()) is None
    with pytest.raises(ReaderError):
        sniff_file(b"PK\x03\x04" + b"\x00" * 40)
    assert detect_text_kind(FOREIGN_MD) == "markdown"
    assert detect_text_kind("+++\ntitle = 'x'\ndraft = true\n+++\n\nHugo *page*.\n") == "markdown"
    assert detect_text_kind('<!DOCTYPE html>\n<html lang="en"><body><p>x</p></body></html>') == (
        "html"
    )
    assert detect_text_kind(PLAIN) == "plain"


def test_the_report_counts_removals_with_a_few_short_examples() -> None:
    report = Report()
    for n in range(5):
        report.removed("navigation", 2, unit="lines", example=f"Works Index | Volume {n}")
    report.removed("scripts", 7)
    report.removed("infobox", example="Infobox settlement")
    report.warn("note markers with no note: 3")
    report.warn("note markers with no note: 3")
    lines = report.lines()
    assert lines == [
        'removed navigation: 10 lines (e.g. "Works Index | Volume 0", '
        '"Works Index | Volume 1", "Works Index | Volume 2")',
        "removed scripts: 7",
        'removed infobox: 1 (e.g. "Infobox settlement")',
        "warning: note markers with no note: 3",
    ]
    report.removed("long", 1, example="word " * 40)
    assert len(report.removals["long"].examples[0]) == 60
