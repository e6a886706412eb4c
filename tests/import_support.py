"""What the import tests read from an imported text: its headings and its notes."""

from __future__ import annotations

from reader.core.document import HEADING, NOTE, Document


def headings(doc: Document) -> list[tuple[int, str]]:
    """(level, text) of every heading, in order."""
    return [(b.level, b.text) for b in doc.blocks if b.kind == HEADING]


def notes(doc: Document) -> dict[str, str]:
    """Note label -> its first four words (the projection starts with "[label] ")."""
    return {
        b.label: " ".join(b.text.removeprefix(f"[{b.label}]").split()[:4])
        for b in doc.blocks
        if b.kind == NOTE
    }
