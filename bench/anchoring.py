"""Benchmark: do highlights re-attach to the right place after the texts change?

Run: `.venv/bin/python bench/anchoring.py [--library DIR] [--highlights N] [--seed S]
[--repeat R]`.

It generates about N highlights (word-aligned spans of 1 to 40 words) over the library's
texts (`texts/*.md`; when there are none, the seeds are cleaned in memory), then edits
each projection the way a re-import or a correction does: inserted sentences and
paragraphs, deleted sentences and paragraphs, typo fixes (some inside highlights),
and re-cleaned paragraphs (curly quotes, dashes, note markers dropped, words fixed,
paragraphs split or joined). Every edit is tracked, so the true new place of each
highlight is known; a highlight whose text was mostly deleted has no true place and
should be orphaned (or attached to what is left of it).

Printed: the share re-attached correctly (overlap >= 80% with the true place, or an
orphan whose text is gone; goal >= 98%), wrongly (goal 0), and orphaned although its
text is still there; the anchor states; and the median time to re-attach all
highlights, against a baseline measured in the same run (the naive rule: first exact
occurrence of the quote, `str.find`). The texts are generated from whatever the
library holds, so the figures do not depend on exact wording.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations.anchoring import AnchorState, make_target, resolve
from reader.core.annotations.model import Target
from reader.core.document import HEADING, PRE, TABLE, Document
from reader.core.document_parser import load_document
from reader.core.errors import ReaderError
from reader.core.importer import ImportOptions, build
from reader.core.paths import resolve_library

WORD = re.compile(r"\S+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")


@dataclass
class Edit:
    """Replace text[pos:pos+length] by `insert` (positions in the text before editing)."""

    pos: int
    length: int
    insert: str
    kind: str


@dataclass
class Case:
    """One generated highlight and its true place after the edits (None: text gone)."""

    doc: int
    target: Target
    truth: tuple[int, int] | None
    remnant: tuple[int, int]


def load_texts(root: Path) -> tuple[str, list[Document]]:
    """The library's documents, or the seeds cleaned in memory when it has none."""
    docs: list[Document] = []
    for path in sorted((root / "texts").glob("*.md")):
        try:
            docs.append(load_document(path))
        except ReaderError as exc:  # a text being rewritten right now
            print(f"skipped {path.name}: {exc}")
    if docs:
        return f"{root / 'texts'}", docs
    seeds = sorted((root / "seeds").glob("*.txt"))
    return f"{root / 'seeds'} (cleaned in memory)", [
        build(p, ImportOptions()).document for p in seeds
    ]


def make_highlights(doc: Document, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """`count` word-aligned spans inside the document's prose blocks."""
    blocks = [b for b in doc.blocks if b.kind not in (HEADING, TABLE, PRE) and len(b.text) > 40]
    spans: list[tuple[int, int]] = []
    while blocks and len(spans) < count:
        block = rng.choice(blocks)
        words = list(WORD.finditer(block.text))
        size = rng.choices([rng.randint(1, 3), rng.randint(4, 12), rng.randint(13, 40)], [2, 5, 4])
        n = min(size[0], len(words))
        first = rng.randrange(0, len(words) - n + 1)
        start = block.start + words[first].start()
        end = block.start + words[first + n - 1].end()
        spans.append((start, end))
    return spans


def typo_fix(text: str, lo: int, hi: int, rng: random.Random) -> Edit | None:
    """A one-character correction in a word of text[lo:hi]."""
    words = [m for m in WORD.finditer(text, lo, hi) if len(m.group()) >= 4 and m.group().isalpha()]
    if not words:
        return None
    word = rng.choice(words)
    i = word.start() + rng.randrange(1, len(word.group()) - 1)
    how = rng.choice(["replace", "delete", "insert", "swap"])
    if how == "replace":
        return Edit(i, 1, rng.choice("aeioustnr"), "typo fix")
    if how == "delete":
        return Edit(i, 1, "", "typo fix")
    if how == "insert":
        return Edit(i, 0, rng.choice("aeioustnr"), "typo fix")
    return Edit(i, 2, text[i + 1] + text[i], "typo fix")


def sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[lo:hi]."""
    out: list[tuple[int, int]] = []
    start = lo
    for m in SENTENCE_END.finditer(text, lo, hi):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, hi))
    return out


def filler(rng: random.Random, pool: list[str]) -> str:
    """A made-up sentence from words of the library (for insertions)."""
    words = rng.sample(pool, k=min(len(pool), rng.randint(6, 30)))
    return " ".join(words).capitalize() + "."


def reclean(text: str, lo: int, hi: int, rng: random.Random) -> list[Edit]:
    """The small edits a re-cleaning makes to one paragraph text[lo:hi]."""
    edits: list[Edit] = []
    for m in re.finditer(r"[\"']|--|\[\d+\*?\]| {2,}", text[lo:hi]):
        token = m.group()
        pos = lo + m.start()
        if token == '"':
            edits.append(Edit(pos, 1, rng.choice("“”"), "re-clean"))
        elif token == "'":
            edits.append(Edit(pos, 1, "’", "re-clean"))
        elif token == "--":
            edits.append(Edit(pos, 2, "—", "re-clean"))
        elif token.startswith("["):
            edits.append(Edit(pos, len(token), "", "re-clean"))
        else:
            edits.append(Edit(pos, len(token), " ", "re-clean"))
    for _ in range(max(1, (hi - lo) // 250)):
        fix = typo_fix(text, lo, hi, rng)
        if fix:
            edits.append(Edit(fix.pos, fix.length, fix.insert, "re-clean"))
    parts = sentences(text, lo, hi)
    if len(parts) > 2 and rng.random() < 0.5:  # split the paragraph in two
        cut = rng.choice(parts[1:])[0]
        edits.append(Edit(cut - 1, 1, "\n\n", "re-clean"))
    elif text[hi : hi + 2] == "\n\n" and rng.random() < 0.5:  # join it to the next one
        edits.append(Edit(hi, 2, " ", "re-clean"))
    return edits


def make_edits(
    doc: Document, spans: list[tuple[int, int]], rng: random.Random, pool: list[str]
) -> list[Edit]:
    """Edits over the whole text, some aimed inside or next to highlights; no overlaps."""
    text = doc.text
    prose = [b for b in doc.blocks if b.kind not in (HEADING, TABLE, PRE)]
    edits: list[Edit] = []
    scale = max(1, len(text) // 2000)
    for _ in range(scale):  # inserted sentences and paragraphs
        block = rng.choice(doc.blocks)
        if rng.random() < 0.5:
            edits.append(Edit(block.end, 0, "\n\n" + filler(rng, pool), "insertion"))
        else:
            cut = rng.choice(sentences(text, block.start, block.end))[0]
            edits.append(Edit(cut, 0, filler(rng, pool) + " ", "insertion"))
    for _ in range(scale // 2):  # deleted sentences
        block = rng.choice(prose)
        s, e = rng.choice(sentences(text, block.start, block.end))
        edits.append(Edit(s, e - s, "", "deletion"))
    for _ in range(max(1, scale // 10)):  # deleted paragraphs (page furniture, duplicates)
        block = rng.choice(prose)
        edits.append(Edit(block.start, block.end - block.start + 2, "", "deletion"))
    for _ in range(scale * 2):  # typo fixes anywhere
        block = rng.choice(prose)
        fix = typo_fix(text, block.start, block.end, rng)
        if fix:
            edits.append(fix)
    for s, e in spans:  # typo fixes inside about one highlight in five
        if rng.random() < 0.2:
            fix = typo_fix(text, s, e, rng)
            if fix:
                edits.append(fix)
    for _ in range(max(1, scale // 3)):  # re-cleaned paragraphs
        block = rng.choice(prose)
        edits.extend(reclean(text, block.start, block.end, rng))
    # Keep edits that do not overlap an earlier kept one.
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda x: (x.pos, x.length)):
        if kept and edit.pos < kept[-1].pos + max(kept[-1].length, 1):
            continue
        if edit.pos + edit.length > len(text):
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every (sorted, non-overlapping) edit applied."""
    out: list[str] = []
    last = 0
    for edit in edits:
        out.append(text[last : edit.pos])
        out.append(edit.insert)
        last = edit.pos + edit.length
    out.append(text[last:])
    return "".join(out)


def map_span(edits: list[Edit], start: int, end: int) -> tuple[tuple[int, int], float]:
    """Where [start, end) lands after the edits, and the share of its text deleted.

    When the highlight's first characters were deleted, it starts at its first
    surviving character: text put in just after the deleted stretch is not part of it."""
    new_start = new_end = None
    length = end - start
    shift = 0  # total length change of the edits seen so far
    deleted = 0
    for edit in edits:
        stop = edit.pos + edit.length
        change = len(edit.insert) - edit.length
        cut = max(0, min(stop, end) - max(edit.pos, start))
        deleted += max(0, cut - len(edit.insert))
        if new_start is None and not edit.insert and edit.pos <= start < stop:
            start = min(stop, end)  # its head deleted: it starts after the deletion
        elif new_start is None and (edit.pos >= start if edit.length else edit.pos > start):
            new_start = start + shift
        elif new_start is None and edit.pos < start < stop:
            new_start = edit.pos + shift  # starts inside a replaced stretch
        if new_end is None and edit.pos >= end:
            new_end = end + shift
        elif new_end is None and edit.pos < end < stop:
            new_end = edit.pos + shift + len(edit.insert)  # ends inside one
        shift += change
    if new_start is None:
        new_start = start + shift
    if new_end is None:
        new_end = end + shift
    return (new_start, max(new_start, new_end)), deleted / max(1, length)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def grade(case: Case, attached: tuple[int, int] | None) -> str:
    """correct, wrong or orphaned (orphaned although the text is still there)."""
    if attached is None:
        return "correct" if case.truth is None else "orphaned"
    if case.truth is not None:
        return "correct" if overlap(attached, case.truth) >= 0.8 else "wrong"
    near_remnant = min(attached[1], case.remnant[1]) > max(attached[0], case.remnant[0])
    return "correct" if near_remnant else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library")
    parser.add_argument("--highlights", type=int, default=500)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print each wrong or orphaned case")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    source, docs = load_texts(
        resolve_library(args.library or str(Path(__file__).resolve().parent.parent))
    )
    pool = [w for d in docs for w in WORD.findall(d.text) if w.isalpha() and len(w) > 2]
    total_chars = sum(len(d.text) for d in docs)
    cases: list[Case] = []
    edited: list[str] = []
    hashes: list[str] = []
    edit_kinds: Counter[str] = Counter()
    for i, doc in enumerate(docs):
        share = round(args.highlights * len(doc.text) / total_chars)
        spans = make_highlights(doc, share, rng)
        edits = make_edits(doc, spans, rng, pool)
        edit_kinds.update(e.kind for e in edits)
        new_text = apply_edits(doc.text, edits)
        edited.append(new_text)
        hashes.append(f"edited-{i}")
        for s, e in spans:
            truth, gone = map_span(edits, s, e)
            target = make_target(doc.text, s, e, doc.text_hash)
            cases.append(Case(i, target, None if gone > 0.5 else truth, truth))
    print(f"texts: {source}: {len(docs)} documents, {total_chars:,} characters")
    print(
        f"highlights: {len(cases)}; edits: "
        + ", ".join(f"{n} {k}" for k, n in sorted(edit_kinds.items()))
    )
    gone = sum(1 for c in cases if c.truth is None)
    print(f"highlights whose text was mostly deleted (should be orphaned): {gone}")

    def run_resolve() -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = []
        for c in cases:
            anchor = resolve(c.target, edited[c.doc], hashes[c.doc])
            out.append((anchor.start, anchor.end) if anchor.attached else None)
        return out

    def run_baseline() -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = []
        for c in cases:
            pos = edited[c.doc].find(c.target.quote)
            out.append((pos, pos + len(c.target.quote)) if pos >= 0 else None)
        return out

    def run_unchanged() -> None:
        for c in cases:
            resolve(c.target, docs[c.doc].text, docs[c.doc].text_hash)

    times: dict[str, list[float]] = {"resolve": [], "baseline": [], "unchanged": []}
    results: dict[str, list[tuple[int, int] | None]] = {}
    for _ in range(args.repeat):
        for name, fn in (("resolve", run_resolve), ("baseline", run_baseline)):
            t0 = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_unchanged()
        times["unchanged"].append(time.perf_counter() - t0)
    states = Counter(resolve(c.target, edited[c.doc], hashes[c.doc]).state.value for c in cases)
    n = len(cases)
    for name, label in (("resolve", "re-anchoring"), ("baseline", "baseline (first exact)")):
        grades = Counter(grade(c, r) for c, r in zip(cases, results[name], strict=True))
        print(
            f"{label:24} correct {100 * grades['correct'] / n:5.1f}%  "
            f"wrong {100 * grades['wrong'] / n:4.1f}% ({grades['wrong']})  "
            f"orphaned {100 * grades['orphaned'] / n:4.1f}% ({grades['orphaned']})"
        )
    if args.show:
        for c, r in zip(cases, results["resolve"], strict=True):
            verdict = grade(c, r)
            if verdict != "correct":
                anchor = resolve(c.target, edited[c.doc], hashes[c.doc])
                got = edited[c.doc][r[0] : r[1]] if r else ""
                want = edited[c.doc][c.truth[0] : c.truth[1]] if c.truth else "(gone)"
                print(f"- {verdict} {anchor.state.value} {anchor.score}: {c.target.quote!r}")
                print(f"    got  {r} {got!r}\n    want {c.truth} {want!r}")
    print("states: " + ", ".join(f"{s.value} {states.get(s.value, 0)}" for s in AnchorState))
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(
        f"time for {n} highlights (median of {args.repeat}): re-anchoring {med['resolve']:.1f} ms, "
        f"baseline {med['baseline']:.2f} ms (ratio {med['resolve'] / med['baseline']:.0f}x), "
        f"unchanged text {med['unchanged']:.2f} ms"
    )


if __name__ == "__main__":
    main()
