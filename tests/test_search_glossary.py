"""The glossary file: parsing, merging, errors with line and column, the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import FileFormatError
from reader.core.glossary import load_glossary, parse_glossary

PROJECT = Path(__file__).resolve().parent.parent


def test_missing_file_is_an_empty_glossary(tmp_path: Path) -> None:
    assert len(load_glossary(tmp_path / "glossary.toml")) == 0


def test_entries_and_notes() -> None:
    glossary = parse_glossary(
        '[[term]]\nvariants = ["Rabkrin", "RKI"]\nnote = "inspection"\n'
        '[[term]]\nvariants = ["NEP",  "New  Economic Policy"]\n'
    )
    assert [t.variants for t in glossary] == [("Rabkrin", "RKI"), ("NEP", "New Economic Policy")]
    assert glossary.terms[0].note == "inspection" and glossary.terms[0].name == "Rabkrin"


def test_entries_sharing_a_variant_are_merged() -> None:
    glossary = parse_glossary(
        '[[term]]\nvariants = ["Tsaritsyn", "Tsarityn"]\n'
        '[[term]]\nvariants = ["tsarityn", "Caricyn"]\n'
    )
    index = glossary.index(str.lower)
    assert index["caricyn"].variants == ("Tsaritsyn", "Tsarityn", "tsarityn", "Caricyn")
    assert index["tsaritsyn"] is index["caricyn"]


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(FileFormatError) as err:
        parse_glossary('[[term]]\nvariants = ["a" "b"]\n', "g.toml")
    assert err.value.line == 2 and err.value.column > 0
    assert str(err.value).startswith("g.toml:2:")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[term]]\nvariants = ["a"]\n\n[[term]]\nvariants = "b"\n', 4, "non-empty list"),
        ('[[term]]\nvariants = ["a", 3]\n', 1, "non-empty string"),
        ('[[term]]\nvariants = ["a"]\nspelling = "x"\n', 1, "unknown key 'spelling'"),
        ("\n[words]\na = 1\n", 2, "unknown key 'words'"),
    ],
)
def test_content_errors_name_the_entry_line(text: str, line: int, words: str) -> None:
    with pytest.raises(FileFormatError) as err:
        parse_glossary(text, "g.toml")
    assert err.value.line == line and words in str(err.value)


def test_shipped_glossary_covers_the_corpus_variants() -> None:
    glossary = load_glossary(PROJECT / "glossary.toml")
    index = glossary.index(str.casefold)
    for a, b in [
        ("Rabkrin", "RKI"),
        ("Rabkrin", "Workers' and Peasants' Inspection"),
        ("Sovnarkom", "Council of People's Commissars"),
        ("Gosplan", "State Planning Commission"),
        ("Tsaritsyn", "Caricyn"),
        ("Tsaritsyn", "Tsartisyn"),
        ("Dzerzhinsky", "Dzierżyński"),
        ("Cheka", "Vecheka"),
        ("Politburo", "Political Bureau"),
        ("Brest-Litovsk", "Brest"),
        ("NEP", "New Economic Policy"),
        ("Narkomnats", "Commissariat of Nationalities"),
        ("Revvoensovet", "Revolutionary Military Council"),
    ]:
        assert index[a.casefold()] is index[b.casefold()], (a, b)
