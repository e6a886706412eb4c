"""Footnotes of the wikitext cleaner: labels in order of first use, reuse by name.

Wikipedia has several ways to make a footnote, and a reader sees them all as notes:
`<ref>...</ref>` and `<ref name="x">...</ref>` (a later `<ref name="x" />` points at the
same note), `{{sfn|...}}` short citations (identical ones share a note, as on Wikipedia),
and `{{efn|...}}` explanatory notes, which Wikipedia labels with letters in their own
sequence. A `NoteBook` hands out labels in order of first use, remembers which key has
which label, and keeps each note's text. A named reference may be defined after its first
use; the cleaner collects definitions by name before numbering anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# How Wikipedia labels the notes of a group (the `group=` of a ref, or the efn family).
LOWER_ALPHA = "lower-alpha"
UPPER_ALPHA = "upper-alpha"
LOWER_ROMAN = "lower-roman"
DEFAULT_GROUP = ""


def _alpha(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (spreadsheet-style letters)."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _roman(n: int) -> str:
    numerals = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = ""
    for value, numeral in numerals:
        while n >= value:
            out += numeral
            n -= value
    return out


def group_label(group: str, n: int) -> str:
    """The label of the n-th note of `group`, in the form Wikipedia shows it."""
    if group == DEFAULT_GROUP:
        return str(n)
    if group == LOWER_ALPHA:
        return _alpha(n)
    if group == UPPER_ALPHA:
        return _alpha(n).upper()
    if group == LOWER_ROMAN:
        return _roman(n)
    # A custom group ("note", "Note") shows as "note 1"; a label has no spaces.
    clean = "".join(ch for ch in group if ch.isalnum() or ch in "-_") or "n"
    return f"{clean}{n}"


@dataclass
class Note:
    """One note: its group, label and (once rendered) inline Markdown text."""

    group: str
    label: str
    text: str = ""


@dataclass
class NoteBook:
    """Notes in order of first use, keyed so that reuse finds the same label."""

    notes: list[Note] = field(default_factory=list)
    by_key: dict[tuple[str, str], Note] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    markers: int = 0

    def cite(self, group: str, key: str | None, render: Callable[[], str]) -> str:
        """The label for a note; `render` makes its text the first time the key is seen.

        `key` None means an anonymous note (always new). The label is assigned before
        the text is rendered, so notes cited inside this note's text come after it.
        """
        self.markers += 1
        if key is not None and (group, key) in self.by_key:
            return self.by_key[(group, key)].label
        n = self.counts.get(group, 0) + 1
        self.counts[group] = n
        note = Note(group, group_label(group, n))
        self.notes.append(note)
        if key is not None:
            self.by_key[(group, key)] = note
        note.text = render()
        return note.label

    def in_reading_order(self) -> list[Note]:
        """Explanatory (lettered) notes first, as in Wikipedia's "Notes" section, then
        the numbered references; each group in label order."""
        groups: list[str] = []
        for note in self.notes:
            if note.group not in groups:
                groups.append(note.group)
        groups.sort(key=lambda g: g == DEFAULT_GROUP)
        return [n for g in groups for n in self.notes if n.group == g]
