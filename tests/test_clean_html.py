"""`reader import page.html`: real pages (excerpts in tests/fixtures/html) as a reader sees them.

Each page: the exact headings, note labels with their first words, sentences that must
be there (start, middle, end), residue that must be gone, and the metadata.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document import Document
from reader.core.document_parser import load_document
from reader.core.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def imported(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> Document:
    library = Library(tmp_path / "lib")
    library.texts_dir.mkdir(parents=True, exist_ok=True)
    code = main(["--library", str(library.root), "import", "--id", "doc", str(FIXTURES / name)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "kind: html" in out
    return load_document(library.text_path("doc"))


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(h.level, h.text) for h in doc.headings]


def first_words(doc: Document, label: str, n: int = 4) -> str:
    text = doc.notes[label].text
    assert text.startswith(f"[{label}] ")
    return " ".join(text.split()[1 : n + 1])


def assert_clean(doc: Document, present: list[str], absent: list[str]) -> None:
    for sentence in present:
        assert sentence in doc.text, sentence
    for residue in absent:
        assert residue not in doc.text, residue


def test_marxists_org_archive_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = imported(tmp_path, "mia-plekhanov-1898-individual.html", capsys)
    assert doc.meta["title"] == "On the Role of the Individual in History"
    assert doc.meta["author"] == "G.V. Plekhanov"
    assert doc.meta["date"] == "1898"
    assert doc.meta["publisher"] == "Lawrence & Wishart, 1961"
    assert doc.meta["source"] == "Selected Works of G.V. Plekhanov, Volume II"
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert headings(doc) == [(2, r) for r in roman] + [(3, "Footnotes"), (3, "Notes")]
    labels = [b.label for b in doc.blocks if b.kind == "note"]
    assert labels[:4] == ["6", "7", "8", "8a"]
    assert labels[-5:] == ["1*", "4*", "12*", "13*", "14*"]
    assert first_words(doc, "8a") == "As the same old"
    assert first_words(doc, "1*") == "The reference is to"
    # a note that goes on over a second paragraph keeps both
    assert doc.notes["14*"].text.endswith(
        "names of months in the Republican calendar introduced by the Convention in the "
        "autumn of 1793."
    )
    assert {"1*", "8a", "14*"} <= {m.label for m in doc.markers}
    assert_clean(
        doc,
        [
            "In the second half of the \u2019seventies the late Kablitz wrote an article",
            "A certain \u201cesteemed sociologist\u201d [1*] replied to Kablitz",
            "It is open for all those who have eyes to see, ears to hear and hearts to love "
            "their neighbours.",
        ],
        ["MIA", "Top of the page", "Last updated", "Written:", "Transcribed", "* * *", "(1898)"],
    )


def test_marxists_org_border_template_latin1_two_note_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "mia-marx-1871-civil-war-ch05.htm", capsys)
    assert doc.meta["title"] == "The Civil War in France"
    assert doc.meta["author"] == "Karl Marx"
    assert headings(doc) == [
        (2, "The Third Address May, 1871"),
        (3, "[The Paris Commune]"),
        (4, "Authors Notes"),
        (4, "Editorial Notes"),
    ]
    labels = [b.label for b in doc.blocks if b.kind == "note"]
    assert labels == ["1", "2", *"ABCDEFGHIJKLMNO"]
    assert first_words(doc, "1") == "Professor Huxley. [Note to"
    assert first_words(doc, "O") == "A city in Germany;"
    quotes = [b.text for b in doc.blocks if b.kind == "quote"]
    assert quotes[0].startswith("\u201cThe proletarians of Paris,\u201d said the Central")
    assert_clean(
        doc,
        [
            "On the dawn of March 18, Paris arose to the thunder-burst of \u201cVive la Commune!",
            "cigarettes at Wilhelmsh\u00f6he,[L]",
            "Coblenz was the seat of the emigre government",
        ],
        ["Chapter 6", "Table of Contents", "Karl Marx: The Civil War", "\u00a0", "(A)"],
    )


def test_marxists_org_t2h_template_out_of_order_marker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "mia-lenin-1914-karl-marx-ch01.htm", capsys)
    assert doc.meta["title"] == "Karl Marx"
    assert doc.meta["author"] == "V.I. Lenin"
    assert headings(doc) == [(2, "Marx, Karl, was born..."), (3, "Notes")]
    assert [m.label for m in doc.markers][:5] == ["1", "2", "3", "13", "4"]
    assert first_words(doc, "13") == "These words are from"
    assert first_words(doc, "12") == "Bakuninism\u2014A trend called after"
    assert_clean(
        doc,
        [
            "Marx, Karl, was born on May 5, 1818 (New Style), in the city of Trier",
            "He lies buried next to his wife at Highgate Cemetery in London.",
        ],
        ["vol=21", "Works Index", "backward", "forward", "Vladimir Ilyich Lenin"],
    )


def test_wikipedia_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = imported(tmp_path, "wikipedia-new-zealand-excerpt.html", capsys)
    assert doc.meta["title"] == "New Zealand"
    assert doc.meta["source"] == "https://en.wikipedia.org/wiki/New_Zealand"
    assert doc.meta["language"] == "en"
    assert doc.meta["rights"] == "https://creativecommons.org/licenses/by-sa/3.0/"
    assert headings(doc) == [
        (2, "Etymology"),
        (2, "Citations"),
        (2, "References"),
        (2, "External links"),
    ]
    labels = [b.label for b in doc.blocks if b.kind == "note"]
    assert labels[:3] == ["1", "11", "12"] and labels[-1] == "21"
    assert first_words(doc, "17") == "King 2003, p. 41."
    assert first_words(doc, "21") == "Williamson, Maurice (10 October"
    assert {m.label for m in doc.markers} >= {"11", "17", "21"}
    link = next(s for b in doc.blocks for s in b.spans if s.kind == "link")
    assert link.data.startswith("https://en.wikipedia.org/wiki/")
    assert_clean(
        doc,
        [
            "Sometime between 1250 and 1300, Polynesians settled in the islands",
            "Dutch explorer Abel Tasman sighted New Zealand in 1642",
        ],
        [
            "[edit]",
            "Jump to navigation",
            "Retrieved from",
            "Coordinates",
            "Main article",
            "This article is about",
            "Navigation menu",
            "Categories:",
            "^",
        ],
    )


def test_wordpress_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = imported(tmp_path, "blog-firefox-nightly-news-85.html", capsys)
    assert doc.meta["title"] == "These Weeks in Firefox: Issue 85"
    assert doc.meta["author"] == "Mike Conley"
    assert doc.meta["date"] == "2020-12-18"
    assert doc.meta["source"] == (
        "https://blog.nightly.mozilla.org/2020/12/18/these-weeks-in-firefox-issue-85/"
    )
    assert headings(doc)[:3] == [
        (2, "Highlights"),
        (2, "Friends of the Firefox team"),
        (3, "Introductions/Shout-Outs"),
    ]
    assert headings(doc)[-1] == (3, "Search and Navigation")
    assert_clean(
        doc,
        [
            "\u2022 Here\u2019s our Firefox Year in Review!",
            "URL canonization (www.*.com) now uses https by default",
        ],
        ["Leave a Reply", "wrote on", "Categories:", "responses", "Newsletter", "Firefox Nightly"],
    )


def test_gutenberg_html_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = imported(tmp_path, "pg-russell-bolshevism-17350-excerpt.htm", capsys)
    assert doc.meta["title"] == "The Practice and Theory of Bolshevism"
    assert doc.meta["author"] == "Bertrand Russell"
    assert doc.meta["date"] == "November 1920"
    assert doc.meta["language"] == "en"
    assert headings(doc)[:6] == [
        (3, "PREFACE"),
        (2, "PART I"),
        (3, "THE PRESENT CONDITION OF RUSSIA"),
        (3, "I. WHAT IS HOPED FROM BOLSHEVISM"),
        (3, "II. GENERAL CHARACTERISTICS"),
        (4, "FOOTNOTES:"),
    ]
    assert doc.notes["1"].text.startswith("[1] See the article")
    assert_clean(
        doc,
        ["The Russian Revolution is one of the great heroic events of the world's history."],
        ["Project Gutenberg", "Transcriber", "[6]", "ToC", "happinesss", "START OF", "PAGE"],
    )
