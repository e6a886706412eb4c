"""A small fixed corpus for the search tests, written as real `texts/<id>.md` files."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.core.document import HEADING, NOTE, PARAGRAPH, QUOTE
from reader.core.importer import ImportOptions, import_files
from reader.core.library import Library
from reader.core.markdown import MdBlock, render_text

PROJECT = Path(__file__).resolve().parent.parent

GLOSSARY = """\
[[term]]
variants = ["Rabkrin", "Workers' and Peasants' Inspection", "RKI"]

[[term]]
variants = ["Tsaritsyn", "Tsarityn", "Caricyn"]

[[term]]
variants = ["Gosplan", "State Planning Commission"]
"""

TEXTS: dict[str, tuple[dict[str, str], list[MdBlock]]] = {
    "alpha": (
        {"title": "The Inspection Question", "author": "Ann Author", "date": "1923-04-16"},
        [
            MdBlock(HEADING, "Rabkrin and the Apparatus", level=1),
            MdBlock(
                PARAGRAPH,
                "Lenin attacked *Rabkrin* in his last articles. The **Workers’ and** "
                "Peasants’ Inspection[^1] had failed badly.",
            ),
            MdBlock(HEADING, "Stalin at Tsaritsyn", level=2),
            MdBlock(
                PARAGRAPH,
                "Stalin stayed in Tsarityn for months. Trotsky wrote about Caricyn later. "
                "J. V. Stalin never answered.",
            ),
            MdBlock(QUOTE, "\\[bold\\]Markup\\[/bold\\] stays literal here."),
            MdBlock(NOTE, "Lenin, Collected Works, vol. 33.", label="1"),
        ],
    ),
    "beta": (
        {"title": "Dzierżyński and the Cheka", "author": "Bob Writer", "date": "1921"},
        [
            MdBlock(PARAGRAPH, "Felix Dzierżyński led the Cheka. The inspections were many."),
            MdBlock(PARAGRAPH, "RKI inspectors reported to Stalin every month."),
        ],
    ),
    "gamma": (
        {"title": "Planning", "author": "Cy Planner", "date": "1925-01"},
        [
            MdBlock(PARAGRAPH, "The State Planning Commission met. Trotsky defended Gosplan."),
            MdBlock(PARAGRAPH, "Trotsky, Trotsky and again Trotsky."),
        ],
    ),
}


def write_text(library: Library, doc_id: str, meta: dict[str, str], blocks: list[MdBlock]) -> None:
    """Write one cleaned text into the library."""
    library.texts_dir.mkdir(parents=True, exist_ok=True)
    text = render_text({"id": doc_id, **meta}, blocks)
    library.text_path(doc_id).write_text(text, encoding="utf-8")


def make_corpus(root: Path) -> Library:
    """The fixed corpus with its glossary in `root`."""
    library = Library(root)
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    for doc_id, (meta, blocks) in TEXTS.items():
        write_text(library, doc_id, meta, blocks)
    library.glossary_path.write_text(GLOSSARY, encoding="utf-8")
    return library


def bundled_corpus(root: Path) -> Library:
    """The bundled library's texts (or, while `texts/` is empty, the seeds imported by
    the pipeline) with the bundled glossary."""
    library = Library(root)
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    texts = sorted((PROJECT / "texts").glob("*.md"))
    if texts:
        shutil.copytree(PROJECT / "texts", library.texts_dir)
    else:
        library.texts_dir.mkdir()
        import_files(library, sorted((PROJECT / "seeds").glob("*.txt")), ImportOptions())
    shutil.copy(PROJECT / "glossary.toml", library.glossary_path)
    return library
