"""Hits grouped by sentence, the concordance, query syntax errors, the count line, the
hit walk and past searches: the core that the results view and the CLI share."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.concordance import kwic_lines, sort_lines, to_csv, to_markdown
from reader.core.errors import UsageError
from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.core.search.records import SearchHit
from reader.core.search.sentences import LONG_SENTENCE, group_results, group_sentences
from reader.core.search.summary import count_line, filters_only
from reader.core.search.syntax import check_query
from reader.core.search.walk import HitWalk
from reader.core.searches import Searches


def hit(text: str, word: str, nth: int = 0) -> SearchHit:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return SearchHit("doc", start, start + len(word), "", "", (), "")


def test_two_matches_in_one_sentence_are_one_entry_with_both_marked() -> None:
    text = "First sentence about Rabkrin and Rabkrin again. Second one, on Rabkrin.\n\nA block."
    hits = [hit(text, "Rabkrin", n) for n in range(3)]
    entries = group_sentences("doc", text, hits, lambda start, end: f"at {start}")
    assert [e.text for e in entries] == [
        "First sentence about Rabkrin and Rabkrin again.",
        "Second one, on Rabkrin.",
    ]
    first = entries[0]
    assert [first.text[a:b] for a, b in first.marks] == ["Rabkrin", "Rabkrin"]
    assert first.spans == ((21, 28), (33, 40)) and first.place == "at 0"
    assert [text[a:b] for a, b in entries[1].spans] == ["Rabkrin"]


def test_a_long_sentence_shows_windows_around_its_matches() -> None:
    filler = " ".join(f"word{n}" for n in range(120))
    text = f"Rabkrin opens {filler} and Rabkrin closes it."
    assert len(text) > LONG_SENTENCE
    entries = group_sentences("doc", text, [hit(text, "Rabkrin", 0), hit(text, "Rabkrin", 1)])
    assert len(entries) == 1
    shown = entries[0].text
    assert " … " in shown and len(shown) < len(text)
    assert [shown[a:b] for a, b in entries[0].marks] == ["Rabkrin", "Rabkrin"]


def test_sentences_stay_inside_their_block() -> None:
    text = "A heading\n\nThe paragraph names Rabkrin without a full stop"
    entries = group_sentences("doc", text, [hit(text, "Rabkrin")])
    assert entries[0].text == "The paragraph names Rabkrin without a full stop"


def test_grouped_results_of_the_bundled_library(library: Library) -> None:
    index = LibraryIndex(library, cache_dir(library.root))
    results = index.search("Rabkrin", hits_per_document=None)
    grouped = group_results(results, library.load)
    assert sum(len(e.hits) for item in grouped for e in item.sentences) == results.total_hits == 25
    for item in grouped:
        text = library.load(item.result.doc_id).text
        texts = [e.text for e in item.sentences]
        assert len(texts) == len(set(texts))
        for entry in item.sentences:
            for start, end in entry.spans:
                assert entry.start <= start < end <= entry.end
                assert text[start:end] in entry.text
    lines = kwic_lines(results, library.load)
    assert len(lines) == 25
    by_right = sort_lines(lines, "right")
    assert [ln.right.split()[0].strip(".,;:") for ln in by_right[:1]]
    assert to_csv(lines).count("\n") == 26
    table = to_markdown(lines).splitlines()
    assert table[0].startswith("| document |") and len(table) == 27


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("date:[1920 TO", 5, "not closed"),
        ("date:[1920]", 5, "TO"),
        ("lenin (trotsky", 6, "not closed"),
        ("trotsky)", 7, "closes nothing"),
        ("lenin AND", 6, "needs a word after"),
        ("OR lenin", 0, "needs a word before"),
        ("date:>", 0, "needs a value"),
    ],
)
def test_syntax_errors_say_what_and_where(query: str, position: int, words: str) -> None:
    error = check_query(query)
    assert error is not None and isinstance(error, UsageError)
    assert error.position == position and words in str(error)
    assert error.pointer().splitlines()[1] == " " * position + "^"


@pytest.mark.parametrize(
    "query", ["date:[1920 TO 1923]", "author:cliff", '"a (b"', "NOT lenin", "lenin OR trotsky"]
)
def test_good_queries_pass_the_check(query: str) -> None:
    assert check_query(query) is None


def test_field_only_queries_say_what_matched(library: Library) -> None:
    index = LibraryIndex(library, cache_dir(library.root))
    assert filters_only("author:cliff") == [("author", "cliff")]
    assert filters_only("author:cliff trotsky") == []
    assert count_line(index.search("author:cliff")) == "1 document by cliff."
    results = index.search("Rabkrin")
    assert count_line(results, 22) == "25 hits in 22 sentences in 3 documents."
    assert count_line(index.search("zzzzqqq")) == "Nothing matches zzzzqqq."


def test_the_walk_crosses_documents_and_says_where(library: Library) -> None:
    index = LibraryIndex(library, cache_dir(library.root))
    results = index.search("Rabkrin", hits_per_document=None)
    walk = HitWalk(results)
    assert len(walk) == 25 and len(walk.documents) == 3
    first, second = walk.documents[:2]
    last_of_first = max(s for d, s, _ in walk.hits if d == first)
    step = walk.next_from(first, last_of_first)
    assert step is not None and step.doc_id == second and not step.wrapped
    assert walk.where(step.index).endswith("document 2 of 3")
    back = walk.next_from(second, step.start, forward=False)
    assert back is not None and (back.doc_id, back.start) == (first, last_of_first)
    end = walk.next_from(walk.documents[-1], 10**9)
    assert end is not None and end.index == 0 and end.wrapped
    assert walk.where(0) == "hit 1 of 25 · document 1 of 3"


def test_past_and_saved_searches_are_kept(tmp_path: Path) -> None:
    searches = Searches.in_folder(tmp_path)
    for query in ("lenin", "trotsky", "lenin"):
        searches.remember(query)
    searches.save_as("@rk", "Rabkrin OR RKI")
    again = Searches.in_folder(tmp_path)
    assert again.history == ["trotsky", "lenin"]
    assert again.query_of("@rk") == "Rabkrin OR RKI"
    with pytest.raises(UsageError, match="no saved search @nope"):
        again.query_of("nope")
    with pytest.raises(UsageError):
        again.save_as("../x", "q")
    (tmp_path / "searches.toml").write_text("history = [", encoding="utf-8")
    broken = Searches.in_folder(tmp_path)
    assert broken.problem and broken.history == []
    broken.remember("x")  # never overwrites a file it could not read
    assert (tmp_path / "searches.toml").read_text(encoding="utf-8") == "history = ["
