"""The query language: parsing, glossary expansion, hit patterns.

Syntax (Whoosh's query parser with the fuzzy and comparison plugins):

- `lenin trotsky`: every word must occur (AND is the default);
- `"exact phrase"`, `"a b"~5` (near: at most 4 words between neighbours);
- `OR`, `NOT`, `AND`, parentheses (operators in capitals);
- `revolut*` prefix, `r?bkrin` wildcard, `rabkin~` fuzzy (`~2` for two edits);
- filters `title:`, `author:`, `date:` (`date:1923`, `date:[1920 TO 1923]`,
  `date:>1921`) and `id:`.

The text is first repaired (`query_text`: an unclosed quote is closed, a multi-word
glossary variant is read as a phrase); a lone operator is a word. A filter with no value
(`title:`), an empty query or a pattern that would match too many words is a
`UsageError`.

Compiling a query also yields its *hit patterns*: the content terms (stems) each word
position may hold, with the glossary variant that produced them. Hits are located from
these patterns and the stored character ranges (see `hits`), so negated words never
become hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from whoosh.query.compound import And, AndNot, Or
from whoosh.query.positional import Phrase
from whoosh.query.qcore import Every, NullQuery
from whoosh.query.ranges import TermRange
from whoosh.query.terms import FuzzyTerm, Prefix, Term, Wildcard
from whoosh.query.wrappers import Not

from reader.core.errors import UsageError
from reader.core.glossary import Glossary, GlossaryTerm
from reader.core.search.analysis import fold, projection_analyzer, surface_words
from reader.core.search.collecting import KeepingOr
from reader.core.search.conjunction import ListedTerm, TermsAnd
from reader.core.search.phrase import PositionalPhrase
from reader.core.search.query_text import OPERATORS, glossary_phrases, literal_keys, repair
from reader.core.search.schema import CONTENT
from reader.core.search.vocabulary import Vocabulary

MAX_EXPANSION = 512
DATE_FORMS = "a year, a month or a day: date:1923, date:1923-04, date:1923-04-16, date:>1921"
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DATE_PATTERN = re.compile(r"[\d\-*?]+")
# Plain words only: what `QueryCompiler._plain_query` reads without Whoosh's parser.
_PLAIN = re.compile(r"[\w\s.\-]+")


@dataclass(frozen=True)
class Pattern:
    """A word or phrase to find: one set of stems per word position.

    Adjacent positions may be at most `slop` word positions apart (1: next to each
    other). `variant` is the glossary variant this pattern came from ("" for the
    query's own words).
    """

    slots: tuple[frozenset[str], ...]
    slop: int = 1
    variant: str = ""


@dataclass
class CompiledQuery:
    """A parsed query: the Whoosh query, the hit patterns and what was expanded."""

    text: str
    query: Any
    patterns: list[Pattern] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    literal_keys: set[str] = field(default_factory=set)
    variant_keys: dict[str, str] = field(default_factory=dict)

    def variant_of(self, surface: str, pattern_variant: str) -> str:
        """Which variant a hit whose folded surface text is `surface` matched."""
        if surface in self.literal_keys:
            return ""
        return self.variant_keys.get(surface, pattern_variant)


def make_parser(schema: Any) -> Any:
    """The query parser of the library index. (Whoosh's parser module is imported here:
    a query of plain words never needs it, and importing it is a good part of the
    start-up of `reader search`.)"""
    from whoosh.qparser.default import QueryParser
    from whoosh.qparser.plugins import FuzzyTermPlugin, GtLtPlugin

    class Parser(QueryParser):
        """Keeps the raw text of prefix, wildcard and fuzzy words (not stemmed): they
        are matched against the library's surface words, not against stems."""

        def term_query(
            self,
            fieldname: str,
            text: str,
            termclass: Any,
            boost: float = 1.0,
            tokenize: bool = True,
            removestops: bool = True,
        ) -> Any:
            if fieldname == CONTENT and termclass is not Term:
                return termclass(fieldname, fold(text), boost=boost)
            return super().term_query(  # type: ignore[no-untyped-call]
                fieldname, text, termclass, boost, tokenize, removestops
            )

    parser = Parser(CONTENT, schema)
    parser.add_plugin(FuzzyTermPlugin())  # type: ignore[no-untyped-call]
    parser.add_plugin(GtLtPlugin())  # type: ignore[no-untyped-call]
    return parser


def check_date(q: Any) -> None:
    """A UsageError unless the date filter `q` holds dates (see `DATE_FORMS`)."""
    if isinstance(q, TermRange):
        values = [v for v in (q.start, q.end) if v is not None]
    else:
        values = [getattr(q, "text", "")]
    for value in values:
        value = str(value)
        ok = _DATE.fullmatch(value) if isinstance(q, Term | TermRange) else None
        if ok is None and not (
            isinstance(q, Prefix | Wildcard)
            and _DATE_PATTERN.fullmatch(value)
            and value[:1].isdigit()
        ):
            raise UsageError(f"'date:{value}' is not a date: give {DATE_FORMS}")


class QueryCompiler:
    """Turns query text into a CompiledQuery against one index state."""

    def __init__(self, schema: Any, reader: Any, vocabulary: Callable[[], Vocabulary]) -> None:
        self.schema = schema
        self._parser: Any = None
        self.reader = reader
        self._vocabulary = vocabulary
        self._glossary_cache: tuple[Glossary, dict[Hashable, GlossaryTerm]] | None = None
        self.analyzer = projection_analyzer()

    @property
    def parser(self) -> Any:
        """The Whoosh query parser (made on first use)."""
        if self._parser is None:
            self._parser = make_parser(self.schema)
        return self._parser

    @property
    def vocabulary(self) -> Vocabulary:
        """The library's surface words (loaded on first use)."""
        return self._vocabulary()

    def stems(self, text: str) -> tuple[str, ...]:
        """The content terms of `text`, in order."""
        return tuple(t.text for t in self.analyzer(text))

    def compile(self, text: str, glossary: Glossary | None) -> CompiledQuery:
        """Parse and expand `text`; raises UsageError when it cannot be read."""
        index = self._glossary_index(glossary)
        repaired = glossary_phrases(repair(text), index, self.stems)
        parsed = self._plain_query(repaired)
        if parsed is None:
            try:
                parsed = self.parser.parse(repaired)
            except Exception as exc:  # Whoosh's parser raises assorted errors on odd input.
                raise UsageError(f"cannot read the query {text!r}: {exc}") from exc
        if parsed is NullQuery or parsed is None:
            raise UsageError(f"nothing to search for in {text!r}")
        compiled = CompiledQuery(text=text, query=None)
        compiled.literal_keys = literal_keys(repaired)
        compiled.query = self._walk(parsed, False, compiled, index).normalize()
        if type(compiled.query) is Term and compiled.query.fieldname == CONTENT:
            compiled.query = ListedTerm(CONTENT, compiled.query.text, boost=compiled.query.boost)
        return compiled

    def _plain_query(self, text: str) -> Any:
        """The query for plain words (no operators, quotes, filters or patterns), read
        the way Whoosh's parser reads them: all words must occur, and a word that
        analyses into several terms ("Brest-Litovsk") is a phrase. None for any other
        query (the parser reads it)."""
        if not _PLAIN.fullmatch(text):
            return None
        words = text.split()
        if any(word in OPERATORS for word in words):
            return None
        parts: list[Any] = []
        for word in words:
            stems = self.stems(word)
            if len(stems) == 1:
                parts.append(Term(CONTENT, stems[0]))
            elif stems:
                parts.append(Phrase(CONTENT, list(stems)))
        if not parts:
            return NullQuery
        return parts[0] if len(parts) == 1 else And(parts)

    def _glossary_index(self, glossary: Glossary | None) -> dict[Hashable, GlossaryTerm]:
        """The glossary keyed by the stems of each variant (computed once per glossary)."""
        if glossary is None:
            return {}
        cached = self._glossary_cache
        if cached is None or cached[0] is not glossary:
            cached = (glossary, glossary.index(self.stems))
            self._glossary_cache = cached
        return cached[1]

    # --- the query tree ---------------------------------------------------------------
    def _walk(
        self, q: Any, negated: bool, out: CompiledQuery, index: dict[Hashable, GlossaryTerm]
    ) -> Any:
        if isinstance(q, Not):
            return Not(self._walk(q.query, True, out, index))
        if isinstance(q, AndNot):
            return AndNot(self._walk(q.a, negated, out, index), self._walk(q.b, True, out, index))
        if isinstance(q, Every):  # `*` or `field:*`: every document, like `?` and `**`
            field = "" if q.fieldname == CONTENT else f"{q.fieldname}:"
            raise UsageError(f"'{field}*' is too broad: give at least two letters")
        if getattr(q, "fieldname", None) == CONTENT:
            if isinstance(q, Term):
                return self._words(q, (q.text,), 1, negated, out, index)
            if isinstance(q, Phrase):
                return self._words(q, tuple(q.words), q.slop, negated, out, index)
            if isinstance(q, FuzzyTerm | Prefix | Wildcard):
                return self._multiterm(q, negated, out)
        if getattr(q, "fieldname", None) == "date" and q.is_leaf():
            check_date(q)
        if q.is_leaf():
            return q
        walked = q.apply(lambda child: self._walk(child, negated, out, index))
        if type(walked) is Or:
            walked = KeepingOr(walked.subqueries, boost=walked.boost, minmatch=walked.minmatch)
        elif type(walked) is And:
            walked = TermsAnd(walked.subqueries, boost=walked.boost)
        return walked

    def _words(
        self,
        q: Any,
        words: tuple[str, ...],
        slop: int,
        negated: bool,
        out: CompiledQuery,
        index: dict[Hashable, GlossaryTerm],
    ) -> Any:
        if not negated:
            out.patterns.append(Pattern(tuple(frozenset([w]) for w in words), slop))
        if isinstance(q, Phrase):
            q = PositionalPhrase(CONTENT, list(words), slop=slop, boost=q.boost)
        term = index.get(words) if slop == 1 else None
        if term is None:
            return q
        alternatives = [q]
        seen = {words}
        for variant in term.variants:
            stems = self.stems(variant)
            if not stems or stems in seen:
                continue
            seen.add(stems)
            alternatives.append(
                Term(CONTENT, stems[0], boost=q.boost)
                if len(stems) == 1
                else PositionalPhrase(CONTENT, list(stems), boost=q.boost)
            )
            if not negated:
                out.patterns.append(Pattern(tuple(frozenset([s]) for s in stems), 1, variant))
                if variant not in out.variants:
                    out.variants.append(variant)
        for variant in term.variants:
            out.variant_keys.setdefault(" ".join(surface_words(variant)), variant)
        return KeepingOr(alternatives) if len(alternatives) > 1 else q

    def _multiterm(self, q: Any, negated: bool, out: CompiledQuery) -> Any:
        word = q.text
        if isinstance(q, FuzzyTerm):
            words = [w for w, _ in self.vocabulary.near(word, min(q.maxdist, 3))]
            label = f"{word}~"
        elif isinstance(q, Prefix):
            if len(word) < 2:
                raise UsageError(f"'{word}*' is too short: give at least two letters before *")
            words = self.vocabulary.with_prefix(word)
            label = f"{word}*"
        else:
            if len(word.replace("*", "").replace("?", "")) < 2:
                raise UsageError(f"'{word}' is too broad: give at least two letters")
            words = self.vocabulary.matching(word)
            label = word
        if len(words) > MAX_EXPANSION:
            raise UsageError(
                f"'{label}' matches more than {MAX_EXPANSION} words: make it more precise"
            )
        stems = sorted({self.vocabulary.stem(w) for w in words} - {""})
        stems = [s for s in stems if (CONTENT, s) in self.reader]
        if not stems:
            return NullQuery
        if not negated:
            out.patterns.append(Pattern((frozenset(stems),)))
        out.literal_keys.update(words)
        terms = [Term(CONTENT, s, boost=q.boost) for s in stems]
        return terms[0] if len(terms) == 1 else KeepingOr(terms)
