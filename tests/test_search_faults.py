"""The index under faults: a cache that cannot be written, a full disk, a column file
scrambled in place, and queries naming fields that are not there.

Tests run as root, where `chmod` does not stop writes: a read-only or full disk is
simulated by making the writes themselves fail, and `write.lock` is made a folder."""

from __future__ import annotations

import builtins
import errno
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from search_corpus import make_corpus, write_text

from reader.cli import main
from reader.core.document import PARAGRAPH
from reader.core.library import Library
from reader.core.markdown import MdBlock
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex


@pytest.fixture
def corpus(tmp_path: Path) -> Library:
    return make_corpus(tmp_path / "lib")


def search(
    corpus: Library, capsys: pytest.CaptureFixture[str], *query: str
) -> tuple[int, Any, str]:
    code = main(["--library", str(corpus.root), "search", *query, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else None, err


def without_places(results: Any) -> Any:
    """`reader search --json` output without the sentences' citable places: those come
    from the text as it is now, and are "" where it changed since it was indexed."""
    for document in results["documents"]:
        for sentence in document["sentences"]:
            sentence.pop("place")
    return results


def edit_gamma(corpus: Library) -> None:
    write_text(corpus, "gamma", {"title": "Planning"}, [MdBlock(PARAGRAPH, "Now Kronstadt.")])


def fail_writes_under(monkeypatch: pytest.MonkeyPatch, root: Path, code: int) -> None:
    """Every attempt to create or write a file under `root` fails with `code` (EROFS for
    a read-only cache, ENOSPC for a full disk); reading still works."""
    real_open, real_os_open = builtins.open, os.open

    def refuse(path: object) -> None:
        if str(path).startswith(str(root)):
            raise OSError(code, os.strerror(code), str(path))

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)


@pytest.mark.parametrize("fault", ["read-only", "full", "write.lock a folder"])
def test_a_cache_that_cannot_be_written_answers_from_the_last_state_with_a_warning(
    corpus: Library, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    code, before, _ = search(corpus, capsys, "Trotsky")
    assert code == 0 and {d["id"] for d in before["documents"]} == {"alpha", "gamma"}
    root = cache_dir(corpus.root) / "index"
    edit_gamma(corpus)
    with monkeypatch.context() as patch:
        if fault == "write.lock a folder":
            (root / "write.lock").unlink(missing_ok=True)
            (root / "write.lock").mkdir()
        else:
            fail_writes_under(patch, root, errno.EROFS if fault == "read-only" else errno.ENOSPC)
        code, after, err = search(corpus, capsys, "Trotsky")
        gamma = next(d for d in after["documents"] if d["id"] == "gamma")
        assert all(sentence["place"] == "" for sentence in gamma["sentences"])
        # The last committed state: gamma as it was.
        assert code == 0 and without_places(after) == without_places(before)
        (line,) = err.splitlines()
        assert line.startswith(f"reader: warning: cannot write the search index in {root}: ")
        assert "last indexed state" in line and "Traceback" not in err
        # `reader index`, whose job is the update, fails with the reason.
        assert main(["--library", str(corpus.root), "index"]) == 1
        _, err = capsys.readouterr()
        assert err.startswith(f"reader: cannot write the search index in {root}: ")
    # Once the cache can be written again, the search sees the edit, with no warning.
    if fault == "write.lock a folder":
        (root / "write.lock").rmdir()
    code, fixed, err = search(corpus, capsys, "Kronstadt")
    assert code == 0 and [d["id"] for d in fixed["documents"]] == ["gamma"] and err == ""


def test_a_build_on_a_full_disk_leaves_no_partial_store(
    corpus: Library, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = cache_dir(corpus.root) / "index"
    root.mkdir(parents=True)
    real_open = builtins.open
    written: list[str] = []

    def fill_up(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        # The store folder and its first files are made, then the disk is full.
        if "store-" in str(file) and any(c in mode for c in "wax+"):
            written.append(str(file))
            if len(written) > 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", fill_up)
        code, out, err = search(corpus, capsys, "Trotsky")
    assert code == 2 and out is None
    assert err == f"reader: cannot write the search index in {root}: No space left on device\n"
    assert len(written) > 2 and not list(root.glob("store-*"))
    code, out, _ = search(corpus, capsys, "Trotsky")
    assert code == 0 and len(list(root.glob("store-*"))) == 1, sorted(os.listdir(root))


def scramble(path: Path, share: float, seed: int) -> None:
    """Change `share` of the letters of `path` into other letters (the text still reads
    as UTF-8, only wrong), keeping its size and modification time."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    letters = [at for at, byte in enumerate(data) if 97 <= byte <= 122]
    for at in rng.sample(letters, max(1, int(len(data) * share))):
        data[at] = 97 + (data[at] - 97 + rng.randrange(1, 26)) % 26
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("seed", range(5))
def test_a_column_scrambled_in_place_is_noticed_and_rebuilt(
    corpus: Library, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    for n in range(20):  # enough text for a column worth scrambling
        sentences = " ".join(f"Sentence {i} of text {n} mentions Trotsky." for i in range(30))
        write_text(corpus, f"extra{n}", {"title": f"Extra {n}"}, [MdBlock(PARAGRAPH, sentences)])
    code, expected, _ = search(corpus, capsys, "Trotsky", "--limit", "30")
    assert code == 0
    root = cache_dir(corpus.root) / "index"
    store = root / json.loads((root / "manifest.json").read_text())["store"]
    (column,) = store.glob("*.text.col")
    scramble(column, 0.02, seed)
    code, answer, err = search(corpus, capsys, "Trotsky", "--limit", "30")
    assert code == 0 and answer == expected and "Traceback" not in err
    assert not column.exists()  # rebuilt into a new store


@pytest.mark.parametrize("field", ["text", "hash", "sentences", "headings", "content", "Title"])
def test_only_the_documented_fields_can_be_named(
    corpus: Library, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    code, out, err = search(corpus, capsys, f"{field}:lenin")
    assert code == 2 and out is None
    assert err == (
        f"reader: no field '{field}:' to search in: a query can filter on title:, author:, "
        "date: and id: (for example title:testament)\n"
    )


def test_words_with_colons_are_still_words(
    corpus: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = search(corpus, capsys, "Trotsky: again")
    assert code == 0 and [d["id"] for d in out["documents"]] == ["gamma"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("date:trotsky", "date:trotsky"),
        ("date:[abc TO 1923]", "date:abc"),
        ("date:>19x", "date:19x"),
    ],
)
def test_a_bad_date_suggests_a_date(
    corpus: Library, capsys: pytest.CaptureFixture[str], query: str, shown: str
) -> None:
    code, out, err = search(corpus, capsys, query)
    assert code == 2 and out is None
    assert err == (
        f"reader: '{shown}' is not a date: give a year, a month or a day: date:1923, "
        "date:1923-04, date:1923-04-16, date:>1921\n"
    )
    code, out, err = search(corpus, capsys, "date:")
    assert err == "reader: 'date:' needs a value, for example date:1923\n"


def test_good_dates_still_filter(corpus: Library) -> None:
    index = LibraryIndex(corpus, cache_dir(corpus.root))
    for query, expected in [
        ("date:1923", {"alpha"}),
        ("date:1923-04", {"alpha"}),
        ("date:>1921", {"alpha", "gamma"}),
        ("date:[1920 TO 1923]", {"alpha", "beta"}),
        ("date:192*", {"alpha", "beta", "gamma"}),
    ]:
        assert {d.doc_id for d in index.search(query).documents} == expected, query
