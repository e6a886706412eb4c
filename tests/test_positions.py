"""Reading positions and marks: written to one JSON state file, merged, never blocking."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from reader.core.paths import Folders
from reader.core.positions import FILE_NAME, ReadingPositions

READ_AT = datetime(2026, 12, 5, 14, 3, 11, 250000, tzinfo=UTC)


def test_positions_and_marks_survive_a_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "state" / FILE_NAME
    positions = ReadingPositions.load(path)
    assert positions.offset("lenin") is None
    positions.remember("lenin", 1234, "abcd", now=READ_AT)
    positions.set_mark("lenin", "a", 99)
    positions.save()
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["documents"]["lenin"] == {
        "offset": 1234,
        "text_hash": "abcd",
        "marks": {"a": 99},
        "read_at": "2026-12-05T14:03:11Z",
    }
    again = ReadingPositions.load(path)
    assert again.offset("lenin") == 1234
    assert again.documents["lenin"].read_at == READ_AT.replace(microsecond=0)
    assert again.mark("lenin", "a") == 99
    assert again.mark("lenin", "b") is None
    assert again.problem is None


def test_remembering_a_position_records_when_it_was_read(tmp_path: Path) -> None:
    positions = ReadingPositions.load(tmp_path / FILE_NAME)
    before = datetime.now(UTC).replace(microsecond=0)
    positions.remember("lenin", 10)
    read_at = positions.documents["lenin"].read_at
    assert read_at is not None and before <= read_at <= datetime.now(UTC)
    positions.set_mark("trotsky", "a", 5)  # a mark alone is not reading
    assert positions.documents["trotsky"].read_at is None


def test_a_version_1_file_without_read_times_still_loads_and_keeps_them_apart(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE_NAME
    old = {
        "version": 1,
        "documents": {
            "lenin": {"offset": 77, "text_hash": "ab", "marks": {"a": 3}},
            "cliff": {"offset": 5, "text_hash": "", "marks": {}, "read_at": "yesterday"},
        },
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    positions = ReadingPositions.load(path)
    assert positions.problem is None
    assert (positions.offset("lenin"), positions.mark("lenin", "a")) == (77, 3)
    assert positions.documents["lenin"].read_at is None
    assert positions.documents["cliff"].read_at is None  # a bad time loses only the time
    positions.remember("cliff", 9, now=READ_AT)
    positions.save()
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["version"] == 1
    assert "read_at" not in on_disk["documents"]["lenin"]
    assert on_disk["documents"]["cliff"]["read_at"] == "2026-12-05T14:03:11Z"


def test_how_far_the_reader_saw_is_kept_beside_the_offset(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    old = {
        "version": 1,
        "documents": {
            "lenin": {"offset": 77, "text_hash": "ab", "marks": {}},
            "cliff": {"offset": 5, "text_hash": "", "marks": {}, "seen": "far"},
        },
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    positions = ReadingPositions.load(path)
    assert positions.problem is None
    assert positions.documents["lenin"].seen is None  # written before it was kept
    assert positions.documents["cliff"].seen is None  # a bad value loses only itself
    positions.remember("cliff", 900, seen=2400, now=READ_AT)
    positions.save()
    on_disk = json.loads(path.read_text(encoding="utf-8"))["documents"]
    assert (on_disk["cliff"]["offset"], on_disk["cliff"]["seen"]) == (900, 2400)
    assert "seen" not in on_disk["lenin"]
    assert ReadingPositions.load(path).documents["cliff"].seen == 2400


def test_two_stores_on_one_file_do_not_lose_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    left, right = ReadingPositions.load(path), ReadingPositions.load(path)
    left.remember("a", 10)
    left.save()
    right.remember("b", 20)
    right.save()
    merged = ReadingPositions.load(path)
    assert (merged.offset("a"), merged.offset("b")) == (10, 20)
    assert right.offset("a") == 10  # the later saver adopts what the other wrote


def test_the_library_state_file_lives_in_the_state_dir(tmp_path: Path) -> None:
    positions = ReadingPositions.in_folder(Folders.for_library(tmp_path / "library").state)
    assert positions.path.name == FILE_NAME
    assert positions.path.is_relative_to(tmp_path / "state")


def test_a_damaged_file_is_reported_and_replaced_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    for damage in ("{not json", '{"documents": {"a": {"offset": "x"}}}', "[1, 2]"):
        path.write_text(damage, encoding="utf-8")
        positions = ReadingPositions.load(path)
        assert positions.problem is not None and str(path) in positions.problem
        assert positions.documents == {}
    positions.remember("a", 5)
    positions.save()
    assert ReadingPositions.load(path).offset("a") == 5
    assert positions.problem is not None and f"{FILE_NAME}.damaged-1" in positions.problem
    assert (tmp_path / f"{FILE_NAME}.damaged-1").read_text(encoding="utf-8") == "[1, 2]"


def test_nothing_is_written_when_nothing_changed(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    ReadingPositions.load(path).save()
    assert not path.exists()


def test_a_damaged_file_is_moved_aside_with_its_bytes_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    damaged = b'{"version": 1, "documents": {"lenin": {"offset": 77\n'
    path.write_bytes(damaged)
    (tmp_path / f"{FILE_NAME}.damaged-1").write_bytes(b"an older damaged file")
    positions = ReadingPositions.load(path)
    positions.remember("a", 5)
    positions.save()
    aside = tmp_path / f"{FILE_NAME}.damaged-2"
    assert aside.read_bytes() == damaged
    assert (tmp_path / f"{FILE_NAME}.damaged-1").read_bytes() == b"an older damaged file"
    assert positions.problem is not None and str(aside) in positions.problem
    assert ReadingPositions.load(path).offset("a") == 5


def test_a_file_damaged_after_loading_is_moved_aside_too(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    positions = ReadingPositions.load(path)
    positions.remember("a", 5)
    positions.save()
    path.write_bytes(b"\xff\xfe not text")
    positions.remember("b", 6)
    positions.save()
    assert (tmp_path / f"{FILE_NAME}.damaged-1").read_bytes() == b"\xff\xfe not text"
    again = ReadingPositions.load(path)
    assert (again.offset("a"), again.offset("b"), again.problem) == (5, 6, None)


# A child process that records positions for its own documents, saving after each.
SAVER = """
import sys
from pathlib import Path
from reader.core.positions import ReadingPositions

positions = ReadingPositions.load(Path(sys.argv[1]))
for n in range(int(sys.argv[3])):
    positions.remember(f"{sys.argv[2]}-{n}", n)
    positions.save()
"""


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    count = 60
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), name, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    saved = ReadingPositions.load(path)
    assert saved.problem is None
    missing = [
        f"{name}-{n}"
        for name in ("left", "right")
        for n in range(count)
        if saved.offset(f"{name}-{n}") != n
    ]
    assert missing == []
