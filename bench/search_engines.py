"""The engines `bench/search.py` compares: reader (Whoosh) and its measuring sticks.

Each engine indexes the same projections (`Document.text`) of the same library and
answers each query class with the same output: the top 20 documents by BM25, how many
documents match in all, and for each listed document its hit count and up to 10
sentence snippets with the matched words marked. SQLite FTS5 (standard library) does
it with `highlight()` and a sentence cut around each of the first 10 marks; tantivy
(optional, skipped when not installed) with its snippet generator. Neither is a
dependency of the package: they are only measuring sticks.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from reader.core.document_parser import parse_document
from reader.core.glossary import load_glossary
from reader.core.library import Library
from reader.core.search import LibraryIndex

LIMIT = 20
SNIPPETS = 10
START, END = "\x02", "\x03"

# class -> reader's query; the baselines get the same question in their syntax.
QUERIES: list[tuple[str, str]] = [
    ("rare", "Tukhachevsky"),
    ("common", "party"),
    ("two terms", "lenin trotsky"),
    ("phrase", '"central committee"'),
    ("prefix", "bureaucra*"),
    ("fuzzy", "rabkin~"),
    ("glossary", "Rabkrin"),
]


class Engine(Protocol):
    name: str

    def search(self, query: str) -> tuple[int, list[str]]:
        """(documents matching, ids listed) for `query`, snippets made."""

    def matching(self, query: str) -> set[str]:
        """Every document matching `query`."""


def projections(library: Library) -> Iterator[tuple[str, str]]:
    """(id, projection) of every text of the library."""
    for path in sorted(library.texts_dir.glob("*.md")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.stem, path)
        yield path.stem, doc.text


def glossary_variants(library: Library, word: str) -> list[str]:
    """The variants of the glossary entry holding `word` (or just the word)."""
    for term in load_glossary(library.glossary_path):
        if word.lower() in (v.lower() for v in term.variants):
            return list(term.variants)
    return [word]


def sentence_snippets(marked: str, limit: int = SNIPPETS) -> tuple[int, list[str]]:
    """How many marks `marked` holds and the sentences around the first `limit`."""
    count = marked.count(START)
    out: list[str] = []
    at = marked.find(START)
    while at >= 0 and len(out) < limit:
        left = max(marked.rfind(". ", max(0, at - 300), at) + 2, max(0, at - 300))
        end = marked.find(END, at)
        right = marked.find(". ", end, end + 300)
        out.append(marked[left : right + 1 if right >= 0 else end + 300])
        at = marked.find(START, end)
    return count, out


class ReaderEngine:
    """reader itself: `LibraryIndex.search(q, limit=20, hits_per_document=10)`."""

    name = "reader"

    def __init__(self, library: Library, cache: Path) -> None:
        self.index = LibraryIndex(library, cache)

    @staticmethod
    def build(library: Library, folder: Path) -> None:
        LibraryIndex(library, folder).update(rebuild=True)

    def search(self, query: str) -> tuple[int, list[str]]:
        results = self.index.search(query, limit=LIMIT, hits_per_document=SNIPPETS)
        return results.total_documents, [d.doc_id for d in results.documents]

    def matching(self, query: str) -> set[str]:
        results = self.index.search(query, limit=1_000_000, hits_per_document=0)
        return {d.doc_id for d in results.documents}


class Fts5Engine:
    """SQLite FTS5 (porter stemmer, accents folded), ranked by bm25, `highlight()`."""

    name = "fts5"

    def __init__(self, library: Library, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "fts5.db", check_same_thread=False)
        self.glossary = glossary_variants(library, "Rabkrin")
        self._vocabulary: list[str] | None = None

    @staticmethod
    def build(library: Library, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(folder / "fts5.db")
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, content,"
            " tokenize='porter unicode61 remove_diacritics 2')"
        )
        db.executemany("INSERT INTO docs VALUES (?, ?)", projections(library))
        db.commit()
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        db.commit()
        db.close()

    def translate(self, query: str) -> str:
        if query.endswith("~"):
            if self._vocabulary is None:
                self.db.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, row)"
                )
                self._vocabulary = [t for (t,) in self.db.execute("SELECT term FROM temp.vocab")]
            near = process.extract(
                query[:-1], self._vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None
            )
            return " OR ".join(w for w, _, _ in near) or query[:-1]
        if query == "Rabkrin":
            return " OR ".join('"' + re.sub(r"\W+", " ", v) + '"' for v in self.glossary)
        if query.endswith("*"):
            return query
        if query.startswith('"'):
            return query
        return " AND ".join(query.split())

    def search(self, query: str) -> tuple[int, list[str]]:
        q = self.translate(query)
        (total,) = self.db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()
        rows = self.db.execute(
            "SELECT id, highlight(docs, 1, ?, ?) FROM docs WHERE docs MATCH ?"
            " ORDER BY rank LIMIT ?",
            (START, END, q, LIMIT),
        )
        ids = []
        for doc_id, marked in rows:
            sentence_snippets(marked)
            ids.append(doc_id)
        return int(total), ids

    def matching(self, query: str) -> set[str]:
        q = self.translate(query)
        return {i for (i,) in self.db.execute("SELECT id FROM docs WHERE docs MATCH ?", (q,))}


def tantivy_module() -> Any | None:
    try:
        import tantivy  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return tantivy


class TantivyEngine:
    """tantivy (English stemmer), BM25, one snippet per document from its generator."""

    name = "tantivy"

    def __init__(self, library: Library, folder: Path) -> None:
        tantivy = tantivy_module()
        assert tantivy is not None
        self.t = tantivy
        self.index = tantivy.Index.open(str(folder))
        self.index.reload()
        self.searcher = self.index.searcher()
        self.fields = self.index.schema
        self.glossary = glossary_variants(library, "Rabkrin")

    @staticmethod
    def schema() -> Any:
        tantivy = tantivy_module()
        assert tantivy is not None
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("content", stored=True, tokenizer_name="en_stem")
        return builder.build()

    @staticmethod
    def build(library: Library, folder: Path) -> None:
        tantivy = tantivy_module()
        assert tantivy is not None
        folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(TantivyEngine.schema(), path=str(folder))
        writer = index.writer(heap_size=100_000_000, num_threads=1)
        for doc_id, text in projections(library):
            writer.add_document(tantivy.Document(id=doc_id, content=text))
        writer.commit()
        writer.wait_merging_threads()

    def query(self, query: str) -> Any:
        t, schema = self.t, self.fields
        if query.endswith("~"):
            return t.Query.fuzzy_term_query(
                schema, "content", query[:-1].lower(), distance=1, transposition_cost_one=True
            )
        if query.endswith("*"):
            return t.Query.regex_query(schema, "content", re.escape(query[:-1].lower()) + ".*")
        if query == "Rabkrin":
            text = " OR ".join('"' + re.sub(r"\W+", " ", v) + '"' for v in self.glossary)
            return self.index.parse_query(text, ["content"])
        if query.startswith('"'):
            return self.index.parse_query(query, ["content"])
        return self.index.parse_query(" AND ".join(query.split()), ["content"])

    def search(self, query: str) -> tuple[int, list[str]]:
        q = self.query(query)
        result = self.searcher.search(q, LIMIT, count=True)
        snippets = self.t.SnippetGenerator.create(self.searcher, q, self.fields, "content")
        ids = []
        for _, address in result.hits:
            doc = self.searcher.doc(address)
            snippets.snippet_from_doc(doc).to_html()
            ids.append(doc["id"][0])
        return int(result.count or 0), ids

    def matching(self, query: str) -> set[str]:
        q = self.query(query)
        result = self.searcher.search(q, 1_000_000)
        return {self.searcher.doc(a)["id"][0] for _, a in result.hits}


BUILDERS: dict[str, Any] = {
    "reader": ReaderEngine.build,
    "fts5": Fts5Engine.build,
    "tantivy": TantivyEngine.build,
}


def engine_names() -> list[str]:
    """The engines this Python can run (tantivy only when installed)."""
    return ["reader", "fts5"] + (["tantivy"] if tantivy_module() is not None else [])


def open_engine(name: str, library: Library, folder: Path) -> Engine:
    if name == "reader":
        return ReaderEngine(library, folder)
    if name == "fts5":
        return Fts5Engine(library, folder)
    return TantivyEngine(library, folder)
