"""`reader notes import`: hand-written Kindle, KOReader and Hypothesis files into a copy of
the bundled library (fixtures in tests/fixtures/interop, see ATTRIBUTION.md)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations import AnnotationStore, library_notes
from reader.core.interop import kindle, koreader
from reader.core.interop.importing import import_file
from reader.core.library import Library

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interop"
CLIPPINGS = FIXTURES / "My Clippings.txt"
KOREADER = FIXTURES / "iv-article.epub.sdr"
HYPOTHESIS = FIXTURES / "hypothesis-export.json"
CLIFF = "cliff-1990-trotsky-and-the-triumvirate"
MCALOON = "mcaloon-2001-trotsky-struggle-for-power"
IV = "iv-2017-lenin-trotsky-confronting-bureaucracy"


def counts(library: Library, path: Path) -> tuple[int, int, int, int, int]:
    report = import_file(AnnotationStore(library), path)
    return report.exact, report.fuzzy, report.orphaned, report.inbox, report.skipped


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (CLIPPINGS, (6, 2, 1, 1, 0)),
        (KOREADER, (2, 1, 1, 0, 0)),
        (HYPOTHESIS, (4, 0, 1, 1, 0)),
    ],
)
def test_each_format_lands_and_a_second_import_adds_nothing(
    library: Library, path: Path, expected: tuple[int, ...]
) -> None:
    assert counts(library, path) == expected
    added = sum(expected[:3])
    assert len(library_notes(AnnotationStore(library)).notes) == added
    assert counts(library, path) == (0, 0, 0, 0, sum(expected[:4]))
    assert len(library_notes(AnnotationStore(library)).notes) == added


def test_kindle_notes_join_their_highlights_and_books_match_by_title(library: Library) -> None:
    report = import_file(AnnotationStore(library), CLIPPINGS)
    assert report.documents[CLIFF].how == "title" and report.documents[CLIFF].score >= 80
    notes = {n.item.annotation.quote: n for n in library_notes(AnnotationStore(library)).notes}
    hated = notes["Stalin hated Trotsky, as we have seen, throughout the civil war."]
    assert hated.item.annotation.note == "envy as a motive: compare Deutscher"
    assert hated.item.annotation.created == "2024-03-05T21:14:02Z"  # from the header
    # Straight quotes in the clipping, curly ones in the text: the text's own words are kept.
    assert "Thus Trotsky made a ‘rotten compromise’, the very thing Lenin had warned against." in (
        notes
    )
    played = notes["Trotsky played perhaps the most significant role in the Bolshevik Party during"
                   " the civil war."]  # fmt: skip
    assert played.item.annotation.note == "Commissar of War: compare Cliff"  # a Japanese note
    assert played.item.annotation.created == "2024-03-09T09:00:00Z"


def test_what_finds_no_document_waits_in_the_inbox(library: Library) -> None:
    import_file(AnnotationStore(library), CLIPPINGS)
    inbox = tomllib.loads((library.root / "inbox.toml").read_text(encoding="utf-8"))
    (item,) = inbox["item"]
    assert item["title"] == "The Prophet Armed: Trotsky 1879-1921"
    assert item["quote"] == "He had the courage of his convictions and the audacity of his courage."
    assert item["note"] == "the Deutscher edition I have is the Verso one"
    assert item["origin"].startswith("kindle:")


def test_an_edited_import_keeps_the_edit(library: Library) -> None:
    store = AnnotationStore(library)
    import_file(store, KOREADER)
    notes = store.open(IV)
    first = next(i for i in notes.items() if i.annotation.note.startswith("the starting"))
    assert first.annotation.note == "the starting question\nof the whole study"
    notes.update(first.id, note="my own words now", colour="blue")
    notes.save()
    import_file(AnnotationStore(library), KOREADER)
    again = AnnotationStore(library).open(IV)
    assert again.get(first.id).annotation.note == "my own words now"
    assert len(again.items()) == 4
    # One deleted here does not come back with the next import either.
    again.delete(first.id)
    again.save()
    report = import_file(AnnotationStore(library), KOREADER)
    assert (report.added, report.skipped) == (0, 4)
    assert len(AnnotationStore(library).open(IV).items()) == 3


def test_koreader_colours_and_the_hint_free_placement(library: Library) -> None:
    import_file(AnnotationStore(library), KOREADER)
    items = AnnotationStore(library).open(IV).items()
    colours = sorted(i.annotation.colour for i in items)
    assert colours == ["blue", "green", "purple", "yellow"]  # cyan is our blue
    states = sorted(i.state.value for i in items if i.state)
    assert states == ["fuzzy", "ok", "ok", "orphaned"]


def test_hypothesis_by_url_with_tags_and_a_page_note(library: Library) -> None:
    report = import_file(AnnotationStore(library), HYPOTHESIS)
    assert report.documents[MCALOON].how == "url"
    items = AnnotationStore(library).open(MCALOON).items()
    page_note = next(i for i in items if i.annotation.on_document)
    assert page_note.annotation.tags == ("sources",)
    tagged = next(i for i in items if i.annotation.note == "McAloon's thesis in one line.")
    assert tagged.annotation.tags == ("civil-war", "Old-Guard")
    assert tagged.state is not None and tagged.state.value == "ok"


def test_cli_report_dry_run_and_json(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(library.root)
    assert main(["--library", root, "notes", "import", str(CLIPPINGS), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would import 10 highlights from My Clippings.txt (Kindle clippings)" in out
    assert "exact 6, fuzzy 2 (to confirm), orphaned 1, inbox 1, already imported 0" in out
    assert not list((library.root / "annotations").glob("*.toml"))
    assert not (library.root / "inbox.toml").exists()
    assert main(["--library", root, "notes", "import", str(HYPOTHESIS), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["exact"], data["orphaned"], data["inbox"]) == (4, 1, 1)


def test_bad_input_gets_one_line(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.lua"
    bad.write_text("return { [1] = { ", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_text("just some words\n", encoding="utf-8")
    for path in (bad, junk, tmp_path / "missing.json"):
        assert main(["--library", str(library.root), "notes", "import", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("reader: ") and err.count("\n") == 1 and "Traceback" not in err


def test_kindle_headers_in_many_languages() -> None:
    text = "\n".join(
        f"Book (Author)\n{header}\n\nquote {n}\n=========="
        for n, header in enumerate(
            [
                "- Your Highlight on page 3 | Location 10-12 | Added on Monday, 1 April 2024",
                "- Ihre Markierung bei Position 10-12 | Hinzugefügt am Montag, 1. April 2024",
                "- Votre surlignement à l'emplacement 10-12 | Ajouté le lundi 1 avril 2024",
                "- Tu subrayado en la posición 10-12 | Añadido el lunes, 1 de abril de 2024",
                "- La tua evidenziazione alla posizione 10-12 | Aggiunto in data lunedì",
                "- Seu destaque na posição 10-12 | Adicionado: segunda-feira",
                "- 位置No. 10-12のハイライト |作成日: 2024年4月1日月曜日",
                "- 您在位置 #10-12的标注 | 添加于 2024年4月1日星期一",
                "- Uw markering op locatie 10-12 | Toegevoegd op maandag 1 april 2024",
                "- Ваш выделенный отрывок в месте 10-12 | Добавлено: понедельник",
                "- Your Bookmark on Location 12 | Added on Monday, 1 April 2024",
                "- Ihr Lesezeichen bei Position 12 | Hinzugefügt am Montag",
            ]
        )
    )
    records = kindle.read(text)
    assert [r.quote for r in records] == [f"quote {n}" for n in range(10)]


def test_lua_strings_are_decoded_never_run() -> None:
    data = koreader.parse_lua(
        'return { ["a"] = "x\\ny \\"q\\" \\\\ \\065", ["b"] = os.exit, [1] = { ["c"] = 2 } }'
    )
    assert data["a"] == 'x\ny "q" \\ A'
    assert data[1] == {"c": 2}


def test_koreader_json_and_markdown_exports(library: Library, tmp_path: Path) -> None:
    quote = "Trotsky's isolation rendered him largely inactive for the next decade."
    exported = {
        "title": "Leon Trotsky and the Struggle for Power in Communist Russia, 1921-1923",
        "author": "David William McAloon",
        "entries": [
            {"chapter": "Chapter 1", "page": 9, "time": 1712000000, "text": quote,
             "note": "isolation", "sort": "highlight", "drawer": "lighten", "color": "red"}
        ],
        "created_on": 1712000100,
        "version": "koreader 2024.04",
    }  # fmt: skip
    (tmp_path / "ko.json").write_text(json.dumps(exported), encoding="utf-8")
    report = import_file(AnnotationStore(library), tmp_path / "ko.json")
    assert (report.format, report.exact, report.documents[MCALOON].how) == ("koreader", 1, "title")
    (item,) = AnnotationStore(library).open(MCALOON).items()
    assert (item.annotation.note, item.annotation.colour) == ("isolation", "red")
    assert item.annotation.created == "2024-04-01T19:33:20Z"
    markdown = (
        "# Trotsky and the triumvirate\n##### Tony Cliff\n\n## Trotsky procrastinates\n"
        "### Page 257 @ 05 March 2024 09:20:11 PM\n"
        "==Thus Trotsky made a ‘rotten compromise’, the very thing Lenin had warned against.==\n"
        "\n---\nthe key sentence\n"
    )
    (tmp_path / "ko.md").write_text(markdown, encoding="utf-8")
    report = import_file(AnnotationStore(library), tmp_path / "ko.md")
    assert (report.format, report.exact) == ("koreader", 1)
    (item,) = AnnotationStore(library).open(CLIFF).items()
    assert item.annotation.note == "the key sentence"


def test_readwise_own_export_and_calibre(library: Library, tmp_path: Path) -> None:
    rows = (
        "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,"
        "Location,Highlighted at,Document tags\n"
        '"Kamenev was Zinoviev’s alter ego.",Trotsky: The Sword of the Revolution 1917-1923,'
        'Tony Cliff,B00X,"a pair",blue,"troika,kamenev",location,3902,2024-03-06 08:01:55,\n'
    )
    (tmp_path / "readwise.csv").write_text(rows, encoding="utf-8")
    report = import_file(AnnotationStore(library), tmp_path / "readwise.csv")
    assert (report.format, report.exact) == ("readwise", 1)
    (item,) = AnnotationStore(library).open(CLIFF).items()
    assert item.annotation.tags == ("troika", "kamenev") and item.annotation.colour == "blue"
    calibre = {
        "type": "calibre_annotation_collection",
        "version": 1,
        "annotations": [
            {"type": "highlight", "uuid": "f1e2d3c4b5a6", "highlighted_text":
             "The Treaty of Brest-Litovsk was signed on 3 March and ratified on 15 March 1918.",
             "notes": "dates", "style": {"kind": "color", "type": "builtin", "which": "purple"},
             "timestamp": "2024-05-02T10:00:00.000Z", "start_cfi": "/2/4/2[x]/6/1:0",
             "end_cfi": "/2/4/2[x]/6/1:79", "spine_index": 3, "toc_family_titles": ["Peace"]},
            {"type": "bookmark", "title": "a bookmark", "pos": "epubcfi(/6/4)"},
        ],
    }  # fmt: skip
    (tmp_path / "calibre.json").write_text(json.dumps(calibre), encoding="utf-8")
    report = import_file(AnnotationStore(library), tmp_path / "calibre.json")
    # calibre names no book: the quote itself finds the one text that holds it.
    assert (report.format, report.exact) == ("calibre", 1)
    assert report.documents["wikipedia-leon-trotsky-revolution-aftermath"].how == "quote"


def test_hypothesis_api_rows_and_w3c_pages() -> None:
    from reader.core.interop.formats import read_text

    row = {
        "id": "abc123",
        "uri": "https://example.org/a",
        "text": "a note",
        "tags": ["t"],
        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "some words"}]}],
        "document": {"title": ["A page"]},
    }
    (record,) = read_text(json.dumps({"rows": [row], "total": 1}), {})
    assert (record.format, record.quote, record.note, record.tags) == (
        "hypothesis", "some words", "a note", ("t",)
    )  # fmt: skip
    assert (record.title, record.url, record.origin) == (
        "A page",
        "https://example.org/a",
        "w3c:abc123",
    )
    page = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": [
            {"id": "urn:x:1", "type": "Annotation", "motivation": "highlighting",
             "target": {"source": {"id": "http://example.org/b", "dc:title": "B"},
                        "selector": {"type": "TextQuoteSelector", "exact": "q", "prefix": "p"}}},
            {"id": "urn:x:2", "type": "Annotation", "motivation": "linking",
             "body": "urn:x:1", "target": "urn:x:3"},
        ],
    }  # fmt: skip
    (record,) = read_text(json.dumps(page), {})
    assert (record.quote, record.prefix, record.title) == ("q", "p", "B")


def test_title_matching_needs_more_than_a_shared_word(library: Library, tmp_path: Path) -> None:
    clipping = (
        "Trotsky (Irving Howe)\n"
        "- Your Highlight on Location 10-11 | Added on Monday, 1 April 2024\n"
        "\nA sentence that no text of the library holds at all.\n==========\n"
    )
    (tmp_path / "clips.txt").write_text(clipping, encoding="utf-8")
    report = import_file(AnnotationStore(library), tmp_path / "clips.txt")
    assert (report.added, report.inbox) == (0, 1)


def test_control_sequences_in_an_import_stay_inert(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clipping = (
        "Evil \x1b]52;c;aGk=\x07Book (\x1b[31mA. Nobody)\n"
        "- Your Highlight on Location 1-2 | Added on Monday, 1 April 2024 10:00:00\n"
        "\nno text \x1b[2J of the library \x9b holds this\n==========\n"
    )
    (tmp_path / "evil.txt").write_text(clipping, encoding="utf-8")
    assert (
        main(["--library", str(library.root), "notes", "import", str(tmp_path / "evil.txt")]) == 0
    )
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    inbox = (library.root / "inbox.toml").read_text(encoding="utf-8")
    (item,) = tomllib.loads(inbox)["item"]
    assert "\x1b" not in item["quote"] + item["title"] + item["author"]
    assert item["quote"] == "no text [2J of the library  holds this"
