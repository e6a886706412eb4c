"""No lost edits between copies: each save applies only the fields this copy changed,
a deletion wins over an edit from an older version, and what the app does not know
(comments, unknown keys and tables) survives every rewrite."""

from __future__ import annotations

import sys
from pathlib import Path

from annotations_corpus import DOC_ID, make_library

from reader.core.annotations import AnnotationStore
from reader.core.library import Library

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import annotations_race


def two_copies(library: Library) -> tuple[str, AnnotationStore, AnnotationStore]:
    first = AnnotationStore(library).open(DOC_ID)
    made = first.add_highlight(4, 20, note="first note", tags=["a"])
    first.save()
    return made.id, AnnotationStore(library), AnnotationStore(library)


def test_a_stale_copy_recolouring_keeps_the_note_another_copy_wrote(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    ann_id, store_a, store_b = two_copies(library)
    a, b = store_a.open(DOC_ID), store_b.open(DOC_ID)
    b.update(ann_id, note="reworded in B")
    b.save()
    a.update(ann_id, colour="pink")
    a.save()
    final = AnnotationStore(library).open(DOC_ID).get(ann_id).annotation
    assert (final.note, final.colour, final.tags) == ("reworded in B", "pink", ("a",))


def test_a_deletion_wins_over_an_edit_from_an_older_version_and_is_reported(
    tmp_path: Path,
) -> None:
    library = make_library(tmp_path / "lib")
    ann_id, store_a, _ = two_copies(library)
    a = store_a.open(DOC_ID)
    path = library.annotation_path(DOC_ID)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[annotation]]")], encoding="utf-8")  # deleted by hand
    a.update(ann_id, colour="green")
    a.save()
    assert a.dropped == [ann_id]
    assert "[[annotation]]" not in path.read_text(encoding="utf-8")
    assert AnnotationStore(library).open(DOC_ID).items() == []


HAND_WRITTEN = """# My notes on the congress, kept in git.
schema = 1
document = "congress"
reviewed_by = "me"   # a key the app does not know
deleted = ["0b5e5a0e-0000-4000-8000-0000000000aa"]

[[annotation]]
# the important one
id = "0b5e5a0e-0000-4000-8000-0000000000aa"
kind = "note"
created = 2025-01-31T09:15:00Z
updated = 2025-01-31T09:15:00Z
colour = "blue"
note = "present and listed in deleted"
source = "kindle"   # unknown, kept

[[annotation]]
id = "0b5e5a0e-0000-4000-8000-0000000000bb"
kind = "highlight"
created = 2025-01-31T09:15:00Z
updated = 2025-01-31T09:15:00Z
colour = "yellow"

[annotation.target]
quote = "Twelfth Congress"
prefix = "The "
suffix = " met"
start = 4
end = 20
text_hash = "0000000000000000"
selector = "css"   # unknown inside the target, kept

[settings]
sort = "by date"
"""


def test_comments_and_unknown_keys_survive_edits_adds_and_deletes(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    path = library.annotation_path(DOC_ID)
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    notes = AnnotationStore(library).open(DOC_ID)
    notes.update("0b5e5a0e-0000-4000-8000-0000000000bb", note="now a note", colour="red")
    notes.add_note("A new note on the document.")
    notes.save()
    text = path.read_text(encoding="utf-8")
    for kept in (
        "# My notes on the congress, kept in git.",
        'reviewed_by = "me"   # a key the app does not know',
        "# the important one",
        'source = "kindle"   # unknown, kept',
        'selector = "css"   # unknown inside the target, kept',
        '[settings]\nsort = "by date"',
        "A new note on the document.",
    ):
        assert kept in text, kept
    reread = AnnotationStore(library).open(DOC_ID)
    changed = reread.get("0b5e5a0e-0000-4000-8000-0000000000bb").annotation
    assert (changed.note, changed.colour, changed.kind) == ("now a note", "red", "note")
    assert changed.target is not None and changed.target.quote == "Twelfth Congress"
    notes.delete("0b5e5a0e-0000-4000-8000-0000000000bb")
    notes.save()
    text = path.read_text(encoding="utf-8")
    assert 'selector = "css"' not in text and "[settings]" in text and "# the important one" in text


def test_an_id_both_present_and_deleted_is_shown_and_never_removed(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    path = library.annotation_path(DOC_ID)
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    notes = AnnotationStore(library).open(DOC_ID)
    both = "0b5e5a0e-0000-4000-8000-0000000000aa"
    assert notes.get(both).annotation.note == "present and listed in deleted"
    notes.add_note("An unrelated note.")
    notes.save()
    reread = AnnotationStore(library).open(DOC_ID)
    assert reread.get(both).annotation.note == "present and listed in deleted"
    assert f'deleted = ["{both}"]' in path.read_text(encoding="utf-8")


def test_two_copies_and_a_hand_editor_end_as_a_serial_order_of_their_saves(
    tmp_path: Path,
) -> None:
    outcome = annotations_race.run(tmp_path / "lib", ops=60, hand=25, seed=3)
    assert outcome.acknowledged >= 100
    assert outcome.differences == []
