"""`reader search` and `reader index` as a user runs them: output, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from search_corpus import make_corpus

from reader.cli import main
from reader.core.library import Library
from reader.core.paths import Folders, cache_dir
from reader.core.search import LibraryIndex


@pytest.fixture
def corpus(tmp_path: Path) -> Library:
    return make_corpus(tmp_path / "lib")


def run(corpus: Library, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(corpus.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_schema_and_exit_code(corpus: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(corpus, capsys, "search", "Rabkrin", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"query", "total_hits", "suggestion", "documents"}
    assert data["query"] == "Rabkrin" and data["suggestion"] is None
    doc = data["documents"][0]
    assert set(doc) >= {"id", "title", "author", "score", "hit_count", "hits"}
    hit = doc["hits"][0]
    assert set(hit) >= {"start", "end", "section", "snippet", "variant"}
    text = corpus.load(doc["id"]).text
    assert text[hit["start"] : hit["end"]] in (
        "Rabkrin",
        "RKI",
        "Workers’ and Peasants’ Inspection",
    )
    assert data["total_hits"] == sum(d["hit_count"] for d in data["documents"])
    variants = {h["variant"] for d in data["documents"] for h in d["hits"]}
    assert "RKI" in variants


def test_no_variants_limit_and_doc(corpus: Library, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(corpus, capsys, "search", "Rabkrin", "--json", "--no-variants")
    assert [d["id"] for d in json.loads(out)["documents"]] == ["alpha"]
    _, out, _ = run(corpus, capsys, "search", "trotsky", "--json", "--limit", "1")
    assert len(json.loads(out)["documents"]) == 1
    _, out, _ = run(corpus, capsys, "search", "trotsky", "--json", "--doc", "alpha")
    assert [d["id"] for d in json.loads(out)["documents"]] == ["alpha"]


def test_nothing_found_exits_1_with_suggestion(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(corpus, capsys, "search", "trotksy", "--json")
    assert code == 1
    assert json.loads(out)["suggestion"] == "trotsky"
    code, out, _ = run(corpus, capsys, "search", "trotksy")
    assert code == 1 and "did you mean: trotsky" in out


@pytest.mark.parametrize(
    "args", [("search", "title:"), ("search", "a*"), ("search", "x", "--doc", "nope")]
)
def test_bad_query_or_usage_exits_2(
    corpus: Library, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run(corpus, capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("reader: ") and "Traceback" not in err


def test_broken_glossary_is_a_warning_and_the_search_runs_without_variants(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.glossary_path.write_text('[[term]]\nvariants = ["Rabkrin" "RKI"]\n', encoding="utf-8")
    code, out, err = run(corpus, capsys, "search", "Rabkrin", "--json")
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["alpha"]  # no RKI variant
    (line,) = err.splitlines()
    assert line.startswith(f"reader: warning: {corpus.glossary_path}:2:") and "Traceback" not in err
    with closing(LibraryIndex(corpus, cache_dir(corpus.root))) as index:
        results = index.search("Rabkrin")
    (warning,) = results.warnings
    assert warning.startswith(f"{corpus.glossary_path}:2:")


def test_every_error_of_a_search_exits_2(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    # An index folder that cannot be written: the index can be neither built nor read.
    root = cache_dir(corpus.root) / "index"
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_text("not a folder")
    code, out, err = run(corpus, capsys, "search", "Rabkrin")
    assert code == 2 and out == ""
    assert err.startswith("reader: ") and "Traceback" not in err


def test_readable_output_shows_hits_in_context(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(corpus, capsys, "search", "caricyn")
    assert code == 0
    assert "The Inspection Question" in out and "Ann Author" in out
    assert "Trotsky wrote about Caricyn later." in out
    # Each sentence under its offsets and citable place (section and paragraph).
    # (the place as the source names it: chapter › section; never the app's count)
    assert "Rabkrin and the Apparatus › Stalin at Tsaritsyn, ¶1" in out and "§" not in out


def test_text_is_shown_literally(corpus: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(corpus, capsys, "search", "markup")
    assert code == 0 and "[bold]Markup[/bold] stays literal here." in out


def test_index_command(corpus: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(corpus, capsys, "index")
    assert code == 0 and "3 added" in out
    code, out, _ = run(corpus, capsys, "index")
    assert code == 0 and "0 added, 0 changed, 0 deleted, 3 unchanged" in out
    code, out, _ = run(corpus, capsys, "index", "--rebuild")
    assert code == 0 and "rebuilt" in out and "3 added" in out


def test_the_commands_and_the_app_use_one_index(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(corpus, capsys, "index")
    index = LibraryIndex.in_folders(corpus, Folders.for_library(corpus.root))  # as the app
    assert code == 0 and f"({index.root})" in out
    stats = index.update()
    assert not stats.rebuilt and stats.unchanged == 3 and stats.added == 0
    code, out, _ = run(corpus, capsys, "search", "cheka", "--json")
    assert code == 0 and json.loads(out)["documents"][0]["id"] == "beta"
    assert index.update().unchanged == 3  # the search updated the same index


def test_search_builds_a_missing_index_and_never_loads_textual(corpus: Library) -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"rc = main(['--library', {str(corpus.root)!r}, 'search', 'cheka', '--json'])\n"
        "print('textual' in sys.modules, rc, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().endswith("False 0")
    assert json.loads(proc.stdout)["documents"][0]["id"] == "beta"


def test_help_documents_the_query_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    for piece in ('"exact phrase"', "OR", "NOT", "revolution*", "rabkin~", "title:", "date:"):
        assert piece in out


def test_terminal_output_styles_the_same_text(corpus: Library) -> None:
    from io import StringIO

    from rich.console import Console

    from reader.commands.search_output import MARK, result_pieces, rich_text
    from reader.core.paths import cache_dir
    from reader.core.search import LibraryIndex
    from reader.core.search.sentences import group_results

    with closing(LibraryIndex(corpus, cache_dir(corpus.root))) as index:
        results = index.search("Rabkrin")
    pieces = result_pieces(results, group_results(results, corpus.load), 10)
    text = rich_text(pieces)
    screen = StringIO()
    Console(file=screen, color_system=None, width=500, highlight=False).print(text, soft_wrap=True)
    assert screen.getvalue() == "".join(t for t, _ in pieces) + "\n"
    marked = [text.plain[s.start : s.end] for s in text.spans if s.style == MARK]
    assert "Rabkrin" in marked and "RKI" in marked


def test_one_entry_per_sentence_with_every_match(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Rabkrin" and its variant "Workers’ and Peasants’ Inspection" are in two sentences
    # of alpha; a sentence with two matches is printed once, naming both offsets.
    code, out, _ = run(corpus, capsys, "search", "Lenin Rabkrin", "--doc", "alpha")
    assert code == 0
    lines = out.splitlines()
    sentence = "Lenin attacked Rabkrin in his last articles."
    assert sum(sentence in line for line in lines) == 1
    offsets = lines[next(i for i, line in enumerate(lines) if sentence in line) - 1]
    assert len(offsets.split("·")[0].split()) == 2  # "@27 @42 · §1 ..."
    _, out, _ = run(corpus, capsys, "search", "Lenin Rabkrin", "--doc", "alpha", "--json")
    document = json.loads(out)["documents"][0]
    text = corpus.load("alpha").text
    entry = next(s for s in document["sentences"] if s["text"] == sentence)
    assert [text[a:b] for a, b in entry["spans"]] == ["Lenin", "Rabkrin"]
    assert [entry["text"][a:b] for a, b in entry["marks"]] == ["Lenin", "Rabkrin"]
    assert entry["place"] and document["sentence_count"] == len(document["sentences"])
    # The old per-hit records are still there, one per match.
    assert len(document["hits"]) == sum(len(s["spans"]) for s in document["sentences"])
    assert document["hit_count"] == len(document["hits"])


def test_kwic_in_the_cli(corpus: Library, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(corpus, capsys, "search", "Rabkrin", "--kwic", "--no-variants")
    assert code == 0
    lines = [line for line in out.splitlines() if "Rabkrin" in line]
    columns = {line.index("Rabkrin") for line in lines}
    assert len(lines) >= 2 and len(columns) == 1
    _, out, _ = run(corpus, capsys, "search", "Rabkrin", "--kwic", "--format", "csv")
    assert out.splitlines()[0] == "document,place,start,end,left,match,right"
    _, out, _ = run(corpus, capsys, "search", "Rabkrin", "--kwic", "--format", "markdown")
    assert out.startswith("| document | place |")
    _, out, _ = run(corpus, capsys, "search", "Rabkrin", "--kwic", "--json", "--sort", "right")
    data = json.loads(out)
    assert data["sort"] == "right" and {"left", "match", "right"} <= set(data["lines"][0])


def test_saved_searches_and_syntax_errors(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(corpus, capsys, "search", "Rabkrin OR RKI", "--save", "rk")
    assert code == 0 and "saved as @rk" in err
    code, out, _ = run(corpus, capsys, "search", "@rk", "--json")
    assert code == 0 and json.loads(out)["query"] == "Rabkrin OR RKI"
    code, _, err = run(corpus, capsys, "search", "@nothing")
    assert code == 2 and "no saved search @nothing" in err
    code, out, err = run(corpus, capsys, "search", "date:[1920 TO")
    assert code == 2 and out == ""
    assert err.splitlines()[:2] == ["date:[1920 TO", "     ^"]
    assert "query error at character 6" in err


def test_a_filter_query_says_what_matched(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(corpus, capsys, "search", "author:writer")
    assert code == 0 and out.rstrip().endswith("1 document by writer.")
