"""Which document of the library an imported highlight belongs to.

In order: the document named with `--doc`; the document id the record carries (our
own exports); the source URL (compared without scheme, `www.` and trailing slash,
against the text's `url` or `source`); the title and author, compared with rapidfuzz
(the mean of `token_set_ratio` and `token_sort_ratio`, the title against the text's
title and the work it is part of, the author weighing a quarter when both have one),
kept at `MIN_TITLE_SCORE` or more
and reported with the score; last, the quote itself, found in exactly one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.core.document import Document
from reader.core.interop.model import Foreign

MIN_TITLE_SCORE = 80.0
QUOTE_PROBE = 160  # characters of the quote looked for when nothing else names the document


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """A document found for a record: how (`doc`, `id`, `url`, `title`, `quote`) and
    how sure (0-100; 100 unless by title)."""

    doc_id: str
    how: str
    score: float = 100.0


class DocumentFinder:
    """Finds documents for records, caching what it computes about the library."""

    def __init__(self, documents: list[Document], forced: str | None = None) -> None:
        self.documents = {d.id: d for d in documents}
        self.forced = forced
        self._titles: dict[str, DocumentMatch | None] = {}
        self._folded = {d.id: " ".join(d.text.split()) for d in documents}

    def find(self, record: Foreign) -> DocumentMatch | None:
        """The document of `record`, or None (it goes to the inbox)."""
        if self.forced:
            return DocumentMatch(self.forced, "doc")
        if record.doc_id in self.documents:
            return DocumentMatch(record.doc_id, "id")
        if record.url:
            wanted = _url_key(record.url)
            for doc in self.documents.values():
                if wanted and wanted in {_url_key(u) for u in _urls(doc)}:
                    return DocumentMatch(doc.id, "url")
        if record.title:
            key = f"{record.title}\x1f{record.author}"
            if key not in self._titles:
                self._titles[key] = self._by_title(record.title, record.author)
            if self._titles[key] is not None:
                return self._titles[key]
        return self._by_quote(record.quote)

    def _by_title(self, title: str, author: str) -> DocumentMatch | None:
        best: DocumentMatch | None = None
        for doc in self.documents.values():
            candidates = [doc.title] + [str(doc.meta[k]) for k in ("work",) if doc.meta.get(k)]
            score = max(_similar(title, c) for c in candidates)
            if author and doc.author:
                score = 0.75 * score + 0.25 * _similar(author, doc.author)
            if score >= MIN_TITLE_SCORE and (best is None or score > best.score):
                best = DocumentMatch(doc.id, "title", round(score, 1))
        return best

    def _by_quote(self, quote: str) -> DocumentMatch | None:
        probe = " ".join(quote.split())[:QUOTE_PROBE]
        if len(probe) < 12:
            return None
        found = [doc_id for doc_id, text in self._folded.items() if probe in text]
        return DocumentMatch(found[0], "quote") if len(found) == 1 else None


def _similar(a: str, b: str) -> float:
    """How alike two titles (or names) are, 0-100: the words they share (in any order,
    so "McAloon, David William" is "David William McAloon") weighed with how much of
    each the other covers (so "Trotsky" alone is not every book about him)."""
    left, right = _norm(a), _norm(b)
    return (fuzz.token_set_ratio(left, right) + fuzz.token_sort_ratio(left, right)) / 2


def _urls(doc: Document) -> list[str]:
    out = [str(doc.meta.get("url", ""))]
    out += re.findall(r"https?://[^\s\"'<>()]+", doc.source)
    return [u for u in out if u]


def _url_key(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^https?://", "", url)
    url = url.removeprefix("www.")
    return url.rstrip("/.,;")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
