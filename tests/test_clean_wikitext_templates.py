"""Wikitext templates that carry content, half-escaped pages, tables and notes.

The fixtures are excerpts of two Wikipedia articles' wikitext (CC BY-SA, see
tests/fixtures/ATTRIBUTION.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.clean import Report, wikitext
from reader.core.clean.wikitext_templates import template_table
from reader.core.document import Document
from reader.core.document_parser import load_document, parse_document
from reader.core.library import Library
from reader.core.markdown import render_text

FIXTURES = Path(__file__).parent / "fixtures" / "wikitext"


def _import(
    library: Library, name: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Document, str]:
    code = main(["--library", str(library.root), "import", str(FIXTURES / name), "--id", "w"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return load_document(library.text_path("w")), out


def _clean(text: str) -> tuple[Document, Report]:
    report = Report()
    cleaned = wikitext.clean(text, report)
    return parse_document(render_text({"id": "x"}, cleaned.blocks), "x"), report


def test_toronto_conversions_tables_and_bibliography(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, out = _import(empty_library, "wikitext-toronto-excerpt.txt", capsys)
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "Geography"),
        (2, "Topography"),
        (2, "Climate"),
        (1, "Demographics"),
        (1, "See also"),
        (1, "References"),
        (2, "Bibliography"),
        (1, "Notes"),
    ]
    text = doc.text
    assert "Toronto covers an area of 630 km² (243 sq mi)," in text
    assert "a maximum north-south distance of 21 km (13 mi)" in text
    assert "The city is intersected by three rivers and numerous tributaries" in text
    assert "Fulford, Robert (1995). Accidental city: the transformation of Toronto." in text
    assert any(b.kind == "table" and "Ethnic Origin" in b.text for b in doc.blocks)
    assert "{{" not in text and "}}" not in text and "|last" not in text
    assert all(note.text.split("] ", 1)[1].strip(" .") for note in doc.notes.values())
    assert "unknown template" not in out or "left out" in out


def test_anarchism_half_escaped_with_lang_templates_and_references(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, out = _import(empty_library, "wikitext-anarchism-excerpt.txt", capsys)
    assert "XML-escaped markup unescaped: 1" in out
    assert [h.text for h in doc.headings] == [
        "Etymology and terminology",
        "Contemporary anarchism",
        "Anarchist schools of thought",
        "Criticisms",
        "See also",
        "Further reading",
        "Notes",
    ]
    text = doc.text
    assert text.startswith("Anarchism is a political philosophy that advocates stateless")
    assert "from the Greek ἀναρχία, i.e. anarchy" in text
    assert "Anarchist schools of thought had been generally grouped in two main" in text
    for residue in ("&lt;", "&quot;", "<ref", "{{", "[[", "''"):
        assert residue not in text, residue
    assert len(doc.notes) > 60
    assert all(note.text.split("] ", 1)[1].strip(" .") for note in doc.notes.values())
    assert sum(1 for h in doc.headings if h.text == "Notes") == 1


@pytest.mark.parametrize(
    ("wikitext_in", "shown"),
    [
        ("An area of {{convert|630|km2|sqmi|0}} here.", "An area of 630 km² (243 sq mi) here."),
        ("A walk of {{cvt|1|to|2|km|mi}} here.", "A walk of 1 to 2 km (0.62 to 1.2 mi) here."),
        ("It was {{convert|20|C}} warm.", "It was 20 °C (68 °F) warm."),
        ("Died {{c.|1660|1670}} there.", "Died c. 1660 – c. 1670 there."),
        ("Named {{transl|ru|ALA|Trotskii}} then.", "Named Trotskii then."),
        ("The word {{lang|grc|ἀναρχία}} means.", "The word ἀναρχία means."),
        ("The word {{lang-fr|anarchie}} means.", "The word anarchie means."),
        ("Said {{nowrap|ten words}}{{mdash}}then", "Said ten words—then"),
        ("So {{As of|2011|5|lc=y}} it was.", "So as of May 2011 it was."),
        (
            "Died {{death date and age|1940|8|21|1879|11|7}} there.",
            "Died August 21, 1940 (aged 60) there.",
        ),
        ("Born {{birth date|1879|11|7|df=y}} there.", "Born 7 November 1879 there."),
        ("Said {{IPAc-en|ˈ|t|ɒ|r|ɒ|n|t|oʊ}} so.", "Said /ˈtɒrɒntoʊ/ so."),
        ("A {{sic|teh}} typo.", "A teh [sic] typo."),
        ("A {{abbr|CPSU|Communist Party}} member.", "A CPSU member."),
        ("A {{Frobnicate|kept word}} stays.", "A kept word stays."),
    ],
)
def test_content_templates_render(wikitext_in: str, shown: str) -> None:
    doc, _ = _clean(wikitext_in)
    assert doc.blocks[0].text == shown


def test_unknown_templates_are_reported_with_their_counts() -> None:
    _, report = _clean("A {{Mystery box|a|b=1}} and {{Mystery box|c|d=2}}.\n\n{{Weird block}}\n")
    assert "unknown template {{mystery box}} left out (2x)" in report.notes
    assert "unknown template {{weird block}} left out (1x)" in report.notes


def test_one_notes_heading_and_no_empty_note() -> None:
    doc, _ = _clean(
        "Text.<ref>{{Obscure ref template|unit=cd|3520}}</ref> More.<ref><!-- x --></ref>\n\n"
        "== Notes ==\n{{notelist}}\n\n== References ==\n{{reflist}}\n"
    )
    assert [h.text for h in doc.headings] == ["Notes"]
    assert [n.text for n in doc.notes.values()] == ["[1] Obscure ref template, unit=cd, 3520"]


def test_colon_indented_table_is_a_table() -> None:
    doc, _ = _clean(':{| class="wikitable"\n|-\n! Year !! Value\n|-\n| 1900 || 5\n|}\n')
    assert [b.kind for b in doc.blocks] == ["table"]


def test_a_user_table_extends_the_packaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wikitext_templates.toml").write_text('[show]\n"my tpl" = "2"\n', "utf-8")
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    template_table.cache_clear()
    try:
        doc, _ = _clean("A {{My tpl|hidden|shown}} word.")
        assert doc.blocks[0].text == "A shown word."
    finally:
        template_table.cache_clear()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "word",
                "{{convert|",
                "|km|mi}}",
                "{{c.|1900}}",
                "{{lang|x|y}}",
                "<ref>",
                "</ref>",
                "&lt;ref&gt;",
                "''",
                "'''",
                "[[",
                "]]",
                "\n",
                "\n== H ==\n",
                ":{|\n",
                "|}",
                "{{",
                "}}",
                "|",
            ]
        ),
        max_size=40,
    )
)
def test_any_wikitext_gives_a_parsable_text_without_empty_notes(parts: list[str]) -> None:
    doc, _ = _clean(" ".join(parts))
    assert all(note.text.split("]", 1)[1].strip() for note in doc.notes.values())


def test_a_page_too_large_to_parse_keeps_its_words_and_headings() -> None:
    section = (
        "== Part ==\nThe [[city|town]] had {{convert|5|km|mi}} of ''roads''.<ref>Gone.</ref>"
        "<!-- hidden --> It grew.\n{| class=wikitable\n| cell\n|}\n\n"
    )
    doc, report = _clean(section * 40_000)  # about 5 MB
    assert report.notes[0].startswith("5 MB of wikitext is more than the parser can read")
    assert doc.headings[0].text == "Part"
    assert doc.blocks[1].text == "The town had of roads. It grew."
