"""The document model: parsing cleaned texts, the projection and its offsets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, QUOTE, TABLE
from reader.core.document_parser import load_document, parse_document
from reader.core.errors import FileFormatError
from reader.core.inline import escape_inline, parse_inline
from reader.core.markdown import MdBlock, render_text

SAMPLE = """+++
id = "sample"
title = "A *sample* [text]"
author = "Someone"
+++

# Part one

The Workers' and Peasants' Inspection (*Rabkrin*) was formed in 1920.[^1]

> "Our state apparatus is so deplorable."
> Lenin, Better Fewer, But Better

- first point

2. second point

14\\. Despite appearances, this is a paragraph.

## Part two

A [link label](https://example.org) and **strong** words.

[^1]: Decree of 7 February 1920.
"""


def test_blocks_kinds_levels_and_labels() -> None:
    doc = parse_document(SAMPLE, "sample")
    kinds = [(b.kind, b.level, b.label) for b in doc.blocks]
    assert kinds == [
        (HEADING, 1, ""),
        (PARAGRAPH, 0, ""),
        (QUOTE, 0, ""),
        (LIST_ITEM, 0, "-"),
        (LIST_ITEM, 0, "2."),
        (PARAGRAPH, 0, ""),
        (HEADING, 2, ""),
        (PARAGRAPH, 0, ""),
        (NOTE, 0, "1"),
    ]


def test_projection_is_text_without_markdown() -> None:
    doc = parse_document(SAMPLE, "sample")
    assert doc.text.split("\n\n") == [
        "Part one",
        "The Workers' and Peasants' Inspection (Rabkrin) was formed in 1920.[1]",
        '"Our state apparatus is so deplorable."\nLenin, Better Fewer, But Better',
        "• first point",
        "2. second point",
        "14. Despite appearances, this is a paragraph.",
        "Part two",
        "A link label and strong words.",
        "[1] Decree of 7 February 1920.",
    ]


def test_block_offsets_index_the_projection() -> None:
    doc = parse_document(SAMPLE, "sample")
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    for span in doc.blocks[1].spans:
        if span.kind == "em":
            assert block_slice(doc, 1, span.start, span.end) == "Rabkrin"


def block_slice(doc: object, index: int, start: int, end: int) -> str:
    from reader.core.document import Document

    assert isinstance(doc, Document)
    return doc.blocks[index].text[start:end]


def test_markers_link_to_note_definitions() -> None:
    doc = parse_document(SAMPLE, "sample")
    assert len(doc.markers) == 1
    marker = doc.markers[0]
    assert doc.text[marker.start : marker.end] == "[1]"
    note = doc.marker_definition(marker)
    assert note is not None and note.text == "[1] Decree of 7 February 1920."


def test_locations_cite_section_and_paragraph() -> None:
    doc = parse_document(SAMPLE, "sample")
    offset = doc.text.index("formed in 1920")
    loc = doc.location(offset)
    assert (loc.section_number, loc.section_title, loc.paragraph) == (1, "Part one", 1)
    assert str(loc) == "Part one, ¶1"
    offset = doc.text.index("strong words")
    assert str(doc.location(offset)) == "Part one › Part two, ¶1"  # under its chapter
    assert str(doc.location(doc.text.index("Decree"))) == "note 1"
    assert doc.section_at(offset) is doc.headings[1]


def test_metadata_properties() -> None:
    doc = parse_document(SAMPLE, "sample")
    assert doc.title == "A *sample* [text]"
    assert doc.author == "Someone"
    assert doc.date == ""
    assert len(doc.text_hash) == 16


def test_tables_pipe_and_fenced() -> None:
    source = (
        "| Year | Workers |\n|---|---|\n| 1917 | 3,000,000 |\n\n```table damaged\n1917 3 1\n```\n"
    )
    doc = parse_document(source, "t")
    assert [b.kind for b in doc.blocks] == [TABLE, TABLE]
    assert doc.blocks[0].text == "Year  Workers\n1917  3,000,000"
    assert doc.blocks[1].text == "1917 3 1"
    assert doc.blocks[1].info == "table damaged"


def test_bad_front_matter_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text('+++\ntitle = "ok"\nauthor = \n+++\n\nText.\n', encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        load_document(path)
    assert info.value.line == 3
    assert info.value.column > 0
    assert str(path) in str(info.value)


def test_unclosed_front_matter_and_bad_utf8(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="never closed"):
        parse_document("+++\ntitle = 'x'\n\nText\n", "x")
    path = tmp_path / "latin1.md"
    path.write_bytes("Text\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(FileFormatError) as info:
        load_document(path)
    assert (info.value.line, info.value.column) == (2, 4)


def test_inline_markup_is_parsed_and_stray_syntax_kept() -> None:
    assert parse_inline("a *b* c").text == "a b c"
    assert parse_inline("2 * 3 = 6").text == "2 * 3 = 6"
    assert parse_inline("snake_case_name").text == "snake_case_name"
    assert parse_inline("[Lenin] said").text == "[Lenin] said"
    assert parse_inline("see <https://x.org/a>").text == "see https://x.org/a"
    assert parse_inline("`[bold]`").text == "[bold]"
    assert parse_inline("note[^1*]").text == "note[1*]"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\r")))
def test_escape_inline_round_trips(text: str) -> None:
    assert parse_inline(escape_inline(text)).text == text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([PARAGRAPH, QUOTE, HEADING, LIST_ITEM, NOTE]),
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"), blacklist_characters="\n"
                )
                | st.just(" "),
                min_size=1,
                max_size=40,
            ).filter(lambda t: t.strip()),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_rendered_blocks_parse_back_to_the_same_kinds_and_text(
    items: list[tuple[str, str]],
) -> None:
    blocks = []
    for kind, text in items:
        label = "7" if kind == NOTE else ("-" if kind == LIST_ITEM else "")
        blocks.append(MdBlock(kind, escape_inline(text), level=2, label=label))
    doc = parse_document(render_text({"id": "x", "title": "T"}, blocks), "x")
    assert [b.kind for b in doc.blocks] == [k for k, _ in items]
    for block, (kind, text) in zip(doc.blocks, items, strict=True):
        prefix = "[7] " if kind == NOTE else ("• " if kind == LIST_ITEM else "")
        # Texts are stored NFC: a compatibility ideograph comes back as its canonical form.
        assert block.text == unicodedata.normalize("NFC", prefix + " ".join(text.split()))


@pytest.mark.parametrize("text", ["a #", "x ##", "#", "1. x", "> q", "[^1]: x"])
def test_heading_text_that_looks_like_syntax_survives(text: str) -> None:
    rendered = render_text({"id": "x"}, [MdBlock(HEADING, escape_inline(text), level=2)])
    assert parse_document(rendered, "x").blocks[0].text == text


@pytest.mark.parametrize("text", ["# x", "| a |", "```x", "> q", "[^1]: x", "+ x", "1) x", "3. x"])
def test_paragraph_text_that_looks_like_syntax_stays_a_paragraph(text: str) -> None:
    rendered = render_text({"id": "x"}, [MdBlock(PARAGRAPH, escape_inline(text))])
    block = parse_document(rendered, "x").blocks[0]
    assert (block.kind, block.text) == (PARAGRAPH, text)


def test_citations_use_only_what_the_source_shows() -> None:
    text = (
        '+++\ntitle = "Rabkrin"\n+++\n'
        "# 4. Lenin's last struggle\n\nAn opening paragraph.\n\n"
        "## 4.2. The workers' inspection\n\nFirst.\n\nSecond paragraph here.\n\n"
        "## Without a number\n\nWords under it.\n"
    )
    doc = parse_document(text, "rabkrin")
    numbered = str(doc.location(doc.text.index("Second paragraph")))
    assert numbered == "4. Lenin's last struggle › 4.2. The workers' inspection, ¶2"
    unnumbered = str(doc.location(doc.text.index("Words under")))
    assert unnumbered == "4. Lenin's last struggle › Without a number, ¶1"
    assert str(doc.location(doc.text.index("An opening"))) == "4. Lenin's last struggle, ¶1"
    # The app's own count of sections is for locators, never shown in a citation.
    assert doc.location(doc.text.index("Words under")).section_number == 3
    assert "§" not in numbered + unnumbered
