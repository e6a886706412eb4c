"""The glossary of variants: spellings and names that mean the same thing.

`glossary.toml` lives in the library root and is meant to be edited by hand. Each entry
is a `[[term]]` table with a list of `variants` (the first is the usual name) and an
optional `note`:

    [[term]]
    variants = ["Rabkrin", "Workers' and Peasants' Inspection", "RKI"]
    note = "People's Commissariat of Workers' and Peasants' Inspection"

A search for any variant also finds the others (unless the user turns variants off).
Entries that share a variant are merged. A malformed file is reported with its line and
column; a missing file is an empty glossary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core import tomlfile
from reader.core.errors import FileFormatError

_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*term[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class GlossaryTerm:
    """One entry: its variants (the first is the usual name) and an optional note."""

    variants: tuple[str, ...]
    note: str = ""

    @property
    def name(self) -> str:
        return self.variants[0]


@dataclass
class Glossary:
    """The entries of a glossary, with a lookup from any variant to its entry."""

    terms: list[GlossaryTerm] = field(default_factory=list)
    path: Path | None = None

    def __iter__(self) -> Iterator[GlossaryTerm]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def index(self, key: Callable[[str], Hashable]) -> dict[Hashable, GlossaryTerm]:
        """Every variant's `key(variant)` mapped to its entry (for matching query words
        the way the search analyses them). Entries sharing a key are merged."""
        merged = _merge(self.terms, key)
        out: dict[Hashable, GlossaryTerm] = {}
        for term in merged:
            for variant in term.variants:
                out[key(variant)] = term
        return out


def _merge(terms: list[GlossaryTerm], key: Callable[[str], Hashable]) -> list[GlossaryTerm]:
    """Merge entries that share a variant (by `key`), keeping the order of first sight."""
    groups: list[GlossaryTerm] = []
    owner: dict[Hashable, int] = {}
    for term in terms:
        hits = sorted({owner[key(v)] for v in term.variants if key(v) in owner})
        if not hits:
            owner.update({key(v): len(groups) for v in term.variants})
            groups.append(term)
            continue
        target = hits[0]
        variants = list(groups[target].variants)
        notes = [groups[target].note]
        for other in hits[1:]:
            variants.extend(groups[other].variants)
            notes.append(groups[other].note)
            groups[other] = GlossaryTerm(())
        variants.extend(term.variants)
        notes.append(term.note)
        unique = tuple(dict.fromkeys(variants))
        groups[target] = GlossaryTerm(unique, "; ".join(n for n in notes if n))
        owner.update({key(v): target for v in unique})
    return [g for g in groups if g.variants]


def parse_glossary(text: str, path: Path | str = "glossary.toml") -> Glossary:
    """Parse glossary TOML text; problems are FileFormatErrors with line and column."""
    data = tomlfile.loads(text, path)
    lines = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_HEADER.finditer(text)]
    unknown = sorted(set(data) - {"term"})
    if unknown:
        line = _line_of_key(text, unknown[0])
        raise FileFormatError(
            path, f"unknown key {unknown[0]!r}: entries are [[term]] tables", line, 1
        )
    entries = data.get("term", [])
    if not isinstance(entries, list):
        raise FileFormatError(path, "'term' must be a list of [[term]] tables", 1, 1)
    terms: list[GlossaryTerm] = []
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else 0
        terms.append(_entry(entry, path, line))
    return Glossary(terms, Path(path))


def _entry(entry: Any, path: Path | str, line: int) -> GlossaryTerm:
    where = "[[term]] entry"
    if not isinstance(entry, dict):
        raise FileFormatError(path, f"{where} must be a table", line, 1)
    extra = sorted(set(entry) - {"variants", "note"})
    if extra:
        raise FileFormatError(
            path, f"{where}: unknown key {extra[0]!r} (use 'variants' and 'note')", line, 1
        )
    variants = entry.get("variants")
    if not isinstance(variants, list) or not variants:
        raise FileFormatError(path, f"{where} needs a non-empty list 'variants'", line, 1)
    cleaned: list[str] = []
    for variant in variants:
        if not isinstance(variant, str) or not variant.strip():
            raise FileFormatError(
                path, f"{where}: every variant must be a non-empty string", line, 1
            )
        cleaned.append(" ".join(variant.split()))
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise FileFormatError(path, f"{where}: 'note' must be a string", line, 1)
    return GlossaryTerm(tuple(dict.fromkeys(cleaned)), note)


def _line_of_key(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*\[?\[?[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load_glossary(path: Path) -> Glossary:
    """Read `glossary.toml`; a missing file is an empty glossary."""
    if not path.is_file():
        return Glossary([], path)
    text = tomlfile.read_utf8(path)
    return parse_glossary(text, path)
