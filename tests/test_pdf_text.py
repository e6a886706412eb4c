"""Text already extracted from a PDF: furniture found statistically, notes at page feet,
broken words mended against the document's vocabulary, glued headings split."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import Report
from reader.core.clean.furniture import find_furniture
from reader.core.clean.mend import Vocabulary, join_hyphenated, repair_ligatures
from reader.core.clean.pdf import clean
from reader.core.document import HEADING, NOTE, Document
from reader.core.importer import ImportOptions, build

FIXTURES = Path(__file__).parent / "fixtures"


def _doc(name: str) -> Document:
    return build(FIXTURES / name, ImportOptions(kind="pdf")).document


def _notes(doc: Document) -> dict[str, str]:
    return {b.label: b.text.split("] ", 1)[1] for b in doc.blocks if b.kind == NOTE}


def test_handbook_chapter() -> None:
    doc = _doc("pdftext-handbook-chapter.txt")
    assert [(b.level, b.text) for b in doc.blocks if b.kind == HEADING] == [
        (3, "13.1 INTRODUCTION"),
        (3, "13.2 THE SECOND PHASE"),
        (3, "13.3 CONCLUSION"),
    ]
    assert _notes(doc) == {
        "1": "See for example: Smith, The Public Purse (London, 2001), p. 12.",
        "2": "The rules are printed in the appendix to the agency's report of 2004.",
    }
    assert [m.label for m in doc.markers] == ["1", "2"]
    text = doc.text
    assert "The programme was launched in 1998" in text  # start
    assert "every beneficiary was asked to report on its use.[1] The reports" in text
    assert "The office that ran the scheme kept its files for ten years." in text
    assert "as the foundational study had said." in text
    assert "in the Soviet-German border regions" in text
    assert "The flow of money slowed down" in text
    # A paragraph cut by a page break, a footnote and a stamp is whole again.
    assert "fewer groups applied in the second phase than in the first, as the reports" in text
    assert text.rstrip().endswith(
        "The final judgement is left to the reader of this chapter.\n\n"
        "[1] See for example: Smith, The Public Purse (London, 2001), p. 12.\n\n"
        "[2] The rules are printed in the appendix to the agency's report of 2004."
    )
    for residue in ("Downloaded from", "Research handbook on", "12:34:56", " fi ", " fl "):
        assert residue not in text


def test_mueller_ocr_pages() -> None:
    """A real OCR dump (ISO-8859-1, form feeds, a stamp garbled differently on each page)."""
    doc = _doc("pdftext-mueller-report-2019-ocr-p20-24.txt")
    text = doc.text
    for residue in ("Atterney", "WorkPreduet", "Work Product", "Departmentof Justice At", "\f"):
        assert residue not in text
    assert [b.text for b in doc.blocks if b.kind == HEADING] == [
        'II. RUSSIAN "ACTIVE MEASURES" SOCIAL MEDIA CAMPAIGN',
        "B. Funding and Oversight from Concord and Prigozhin",
    ]
    notes = _notes(doc)
    assert notes["2"].startswith("The Office is aware of reports that other Russian entities")
    assert notes["4"].startswith("As discussed in Part V below, the active measures")
    assert text.startswith("from a bank whose CEO wasthen seeking a position")
    assert "The first form of Russian election influence cameprincipally" in text
    assert "Prigozhin is a wealthy Russian businessman whoserved as the head of Concord." in text
    # Bare page numbers at the page feet are gone.
    assert "\n\n12\n\n" not in text and "\n\n13\n\n" not in text


def test_hyphens_are_judged_against_the_document() -> None:
    vocab = Vocabulary.of_text("a foundational claim; a well-known case; self evident; a form")
    assert join_hyphenated("founda-", "tional", vocab) == "foundational"
    assert join_hyphenated("well-", "known", vocab) == "well-known"
    assert join_hyphenated("Soviet-", "German", vocab) == "Soviet-German"
    assert join_hyphenated("re-", "form", vocab) == "reform"  # "re" is no word of its own
    assert join_hyphenated("self-", "evident", vocab) == "self-evident"


def test_ligatures_never_glue_real_words() -> None:
    vocab = Vocabulary.of_text("the benefit of a fine day; of ﬁnancial aid; fi ne")
    text, _ = repair_ligatures("a bene fi t and the fi nancial ﬁrst, a fi sh", vocab)
    assert text == "a benefit and the financial first, a fish"
    text, _ = repair_ligatures("as fine as it is, of course", vocab)
    assert text == "as fine as it is, of course"


def test_furniture_tolerates_ocr_noise_and_numbers() -> None:
    stamp = [
        "U.S. Department of Justice Attorney Work Product // May Contain Material",
        "U.S. Departmentof Justice Atterney-WorkProduet // May Contain Materiel",
        "U.S. Department of Justice Attorney Werk Product // May Contein Material",
        "US. Department ofJustice Attorney Work Preduct // May Contain Material",
    ]
    pages = [
        [s, f"Body text of page {i} goes here, different each time.", str(i + 1)]
        for i, s in enumerate(stamp)
    ]
    found = find_furniture(pages, edge=1)
    assert all(found.is_furniture(s) for s in stamp)
    assert found.is_furniture("77")  # a page number: same key as the others
    assert not found.is_furniture("Body text of page 9 goes here, different each time")


_WORDS = st.sampled_from(
    [
        *("the", "state", "of", "programme", "money", "report", "agency", "grant", "group"),
        *("year", "rule", "order", "court", "people", "first", "second", "budget"),
        *("ambition", "staff", "office", "files"),
    ]
)
_SENTENCE = st.lists(_WORDS, min_size=8, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=3, max_size=5).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=3, max_size=8, unique=True), st.integers(1, 500))
def test_stamps_between_pages_go_and_every_word_stays(paragraphs: list[str], start: int) -> None:
    pages = [
        f"{p}\n\nDownloaded from https://www.example.org/ at {start + i}:00 via Library\n"
        for i, p in enumerate(paragraphs)
    ]
    cleaned = clean("\n".join(pages), Report())
    out = " ".join(b.text for b in cleaned.blocks)
    assert "Downloaded" not in out and "example.org" not in out
    assert out.split() == " ".join(paragraphs).split()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab fi\nﬁ-.1\f#"), max_size=300))
def test_the_pdf_text_cleaner_never_fails(text: str) -> None:
    cleaned = clean(text, Report())
    for block in cleaned.blocks:
        assert "\f" not in block.text and "\x00" not in block.text


def test_pdf_text_is_detected_by_its_damage() -> None:
    for name in ("pdftext-handbook-chapter.txt", "pdftext-mueller-report-2019-ocr-p20-24.txt"):
        assert build(FIXTURES / name, ImportOptions()).kind == "pdf"


def test_handbook_chapter_opening_and_running_heads() -> None:
    """Chapter title and author as metadata; odd and even running heads (each once)
    beside the download stamps; a two-line note; a note whose body sentence runs on."""
    doc = _doc("pdftext-handbook-chapter-opening.txt")
    assert doc.meta["title"] == "Public programmes and their evaluation"
    assert doc.meta["author"] == "Jane Smith"
    assert [b.text for b in doc.blocks if b.kind == HEADING] == [
        "12.1 INTRODUCTION",
        "12.2 RESULTS",
    ]
    assert _notes(doc) == {
        "1": "See for example: Smith, The Public Purse (London, 2001), p. 12.",
        "2": "The second report is in the agency's archive.",
    }
    text = doc.text
    assert "spent as intended in most cases and that the groups reached were the ones" in text
    assert "in the first years at least. The second report found the same.[2]" in text
    for residue in ("Research handbook", "evaluation 203", "IP address", "elgaronline"):
        assert residue not in text
