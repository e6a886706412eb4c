"""Harness: two copies of the program and a hand editor change one annotations file at once.

Run: `.venv/bin/python bench/annotations_race.py [--ops N] [--hand M] [--seed S]`.

Two worker processes each open the document's annotations (`AnnotationStore`), and
N times do one random operation on what they see (add a note, reword a note, recolour,
retag, delete) and save it. A third process edits the file as a person would, M times:
it rewords a note, deletes an `[[annotation]]` block outright (without recording the
id in `deleted`), adds a comment, or adds a key the app does not know to a block. The
hand editor takes the same lock while it writes, as a careful script would.

Each acknowledged operation (a save that returned, or a hand write) is logged with the
time it wrote, taken under the lock, which orders them. At the end the file must hold
exactly what applying the logged operations one after another, in that order, gives:
an edit of an annotation deleted earlier has no effect, the last write of a field wins,
and every unknown key and comment added by hand is still there. The state reached and
the counts are printed; exit status 1 on any difference.

`run()` is also what tests/test_annotations_merge.py calls with small numbers.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from reader.core.annotations import AnnotationStore, fileformat
from reader.core.annotations.model import PALETTE
from reader.core.atomic import atomic_write_text
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.locks import lock_path

DOC_ID = "race"
TEXT = '+++\ntitle = "Race"\n+++\n' + "\n\n".join(
    f"Paragraph {n}: Lenin wrote of Rabkrin and Stalin replied." for n in range(20)
)

Op = tuple[Any, ...]
"""(written at, kind, id, value...) as logged."""


def make_library(root: Path) -> Library:
    """A library with the one document the copies annotate."""
    (root / "texts").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    (root / "texts" / f"{DOC_ID}.md").write_text(TEXT + "\n", encoding="utf-8")
    return Library(root)


def worker(root: str, seed: int, ops: int, out: Any) -> None:
    """One copy of the program: `ops` random operations, each saved at once."""
    rnd = random.Random(seed)
    notes = AnnotationStore(Library(Path(root))).open(DOC_ID)
    log: list[Op] = []
    for n in range(ops):
        ids = [i.id for i in notes.items()]
        choice = rnd.random()
        value: Any
        try:
            if choice < 0.3 or not ids:
                value = f"w{seed}-{n}"
                ann_id = notes.add_note(value).id
                op: Op = ("add", ann_id, value)
            else:
                ann_id = rnd.choice(ids)
                if choice < 0.55:
                    value = f"w{seed}-{n}\nsecond line"
                    notes.update(ann_id, note=value)
                    op = ("note", ann_id, value)
                elif choice < 0.75:
                    value = rnd.choice(PALETTE)
                    notes.update(ann_id, colour=value)
                    op = ("colour", ann_id, value)
                elif choice < 0.9:
                    value = (f"t{rnd.randrange(5)}",)
                    notes.update(ann_id, tags=value)
                    op = ("tags", ann_id, value)
                else:
                    notes.delete(ann_id)
                    op = ("delete", ann_id)
            notes.save()
        except ReaderError as exc:
            notes.reload()  # not acknowledged: nothing of it may stay pending
            log.append((0, "refused", str(exc).split(": ", 1)[-1][:60]))
            continue
        log.append((notes.saved_at_ns, *op))
    out.put(log)


def hand_editor(root: str, seed: int, ops: int, out: Any) -> None:
    """A person editing the file: rewords, deletes blocks, adds comments and keys."""
    import tomlkit

    rnd = random.Random(seed)
    path = Library(Path(root)).annotation_path(DOC_ID)
    log: list[Op] = []
    for n in range(ops):
        with FileLock(lock_path(path), timeout=30):
            if not path.exists():
                continue
            doc = tomlkit.parse(path.read_text(encoding="utf-8"))
            tables = doc.get("annotation")
            if not tables:
                continue
            index = rnd.randrange(len(tables))
            table = tables[index]
            ann_id = str(table["id"])
            choice = rnd.random()
            if choice < 0.35:
                value = f"hand-{n}"
                table["note"] = value
                op: Op = ("note", ann_id, value)
            elif choice < 0.55:
                del tables[index]
                op = ("delete", ann_id)
            elif choice < 0.8:
                key, value = f"x_hand_{n}", f"kept {n}"
                table[key] = value
                op = ("extra", ann_id, key, value)
            else:
                table.add(tomlkit.comment(f"hand comment {n}"))
                op = ("comment", ann_id, f"# hand comment {n}")
            atomic_write_text(path, tomlkit.dumps(doc))
            log.append((time.monotonic_ns(), *op))
    out.put(log)


@dataclass
class Outcome:
    """What a run did and whether the file matches the serial replay."""

    acknowledged: int
    refused: dict[str, int]
    """Saves that failed (not acknowledged, nothing kept), by reason."""
    annotations: int
    differences: list[str]
    seconds: float


def replay(log: list[Op]) -> dict[str, dict[str, Any]]:
    """The state that applying the logged operations in order gives."""
    state: dict[str, dict[str, Any]] = {}
    for _, kind, ann_id, *rest in sorted(op for op in log if op[1] != "refused"):
        if kind == "add":
            state[ann_id] = {"note": rest[0], "colour": "yellow", "tags": (), "extra": {}}
        elif ann_id not in state:
            continue  # an edit of an annotation deleted earlier: no effect
        elif kind == "delete":
            del state[ann_id]
        elif kind == "extra":
            state[ann_id]["extra"][rest[0]] = rest[1]
        elif kind in ("note", "colour", "tags"):
            state[ann_id][kind] = rest[0]
    return state


def run(root: Path, ops: int, hand: int, seed: int = 1) -> Outcome:
    """Run the two workers and the hand editor on a fresh library at `root`."""
    library = make_library(root)
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    procs = [
        context.Process(target=worker, args=(str(root), seed * 10 + 1, ops, out)),
        context.Process(target=worker, args=(str(root), seed * 10 + 2, ops, out)),
        context.Process(target=hand_editor, args=(str(root), seed * 10 + 3, hand, out)),
    ]
    for proc in procs:
        proc.start()
    log: list[Op] = []
    for _ in procs:
        log.extend(out.get(timeout=600))
    for proc in procs:
        proc.join()
    seconds = time.perf_counter() - started
    expected = replay(log)
    text = library.annotation_path(DOC_ID).read_text(encoding="utf-8")
    data = fileformat.parse(text, library.annotation_path(DOC_ID), DOC_ID)
    found = {
        a.id: {"note": a.note, "colour": a.colour, "tags": a.tags, "extra": a.extra}
        for a in data.annotations
    }
    differences = [
        f"{ann_id}: expected {expected.get(ann_id)!r}, found {found.get(ann_id)!r}"
        for ann_id in sorted(set(expected) | set(found))
        if expected.get(ann_id) != found.get(ann_id)
    ]
    comments = [op[-1] for op in log if op[1] == "comment" and op[2] in expected]
    differences += [f"comment lost: {c}" for c in comments if c not in text]
    refused: dict[str, int] = {}
    for op in log:
        if op[1] == "refused":
            refused[op[2]] = refused.get(op[2], 0) + 1
    acknowledged = sum(1 for op in log if op[1] != "refused")
    return Outcome(acknowledged, refused, len(found), differences, seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=1500, help="operations per worker")
    parser.add_argument("--hand", type=int, default=600, help="hand edits")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        outcome = run(Path(folder) / "library", args.ops, args.hand, args.seed)
    print(
        f"{outcome.acknowledged} acknowledged operations (2 x {args.ops} by two copies, "
        f"{args.hand} by hand) in {outcome.seconds:.1f} s; {outcome.annotations} "
        f"annotations at the end; differences from the serial replay: "
        f"{len(outcome.differences)}"
    )
    for reason, count in outcome.refused.items():
        print(f"  refused {count} times (not acknowledged): {reason}")
    for line in outcome.differences[:20]:
        print("  " + line)
    return 1 if outcome.differences else 0


if __name__ == "__main__":
    sys.exit(main())
