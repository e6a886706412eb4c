"""Small fixed documents for the annotation and export tests, written as real files."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import HEADING, NOTE, PARAGRAPH, QUOTE
from reader.core.library import Library
from reader.core.markdown import MdBlock, render_text

DOC_ID = "congress"
META = {
    "title": "The Twelfth Congress",
    "author": "Ann Author",
    "date": "1923-04-17",
    "source": "https://example.org/congress",
}
P1 = (
    "The Twelfth Congress met in April 1923. Lenin was too ill to attend, and the "
    "Georgian affair hung over every session."
)
P2 = (
    "Trotsky did not use the bomb against Stalin. The Rabkrin report was read by "
    "Stalin himself, and the delegates applauded."
)
P3 = "Lenin wrote that Rabkrin enjoyed no authority at all."
P4 = "Stalin spoke last, and Stalin spoke long."


def blocks(p1: str = P1, p2: str = P2, p3: str = P3, p4: str = P4) -> list[MdBlock]:
    """The blocks of the test document (paragraph texts replaceable to edit it)."""
    return [
        MdBlock(HEADING, "The congress", level=1),
        MdBlock(PARAGRAPH, p1 + "[^1]"),
        MdBlock(PARAGRAPH, p2),
        MdBlock(HEADING, "The letter", level=1),
        MdBlock(QUOTE, p3),
        MdBlock(PARAGRAPH, p4),
        MdBlock(NOTE, "Dvenadtsatyi sezd, page 12.", label="1"),
    ]


def write_doc(root: Path, doc_id: str = DOC_ID, parts: list[MdBlock] | None = None) -> Path:
    """Write texts/<doc_id>.md under `root` and return its path."""
    path = root / "texts" / f"{doc_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    meta = {**META, "id": doc_id}
    path.write_text(render_text(meta, blocks() if parts is None else parts), encoding="utf-8")
    return path


def make_library(root: Path) -> Library:
    """A library with the test document `congress` and a second one, `letter`."""
    write_doc(root)
    write_doc(root, "letter", [MdBlock(PARAGRAPH, "A short letter about Gosplan and Rabkrin.")])
    return Library(root)
