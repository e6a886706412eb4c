"""The index on disk: incremental updates, deletions, rebuilds of a damaged or outdated
index, cancelled updates, and two processes at once."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from search_corpus import make_corpus, write_text

from reader.cli import main
from reader.core.document import PARAGRAPH
from reader.core.library import Library
from reader.core.markdown import MdBlock
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.core.search.schema import SCHEMA_VERSION


@pytest.fixture
def corpus(tmp_path: Path) -> Library:
    return make_corpus(tmp_path / "lib")


@pytest.fixture
def index(corpus: Library) -> LibraryIndex:
    ix = LibraryIndex(corpus, cache_dir(corpus.root))
    stats = ix.update()
    assert stats.rebuilt and stats.added == 3
    return ix


def ids(index: LibraryIndex, query: str) -> set[str]:
    return {d.doc_id for d in index.search(query, variants=False).documents}


def test_index_lives_in_the_cache_not_in_the_library(corpus: Library, index: LibraryIndex) -> None:
    assert index.root == cache_dir(corpus.root) / "index"
    assert (index.root / "manifest.json").is_file()
    assert sorted(p.name for p in corpus.texts_dir.iterdir()) == [
        "alpha.md",
        "beta.md",
        "gamma.md",
    ]


def test_noop_update_touches_nothing(index: LibraryIndex, corpus: Library) -> None:
    stats = index.update()
    assert (stats.touched, stats.unchanged, stats.rebuilt) == (0, 3, False)
    # Same content written again (new modification time): hashed, still unchanged.
    path = corpus.text_path("beta")
    path.write_bytes(path.read_bytes())
    os.utime(path, ns=(1, 1))
    stats = index.update()
    assert (stats.touched, stats.unchanged) == (0, 3)


def test_an_edited_text_is_reindexed_alone(index: LibraryIndex, corpus: Library) -> None:
    write_text(corpus, "gamma", {"title": "Planning"}, [MdBlock(PARAGRAPH, "Now about Kronstadt.")])
    stats = index.update()
    assert (stats.added, stats.changed, stats.deleted, stats.unchanged) == (0, 1, 0, 2)
    assert ids(index, "kronstadt") == {"gamma"}
    assert ids(index, "gosplan") == set()
    (doc,) = index.search("kronstadt").documents
    text = corpus.load("gamma").text
    assert text[doc.hits[0].start : doc.hits[0].end] == "Kronstadt"


def test_new_and_deleted_texts(index: LibraryIndex, corpus: Library) -> None:
    corpus.text_path("beta").unlink()
    write_text(corpus, "delta", {"title": "New"}, [MdBlock(PARAGRAPH, "The Cheka again.")])
    stats = index.update()
    assert (stats.added, stats.changed, stats.deleted) == (1, 0, 1)
    assert ids(index, "cheka") == {"delta"}
    assert ids(index, "dzierzynski") == set()


def test_search_sees_updates_made_by_another_index_object(
    index: LibraryIndex, corpus: Library
) -> None:
    assert ids(index, "trotsky") == {"alpha", "gamma"}
    corpus.text_path("gamma").unlink()
    LibraryIndex(corpus, cache_dir(corpus.root)).update()
    assert ids(index, "trotsky") == {"alpha"}


def test_missing_index_is_built_on_first_search(corpus: Library) -> None:
    index = LibraryIndex(corpus, cache_dir(corpus.root))
    assert not index.exists()
    assert ids(index, "cheka") == {"beta"}
    assert index.exists()


def test_corrupt_index_is_rebuilt(index: LibraryIndex, corpus: Library) -> None:
    manifest = json.loads((index.root / "manifest.json").read_text())
    for path in (index.root / manifest["store"]).iterdir():
        path.write_bytes(b"garbage")
    fresh = LibraryIndex(corpus, cache_dir(corpus.root))
    stats = fresh.update()
    assert stats.rebuilt and stats.added == 3
    assert ids(fresh, "cheka") == {"beta"}


# Every file of the index folder, by the end of its name (segment names are random).
INDEX_FILES = (
    "manifest.json",
    ".toc",
    ".trm",
    ".pst",
    "._stored.col",
    ".text.col",
    ".sentences.col",
    "._content_len.col",
    "._title_len.col",
    "._author_len.col",
    ".words",
)


def damage(root: Path, ending: str, how: str) -> None:
    """Replace the index file ending with `ending` by random bytes, or delete it."""
    manifest = json.loads((root / "manifest.json").read_text())
    files = [p for p in (root / manifest["store"]).iterdir() if "WRITELOCK" not in p.name]
    assert {p.name for p in files} <= {p.name for p in files if p.name.endswith(INDEX_FILES)}
    (path,) = [p for p in [root / "manifest.json", *files] if p.name.endswith(ending)]
    if how == "deleted":
        path.unlink()
        return
    st = path.stat()
    size = st.st_size if how == "same size and time" else max(64, st.st_size)
    path.write_bytes(random.Random(ending).randbytes(size))
    if how == "same size and time":
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("how", ["random bytes", "same size and time", "deleted"])
@pytest.mark.parametrize("ending", INDEX_FILES)
def test_damaged_index_file_is_repaired_by_search_and_by_index(
    corpus: Library, capsys: pytest.CaptureFixture[str], ending: str, how: str
) -> None:
    # Damaged field lengths that still read change scores only, so scores are left out.
    def answer(out: str) -> object:
        data = json.loads(out)
        for doc in data["documents"]:
            del doc["score"]
        return data

    args = ["--library", str(corpus.root), "search", "Rabkrin", "--json"]
    assert main(args) == 0
    expected = answer(capsys.readouterr().out)
    root = cache_dir(corpus.root) / "index"
    damage(root, ending, how)
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert answer(out) == expected and "Traceback" not in err
    # Repaired: the next pass finds nothing to do, and the answer is the same.
    stats = LibraryIndex(corpus, cache_dir(corpus.root)).update()
    assert (stats.rebuilt, stats.touched, stats.unchanged) == (False, 0, 3)
    assert main(args) == 0 and answer(capsys.readouterr().out) == expected
    # `reader index` repairs it too (without --rebuild); a file damaged in place with
    # its size and time kept shows only when a search reads it.
    if how == "same size and time":
        return
    damage(root, ending, how)
    assert main(["--library", str(corpus.root), "index"]) == 0
    assert "index rebuilt" in capsys.readouterr().out
    assert main(args) == 0 and answer(capsys.readouterr().out) == expected


def test_corrupt_manifest_is_rebuilt(index: LibraryIndex, corpus: Library) -> None:
    (index.root / "manifest.json").write_text("{not json")
    fresh = LibraryIndex(corpus, cache_dir(corpus.root))
    assert ids(fresh, "gosplan") == {"gamma"}
    assert json.loads((index.root / "manifest.json").read_text())["schema"] == SCHEMA_VERSION


def test_index_of_an_older_schema_is_rebuilt(index: LibraryIndex, corpus: Library) -> None:
    path = index.root / "manifest.json"
    manifest = json.loads(path.read_text())
    old_store = manifest["store"]
    manifest["schema"] = SCHEMA_VERSION - 1
    path.write_text(json.dumps(manifest))
    stats = index.update()
    assert stats.rebuilt and stats.added == 3
    assert not (index.root / old_store).exists()
    assert ids(index, "cheka") == {"beta"}


def test_rebuild_on_request(index: LibraryIndex) -> None:
    stats = index.update(rebuild=True)
    assert stats.rebuilt and stats.added == 3
    assert ids(index, "cheka") == {"beta"}


def test_cancelled_update_keeps_its_work_and_the_next_one_finishes(corpus: Library) -> None:
    index = LibraryIndex(corpus, cache_dir(corpus.root))
    calls: list[str] = []

    def progress(done: int, total: int, doc_id: str) -> None:
        calls.append(doc_id)

    stats = index.update(progress=progress, cancel=lambda: len(calls) >= 2)
    assert stats.cancelled and 1 <= stats.added < 3
    assert ids(index, "lenin") == {"alpha"}  # indexed before the cancel
    rest = index.update()
    assert stats.added + rest.added == 3 and not rest.rebuilt
    assert ids(index, "trotsky") == {"alpha", "gamma"}


def test_a_text_that_cannot_be_parsed_is_reported_not_fatal(
    index: LibraryIndex, corpus: Library
) -> None:
    corpus.text_path("beta").write_text("+++\ntitle = \n+++\n\nbroken\n", encoding="utf-8")
    stats = index.update()
    assert [doc_id for doc_id, _ in stats.failed] == ["beta"]
    assert "beta.md" in stats.failed[0][1]
    assert ids(index, "cheka") == set()
    assert ids(index, "gosplan") == {"gamma"}


WORKER = """
import sys
from pathlib import Path
from reader.core.library import Library
from reader.core.search import LibraryIndex
library = Library(Path(sys.argv[1]))
index = LibraryIndex(library, Path(sys.argv[2]))
for round in range(int(sys.argv[3])):
    if sys.argv[4] == "write":
        index.update(rebuild=(round % 2 == 0))
    results = index.search("trotsky OR cheka", variants=False, limit=1000)
    assert results.total_documents >= 3, results
print("ok")
"""


def test_two_processes_at_once(corpus: Library, tmp_path: Path) -> None:
    for n in range(30):
        write_text(
            corpus, f"extra-{n:02d}", {"title": f"Extra {n}"}, [MdBlock(PARAGRAPH, "Trotsky.")]
        )
    cache = cache_dir(corpus.root)
    LibraryIndex(corpus, cache).update()
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(corpus.root), str(cache), "4", mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for mode in ("write", "write", "read")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    index = LibraryIndex(corpus, cache)
    assert index.update().touched == 0
    assert len(index.search("trotsky", variants=False, limit=1000).documents) == 32


def test_small_updates_keep_the_index_near_one_segment(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    for n in range(60):
        write_text(
            library, f"text-{n:02d}", {"title": f"Text {n}"}, [MdBlock(PARAGRAPH, "A plan.")]
        )
    index = LibraryIndex(library, cache_dir(library.root))
    index.update()
    edited = range(12)
    for first in range(0, 12, 3):
        for n in range(first, first + 3):
            blocks = [MdBlock(PARAGRAPH, f"A plan, edit{n}.")]
            write_text(library, f"text-{n:02d}", {"title": f"Text {n}"}, blocks)
        assert index.update().changed == 3
    # Every update writes its own segment (merging in the foreground would cost more
    # than the update); the background merge folds the small ones (here all: the
    # build's too) into one, while a search opened before it goes on reading the
    # state it opened.
    assert len(list(index.root.glob("store-*/*.pst"))) == 5
    before = index.search("plan", variants=False, limit=100)
    assert LibraryIndex(library, cache_dir(library.root)).merge() == 5
    assert len(list(index.root.glob("store-*/*.pst"))) == 1
    after = index.search("plan", variants=False, limit=100)
    # The same documents and hits (scores move a little: the texts deleted from old
    # segments no longer count in the average length).
    assert sorted((d.doc_id, d.hits) for d in after.documents) == sorted(
        (d.doc_id, d.hits) for d in before.documents
    )
    assert index.merge() == 0  # nothing left to fold
    results = index.search("plan", variants=False, limit=100)
    assert sorted(d.doc_id for d in results.documents) == [f"text-{n:02d}" for n in range(60)]
    assert all(ids(index, f"edit{n}") == {f"text-{n:02d}"} for n in edited)
