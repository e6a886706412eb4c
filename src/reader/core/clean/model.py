"""What a cleaner returns: Markdown blocks, metadata the source states, and a report.

The `Report` is shared by every reader and cleaner (HTML, EPUB, PDF, Markdown, books,
wikitext, ...), so `reader import` and the app show the same kind of account for each:

- `removed(what, n, unit=..., example=...)`: what was taken out, with a count and a few
  examples ("navigation: 14 lines (e.g. "Works Index | Volume 21")", "scripts: 7",
  "infobox: 1 dropped");
- `count(what, n)`: what was found or done ("headings", "paragraphs joined");
- `fact(name, value)`: one-off facts about the input ("encoding": "ISO-8859-1 (declared
  in the header)", "toc": "nav document, 12 entries");
- `warn(message)`: what looks suspicious and deserves a look (a marker with no note, a
  very short result for a large input);
- `note(message)`: other one-line remarks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reader.core.markdown import MdBlock

MAX_EXAMPLES = 3
EXAMPLE_CHARS = 60


def shorten(text: str, limit: int = EXAMPLE_CHARS) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


@dataclass
class Removal:
    """One kind of thing a cleaner removed: how many, in what unit, a few examples."""

    what: str
    count: int = 0
    unit: str = ""
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        """`navigation: 14 lines (e.g. "Works Index", "Volume 21")`."""
        amount = f"{self.count:,}" + (f" {self.unit}" if self.unit else "")
        text = f"{self.what}: {amount}"
        if self.examples:
            text += " (e.g. " + ", ".join(f'"{x}"' for x in self.examples) + ")"
        return text


@dataclass
class Report:
    """What cleaning did, for the report `reader import` prints and the app shows.

    `counts` tallies what was found or done ("headings", "paragraphs joined", ...);
    `removals` what was removed, with examples; `facts` one-off facts about the input;
    `warnings` suspicious results; `notes` other one-line remarks.
    """

    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    removals: dict[str, Removal] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        """Add `n` to the tally of `what` (zero is ignored)."""
        if n:
            self.counts[what] += n

    def note(self, message: str) -> None:
        """A one-line remark worth showing."""
        self.notes.append(message)

    def removed(self, what: str, n: int = 1, *, unit: str = "", example: str = "") -> None:
        """Record that `n` of `what` were removed (`unit`: "lines", "characters", ...),
        keeping up to three short distinct examples. Zero with no example is ignored."""
        if n <= 0 and not example:
            return
        entry = self.removals.setdefault(what, Removal(what, unit=unit))
        entry.count += max(n, 0)
        if unit and not entry.unit:
            entry.unit = unit
        if example:
            short = shorten(example)
            if short and short not in entry.examples and len(entry.examples) < MAX_EXAMPLES:
                entry.examples.append(short)

    def fact(self, name: str, value: str) -> None:
        """A fact about the input ("encoding", "generator", "toc"): the last one wins."""
        self.facts[name] = value

    def warn(self, message: str) -> None:
        """Something that looks wrong in the result (shown even in a batch import)."""
        if message not in self.warnings:
            self.warnings.append(message)

    def lines(self) -> list[str]:
        """The report as lines for people (not yet made terminal-safe)."""
        out = [f"{name}: {value}" for name, value in self.facts.items()]
        out += [f"removed {r.line()}" for r in self.removals.values()]
        out += [f"{what}: {n:,}" for what, n in sorted(self.counts.items())]
        out += [f"note: {remark}" for remark in self.notes]
        out += [f"warning: {message}" for message in self.warnings]
        return out

    def as_dict(self) -> dict[str, Any]:
        """A plain-data form (for JSON output and tests)."""
        return {
            "facts": dict(self.facts),
            "removed": {
                r.what: {"count": r.count, "unit": r.unit, "examples": list(r.examples)}
                for r in self.removals.values()
            },
            "counts": dict(self.counts),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


@dataclass
class Cleaned:
    """A cleaner's result: blocks to write and metadata found in the source itself.

    `own_text` is True when the input was already one of our cleaned texts (re-imported
    as it is: it keeps its id and provenance)."""

    blocks: list[MdBlock]
    meta: dict[str, Any] = field(default_factory=dict)
    own_text: bool = False
