"""What a cleaner returns: Markdown blocks, metadata the source states, and a report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reader.core.markdown import MdBlock


@dataclass
class Report:
    """What cleaning did, for the short report `reader import` prints.

    `counts` tallies actions by name ("chrome lines removed", "paragraphs joined",
    "notes attached", ...); `notes` holds one-line remarks worth showing (a marker with
    no definition, a correction applied).
    """

    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        """Add `n` to the tally of `what` (zero is ignored)."""
        if n:
            self.counts[what] += n

    def note(self, message: str) -> None:
        self.notes.append(message)


@dataclass
class Cleaned:
    """A cleaner's result: blocks to write and metadata found in the source itself."""

    blocks: list[MdBlock]
    meta: dict[str, Any] = field(default_factory=dict)
