"""Annotation files stay valid whatever a title or a note holds, a save that would not
read back is refused, and `notes add --at` takes only offsets inside the text."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from annotations_corpus import DOC_ID, META, blocks, make_library

from reader.cli import main
from reader.core.annotations import AnnotationFile, AnnotationStore, textedit
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.markdown import render_text

ODD_ID = "odd-title"
ODD_TITLE = "Line one\nextra = 1 (texts/x)\r\n\x1b[31mRed\x07 title"


def odd_library(root: Path) -> Library:
    """The test library plus a document whose title holds new lines and escapes."""
    library = make_library(root)
    meta = {**META, "id": ODD_ID, "title": ODD_TITLE}
    library.text_path(ODD_ID).write_text(render_text(meta, blocks()), encoding="utf-8")
    return library


def cli(library: Library, *args: str) -> int:
    return main(["--library", str(library.root), *args])


def test_a_title_with_new_lines_and_escapes_keeps_the_file_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = odd_library(tmp_path / "lib")
    assert library.load(ODD_ID).title == ODD_TITLE
    path = library.annotation_path(ODD_ID)
    for _ in range(2):
        notes = AnnotationStore(library).open(ODD_ID)
        start = notes.document.text.index("Georgian affair")
        notes.add_highlight(start, start + len("Georgian affair"), note="a\r\nnote")
        notes.save()
    for _ in range(2):
        assert cli(library, "notes", "add", ODD_ID, "--quote", "Stalin") == 0
    assert capsys.readouterr().err == ""

    text = path.read_text(encoding="utf-8")
    comments = [line for line in text.split("\n") if not line.startswith("#")]
    assert not any(line.startswith("extra") for line in comments)
    assert "\x1b" not in text and "\x07" not in text
    first_line = text.split("\n")[0]
    assert first_line.startswith("# Highlights and notes on Line one extra = 1 (texts/x)")
    assert "\\x1b[31mRed\\x07 title" in first_line
    data = tomllib.loads(text)
    assert "extra" not in data and len(data["annotation"]) == 4
    reloaded = AnnotationFile(path, library.load(ODD_ID))
    assert reloaded.error is None and len(reloaded.items()) == 4
    assert [i.annotation.note for i in reloaded.items()].count("a\nnote") == 2


def test_a_save_that_would_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = make_library(tmp_path / "lib")
    notes = AnnotationStore(library).open(DOC_ID)
    notes.add_note("First.")
    notes.save()
    path = library.annotation_path(DOC_ID)
    before = path.read_bytes()

    real_block = textedit.new_block

    def broken_block(entry: dict[str, Any]) -> str:
        return real_block(entry) + "stray line\n"

    monkeypatch.setattr(textedit, "new_block", broken_block)
    notes.add_note("Second.")
    with pytest.raises(ReaderError, match="not saved"):
        notes.save()
    assert path.read_bytes() == before

    def lossy_block(entry: dict[str, Any]) -> str:
        return real_block({**entry, "note": "something else"})

    monkeypatch.setattr(textedit, "new_block", lossy_block)
    with pytest.raises(ReaderError, match="not saved"):
        notes.save()
    assert path.read_bytes() == before


def test_notes_add_refuses_an_offset_outside_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library(tmp_path / "lib")
    size = len(library.load(DOC_ID).text)
    for at in ("-5", str(size + 1)):
        assert cli(library, "notes", "add", DOC_ID, "--quote", "Stalin", "--at", at) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--at" in err and f"0 to {size}" in err
    assert not library.annotation_path(DOC_ID).exists()
