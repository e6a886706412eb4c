"""Benchmark: one person's notes at scale, 20,000 annotations on one document.

Run: `.venv/bin/python bench/annotations.py [--annotations N] [--repeat R]`.

It builds a library in a temporary folder with one of the bundled texts (`texts/`) and
N annotations on it (spans of a few words, each with a note and a tag; about 7 MB of
TOML at 20,000), then measures, in this process, with the library's cache folder
inside the temporary folder:

- baseline: `tomllib.loads` of the annotations file (what any reader of the file pays);
- `reader notes list --doc ID` (output to /dev/null), first with a cold cache (the
  file never read before: parsed and checked) and then warm (the usual case);
- `reader notes add ID --quote ... --note ...` (read, merge under the lock, write).

Printed: the medians (wall and CPU time), and each as a ratio of the baseline.
Targets: list <= 1 s and add <= 0.5 s at 20,000 annotations.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from reader.cli import main
from reader.core.annotations import fileformat
from reader.core.annotations.anchoring import make_target
from reader.core.annotations.model import Annotation, new_id, utc_now
from reader.core.library import Library

PROJECT = Path(__file__).resolve().parent.parent
DOC_ID = "alliance-trotsky-in-the-civil-war-1"


def build(root: Path, count: int) -> Library:
    """A library with one text and `count` annotations on it."""
    (root / "texts").mkdir(parents=True)
    (root / "annotations").mkdir()
    shutil.copy(PROJECT / "texts" / f"{DOC_ID}.md", root / "texts")
    library = Library(root)
    document = library.load(DOC_ID)
    rnd = random.Random(1)
    text, now = document.text, utc_now()
    annotations = []
    for n in range(count):
        start = rnd.randrange(0, len(text) - 100)
        target = make_target(text, start, start + rnd.randrange(20, 60), document.text_hash)
        note = f"Note {n}: why this passage matters for the argument."
        tags = (f"topic{n % 40}",)
        annotations.append(Annotation(new_id(), "note", now, now, "yellow", tags, note, target))
    data = fileformat.AnnotationFileData(DOC_ID, annotations, [])
    library.annotation_path(DOC_ID).write_text(fileformat.render(data, document.title), "utf-8")
    return library


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median wall time and CPU time of `action` over `repeat` runs (the CPU time
    tells the cost when the machine is busy with other work)."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def command(*argv: str) -> Callable[[], object]:
    def run() -> object:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(list(argv))
        assert code == 0, argv
        return code

    return run


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["READER_CACHE_DIR"] = str(Path(folder) / "cache")
        os.environ["READER_STATE_DIR"] = str(Path(folder) / "state")
        library = build(Path(folder) / "library", args.annotations)
        path = library.annotation_path(DOC_ID)
        size = path.stat().st_size
        root = str(library.root)
        baseline = timed(lambda: tomllib.loads(path.read_text("utf-8")), args.repeat)
        listing = command("--library", root, "notes", "list", "--doc", DOC_ID)
        cold = timed(listing, 1)
        warm = timed(listing, args.repeat)
        adding = command(
            "--library", root, "notes", "add", DOC_ID, "--quote", "Trotsky", "--note", "new"
        )
        add = timed(adding, args.repeat)
        rows = [
            ("baseline: tomllib.loads of the file", baseline),
            ("notes list, first read (parsed and checked)", cold),
            ("notes list (target <= 1 s)", warm),
            ("notes add (target <= 0.5 s)", add),
        ]
        print(
            f"{args.annotations} annotations, {size / 1e6:.1f} MB of TOML; medians of {args.repeat}"
        )
        for label, (wall, cpu) in rows:
            print(
                f"  {label:46} {wall:7.3f} s wall {cpu:7.3f} s CPU  "
                f"{wall / baseline[0]:5.2f} x baseline"
            )


if __name__ == "__main__":
    main_bench()
