"""Plain-text books: Project Gutenberg texts of every header generation, bare books.

The fixtures are excerpts of real books (tests/fixtures/ATTRIBUTION.md), kept in their
original bytes (ISO-8859-1 with CRLF, ASCII with CRLF, UTF-8 with a BOM and CRLF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.clean import Report
from reader.core.clean import book as book_cleaner
from reader.core.clean.gutenberg import is_gutenberg, unwrap
from reader.core.document import Document
from reader.core.document_parser import load_document, parse_document
from reader.core.library import Library
from reader.core.markdown import render_text

FIXTURES = Path(__file__).parent / "fixtures" / "books"


def _import(library: Library, name: str, capsys: pytest.CaptureFixture[str]) -> Document:
    code = main(["--library", str(library.root), "import", str(FIXTURES / name), "--id", "b"])
    err = capsys.readouterr().err
    assert code == 0, err
    return load_document(library.text_path("b"))


def _clean(text: str) -> tuple[Document, dict[str, str]]:
    cleaned = book_cleaner.clean(text, Report())
    rendered = render_text({"id": "x", **cleaned.meta}, cleaned.blocks)
    return parse_document(rendered, "x"), dict(cleaned.meta)


def test_russell_gutenberg_in_latin1_with_crlf(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _import(empty_library, "pg-russell-bolshevism-excerpt.txt", capsys)
    assert doc.title == "The Practice and Theory of Bolshevism"
    assert doc.author == "Bertrand Russell"
    assert doc.date == "1920"  # "First published November 1920", not the 2005 release
    assert doc.meta["identifier"] == "Project Gutenberg EBook #17350"
    assert doc.meta["language"] == "English"
    assert doc.meta["released"] == "December 19, 2005"
    assert doc.meta["credits"].startswith("Produced by Thierry Alberto, Jeannie Howse")
    assert "obvious typographical errors" in doc.meta["transcriber_note"]
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "PREFACE"),
        (1, "PART I. THE PRESENT CONDITION OF RUSSIA"),
        (2, "I. WHAT IS HOPED FROM BOLSHEVISM"),
        (2, "II. GENERAL CHARACTERISTICS"),
    ]
    text = doc.text
    assert "The Russian Revolution is one of the great heroic events of the world's" in text
    assert "régime of Napoleonic imperialism" in text  # ISO-8859-1 decoded
    assert "To understand Bolshevism it is not sufficient to know facts;" in text
    # Italics are emphasis, the footnote a note, the signature its own paragraph.
    assert "*Theses presented to the Second Congress" in empty_library.text_path("b").read_text()
    assert list(doc.notes) == ["1"]
    assert doc.notes["1"].text.startswith('[1] See the article "On the rôle of the Communist')
    assert any(b.text == "BERTRAND RUSSELL" for b in doc.blocks)
    for residue in ("Project Gutenberg", "START OF THIS", "FOOTNOTES:", "Produced by", "_", "PAGE"):
        assert residue not in text, residue
    assert "WHAT IS HOPED FROM BOLSHEVISM 15" not in text  # the contents are gone


def test_kropotkin_gutenberg_chapters_sections_notes_and_tables(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _import(empty_library, "pg-kropotkin-conquest-excerpt.txt", capsys)
    assert (doc.title, doc.author, doc.date) == ("The Conquest of Bread", "Peter Kropotkin", "1926")
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "PREFACE"),
        (1, "CHAPTER I. OUR RICHES"),
        (2, "I"),
        (1, "CHAPTER III. ANARCHIST COMMUNISM"),
        (2, "I"),
    ]
    assert list(doc.notes) == ["1"]
    assert doc.notes["1"].text.startswith("[1] 4,013,711 now employed")
    text = doc.text
    assert "The human race has travelled a long way" in text
    assert "One of the current objections to Communism" in text
    assert "Cereals (culture and crop)                            15,000,000" in text
    assert "they cannot procure better ones." in text
    assert "[Illustration]" not in text and "End of Project Gutenberg" not in text
    assert "Prince Peter Alexeivitch Kropotkin" in text


def test_engels_bare_numerals_bom_and_datelines(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _import(empty_library, "plain-engels-excerpt.txt", capsys)
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "IV. AUSTRIA."),
        (1, "V. THE VIENNA INSURRECTION."),
    ]
    assert doc.blocks[0].text.startswith("The first act of the revolutionary drama")
    assert any(b.text == "LONDON, September, 1851." for b in doc.blocks)
    assert "\ufeff" not in doc.text and "_The Tribune_" not in doc.text
    assert "title" not in doc.meta and "author" not in doc.meta  # nothing invented


OLD_HEADER = """\
The Project Gutenberg Etext of The Civil War in France, by Karl Marx

Copyright laws are changing all over the world, be sure to check
the copyright laws for your country before posting these files!!

**Welcome To The World of Free Plain Vanilla Electronic Texts**

**Etexts Readable By Both Humans and By Computers, Since 1971**

*****These Etexts Were Prepared By Thousands of Volunteers!*****

Title: The Civil War in France

Author: Karl Marx

Release Date: May, 2001  [Etext #2565]

***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***
Why is this "Small Print!" statement here?  You know: lawyers.
They tell us you might sue us if there is something wrong with
your copy of this etext.
*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*




This etext was prepared by a volunteer.




CHAPTER I

THE COMMUNE

On the dawn of the 18th of March, Paris arose to the thunder-burst of
"Vive la Commune!" What is the Commune, that sphinx so tantalizing to
the bourgeois mind?

"Where?"

"Here."

CHAPTER II

The Commune was formed of the municipal councillors.

End of the Project Gutenberg Etext of The Civil War in France
"""


def test_the_small_print_generation() -> None:
    assert is_gutenberg(OLD_HEADER)
    doc, meta = _clean(OLD_HEADER)
    assert meta["title"] == "The Civil War in France" and meta["author"] == "Karl Marx"
    assert meta["identifier"] == "Project Gutenberg EBook #2565"
    assert meta["credits"] == "This etext was prepared by a volunteer."
    assert [h.text for h in doc.headings] == ["CHAPTER I. THE COMMUNE", "CHAPTER II"]
    assert "SMALL PRINT" not in doc.text and "lawyers" not in doc.text
    assert "Welcome" not in doc.text and "End of the Project" not in doc.text
    # Short lines of dialogue stay paragraphs.
    assert [b.text for b in doc.blocks if b.text in ('"Where?"', '"Here."')] == [
        '"Where?"',
        '"Here."',
    ]


def test_a_header_with_neither_marker_and_the_opening_title() -> None:
    text = (
        "Project Gutenberg's The Iron Heel, by Jack London\n\n"
        "This eBook is for the use of anyone anywhere at no cost.\n\n"
        "CHAPTER I\n\nMY EAGLE\n\nThe soft summer wind stirs the redwoods.\n"
    )
    wrapped = unwrap(text)
    assert wrapped.meta["title"] == "The Iron Heel" and wrapped.meta["author"] == "Jack London"
    assert wrapped.body.strip().startswith("CHAPTER I")


def test_footnote_forms_and_translator_notes() -> None:
    text = (
        "Project Gutenberg's A Book, by A. Writer\n\n*** START OF THIS PROJECT GUTENBERG "
        "EBOOK A BOOK ***\n\nCHAPTER I\n\nIt was said[1] and written.[A] The sign* was "
        "plain, and a translator spoke [#1 Literally: the word.] here.\n\n"
        "[Footnote 1: A first note\n\ngoing on over two paragraphs.]\n\n"
        "[Footnote A: A lettered note.]\n\n* The starred note.\n\n"
        "CHAPTER II\n\nAgain numbered from one[1] in the second chapter.\n\n"
        "[1] The second chapter's note.\n\n*** END OF THIS PROJECT GUTENBERG EBOOK ***\n"
    )
    doc, _ = _clean(text)
    assert {k: v.text.split("] ", 1)[1] for k, v in doc.notes.items()} == {
        "1": "A first note going on over two paragraphs.",
        "A": "A lettered note.",
        "*": "The starred note.",
        "#1": "Literally: the word.",
        "1-2": "The second chapter's note.",
    }
    assert "It was said[1] and written.[A] The sign[*] was plain" in doc.text
    assert "Footnote" not in doc.text


def test_a_table_of_contents_is_dropped_and_verse_keeps_its_lines() -> None:
    prose = " ".join(["The words of a long paragraph of ordinary prose go on."] * 3)
    wrapped = "\n".join(prose[i : i + 70] for i in range(0, len(prose), 70))
    text = "CONTENTS\n\n   I. THE FIRST     1\n  II. THE SECOND   9\n\n\n\n" + "\n\n".join(
        f"CHAPTER {n}\n\n{wrapped}\n\n    Tyger Tyger, burning bright,\n"
        "    In the forests of the night;\n    What immortal hand or eye,\n"
        f"\n\n{wrapped}"
        for n in ("I", "II", "III")
    )
    doc, _ = _clean(text)
    assert [h.text for h in doc.headings] == ["CHAPTER I", "CHAPTER II", "CHAPTER III"]
    assert "THE FIRST" not in doc.text
    pre = [b for b in doc.blocks if b.kind == "pre"]
    assert len(pre) == 3 and pre[0].text.splitlines()[1] == "In the forests of the night;"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["CHAPTER I", "II.", "PREFACE", "[1] A note.", "_it_ *b*", "[#1 x]", "* * *"]
            ),
            st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80),
        ),
        max_size=25,
    )
)
def test_any_book_text_gives_a_parsable_document_with_no_prose_lost(parts: list[str]) -> None:
    text = "\n\n".join(parts)
    doc, _ = _clean(text)
    words = {w for w in doc.text.split()}
    for part in parts:
        for word in part.split():
            if word.isalpha() and word not in ("CHAPTER", "PREFACE"):
                assert any(word in w for w in words), word


def test_a_letters_dateline_gives_the_date_and_stays_a_paragraph() -> None:
    body = "\n".join(["We write to you about the coming congress of the party."] * 3)
    text = (
        f"LETTER I\n\n{body}\n\nLETTER II\n\n{body}\n\n{body}\n\n{body}\n\n{body}\n\n"
        f"{body}\n\n{body}\n\n{body}\n\n{body}\n\nLONDON, September 12, 1851.\n"
    )
    doc, meta = _clean(text)
    assert meta["date"] == "1851"
    assert doc.blocks[-1].text == "LONDON, September 12, 1851."
