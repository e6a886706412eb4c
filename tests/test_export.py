"""Exports (Markdown, W3C JSON-LD, Readwise CSV) and the `reader notes` commands."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from annotations_corpus import DOC_ID, P2, blocks, make_library, write_doc

from reader.cli import main
from reader.core.annotations import AnnotationFile, AnnotationStore, library_notes
from reader.core.export import DocumentNotes, export, group_notes
from reader.core.inline import parse_inline
from reader.core.library import Library

W3C = Path(__file__).resolve().parent / "w3c"


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    """The test library with a varied set of annotations on `congress`."""
    library = make_library(tmp_path / "lib")
    doc = library.load(DOC_ID)
    notes = AnnotationFile(library.annotation_path(DOC_ID), doc)

    def add(quote: str, **kw: object) -> None:
        start = doc.text.index(quote)
        notes.add_highlight(start, start + len(quote), **kw)  # type: ignore[arg-type]

    add("Georgian affair", note="See the *letters*.\nTwo lines.", tags=["georgia"], colour="pink")
    add("the delegates applauded", tags=["rabkrin", "congress"])
    add("Rabkrin enjoyed no authority at all.\n\nStalin spoke last", note="Across two blocks")
    add("Dvenadtsatyi sezd")
    notes.add_note('Whole document: "Rabkrin" matters.', tags=["rabkrin"])
    notes.save()
    # An edit that orphans one highlight.
    write_doc(library.root, DOC_ID, blocks(p2=P2.replace(", and the delegates applauded.", ".")))
    return library


def groups_of(library: Library) -> list[DocumentNotes]:
    return group_notes(library_notes(AnnotationStore(library)).notes)


def test_jsonld_passes_every_must_of_the_w3c_model(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    out.write_text(export(groups_of(lib), "jsonld"), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            str(W3C / "w3c_annotation_check.py"),
            "--suite",
            str(W3C / "w3c-annotation-model"),
            "--musts-only",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    passed, total = last.split(": ")[1].split(" ")[0].split("/")
    assert passed == total and int(total) > 100
    assert "over 5 annotations" in last


def test_jsonld_structure_and_selectors(lib: Library) -> None:
    data = json.loads(export(groups_of(lib), "jsonld"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    page = data["first"]
    assert page["type"] == "AnnotationPage" and data["total"] == len(page["items"]) == 5
    text = lib.load(DOC_ID).text
    kinds = {"placed": 0, "orphan": 0, "document": 0}
    for item in page["items"]:
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        target = item["target"]
        assert item["generator"]["type"] == "Software"
        if "selector" not in target:  # a note on the whole document: the document itself
            kinds["document"] += 1
            purposes = [b["purpose"] for b in item["body"]]
            assert purposes == ["commenting", "tagging"]
            continue
        selectors = target["selector"]
        if isinstance(selectors, dict):  # an orphan keeps only its quote
            kinds["orphan"] += 1
            assert selectors["exact"] == "the delegates applauded"
            continue
        kinds["placed"] += 1
        quote, position = selectors
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
    assert kinds == {"placed": 3, "orphan": 1, "document": 1}
    source = page["items"][1]["target"]["source"]
    assert source["dc:title"] == "The Twelfth Congress" and source["dc:creator"] == "Ann Author"
    assert source["dc:source"] == "https://example.org/congress"
    georgia = next(i for i in page["items"] if "Georgian" in json.dumps(i))
    assert georgia["motivation"] == "commenting"
    assert {"type": "TextualBody", "value": "georgia", "purpose": "tagging"} in georgia["body"]


def test_csv_for_readwise(lib: Library) -> None:
    text = export(groups_of(lib), "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [
        "Highlight", "Title", "Author", "URL", "Note", "Location", "Date", "Color", "Locator", "Id"
    ]  # fmt: skip
    by_highlight = {r["Highlight"]: r for r in rows}
    georgia = by_highlight["Georgian affair"]
    assert georgia["Title"] == "The Twelfth Congress" and georgia["Author"] == "Ann Author"
    assert georgia["URL"] == "https://example.org/congress"
    assert georgia["Note"] == "See the *letters*.\nTwo lines.\n\n.georgia"
    assert georgia["Location"] == "The congress, ¶1"  # what a person cites
    assert georgia["Color"] == "pink"
    assert georgia["Locator"] == f'{DOC_ID}#§1¶1"Georgian affair"'
    assert len(georgia["Date"]) == 19 and georgia["Date"][10] == " "
    across = by_highlight["Rabkrin enjoyed no authority at all.\n\nStalin spoke last"]
    assert across["Note"] == "Across two blocks"
    whole = by_highlight[""]  # a note on the document is a note, not a highlight
    assert whole["Note"] == 'Whole document: "Rabkrin" matters.\n\n.rabkrin'
    assert whole["Location"] == "whole document"
    assert by_highlight["the delegates applauded"]["Location"] == "place unknown (orphaned)"
    assert len(rows) == 5


def test_markdown_for_obsidian(lib: Library) -> None:
    text = export(groups_of(lib), "markdown")
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    front = lines[1:end]
    assert front[:5] == [
        'title: "The Twelfth Congress"',
        'author: "Ann Author"',
        'source: "https://example.org/congress"',
        'date: "1923-04-17"',
        f'document: "{DOC_ID}"',
    ]
    assert front[5:] == [
        "tags:",
        '  - "rabkrin"',
        '  - "georgia"',
        '  - "congress"',
        f'reader: "reader://{DOC_ID}"',
    ]
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Notes on the whole document",
        "## The congress",
        "## The letter",
        "## Notes",
        "## Not found in the current text",
    ]
    # Every quote reads back, through the Markdown inline rules, as the highlighted text.
    quotes: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.startswith(">") and not line.startswith("> [!"):
            current.append(parse_inline(line[2:]).text if line != ">" else "")
        elif current:
            quotes.append("\n".join(current))
            current = []
    assert quotes == [
        "Georgian affair",
        "Rabkrin enjoyed no authority at all.\n\nStalin spoke last",
        "Dvenadtsatyi sezd",
        "the delegates applauded",
    ]
    assert "See the *letters*.\nTwo lines." in text
    # The colour is the callout, not a line of its own; a block id; a link back.
    assert "> [!bug|pink] Ann Author, The Twelfth Congress, The congress, ¶1" in lines
    assert not any(line.strip() in ("pink", "yellow") or line.endswith("· pink") for line in lines)
    georgia = lines.index("> Georgian affair")
    assert lines[georgia + 2].startswith("^") and len(lines[georgia + 2]) == 37
    assert f"[open](reader://{DOC_ID}?q=Georgian%20affair&s=1&p=1) · #georgia" in lines


# --- the commands ----------------------------------------------------------------------


def cli(library: Library, *args: str) -> int:
    return main(["--library", str(library.root), *args])


def test_notes_add_list_export_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = make_library(tmp_path / "lib")
    assert cli(library, "notes", "add", DOC_ID, "--quote", "Stalin", "--tag", "#stalin") == 0
    second_at = library.load(DOC_ID).text.index("Stalin spoke long")
    code = cli(
        library,
        "notes",
        "add",
        DOC_ID,
        "--quote",
        "Stalin",
        "--at",
        str(second_at),
        "--note",
        "the last one",
        "--color",
        "green",
    )
    assert code == 0
    capsys.readouterr()
    assert cli(library, "notes", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    text = library.load(DOC_ID).text
    assert [(n["start"], n["note"], n["colour"]) for n in listed] == [
        (text.index("Stalin"), "", "yellow"),
        (second_at, "the last one", "green"),
    ]
    assert listed[0]["citation"]["section"] == "The congress"
    assert listed[0]["tags"] == ["stalin"]

    assert cli(library, "notes", "list", "--color", "green") == 0
    out = capsys.readouterr().out
    assert "the last one" in out and "#stalin" not in out
    assert cli(library, "notes", "list", "--text", "LAST one") == 0
    assert "the last one" in capsys.readouterr().out

    target = tmp_path / "out" / "notes.csv"
    target.parent.mkdir()
    assert cli(library, "notes", "export", "--format", "csv", "-o", str(target)) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert [r["Highlight"] for r in rows] == ["Stalin", "Stalin"]
    assert list(target.parent.iterdir()) == [target]  # written atomically, no leftovers


def test_notes_commands_report_user_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library(tmp_path / "lib")
    assert cli(library, "notes", "add", DOC_ID, "--quote", "Bukharin") == 2
    assert "does not occur" in capsys.readouterr().err
    assert cli(library, "notes", "add", DOC_ID, "--quote", "Stalin", "--color", "mauve") == 2
    assert "unknown colour" in capsys.readouterr().err
    assert cli(library, "notes", "add", "nosuchdoc", "--quote", "Stalin") == 1
    assert "no document" in capsys.readouterr().err
    library.annotation_path(DOC_ID).write_text("schema = [\n", encoding="utf-8")
    assert cli(library, "notes", "list") == 1
    err = capsys.readouterr().err
    assert f"{library.annotation_path(DOC_ID)}:2:1: invalid TOML" in err and "read-only" in err


def test_markdown_can_end_with_a_bibliography(lib: Library) -> None:
    text = export(groups_of(lib), "markdown", bibliography=True)
    tail = text.split("# Bibliography\n", 1)[1]
    assert tail.strip() == "- Ann Author (1923). The Twelfth Congress. https://example.org/congress"


def test_one_export_function_writes_what_the_command_and_the_palette_write(
    lib: Library, tmp_path: Path
) -> None:
    from reader.core.annotations import NoteFilter
    from reader.core.errors import ReaderError
    from reader.core.export.notes_export import export_notes

    store = AnnotationStore(lib)
    shown = export_notes(store, NoteFilter(doc_id=DOC_ID), "csv")
    assert shown.count == 5
    assert shown.errors == []
    assert shown.text == export(groups_of(lib), "csv")
    target = tmp_path / "out" / "deeper" / "notes.md"
    with pytest.raises(ReaderError, match="does not exist"):
        export_notes(store, NoteFilter(), "markdown", to=target)  # the command's way
    assert not target.parent.exists()
    written = export_notes(store, NoteFilter(), "markdown", to=target, make_folder=True)
    assert target.read_text(encoding="utf-8") == written.text
    assert "Georgian affair" in written.text
    with pytest.raises(ReaderError, match="is a folder"):
        export_notes(store, NoteFilter(), "csv", to=tmp_path / "out")
