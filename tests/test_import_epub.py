"""EPUB books: what a reader of the imported text sees, and bad books refused in one line.

Two books built by `epub_books` in the shapes Standard Ebooks (EPUB 3) and calibre
(EPUB 2) write, imported through `reader.cli.main`: the exact headings, the notes
with their labels and first words, sentences from the start, middle and end, residue
that must be gone, and the metadata. Broken, DRM-protected and bomb-like books give one
line on stderr, exit 1 and nothing written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from epub_books import calibre_book, standard_ebook, write_epub
from import_support import headings, notes

from reader.cli import main
from reader.core.document import Document
from reader.core.document_parser import load_document
from reader.core.library import Library


def import_one(library: Library, path: Path, capsys: pytest.CaptureFixture[str]) -> Document:
    code = main(["--library", str(library.root), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "(kind: epub)" in out.splitlines()[0]
    (text,) = library.texts_dir.glob("*.md")
    return load_document(text)


def test_an_epub3_book_reads_as_one_text_with_its_contents_notes_and_metadata(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = import_one(empty_library, standard_ebook(tmp_path / "alice.epub"), capsys)
    assert headings(doc) == [
        (2, "Part the First"),
        (3, "I: Down the Rabbit-Hole"),
        (3, "II: The Pool of Tears"),
        (2, "Endnotes"),
    ]
    assert notes(doc) == {"1": "The Rabbit’s watch is", "2": "Carroll’s own coinage, now"}
    assert [m.label for m in doc.markers] == ["1", "2"]
    text = doc.text
    for sentence in (
        "Alice was beginning to get very tired of sitting by her sister on the bank",
        "I shall be late!”[1] (when she thought it over afterwards",
        "how in the world she was to get out again.",  # a page marker mid-sentence
        "The White Rabbit checking his watch",  # an image's description
        "she at once took up the little golden key and hurried off to the garden door.",
    ):
        assert sentence in text
    for residue in ("Illo1", "↩", "Imprint", "League Spartan", "May you do good", "Titlepage"):
        assert residue not in text
    assert doc.meta == doc.meta | {
        "title": "Alice’s Adventures in Wonderland: With Forty-Two Illustrations",
        "author": "Lewis Carroll",
        "date": "1865-11-26",
        "language": "en-GB",
        "publisher": "Standard Ebooks",
        "identifier": "url:https://standardebooks.org/ebooks/lewis-carroll/"
        "alices-adventures-in-wonderland",
        "kind": "epub",
    }
    assert "translator" not in doc.meta  # the illustrator is not a translator
    assert doc.meta["rights"].startswith("The source text and artwork")


def test_an_epub2_book_gets_headings_from_its_ncx_and_keeps_its_footnote(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = import_one(empty_library, calibre_book(tmp_path / "sherlock.epub"), capsys)
    assert headings(doc) == [
        (2, "Adventure I. A Scandal in Bohemia"),
        (3, "Part II"),
        (2, "ADVENTURE II. THE RED-HEADED LEAGUE"),
    ]
    assert notes(doc) == {"1": "Irene Adler, “the woman”,"}
    text = doc.text
    assert text.startswith("Adventure I. A Scandal in Bohemia\n")
    for sentence in (
        "To Sherlock Holmes she is always the woman.",  # the drop cap joined, NBSP a space
        "under any other name.[1] In his eyes",
        "Holmes had not yet returned. The landlady informed me",  # no [Pg 12]
        "“You could not possibly have come at a better time, my dear Watson,” he said",
    ):
        assert sentence in text
    for residue in ("CONTENTS", "ADVENTURE I.\n", "Project Gutenberg", "[Pg", "filepos", "T o"):
        assert residue not in text
    assert {k: doc.meta.get(k) for k in ("title", "author", "translator", "date")} == {
        "title": "The Adventures of Sherlock Holmes",
        "author": "Arthur Conan Doyle",
        "translator": "A. N. Editor",
        "date": "1892-10-14",  # the publication date, not the modification date
    }
    assert doc.meta["identifier"] == "0b1c5a2e-5b8c-4b40-9c1e-7d2f0e8a9f11"
    assert doc.meta["publisher"] == "George Newnes"


def test_importing_an_epub_twice_gives_the_same_bytes(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = calibre_book(tmp_path / "sherlock.epub")
    import_one(empty_library, book, capsys)
    (path,) = empty_library.texts_dir.glob("*.md")
    first = path.read_bytes()
    assert main(["--library", str(empty_library.root), "import", str(book), "--replace"]) == 0
    assert path.read_bytes() == first
    # The text itself re-imports unchanged.
    copy = tmp_path / "copy.md"
    copy.write_bytes(first)
    assert main(["--library", str(empty_library.root), "import", str(copy), "--replace"]) == 0
    assert path.read_bytes() == first


def _broken(tmp_path: Path, case: str) -> Path:
    path = tmp_path / f"{case.replace(' ', '-')}.epub"
    good = standard_ebook(tmp_path / "good.epub").read_bytes()
    if case == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif case == "no package file":
        write_epub(
            path, "OPS/missing.opf", {"OPS/chapter.xhtml": "<html><body><p>x</p></body></html>"}
        )
    elif case == "drm":
        with zipfile.ZipFile(tmp_path / "good.epub") as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info))
            dst.writestr("META-INF/rights.xml", "<rights/>")
    elif case == "encrypted text":
        with zipfile.ZipFile(tmp_path / "good.epub") as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info))
            dst.writestr(
                "META-INF/encryption.xml",
                '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                '<enc:CipherData><enc:CipherReference URI="epub/text/chapter-1.xhtml"/>'
                "</enc:CipherData></enc:EncryptedData></encryption>",
            )
    elif case == "zip bomb":
        write_epub(
            path,
            "content.opf",
            {
                "content.opf": '<package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
                '<manifest><item id="b" href="bomb.xhtml" media-type="application/xhtml+xml"/>'
                '</manifest><spine><itemref idref="b"/></spine></package>',
                "bomb.xhtml": b" " * (40 * 2**20),
            },
        )
    return path


BROKEN = {
    "truncated": "damaged or truncated",
    "no package file": "no package (OPF) file",
    "drm": "DRM-protected",
    "encrypted text": "DRM-protected",
    "zip bomb": "zip bomb",
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_or_protected_epub_is_one_line_exit_1_and_nothing_written(
    case: str, empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken(tmp_path, case)
    code = main(["--library", str(empty_library.root), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("reader: ") and BROKEN[case] in err
    assert path.name in err and "Traceback" not in err
    assert list(empty_library.texts_dir.iterdir()) == []
