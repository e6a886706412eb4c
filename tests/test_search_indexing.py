"""The one-pass indexing of `content` gives exactly what Whoosh's analyzer chain gives:
the same terms, counts, weights and encoded positions and ranges, and the same
spelling words, on the bundled texts."""

from __future__ import annotations

from pathlib import Path

from search_corpus import bundled_corpus
from whoosh.formats import Characters

from reader.core.search.analysis import projection_analyzer
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
        assert fast == chain
        spelling = sorted({t.text for t in analyzer(text, no_morph=True)})
        assert list(field.spellable_words(text)) == spelling
