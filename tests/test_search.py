"""Search on a small fixed corpus: offsets, analysis, phrases, glossary, fuzzy, filters,
snippets, bad queries; and recall on the bundled library against an independent scan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from search_corpus import bundled_corpus, make_corpus

from reader.core.errors import UsageError
from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex, SearchResults


@pytest.fixture
def corpus(tmp_path: Path) -> Library:
    return make_corpus(tmp_path / "lib")


@pytest.fixture
def index(corpus: Library) -> LibraryIndex:
    return LibraryIndex(corpus, cache_dir(corpus.root))


def hit_texts(library: Library, results: SearchResults) -> list[tuple[str, str, str]]:
    """(doc id, projection[start:end], variant) of every hit."""
    out: list[tuple[str, str, str]] = []
    for doc in results.documents:
        text = library.load(doc.doc_id).text
        out.extend((doc.doc_id, text[h.start : h.end], h.variant) for h in doc.hits)
    return out


def test_hits_map_to_exact_offsets_in_the_projection(corpus: Library, index: LibraryIndex) -> None:
    results = index.search("Rabkrin", variants=False)
    assert hit_texts(corpus, results) == [("alpha", "Rabkrin", ""), ("alpha", "Rabkrin", "")]
    assert results.total_hits == 2 and results.total_documents == 1


def test_stemming_finds_other_forms(corpus: Library, index: LibraryIndex) -> None:
    found = hit_texts(corpus, index.search("inspection", variants=False))
    assert ("beta", "inspections", "") in found
    assert ("alpha", "Inspection", "") in found


def test_accent_folding(corpus: Library, index: LibraryIndex) -> None:
    assert hit_texts(corpus, index.search("dzierzynski")) == [("beta", "Dzierżyński", "")]


def test_phrase_across_inline_markup_and_footnote_marker(
    corpus: Library, index: LibraryIndex
) -> None:
    found = hit_texts(corpus, index.search('"and peasants inspection had failed"'))
    assert found == [("alpha", "and Peasants’ Inspection[1] had failed", "")]


def test_phrase_never_spans_two_blocks(index: LibraryIndex) -> None:
    assert index.search('"failed badly stalin"', variants=False).documents == ()
    assert index.search('"failed badly"', variants=False).total_hits == 1


def test_near_query(corpus: Library, index: LibraryIndex) -> None:
    assert index.search('"lenin articles"', variants=False).documents == ()
    found = hit_texts(corpus, index.search('"lenin articles"~6', variants=False))
    assert found == [("alpha", "Lenin attacked Rabkrin in his last articles", "")]


def test_glossary_variants_are_found_and_named(corpus: Library, index: LibraryIndex) -> None:
    results = index.search("Rabkrin")
    found = hit_texts(corpus, results)
    assert ("beta", "RKI", "RKI") in found
    assert ("alpha", "Rabkrin", "") in found
    assert ("alpha", "Workers’ and Peasants’ Inspection", "Workers' and Peasants' Inspection") in (
        found
    )
    assert "RKI" in results.variants
    city = hit_texts(corpus, index.search("Tsaritsyn"))
    assert ("alpha", "Tsarityn", "Tsarityn") in city and ("alpha", "Caricyn", "Caricyn") in city
    assert ("alpha", "Tsaritsyn", "") in city


def test_variants_can_be_turned_off(index: LibraryIndex) -> None:
    assert [d.doc_id for d in index.search("RKI", variants=False).documents] == ["beta"]
    assert {d.doc_id for d in index.search("RKI").documents} == {"alpha", "beta"}


def test_multiword_variant_expands_to_the_short_name(corpus: Library, index: LibraryIndex) -> None:
    found = hit_texts(corpus, index.search('"State Planning Commission"'))
    assert ("gamma", "Gosplan", "Gosplan") in found


def test_unquoted_multiword_variant_is_read_as_that_phrase(
    corpus: Library, index: LibraryIndex
) -> None:
    results = index.search("Workers' and Peasants' Inspection")
    assert sorted(hit_texts(corpus, results)) == [
        ("alpha", "Rabkrin", "Rabkrin"),
        ("alpha", "Rabkrin", "Rabkrin"),
        ("alpha", "Workers’ and Peasants’ Inspection", ""),
        ("beta", "RKI", "RKI"),
    ]
    # A run of the query's words, among others, is read the same way.
    found = hit_texts(corpus, index.search("trotsky state planning commission"))
    assert ("gamma", "Gosplan", "Gosplan") in found
    assert ("gamma", "State Planning Commission", "") in found
    # Without variants the words are separate words, as typed.
    plain = hit_texts(corpus, index.search("Workers' and Peasants' Inspection", variants=False))
    assert ("alpha", "Workers", "") in plain and ("alpha", "Inspection", "") in plain


def test_fuzzy_prefix_and_wildcard(corpus: Library, index: LibraryIndex) -> None:
    assert ("alpha", "Rabkrin", "") in hit_texts(corpus, index.search("rabkin~", variants=False))
    assert {t for _, t, _ in hit_texts(corpus, index.search("inspect*"))} == {
        "Inspection",
        "inspections",
        "inspectors",
    }
    assert {t for _, t, _ in hit_texts(corpus, index.search("tsar?tyn", variants=False))} == {
        "Tsarityn"
    }


def test_did_you_mean(index: LibraryIndex) -> None:
    results = index.search("Trotksy")
    assert results.documents == () and results.suggestion == "Trotsky"
    assert index.search("rabkirn").suggestion == "rabkrin"
    assert index.search("Trotsky").suggestion is None


def test_boolean_queries(index: LibraryIndex) -> None:
    def ids(q: str) -> set[str]:
        return {d.doc_id for d in index.search(q, variants=False).documents}

    assert ids("trotsky stalin") == {"alpha"}
    assert ids("trotsky OR cheka") == {"alpha", "beta", "gamma"}
    assert ids("trotsky NOT gosplan") == {"alpha"}
    assert ids("(cheka OR gosplan) trotsky") == {"gamma"}


def test_negated_words_are_not_hits(corpus: Library, index: LibraryIndex) -> None:
    found = hit_texts(corpus, index.search("trotsky NOT gosplan", variants=False))
    assert {t for _, t, _ in found} == {"Trotsky"}


def test_filters(index: LibraryIndex) -> None:
    def ids(q: str) -> set[str]:
        return {d.doc_id for d in index.search(q).documents}

    assert ids("stalin author:bob") == {"beta"}
    assert ids("title:planning") == {"gamma"}
    assert ids("stalin date:1923") == {"alpha"}
    assert ids("date:[1920 TO 1923]") == {"alpha", "beta"}
    assert ids("trotsky id:gamma") == {"gamma"}
    assert {d.doc_id for d in index.search("trotsky", doc_id="alpha").documents} == {"alpha"}


def test_results_ranked_and_grouped_with_counts(index: LibraryIndex) -> None:
    results = index.search("trotsky", variants=False)
    assert [d.doc_id for d in results.documents] == ["gamma", "alpha"]
    scores = [d.score for d in results.documents]
    assert scores == sorted(scores, reverse=True)
    assert [d.hit_count for d in results.documents] == [4, 1]
    assert results.total_hits == 5
    assert [h.start for h in results.documents[0].hits] == sorted(
        h.start for h in results.documents[0].hits
    )
    limited = index.search("trotsky", hits_per_document=2, limit=1)
    assert len(limited.documents) == 1 and limited.total_documents == 2
    assert limited.documents[0].hit_count == 4 and len(limited.documents[0].hits) == 2


def test_snippet_is_the_sentence_with_marks_and_section(index: LibraryIndex) -> None:
    (doc,) = index.search("caricyn", variants=False).documents
    (hit,) = doc.hits
    assert hit.snippet == "Trotsky wrote about Caricyn later."
    assert [hit.snippet[s:e] for s, e in hit.snippet_marks] == ["Caricyn"]
    assert hit.section == "Stalin at Tsaritsyn"
    (stalin,) = [h for h in index.search("never", variants=False).documents[0].hits]
    assert stalin.snippet == "J. V. Stalin never answered."


def test_snippet_marks_every_matched_word(index: LibraryIndex) -> None:
    doc = index.search("trotsky", variants=False).documents[0]
    hit = doc.hits[1]
    assert hit.snippet == "Trotsky, Trotsky and again Trotsky."
    assert [hit.snippet[s:e] for s, e in hit.snippet_marks] == ["Trotsky"] * 3


def test_terms_in_gives_every_range(corpus: Library, index: LibraryIndex) -> None:
    text = corpus.load("gamma").text
    ranges = index.terms_in("gamma", "trotsky OR gosplan")
    found = [text[s:e] for s, e in ranges]
    assert found == ["State Planning Commission", "Trotsky", "Gosplan", *["Trotsky"] * 3]
    plain = index.terms_in("gamma", "trotsky OR gosplan", variants=False)
    assert [text[s:e] for s, e in plain] == ["Trotsky", "Gosplan", *["Trotsky"] * 3]
    assert index.terms_in("nonexistent", "trotsky") == []


@pytest.mark.parametrize(
    "query", ["title:", "", "   ", "a*", "author: trotsky", "*", "id:*", "title:*", "?", "**"]
)
def test_bad_queries_are_usage_errors(index: LibraryIndex, query: str) -> None:
    with pytest.raises(UsageError) as err:
        index.search(query)
    assert str(err.value)


@pytest.mark.parametrize("query", ['"unclosed quote', "NOT", "OR", "(trotsky", "trotsky)", "AND x"])
def test_odd_queries_get_a_lenient_reading(index: LibraryIndex, query: str) -> None:
    results = index.search(query)
    assert results.query == query


def test_unclosed_quote_reads_as_a_phrase(index: LibraryIndex) -> None:
    assert index.search('"state planning', variants=False).total_hits == 1


def test_cancelled_search_returns_no_documents(index: LibraryIndex) -> None:
    index.update()
    results = index.search("trotsky", cancel=lambda: True)
    assert results.cancelled and results.documents == ()


# --- the bundled library ------------------------------------------------------------


@pytest.mark.parametrize("word", ["Trotsky", "Rabkrin", "Tsaritsyn", "Politburo", "Gosplan"])
def test_recall_on_the_bundled_library(tmp_path: Path, word: str) -> None:
    library = bundled_corpus(tmp_path / "bundled")
    index = LibraryIndex(library, cache_dir(library.root))
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    expected = {d.id for d in library.documents() if pattern.search(d.text)}
    assert expected, f"the bundled library should mention {word}"
    results = index.search(word, variants=False, limit=1000, hits_per_document=None)
    assert expected <= {d.doc_id for d in results.documents}
    for doc in results.documents:
        text = library.load(doc.doc_id).text
        occurrences = len(pattern.findall(text))
        assert doc.hit_count >= occurrences
        for hit in doc.hits:
            assert text[hit.start : hit.end].lower().startswith(word.lower()[:5])
