"""Annotations kept in TOML: the file written, hand edits, malformed files, merging, undo,
re-anchoring after the text changes, finding annotations again, and citations."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from annotations_corpus import DOC_ID, P1, P2, P3, P4, blocks, make_library, write_doc

from reader.core.annotations import (
    AnchorState,
    AnnotationFile,
    AnnotationStore,
    NoteFilter,
    library_notes,
    make_target,
    resolve,
    search_annotations,
)
from reader.core.errors import FileFormatError, ReaderError, UsageError
from reader.core.library import Library


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return make_library(tmp_path / "lib")


def open_file(lib: Library, doc_id: str = DOC_ID) -> AnnotationFile:
    return AnnotationFile(lib.annotation_path(doc_id), lib.load(doc_id))


def span_of(lib: Library, quote: str, doc_id: str = DOC_ID) -> tuple[int, int]:
    start = lib.load(doc_id).text.index(quote)
    return start, start + len(quote)


# --- the file written ------------------------------------------------------------------


def test_saved_file_is_the_documented_format(lib: Library) -> None:
    notes = open_file(lib)
    start, end = span_of(lib, "Georgian affair")
    notes.add_highlight(start, end, note="Line one.\nLine two.", tags=["#georgia"], colour="pink")
    notes.add_note("About the whole congress.", tags=["rabkrin"])
    notes.save()
    text = lib.annotation_path(DOC_ID).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["schema"] == 1
    assert data["document"] == DOC_ID
    first, second = data["annotation"]
    assert first["kind"] == "note"
    assert first["colour"] == "pink"
    assert first["tags"] == ["georgia"]
    assert first["note"] == "Line one.\nLine two."
    assert first["created"].endswith("Z") and first["updated"] == first["created"]
    doc = lib.load(DOC_ID)
    assert first["target"] == {
        "quote": "Georgian affair",
        "prefix": doc.text[max(0, start - 32) : start],
        "suffix": doc.text[end : end + 32],
        "start": start,
        "end": end,
        "text_hash": doc.text_hash,
    }
    assert "target" not in second and second["kind"] == "note"
    # A multi-line note is a TOML multi-line string, easy to edit by hand.
    assert 'note = """\nLine one.\nLine two."""' in text


def test_loading_never_writes(lib: Library) -> None:
    open_file(lib).items()
    assert not lib.annotation_path(DOC_ID).exists()


def test_unknown_colour_and_bad_tag_are_refused(lib: Library) -> None:
    notes = open_file(lib)
    with pytest.raises(UsageError, match="unknown colour"):
        notes.add_highlight(0, 5, colour="mauve")
    with pytest.raises(UsageError, match="invalid tag"):
        notes.add_highlight(0, 5, tags=["two words"])


# --- hand edits ------------------------------------------------------------------------


def test_hand_edits_are_picked_up_and_never_reverted(lib: Library) -> None:
    notes = open_file(lib)
    keep = notes.add_highlight(*span_of(lib, "Lenin was too ill"), note="original")
    drop = notes.add_highlight(*span_of(lib, "Rabkrin report"))
    notes.save()
    path = lib.annotation_path(DOC_ID)
    text = path.read_text(encoding="utf-8")
    # Reword the note, add a tag, remove the second entry by hand.
    text = text.replace('note = "original"', 'note = "reworded by hand"')
    text = text.replace("tags = []", 'tags = ["handmade"]', 1)
    text = text[: text.rindex("[[annotation]]")]
    path.write_text(text, encoding="utf-8")

    other = open_file(lib)  # the next load sees the hand edits
    item = other.get(keep.id)
    assert item.annotation.note == "reworded by hand"
    assert item.annotation.tags == ("handmade",)
    with pytest.raises(ReaderError):
        other.get(drop.id)

    # The first instance, still holding the old state, changes something else and saves:
    # the hand edits survive.
    notes.add_note("A later note.")
    notes.save()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in data["annotation"]}
    assert by_id[keep.id]["note"] == "reworded by hand"
    assert by_id[keep.id]["tags"] == ["handmade"]
    assert drop.id not in by_id
    assert len(by_id) == 2


def test_unknown_keys_written_by_hand_are_kept(lib: Library) -> None:
    notes = open_file(lib)
    item = notes.add_highlight(*span_of(lib, "Georgian affair"))
    notes.save()
    path = lib.annotation_path(DOC_ID)
    text = path.read_text(encoding="utf-8").replace(
        'colour = "yellow"', 'colour = "yellow"\nsource_page = 214'
    )
    path.write_text(text, encoding="utf-8")
    notes = open_file(lib)
    notes.update(item.id, colour="blue")
    notes.save()
    entry = tomllib.loads(path.read_text(encoding="utf-8"))["annotation"][0]
    assert entry["source_page"] == 214 and entry["colour"] == "blue"


# --- malformed files -------------------------------------------------------------------

VALID_HEAD = 'schema = 1\ndocument = "congress"\n\n'
ENTRY = """[[annotation]]
id = "a1"
kind = "highlight"
created = "2025-01-31T09:15:00Z"
updated = "2025-01-31T09:15:00Z"
colour = "yellow"
tags = []
note = ""

[annotation.target]
quote = "Georgian affair"
prefix = ""
suffix = ""
start = 10
end = 25
text_hash = "x"
"""


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        (VALID_HEAD + "[[annotation]\n", 4, 13, "invalid TOML"),
        ('schema = 7\ndocument = "congress"\n', 1, 10, "unknown schema 7"),
        (VALID_HEAD + ENTRY.replace("start = 10", 'start = "ten"'), 17, 9, "target.start"),
        (VALID_HEAD + ENTRY.replace("tags = []", 'tags = "georgia"'), 10, 8, "tags"),
        (VALID_HEAD + ENTRY.replace('colour = "yellow"', 'colour = "mauve"'), 9, 10, "colour"),
        (
            VALID_HEAD + ENTRY.replace('created = "2025-01-31T09:15:00Z"', 'created = "soon"'),
            7,
            11,
            "ISO 8601",
        ),
    ],
)
def test_malformed_file_is_reported_untouched_and_read_only(
    lib: Library, content: str, line: int, column: int, message: str
) -> None:
    path = lib.annotation_path(DOC_ID)
    path.write_bytes(content.encode("utf-8"))
    notes = open_file(lib)
    assert notes.read_only
    assert notes.error is not None
    assert notes.error.path == path
    assert (notes.error.line, notes.error.column) == (line, column)
    assert message in str(notes.error)
    with pytest.raises(ReaderError, match="read-only"):
        notes.add_highlight(0, 5)
    with pytest.raises(ReaderError, match="read-only"):
        notes.save()
    assert path.read_bytes() == content.encode("utf-8")
    # The rest of the library still works.
    other = open_file(lib, "letter")
    other.add_note("Still fine.")
    other.save()
    assert not other.read_only
    result = library_notes(AnnotationStore(lib))
    assert [e.path for e in result.errors] == [path]
    assert [n.document.id for n in result.notes] == ["letter"]


def test_file_broken_after_loading_is_not_overwritten(lib: Library) -> None:
    notes = open_file(lib)
    notes.add_highlight(*span_of(lib, "Georgian affair"))
    notes.save()
    path = lib.annotation_path(DOC_ID)
    broken = path.read_bytes() + b"\nthis is = = not toml\n"
    path.write_bytes(broken)
    notes.add_note("Made while the file was being edited.")
    with pytest.raises(FileFormatError):
        notes.save()
    assert path.read_bytes() == broken
    assert notes.read_only


def test_fixed_file_becomes_writable_again_on_reload(lib: Library) -> None:
    path = lib.annotation_path(DOC_ID)
    path.write_text(VALID_HEAD + ENTRY.replace("start = 10", "start = -1"), encoding="utf-8")
    notes = open_file(lib)
    assert notes.read_only
    path.write_text(VALID_HEAD + ENTRY, encoding="utf-8")
    notes.reload()
    assert not notes.read_only
    assert notes.get("a1").annotation.quote == "Georgian affair"


# --- merging, deleting, undo -----------------------------------------------------------


def test_two_instances_merge_by_id(lib: Library) -> None:
    first, second = open_file(lib), open_file(lib)
    a = first.add_highlight(*span_of(lib, "Georgian affair"))
    b = second.add_highlight(*span_of(lib, "Rabkrin report"), note="from the second")
    first.save()
    second.save()
    first.update(a.id, tags=["georgia"])
    first.save()
    data = tomllib.loads(lib.annotation_path(DOC_ID).read_text(encoding="utf-8"))
    by_id = {x["id"]: x for x in data["annotation"]}
    assert set(by_id) == {a.id, b.id}
    assert by_id[b.id]["note"] == "from the second"
    assert by_id[a.id]["tags"] == ["georgia"]


def test_a_deletion_stays_deleted_after_a_merge(lib: Library) -> None:
    first = open_file(lib)
    doomed = first.add_highlight(*span_of(lib, "Georgian affair"))
    first.save()
    second = open_file(lib)  # loaded while `doomed` still exists
    first.delete(doomed.id)
    first.save()
    second.update(doomed.id, note="edited elsewhere")  # its copy of the deleted one
    second.add_note("another")
    second.save()
    data = tomllib.loads(lib.annotation_path(DOC_ID).read_text(encoding="utf-8"))
    assert doomed.id in data["deleted"]
    assert doomed.id not in [x["id"] for x in data["annotation"]]
    assert doomed.id not in [i.id for i in open_file(lib).items()]


def test_undo_of_the_last_delete(lib: Library) -> None:
    notes = open_file(lib)
    item = notes.add_highlight(*span_of(lib, "Georgian affair"), note="keep me")
    notes.save()
    notes.delete(item.id)
    notes.save()
    assert open_file(lib).items() == []
    restored = notes.undo_delete()
    assert restored is not None and restored.annotation.note == "keep me"
    notes.save()
    again = open_file(lib)
    assert [i.annotation.note for i in again.items()] == ["keep me"]
    assert notes.undo_delete() is None


# --- re-anchoring ----------------------------------------------------------------------


def edit_text(lib: Library, **paragraphs: str) -> None:
    write_doc(lib.root, DOC_ID, blocks(**paragraphs))


def test_text_changes_reattach_and_write_only_on_a_user_change(lib: Library) -> None:
    notes = open_file(lib)
    moved = notes.add_highlight(*span_of(lib, "Rabkrin report"), note="moved")
    fuzzy = notes.add_highlight(*span_of(lib, "Lenin was too ill to attend"), note="fuzzy")
    orphan = notes.add_highlight(*span_of(lib, "the delegates applauded"), note="orphan")
    notes.save()
    path = lib.annotation_path(DOC_ID)
    before = path.read_bytes()
    old_target = notes.get(fuzzy.id).annotation.target
    # Re-cleaned text: a sentence inserted early, a typo fixed inside one quote, the
    # last words of a paragraph cut.
    edit_text(
        lib,
        p1="Delegates came from every republic. "
        + P1.replace("Lenin was too ill to attend", "Lenin was too il to attend"),
        p2=P2.replace(", and the delegates applauded.", "."),
    )
    doc = lib.load(DOC_ID)
    notes = open_file(lib)
    states = {i.id: i.state for i in notes.items()}
    assert states == {
        moved.id: AnchorState.MOVED,
        fuzzy.id: AnchorState.FUZZY,
        orphan.id: AnchorState.ORPHANED,
    }
    item = notes.get(moved.id)
    assert item.start is not None and item.end is not None
    assert doc.text[item.start : item.end] == "Rabkrin report"
    f = notes.get(fuzzy.id)
    assert f.start is not None and f.end is not None
    assert doc.text[f.start : f.end] == "Lenin was too il to attend"
    o = notes.get(orphan.id)
    assert o.start is None and o.annotation.quote == "the delegates applauded"
    assert path.read_bytes() == before  # loading and re-attaching wrote nothing

    notes.add_note("a user change")
    notes.save()
    data = {a["id"]: a for a in tomllib.loads(path.read_text(encoding="utf-8"))["annotation"]}
    assert data[moved.id]["target"]["start"] == item.start
    assert data[moved.id]["target"]["quote"] == "Rabkrin report"
    assert data[moved.id]["target"]["text_hash"] == doc.text_hash
    assert old_target is not None
    assert data[fuzzy.id]["target"]["start"] == old_target.start  # kept until confirmed
    assert data[fuzzy.id]["target"]["quote"] == "Lenin was too ill to attend"
    assert data[orphan.id]["target"]["quote"] == "the delegates applauded"  # never dropped
    assert data[orphan.id]["note"] == "orphan"

    notes.confirm(fuzzy.id)
    notes.save()
    data = {a["id"]: a for a in tomllib.loads(path.read_text(encoding="utf-8"))["annotation"]}
    assert data[fuzzy.id]["target"]["quote"] == "Lenin was too il to attend"
    assert open_file(lib).get(fuzzy.id).state is AnchorState.OK


def test_duplicate_quote_follows_its_context() -> None:
    text = "Stalin spoke first. Then Trotsky spoke. Later Stalin spoke again, at length."
    start = text.index("Stalin spoke again")
    target = make_target(text, start, start + len("Stalin spoke"), "v1")
    edited = "A preface of some length was added here. " + text
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.MOVED
    assert anchor.start == edited.index("Stalin spoke again")


def test_unchanged_text_is_ok_at_its_offsets() -> None:
    text = P1 + "\n\n" + P2
    start = text.index("bomb")
    anchor = resolve(make_target(text, start, start + 4, "v1"), text, "v1")
    assert (anchor.state, anchor.start, anchor.end) == (AnchorState.OK, start, start + 4)


def test_short_quote_without_its_context_is_orphaned_not_misplaced() -> None:
    text = "The report on Rabkrin was long. " + "Nothing here. " * 50 + "Rabkrin again."
    start = text.index("Rabkrin")
    target = make_target(text, start, start + len("Rabkrin"), "v1")
    edited = text.replace("The report on Rabkrin was long. ", "")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.ORPHANED
    assert (anchor.start, anchor.end) == (target.start, target.end)  # last known data


def test_quote_found_far_away_by_fuzzy_search() -> None:
    quote = "the Workers' and Peasants' Inspection was reorganised"
    text = "Filler sentence number one. " * 10 + quote + " in 1923."
    start = text.index(quote)
    target = make_target(text, start, start + len(quote), "v1")
    edited = quote.replace("reorganised", "reorganized") + " in 1923. " + "Other words. " * 400
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert edited[anchor.start : anchor.end] == quote.replace("reorganised", "reorganized")
    assert 80 <= anchor.score < 100


# --- finding annotations again ---------------------------------------------------------


def test_library_notes_filters_and_citations(lib: Library) -> None:
    notes = open_file(lib)
    notes.add_highlight(*span_of(lib, "Georgian affair"), tags=["georgia"], colour="pink")
    notes.add_highlight(*span_of(lib, "Rabkrin enjoyed no authority"), note="Lenin's verdict")
    notes.save()
    other = open_file(lib, "letter")
    other.add_highlight(*span_of(lib, "Gosplan", "letter"), tags=["gosplan"])
    other.save()
    store = AnnotationStore(lib)

    everything = library_notes(store).notes
    assert [(n.document.id, n.item.annotation.quote) for n in everything] == [
        ("congress", "Georgian affair"),
        ("congress", "Rabkrin enjoyed no authority"),
        ("letter", "Gosplan"),
    ]
    assert [
        n.item.annotation.quote for n in library_notes(store, NoteFilter(tag="#GEORGIA")).notes
    ] == ["Georgian affair"]
    assert [
        n.item.annotation.quote for n in library_notes(store, NoteFilter(colour="pink")).notes
    ] == ["Georgian affair"]
    assert [n.document.id for n in library_notes(store, NoteFilter(doc_id="letter")).notes] == [
        "letter"
    ]
    assert [
        n.item.annotation.note for n in library_notes(store, NoteFilter(text="verdict")).notes
    ] == ["Lenin's verdict"]

    first, second, _ = everything
    assert str(first.item.citation) == "Ann Author, The Twelfth Congress, The congress, ¶1"
    assert str(second.item.citation) == "Ann Author, The Twelfth Congress, The letter, ¶1"
    location = second.item.citation.location
    assert location is not None
    assert (location.section_title, location.paragraph) == ("The letter", 1)


def test_search_labels_highlights_and_notes(lib: Library) -> None:
    notes = open_file(lib)
    notes.add_highlight(*span_of(lib, "Rabkrin report"))
    notes.add_highlight(*span_of(lib, "Stalin spoke last"), note="About Rabkrin, indirectly")
    notes.add_note("Rabkrin in the whole text", tags=["rabkrin"])
    notes.add_highlight(*span_of(lib, "Georgian affair"))
    notes.save()
    hits = search_annotations(AnnotationStore(lib), "rabkrin")
    assert sorted((h.label, h.snippet.split("\n")[0]) for h in hits) == [
        ("highlight", "Rabkrin report"),
        ("note", "Rabkrin in the whole text"),
        ("note", "Stalin spoke last"),
    ]
    hit = next(h for h in hits if h.label == "highlight")
    assert hit.doc_id == DOC_ID and hit.start == lib.load(DOC_ID).text.index("Rabkrin report")
    assert [hit.snippet[s:e] for s, e in hit.matches] == ["Rabkrin"]
    # Accents and case do not matter; every word must match.
    assert len(search_annotations(AnnotationStore(lib), "RÁBKRIN indirectly")) == 1
    assert search_annotations(AnnotationStore(lib), "rabkrin gosplan") == []


def test_quote_sentences_in_fixture_are_distinct() -> None:
    # The fixture's quotes used above occur once each, so the tests test what they say.
    text = " ".join([P1, P2, P3, P4])
    for quote in ("Georgian affair", "Rabkrin report", "Lenin was too ill to attend"):
        assert text.count(quote) == 1
