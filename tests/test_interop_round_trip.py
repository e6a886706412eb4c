"""Round trips: the JSON-LD, Markdown and CSV exports, imported into a copy of the library
without annotations, bring every annotation back in the same place with the same note,
tags, colour and id (so links between notes still hold); a second import adds nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from annotations_corpus import DOC_ID, P2, blocks, make_library, write_doc

from reader.core.annotations import AnnotationFile, AnnotationStore, library_notes
from reader.core.export import export, group_notes
from reader.core.interop.importing import import_file
from reader.core.library import Library


def snapshot(library: Library) -> list[tuple[object, ...]]:
    out = []
    for note in library_notes(AnnotationStore(library)).notes:
        item, a = note.item, note.item.annotation
        state = item.state.value if item.state else "document"
        state = "exact" if state in ("ok", "moved") else state
        out.append((a.id, a.kind, state, item.start, item.end, a.quote, a.note, a.tags, a.colour))
    return sorted(out, key=lambda row: str(row[0]))


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    """Annotations of every kind: tags, colours, a note across two blocks, a link to
    another annotation and to a place, a note on the document, an orphan."""
    library = make_library(tmp_path / "lib")
    doc = library.load(DOC_ID)
    notes = AnnotationFile(library.annotation_path(DOC_ID), doc)

    def add(quote: str, **kw: object) -> str:
        start = doc.text.index(quote)
        return notes.add_highlight(start, start + len(quote), **kw).id  # type: ignore[arg-type]

    first = add("Georgian affair", note="See the *letters*.\nTwo lines.", tags=["georgia"])
    notes.update(first, colour="pink")
    add("the delegates applauded", tags=["rabkrin", "congress"], colour="green")
    add(
        "Rabkrin enjoyed no authority at all.\n\nStalin spoke last",
        note=f'Across two blocks, after [[{first[:8]}]]; see [[{DOC_ID}#"Stalin spoke"]]',
        colour="purple",
    )
    add("Dvenadtsatyi sezd", colour="grey")
    add("Stalin", note="the first Stalin (a word found many times)", colour="orange")
    notes.add_note('Whole document: "Rabkrin" matters.', tags=["rabkrin"], colour="blue")
    notes.save()
    write_doc(library.root, DOC_ID, blocks(p2=P2.replace(", and the delegates applauded.", ".")))
    return library


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("jsonld", "jsonld"), ("markdown", "md"), ("csv", "csv")]
)
def test_export_then_import_loses_nothing(
    lib: Library, tmp_path: Path, fmt: str, suffix: str
) -> None:
    before = snapshot(lib)
    assert len(before) == 6 and any(row[2] == "orphaned" for row in before)
    exported = tmp_path / f"notes.{suffix}"
    exported.write_text(
        export(group_notes(library_notes(AnnotationStore(lib)).notes), fmt), encoding="utf-8"
    )
    copy = tmp_path / "copy"
    shutil.copytree(lib.texts_dir, copy / "texts")
    (copy / "annotations").mkdir()
    library = Library(copy)
    report = import_file(AnnotationStore(library), exported)
    assert (report.exact, report.fuzzy, report.orphaned, report.inbox) == (5, 0, 1, 0)
    assert snapshot(library) == before
    again = import_file(AnnotationStore(library), exported)
    assert (again.added, again.skipped) == (0, 6)
    assert snapshot(library) == before


def test_jsonld_with_links_passes_every_must_of_the_w3c_model(lib: Library, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    w3c = Path(__file__).resolve().parent / "w3c"
    out = tmp_path / "export.jsonld"
    out.write_text(
        export(group_notes(library_notes(AnnotationStore(lib)).notes), "jsonld"), encoding="utf-8"
    )
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    linking = [i for i in items if i["motivation"] == "linking"]
    assert len(linking) == 2  # one to an annotation, one to a place
    assert {type(i["body"]).__name__ for i in linking} == {"str", "dict"}
    placed = [i for i in items if isinstance(i.get("target"), dict) and "selector" in i["target"]]
    assert all(i["target"]["id"].startswith(f"reader://{DOC_ID}") for i in placed)
    run = subprocess.run(
        [sys.executable, str(w3c / "w3c_annotation_check.py"), "--suite",
         str(w3c / "w3c-annotation-model"), "--musts-only", str(out)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
