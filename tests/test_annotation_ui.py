"""Annotating in the real app: select, highlight, write notes, find them again.

Every test drives the app made by `create_app` over a temporary copy of the library
and checks what the reader sees and what is written to `annotations/<id>.toml`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    SAMPLE_ID,
    add_sample,
    content_point,
    drag,
    palette_choices,
    screen_text,
    type_in_palette,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from reader.core.annotations import AnnotationStore
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.ui.app import ReaderApp, create_app
from reader.ui.external_editor import editor_command, run_editor
from reader.ui.screens.export_prompt import ExportPrompt
from reader.ui.screens.note_editor import NoteEditor
from reader.ui.widgets.notes_panel import NotesPanel
from reader.ui.widgets.text_view import TextView

SIZE = (120, 35)
PHRASE = "Workers' and Peasants' Inspection"


def view_of(app: ReaderApp) -> TextView:
    return app.main.reading.active


def read_toml(library: Library, doc_id: str = SAMPLE_ID) -> dict[str, Any]:
    return tomllib.loads(library.annotation_path(doc_id).read_text(encoding="utf-8"))


def saved(library: Library, doc_id: str = SAMPLE_ID) -> list[dict[str, Any]]:
    """The annotations written for `doc_id` so far (none while there is no file)."""
    path = library.annotation_path(doc_id)
    if not path.is_file():
        return []
    entries: list[dict[str, Any]] = read_toml(library, doc_id).get("annotation", [])
    return entries


def cell_styles(view: TextView, offset: int) -> Any:
    """The style of the cell showing `offset` (as painted now)."""
    x, y = content_point(view, offset)
    strip = view.render_line(y)
    cells = [seg for seg in strip for _ in range(len(seg.text))]
    return cells[x].style


async def open_sample(app: ReaderApp, pilot: Pilot[Any]) -> TextView:
    view = view_of(app)

    def shown() -> bool:
        document = view.document
        return document is not None and document.id == SAMPLE_ID and view.text_layout is not None

    await wait_until(pilot, shown, "the sample text shown")
    return view


async def test_select_annotate_quit_restart_still_there_and_drawn(library: Library) -> None:
    add_sample(library)
    text = library.load(SAMPLE_ID).text
    start = text.index(PHRASE)
    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        await pilot.press("v")
        # The caret starts at the top line, which holds the phrase's paragraph.
        await wait_until(pilot, lambda: view.caret is not None, "the caret")
        view.place_caret(start, select=True)
        await pilot.press(*["l"] * (len(PHRASE) - 1))
        assert view.selection == (start, start + len(PHRASE))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        # The highlight is on disk before the note is written.
        assert [a["target"]["quote"] for a in saved(library)] == [PHRASE]
        app.screen.query_one("#note-text", TextArea).load_text(
            "Rabkrin, Lenin's last fight.\nSee the Twelfth Congress."
        )
        app.screen.query_one("#note-tags", Input).value = "#rabkrin #lenin"
        app.screen.query_one("#note-colour", Select).value = "pink"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor gone")
        await wait_until(
            pilot, lambda: [a["kind"] for a in saved(library)] == ["note"], "the note saved"
        )
    data = read_toml(library)
    assert data["schema"] == 1 and data["document"] == SAMPLE_ID
    (entry,) = data["annotation"]
    assert entry["kind"] == "note"
    assert entry["colour"] == "pink"
    assert entry["tags"] == ["rabkrin", "lenin"]
    assert entry["note"] == "Rabkrin, Lenin's last fight.\nSee the Twelfth Congress."
    target = entry["target"]
    assert target["quote"] == PHRASE
    assert (target["start"], target["end"]) == (start, start + len(PHRASE))
    assert text.endswith(target["suffix"], 0, start + len(PHRASE) + len(target["suffix"]))
    assert text[start - len(target["prefix"]) : start] == target["prefix"]
    assert target["text_hash"] == library.load(SAMPLE_ID).text_hash
    for key in ("id", "created", "updated"):
        assert entry[key]
    # Multi-line notes are TOML multi-line strings, as annotations/README.md says.
    assert 'note = """' in library.annotation_path(SAMPLE_ID).read_text(encoding="utf-8")

    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        expected = [(start, start + len(PHRASE), "pink", True)]
        await wait_until(
            pilot,
            lambda: (
                [(s.start, s.end, s.colour, s.noted) for s in view.annotation_spans] == expected
            ),
            "the note drawn",
        )
        before = text.rindex(" ", 0, start - 1)
        pink = view.palette_style("pink")
        assert cell_styles(view, start).bgcolor == pink.bgcolor
        assert cell_styles(view, before).bgcolor != pink.bgcolor
        await wait_until(pilot, lambda: "Peasants'" in screen_text(app), "the phrase shown")


async def test_mouse_drag_selects(library: Library) -> None:
    add_sample(library)
    text = library.load(SAMPLE_ID).text
    start = text.index(PHRASE)
    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        first, last = content_point(view, start), content_point(view, start + len(PHRASE) - 1)
        drag(app, view, first, last)
        selected = (start, start + len(PHRASE))
        await wait_until(pilot, lambda: view.selection == selected, "the dragged selection")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        await pilot.press("escape")  # a bare highlight
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "editor gone")
        await wait_until(pilot, lambda: bool(saved(library)), "the highlight on disk")
    (entry,) = read_toml(library)["annotation"]
    assert entry["kind"] == "highlight" and entry["target"]["quote"] == PHRASE


def seed_highlight(
    library: Library,
    quote: str,
    note: str = "",
    tags: tuple[str, ...] = (),
    colour: str = "yellow",
    doc_id: str = SAMPLE_ID,
) -> str:
    """An annotation written the way `reader notes add` writes it; returns its id."""
    annotations = AnnotationStore(library).open(doc_id)
    start = annotations.document.text.index(quote)
    item = annotations.add_highlight(start, start + len(quote), note, tags, colour)
    annotations.save()
    return item.id


async def test_edit_recolour_delete_and_undo_under_the_caret(library: Library) -> None:
    add_sample(library)
    seed_highlight(library, PHRASE, note="first", tags=("rabkrin",))
    start = library.load(SAMPLE_ID).text.index(PHRASE)
    app = create_app(library, open_id=SAMPLE_ID, at=0)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        await wait_until(pilot, lambda: bool(view.annotation_spans), "the highlight drawn")
        await pilot.press("full_stop")  # to the next highlight: the caret lands on it
        await wait_until(pilot, lambda: view.caret == start, "the caret on the highlight")
        await pilot.press("c")  # recolour: the next colour of the palette
        await wait_until(
            pilot, lambda: [a["colour"] for a in saved(library)] == ["green"], "green on disk"
        )
        await wait_until(pilot, lambda: view.annotation_spans[0].colour == "green", "green")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        assert app.screen.query_one("#note-tags", Input).value == "#rabkrin"
        app.screen.query_one("#note-text", TextArea).load_text("second thoughts")
        app.screen.query_one("#note-tags", Input).value = "#rabkrin #georgia"
        await pilot.click("#note-save")
        await wait_until(
            pilot, lambda: [a["note"] for a in saved(library)] == ["second thoughts"], "the note"
        )
        (entry,) = saved(library)
        assert entry["tags"] == ["rabkrin", "georgia"]
        await wait_until(pilot, lambda: not isinstance(app.screen, NoteEditor), "editor gone")
        await pilot.press("d")
        await wait_until(pilot, lambda: saved(library) == [], "the deletion on disk")
        assert read_toml(library)["deleted"] == [entry["id"]]
        await wait_until(pilot, lambda: view.annotation_spans == [], "the highlight undrawn")
        await pilot.press("u")
        await wait_until(pilot, lambda: bool(saved(library)), "the highlight back on disk")
        (back,) = saved(library)
        assert back["id"] == entry["id"] and back["note"] == "second thoughts"
        await wait_until(
            pilot, lambda: [s.start for s in view.annotation_spans] == [start], "drawn again"
        )


async def test_sentence_in_one_key_and_keyboard_motions(library: Library) -> None:
    add_sample(library)
    text = library.load(SAMPLE_ID).text
    sentence = "Paragraph 3 of the second section, long enough to scroll."
    start = text.index(sentence)
    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        await pilot.press("v", "e", "e")  # e: to the end of the word, as in vim
        assert view.selection == (start, text.index(" of the second", start))
        await pilot.press("w")  # w: to the next word's start; the selection takes it whole
        assert view.caret == text.index("of the second", start)
        assert view.selection == (start, text.index(" the second", start))
        await pilot.press("right_parenthesis")  # to the end of the sentence
        assert view.selection == (start, start + len(sentence))
        await pilot.press("v", "right_curly_bracket")  # no selection: the next paragraph
        assert view.caret == text.index("Paragraph 4 ", start)
        await pilot.press("escape")
        assert view.caret is None and view.selection is None
        top = view.top_offset
        await pilot.press("j")  # j scrolls again once the caret is gone
        await wait_until(pilot, lambda: view.top_offset > top, "the view scrolled")
        await pilot.press("S")  # the sentence where the caret was last
        await wait_until(pilot, lambda: bool(saved(library)), "the sentence on disk")
    (entry,) = read_toml(library)["annotation"]
    assert entry["target"]["quote"] == "Paragraph 4 of the second section, long enough to scroll."


async def test_notes_view_filters_and_enter_jumps(library: Library) -> None:
    add_sample(library)
    other = library.ids()[0]
    seed_highlight(library, PHRASE, note="about Rabkrin", tags=("rabkrin",), colour="pink")
    seed_highlight(library, "Paragraph 30 of the third section.", tags=("late",))
    other_text = library.load(other).text
    seed_highlight(library, other_text[200:240].strip(), note="elsewhere", doc_id=other)
    app = create_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f4")
        panel = app.main.query_one(NotesPanel)

        def listed(what: Callable[[Any], object]) -> Callable[[], list[object]]:
            return lambda: [what(n) for n in panel.notes]

        await wait_until(pilot, lambda: len(panel.notes) == 3, "every note listed")
        await wait_until(pilot, lambda: "about Rabkrin" in screen_text(app), "the notes shown")
        notes = listed(lambda n: n.item.annotation.note)
        quotes = listed(lambda n: n.item.annotation.quote)
        panel.set_filter("#rabkrin")
        await wait_until(pilot, lambda: notes() == ["about Rabkrin"], "the tag filter")
        panel.set_filter("colour:yellow third")
        await wait_until(
            pilot, lambda: quotes() == ["Paragraph 30 of the third section."], "colour filter"
        )
        panel.set_filter(f"doc:{other}")
        await wait_until(pilot, lambda: listed(lambda n: n.document.id)() == [other], "doc:")
        panel.set_filter("rabkrin")
        await wait_until(pilot, lambda: notes() == ["about Rabkrin"], "the word filter")
        panel.focus_list()
        await pilot.press("enter")
        start = library.load(SAMPLE_ID).text.index(PHRASE)
        await wait_until(pilot, lambda: view_of(app).caret == start, "the note's place")
        view = view_of(app)
        assert view.document is not None and view.document.id == SAMPLE_ID
        assert view.caret == start and app.focused is view
        assert view.top_offset <= start


async def test_malformed_file_is_reported_read_only_and_untouched(library: Library) -> None:
    add_sample(library)
    path = library.annotation_path(SAMPLE_ID)
    broken = b'schema = 1\ndocument = "sample-markup"\n\n[[annotation]]\nid = "x"\nkind = 3\n'
    path.write_bytes(broken)
    start = library.load(SAMPLE_ID).text.index(PHRASE)
    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_sample(app, pilot)
        await wait_until(
            pilot,
            lambda: any(str(path) in n.message and "line 6" in n.message for n in app.notices),
            "the malformed file reported with its line",
        )
        view.select(start, start + 10)
        await pilot.press("a")
        await wait_until(
            pilot, lambda: any("read-only" in n.message for n in app.notices), "the refusal"
        )
        assert not isinstance(app.screen, NoteEditor)

        def refusals() -> int:
            return sum("read-only" in n.message for n in app.notices)

        refused = refusals()
        await pilot.press("A")  # a note on the document is refused too
        await wait_until(pilot, lambda: refusals() > refused, "the second refusal")
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("f4")
        await wait_until(pilot, lambda: "malformed" in screen_text(app), "the notes view")
        # The rest of the app works: another document opens and can be annotated.
        other = library.ids()[0]
        app.main.open_document(other, 0)

        def other_shown() -> bool:
            document = view.document
            return document is not None and document.id == other and view.text_layout is not None

        await wait_until(pilot, other_shown, "the other document")
        view.select(10, 30)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        await pilot.press("escape")
        await wait_until(pilot, lambda: bool(saved(library, other)), "the highlight on disk")
    assert path.read_bytes() == broken
    assert library.annotation_path(other).is_file()


async def test_library_search_lists_notes_and_highlights_labelled(library: Library) -> None:
    add_sample(library)
    seed_highlight(library, PHRASE, note="Rabkrin and the apparatus")
    seed_highlight(library, "Paragraph 7 of the third section.")
    app = create_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("s", *"inspection")
        panel = app.main.side.search
        await wait_until(pilot, lambda: [h.label for h in panel.note_hits] == ["note"], "a note")
        note = "✎ Workers' and Peasants' Inspection Rabkrin and the apparatus"
        await wait_until(pilot, lambda: note in screen_text(app), "the note hit drawn")
        text = screen_text(app)
        assert "Your highlights and notes" in text
        # A note is marked ✎ and a text hit ▍ (no label word); each shows its text whole.
        assert "▍ A paragraph about the Workers' and Peasants' Inspection" in text, text
        panel.focus_field("third section")
        await wait_until(
            pilot, lambda: [h.label for h in panel.note_hits] == ["highlight"], "a highlight"
        )
        hit = "▍ Paragraph 7 of the third section."
        await wait_until(pilot, lambda: hit in screen_text(app), "the text hit drawn")


async def test_export_from_the_palette_writes_to_the_current_folder(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    add_sample(library)
    seed_highlight(library, PHRASE, note="for the export")
    app = create_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await type_in_palette(pilot, "ctrl+p", "Export all notes as CSV")
        await wait_until(
            pilot,
            lambda: any("Export all notes as CSV" in c for c in palette_choices(app)[:1]),
            "the export command first in the palette",
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportPrompt), "the path prompt")
        await pilot.press("enter")  # the default path, in the current folder
        written = work / "notes-library.csv"
        await wait_until(pilot, written.is_file, "the export written")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportPrompt), "prompt gone")
    assert not (library.root / "exports").exists()
    rows = written.read_text(encoding="utf-8").splitlines()
    assert rows[0].split(",")[:2] == ["Highlight", "Title"]
    assert any("for the export" in row for row in rows[1:])


def test_editor_round_trip_and_unset_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "%s\\nadded in the editor\\n" "$(cat "$1")" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    assert run_editor(editor_command(), "first line") == "first line\nadded in the editor"
    monkeypatch.delenv("EDITOR")
    with pytest.raises(ReaderError, match="EDITOR is not set"):
        editor_command()
