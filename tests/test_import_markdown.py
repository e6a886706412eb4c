"""Markdown from elsewhere: pandoc pages, Jekyll/Hugo front matter, Obsidian notes.

Real documents (an excerpt of a marxists.org page converted by pandoc, and two written in
the shapes pandoc and Hugo/Obsidian produce around public-domain text; see
tests/fixtures/ATTRIBUTION.md) imported through `reader.cli.main`: exact headings, notes
with their labels and first words, sentences present, residue absent, metadata. Then
properties: no Markdown makes the cleaner fail with anything but a one-line error, and
what it writes re-imports unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_support import headings, notes

from reader.cli import main
from reader.core.clean.detect import detect_text_kind
from reader.core.clean.md import clean
from reader.core.clean.model import Report
from reader.core.document import LIST_ITEM, NOTE, Document
from reader.core.document_parser import load_document
from reader.core.errors import ReaderError
from reader.core.importer import ImportOptions, build
from reader.core.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "md"


def import_fixture(
    library: Library, name: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Document, str]:
    code = main(["--library", str(library.root), "import", str(FIXTURES / name)])
    out, err = capsys.readouterr()
    assert code == 0, err
    (path,) = library.texts_dir.glob("*.md")
    return load_document(path), out


def test_a_pandoc_page_loses_its_attributes_navigation_and_keeps_its_endnotes(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, out = import_fixture(empty_library, "mia-trotsky-1924-ffyci-ch17-excerpt.md", capsys)
    assert "(kind: markdown)" in out
    assert headings(doc) == [
        (1, "On l'Humanité, the Central Organ of the French Party"),
        (2, "Notes"),
    ]
    assert notes(doc) == {
        "1": "This letter was originally",
        "2": "Dissidents – the name",
    }
    assert [m.label for m in doc.markers] == ["1", "2"]
    text = doc.text
    for sentence in (
        "DEAR COMRADE [1], in accordance with your expressed desire",
        "2) L'Humanité's attitude toward the Dissidents [2] is far too vague",
        "With comradely greetings.",
        "July 23, 1921. Moscow.",
    ):
        assert sentence in text
    for residue in ("{.", "{#", "](#", "Index", "Last updated", "return", "Leon Trotsky\n", "--"):
        assert residue not in text
    assert {k: doc.meta.get(k) for k in ("title", "author", "work")} == {
        "title": "On l'Humanité, the Central Organ of the French Party",
        "author": "Leon Trotsky",
        "work": "The First Five Years of the Communist International, Volume 1",
    }
    assert "navigation: 2 lines" in out and "Last updated on: 19.1.2007" in out


def test_a_metadata_block_becomes_metadata_and_a_faked_list_a_list(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, _ = import_fixture(empty_library, "pandoc-manifesto-1888.md", capsys)
    assert headings(doc) == [
        (1, "Manifesto of the Communist Party"),
        (2, "Chapter I. Bourgeois and Proletarians[1]"),
    ]
    assert notes(doc) == {"1": "By bourgeoisie is meant", "2": "That is, all written"}
    note1 = next(b for b in doc.blocks if b.kind == NOTE and b.label == "1")
    assert note1.text.endswith("[Note by Engels to the English edition of 1888.]")
    assert [b.text.removeprefix("• ") for b in doc.blocks if b.kind == LIST_ITEM] == [
        "Freeman and slave;",
        "patrician and plebeian;",
        "lord and serf;",
        "guild-master and journeyman.",
    ]
    text = doc.text
    for sentence in (
        "A spectre is haunting Europe – the spectre of communism.",
        "The history of all hitherto existing society[2] is the history of class struggles.",
        "or in the common ruin of the contending classes.",
        "The bourgeoisie, historically, has played a most revolutionary part.",
    ):
        assert sentence in text
    for residue in ("Written:", "Transcription", "window.status", ":::", "Archive", "align"):
        assert residue not in text
    assert {k: doc.meta.get(k) for k in ("title", "author", "date", "source", "translator")} == {
        "title": "Manifesto of the Communist Party",
        "author": "Karl Marx and Frederick Engels",
        "date": "1847",
        "source": "The English edition of 1888, edited by Engels",
        "translator": "Samuel Moore",
    }


def test_hugo_toml_front_matter_and_obsidian_syntax(
    empty_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, _ = import_fixture(empty_library, "hugo-obsidian-alice.md", capsys)
    assert headings(doc) == [(1, "Down the Rabbit-Hole")]
    assert notes(doc) == {"1": "She is seven years"}
    assert {k: doc.meta.get(k) for k in ("title", "author", "date")} == {
        "title": "Down the Rabbit-Hole",
        "author": "Lewis Carroll",
        "date": "1865-11-26",
    }
    assert "description" not in doc.meta  # an empty value is ignored
    text = doc.text
    assert "no pictures or conversations in it." in text  # ==highlight== read as its text
    assert "See also the next chapter" in text  # [[link|alias]] read as its alias
    for residue in ("[!note]", "%%", "private comment", "[[", "rabbit.png", "draft"):
        assert residue not in text


def test_our_own_texts_and_foreign_markdown_are_told_apart() -> None:
    ours = (Path(__file__).parent.parent / "texts").glob("*.md")
    for path in ours:
        assert detect_text_kind(path.read_text(encoding="utf-8")) == "markdown"
        assert clean(path.read_text(encoding="utf-8"), Report()).own_text
    for name in ("hugo-obsidian-alice.md", "pandoc-manifesto-1888.md"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert detect_text_kind(text) == "markdown"
        assert not clean(text, Report()).own_text


MARKDOWN_PIECES = st.sampled_from(
    [
        "# ", "## ", "> ", "- ", "1. ", "1\\) ", "```\n", ":::", "::: {.x}\n", "---\n",
        "+++\n", "[^1]", "[^1]: ", "[x](#n1){#f1}", "[[\\[1\\]](#n1){#f1}]{.note}",
        "[1.](#f1){#n1} ", "{.class #id key=val}", "[span]{.small}", "*", "**", "_", "`",
        "<div>", "</div>", "<script>x</script>", "<!--", "-->", "![alt](a.png)", "[[Page|x]]",
        "==hi==", "%%", "\\", "|a|b|\n|-|-|\n", "Written: 1920\\\n", "title: x\n", "\n",
        "\n\n", " ", "word ", "Émile ", "\t", "\x1b[2J", "&amp;", "&nbsp;", "\u00a0", "\u200b",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES | st.text(max_size=12), max_size=40))
def test_any_markdown_imports_or_fails_in_one_line_and_reimports_unchanged(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("md")
    source = folder / "page.md"
    source.write_text("---\nlayout: x\n---\n" + "".join(pieces) + "\nA last line.\n")
    options = ImportOptions(kind="markdown")
    try:
        result = build(source, options)
    except ReaderError as exc:
        assert "\n" not in str(exc)
        return
    again = folder / "again.md"
    again.write_text(result.text, encoding="utf-8")
    second = build(again, ImportOptions())
    assert second.kind == "markdown"
    assert second.text == result.text


JEKYLL_PAGE = """---
layout: default
title: "The Grain Question"
author: Jane Roe
description:
---
Written: 3-5 May, 1928
Source: Collected Articles, Volume 2
---------------------------------------

The harvest of 1927 was good, yet the state procurements fell short.

### The emergency measures

In January 1928 the politburo sent its members to the grain regions.
"""


def test_a_jekyll_metadata_line_block_is_metadata_not_a_heading(tmp_path: Path) -> None:
    page = tmp_path / "grain.md"
    page.write_text(JEKYLL_PAGE, encoding="utf-8")
    result = build(page, ImportOptions())
    doc = result.document
    assert result.kind == "markdown"
    assert headings(doc) == [(1, "The emergency measures")]
    assert {k: doc.meta.get(k) for k in ("title", "author", "date", "source")} == {
        "title": "The Grain Question",
        "author": "Jane Roe",
        "date": "3-5 May, 1928",
        "source": "Collected Articles, Volume 2",
    }
    assert "description" not in doc.meta
    assert doc.text.startswith("The harvest of 1927 was good")
    assert "Written" not in doc.text
