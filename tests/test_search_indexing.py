"""The one-pass indexing of `content` gives exactly what Whoosh's analyzer chain gives:
the same terms, counts, weights, positions and ranges (packed more compactly), and
the same unstemmed words for the word list, on the bundled texts."""

from __future__ import annotations

from pathlib import Path

from search_corpus import bundled_corpus
from whoosh.formats import Characters

from reader.core.search.analysis import WORD, projection_analyzer
from reader.core.search.indexing import surface_of
from reader.core.search.postings import decode_characters, decode_positions
from reader.core.search.schema import build_schema


def test_one_pass_postings_equal_the_analyzer_chain(tmp_path: Path) -> None:
    library = bundled_corpus(tmp_path / "lib")
    field = build_schema()["content"]
    analyzer = projection_analyzer()
    texts = [library.load(doc_id).text for doc_id in library.ids()]
    texts.append("Line one.\n\nLine two, Dzierżyński’s U.S.S.R.\n\n\n[16] x\ny")
    assert sum(len(t) for t in texts) > 100_000
    for text in texts:
        fast = sorted(field.format.word_values(text, analyzer, mode="index"))
        chain = sorted(Characters().word_values(text, analyzer, mode="index"))
        # The same terms, counts and weights; the same occurrences, packed otherwise.
        assert [f[:3] for f in fast] == [c[:3] for c in chain]
        characters = Characters()
        for (_, _, _, packed), (_, _, _, pickled) in zip(fast, chain, strict=True):
            occurrences = characters.decode_characters(pickled)
            assert decode_characters(packed) == occurrences
            assert field.format.decode_characters(packed) == occurrences
            assert decode_positions(packed) == [pos for pos, _, _ in occurrences]
        # The word list's words are the chain's words before stemming.
        surface = sorted({t.text for t in analyzer(text, no_morph=True)})
        assert sorted({surface_of(w) for w in WORD.findall(text)}) == surface
