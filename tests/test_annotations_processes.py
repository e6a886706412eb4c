"""Annotations under real processes: killed mid-save, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from annotations_corpus import DOC_ID, make_library

# A child process that adds highlights to DOC_ID one by one, saving after each, and
# prints the id of each one saved. argv: library root, how many (0: until killed).
WRITER = """
import sys
from reader.core.annotations import AnnotationFile
from reader.core.library import Library

library = Library(__import__("pathlib").Path(sys.argv[1]))
doc = library.load(sys.argv[2])
notes = AnnotationFile(library.annotation_path(doc.id), doc)
count = int(sys.argv[3])
start = doc.text.index("Georgian affair")
n = 0
while count == 0 or n < count:
    item = notes.add_highlight(start, start + 15, note="note " * 200 + str(n))
    notes.save()
    n += 1
    print(item.id, flush=True)
"""


def start_writer(root: Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), DOC_ID, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )


def saved_ids(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [a["id"] for a in data.get("annotation", [])]


def test_killed_mid_save_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    path = library.annotation_path(DOC_ID)
    rng = random.Random(7)
    known: list[str] = []  # ids of every annotation whose save was reported
    for _ in range(8):
        child = start_writer(library.root, 0)
        assert child.stdout is not None
        reported: list[str] = []
        for _ in range(rng.randint(1, 6)):
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else ""
            reported.append(line.strip())
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reported += [line.strip() for line in child.stdout if line.strip()]
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        # The file always parses, and holds every save that was reported, plus at
        # most the one that was being written when the process died.
        known += reported
        ids = saved_ids(path)
        assert set(known) <= set(ids)
        assert len(ids) <= len(known) + 1
        known = ids


def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    first = start_writer(library.root, 15)
    second = start_writer(library.root, 15)
    out_first, err_first = first.communicate(timeout=120)
    out_second, err_second = second.communicate(timeout=120)
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    written = out_first.split() + out_second.split()
    assert len(written) == 30
    assert sorted(saved_ids(library.annotation_path(DOC_ID))) == sorted(written)
