"""Importing PDF files: layout-aware reading into headings, paragraphs and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_maker import BODY, Col, PageSpec, make_pdf

from reader.core.document import HEADING, NOTE, PARAGRAPH, Document
from reader.core.errors import ReaderError
from reader.core.importer import ImportOptions, build

FIXTURES = Path(__file__).parent / "fixtures"


def _article(path: Path) -> None:
    """Three pages, two columns, running header and footer, a rotated stamp, notes."""
    stamp = "Downloaded from https://example.org/ by 10.0.0.1 on 2021-01-0{n}"
    left = Col(54, 240)
    left.text("13.1 INTRODUCTION", "B", 14)
    left.gap()
    for line in (
        "The foundational argument of this paper is that",
        "documents keep their shape. A bene fi ciary of",
        "the method is every reader who searches for",
        "words. Our founda-",
        "tional claim holds across the Soviet-",
        "German border as well, as the first note says",
    ):
        left.text(line)
    left.text("and the second page confirms", marker="1")
    left.text("in detail. This paragraph runs on into the")
    right = Col(318, 240)
    for line in (
        "second column without a break in the sentence.",
        "Readers of the work will see how its parts",
        "hold together when it is read as a whole, and",
        "how the remaining sentences are carried over to",
    ):
        right.text(line)
    page1 = PageSpec(
        [left, right],
        notes=[("1", "See the appendix for the border cases.")],
        header="Journal of Test Studies - Vol. 3 (2021) - 101",
        footer="101",
        stamp=stamp.format(n=1),
    )
    left2 = Col(54, 240)
    for line in (
        "the next page, where the sentence finally ends.",
        "",
    ):
        left2.text(line) if line else left2.gap()
    left2.text("13.2 METHOD", "B", 14)
    left2.gap()
    left2.text("The method counts words in the whole text, and")
    left2.text("a beneficiary is found by every search", marker="2")
    left2.text("that looks for it.")
    right2 = Col(318, 240)
    right2.text("Each page adds more evidence for the claim that")
    right2.text("the layout can be read back in its order.")
    page2 = PageSpec(
        [left2, right2],
        notes=[("2", "Counted twice, by hand and by machine.")],
        header="Journal of Test Studies - Vol. 3 (2021) - 102",
        footer="102",
        stamp=stamp.format(n=2),
    )
    left3 = Col(54, 240)
    left3.text("13.3 CONCLUSION", "B", 14)
    left3.gap()
    left3.text("Nothing of the page furniture is left in the text,")
    left3.text("and the article ends here.")
    right3 = Col(318, 240)
    right3.text("A short second column closes the last page of the")
    right3.text("article with a final sentence.")
    page3 = PageSpec(
        [left3, right3],
        header="Journal of Test Studies - Vol. 3 (2021) - 103",
        footer="103",
        stamp=stamp.format(n=3),
    )
    make_pdf(path, [page1, page2, page3], title="Documents Keep Their Shape", author="A. Tester")


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("pdf") / "article.pdf"
    _article(path)
    return build(path, ImportOptions()).document


def _headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind == HEADING]


def _paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == PARAGRAPH]


def test_generated_article_headings_and_metadata(article: Document) -> None:
    assert _headings(article) == [
        (3, "13.1 INTRODUCTION"),
        (3, "13.2 METHOD"),
        (3, "13.3 CONCLUSION"),
    ]
    assert article.meta["title"] == "Documents Keep Their Shape"
    assert article.meta["author"] == "A. Tester"
    assert article.meta["kind"] == "pdf-file"


def test_generated_article_reads_columns_and_pages_in_order(article: Document) -> None:
    paras = _paragraphs(article)
    assert paras[0].startswith("The foundational argument of this paper is that documents")
    # Column break and page break inside a sentence: joined.
    assert "This paragraph runs on into the second column without a break" in paras[0]
    assert "carried over to the next page, where the sentence finally ends." in paras[0]
    assert (
        paras[-1]
        == "A short second column closes the last page of the article with a final sentence."
    )
    assert any(p.startswith("Nothing of the page furniture") for p in paras)


def test_generated_article_mends_words_against_its_vocabulary(article: Document) -> None:
    text = article.text
    assert "Our foundational claim" in text
    assert "Soviet-German border" in text
    assert "A beneficiary of the method" in text
    assert "bene fi" not in text and "founda-" not in text


def test_generated_article_furniture_is_gone(article: Document) -> None:
    text = article.text
    for residue in ("Journal of Test Studies", "Downloaded from", "101", "102", "10.0.0.1"):
        assert residue not in text


def test_generated_article_footnotes_are_linked(article: Document) -> None:
    notes = {b.label: b.text.split("] ", 1)[1] for b in article.blocks if b.kind == NOTE}
    assert notes == {
        "1": "See the appendix for the border cases.",
        "2": "Counted twice, by hand and by machine.",
    }
    assert [m.label for m in article.markers] == ["1", "2"]
    assert "the second page confirms[1] in detail" in article.text


def test_federal_register_excerpt(tmp_path: Path) -> None:
    """Three columns, running header with page numbers, rotated stamp, footnotes."""
    doc = build(FIXTURES / "pdf-federal-register-2020-17221-p47699-47701.pdf", ImportOptions())
    document = doc.document
    assert [t for _, t in _headings(document)] == [
        "Proposed Design Changes",
        "Proposed Maintenance-Related Actions",
        "Emergency Order of Prohibition",
        "Related Service Information Under 1 CFR Part 51",
    ]
    notes = {b.label: b.text.split("] ", 1)[1] for b in document.blocks if b.kind == NOTE}
    assert sorted(notes, key=int) == [str(n) for n in range(1, 16)]
    assert notes["13"] == "More than 10 degrees difference for more than 10 seconds."
    assert notes["12"].endswith("using control column inputs only.")
    text = document.text
    assert text.startswith("Hatta International Airport in Jakarta, Indonesia, resulting in 189")
    assert "operator. Reports[1] from the accident investigation" in text
    for residue in ("Federal Register / Vol", "VerDate", "jbell on", "DSKJLSW7X2PROD", "47700"):
        assert residue not in text
    assert "Proposed Design Changes" in text


def test_a_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # an "image" of a page, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReaderError, match=r"no text layer.*OCR"):
        build(path, ImportOptions())


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=BODY)
    pdf.text(20, 20, "secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(ReaderError, match="encrypted") as err:
        build(path, ImportOptions())
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"not a pdf at all"])
def test_a_broken_pdf_is_refused_in_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ReaderError, match="not a readable PDF") as err:
        build(path, ImportOptions())
    assert "\n" not in str(err.value)


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    _article(path)
    seen: list[tuple[int, int]] = []
    build(path, ImportOptions(), lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_endnotes_and_a_table(tmp_path: Path) -> None:
    """A notes section after the text, a figures table kept as a pipe table."""
    col = Col(54, 480)
    col.text("Results", "B", 14)
    col.gap()
    col.text("The survey counted the members of each group in the year", marker="1")
    col.text("and the totals are given below for the three regions.")
    col.gap()
    for row in (("North", "1,200", "340"), ("South", "2,450", "512"), ("East", "980", "77")):
        col.text("\t".join(row))  # cells at fixed positions, see _table_pdf
    col.gap()
    col.text("The counts were made again later with the same method.", marker="2")
    col.gap()
    col.text("ENDNOTES", "B", 14)
    col.gap()
    col.text("1. The census of the survey office, table 4.")
    col.text("2. Done by the same staff in the following spring.")
    path = tmp_path / "report.pdf"
    _table_pdf(path, col)
    doc = build(path, ImportOptions()).document
    notes = {b.label: b.text.split("] ", 1)[1] for b in doc.blocks if b.kind == NOTE}
    assert notes == {
        "1": "The census of the survey office, table 4.",
        "2": "Done by the same staff in the following spring.",
    }
    assert [t for _, t in _headings(doc)] == ["Results"]
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.splitlines() == [
        "North  1,200  340",
        "South  2,450  512",
        "East   980    77",
    ]
    assert "in the year[1] and the totals" in doc.text


def _table_pdf(path: Path, col: Col) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 80.0
    for text, style, size, marker in col.lines:
        if not text:
            y += 10
            continue
        pdf.set_font("Helvetica", style, size)
        if "\t" in text:
            for x, cell in zip((54, 200, 300), text.split("\t"), strict=True):
                pdf.text(x, y, cell)
        else:
            pdf.text(col.x, y, text)
            if marker:
                width = pdf.get_string_width(text)
                pdf.set_font("Helvetica", "", size * 0.6)
                pdf.text(col.x + width + 0.5, y - size * 0.4, marker)
        y += 13
    pdf.output(str(path))


class _Info:
    def __init__(self, info: dict[str, str]) -> None:
        self.info = info

    def get_metadata_dict(self, skip_empty: bool = True) -> dict[str, str]:
        return self.info


def test_metadata_from_info_then_xmp_without_junk(tmp_path: Path) -> None:
    from reader.core.clean.pdf_meta import metadata

    path = tmp_path / "paper.pdf"
    path.write_bytes(
        b"%PDF-1.6\n<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>"
        b"<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>Armed Forces &amp; Society"
        b"</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>Ana Lima</rdf:li>"
        b"</rdf:Seq></dc:creator><xmp:CreateDate>1999-09-01T10:00:00Z</xmp:CreateDate>"
        b"</rdf:RDF></x:xmpmeta>"
    )
    junk = _Info({"Title": "Microsoft Word - draft3.doc", "Author": "W:CAR:MP:FP"})
    assert metadata(junk, path) == {
        "title": "Armed Forces & Society",
        "author": "Ana Lima",
        "date": "1999-09-01",
    }
    info = _Info({"Title": "The Report", "Author": "Jo Dee", "CreationDate": "D:20200805"})
    assert metadata(info, path) == {"title": "The Report", "author": "Jo Dee", "date": "2020-08-05"}


def test_handbook_chapter_pages_with_download_stamps(tmp_path: Path) -> None:
    """One column; odd and even running heads with page numbers; a download stamp at
    every page foot (its time changing); a sentence and a note across pages."""
    stamp = "Downloaded from https://www.example-online.com/ at 06/05/2024 11:32:4{n}AM by guest"
    heads = ["Public programmes and their evaluation {p}", "{p} Research handbook on programmes"]
    texts = [
        ["Every bene fi ciary of the scheme was asked to report on the use of its grant", "and"],
        ["the reports were read by the staff of the agency, who kept them in its files."],
        ["The second phase brought new rules for the groups that received the money", "in"],
        ["the years after the first phase, as the reports of those years show in detail."],
    ]
    pages = []
    for n, lines in enumerate(texts):
        col = Col(54, 500)
        for line in lines:
            col.text(line)
        foot = [("1", "See the agency's report of 2004.")] if n == 0 else []
        if n == 0:
            col.lines[0] = (col.lines[0][0], "", BODY, "1")
        pages.append(
            PageSpec(
                [col],
                notes=foot,
                header=heads[n % 2].format(p=203 + n),
                footer=stamp.format(n=n),
            )
        )
    path = tmp_path / "chapter.pdf"
    make_pdf(path, pages, title="Public programmes and their evaluation")
    doc = build(path, ImportOptions()).document
    assert [b.text for b in doc.blocks if b.kind == PARAGRAPH] == [
        "Every beneficiary of the scheme was asked to report on the use of its grant[1] and "
        "the reports were read by the staff of the agency, who kept them in its files.",
        "The second phase brought new rules for the groups that received the money in the "
        "years after the first phase, as the reports of those years show in detail.",
    ]
    notes = {b.label: b.text.split("] ", 1)[1] for b in doc.blocks if b.kind == NOTE}
    assert notes == {"1": "See the agency's report of 2004."}
    for residue in ("Downloaded", "Research handbook", "evaluation 20", "11:32"):
        assert residue not in doc.text
