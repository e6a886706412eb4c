"""Bracketed note markers and end-note definitions in plain text.

Plain-text book chapters (web-archive transcriptions, e-texts) cite notes with bracketed
numbers in the text, `[12]` or `[1*]`, and define them after the body, one paragraph
each, as `12. Source, page 3.` or `[12] Source, page 3.`, often with no "Notes" heading.

A bracket is a note marker only when the text really has notes: the definitions must be
the last paragraphs of the text, and they are accepted only if the markers in the body
cite them (directly, or through another accepted note: a note may cite further notes).
So `[1]` in a text without definitions, an ordered list at the end of a text nobody
cites, and editorial brackets such as `[Lenin]` or `[for example]` all stay literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.inline import escape_inline, marker

# A label: one to three digits or one lowercase letter, optionally starred ("1*", "a").
# Years like [1917] are not labels, and "[t]he" (an editor's capital) is not a marker.
_LABEL = r"(\d{1,3}\*?|[a-z]\*?)"
MARKER = re.compile(rf"\[{_LABEL}\](?![^\W\d_])")
# A definition paragraph: "12. text", "12) text", "1*. text", "a. text" or "[12] text".
_DEFINITION = re.compile(rf"^(?:\[{_LABEL}\]|{_LABEL}[.)])\s+(\S.*)$", re.S)
# Paragraphs in a row without a label that may still belong to the note before them.
_MAX_CONTINUATIONS = 2


@dataclass
class NoteArea:
    """The note definitions found at the end of a text, and where they start."""

    start: int  # index of the first paragraph of the notes area (len(paras) if none)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, text) in order
    labels: frozenset[str] = frozenset()
    uncited: list[str] = field(default_factory=list)


def definition(text: str) -> tuple[str, str] | None:
    """(label, text) if a paragraph reads as a note definition."""
    m = _DEFINITION.match(text)
    if not m:
        return None
    return (m.group(1) or m.group(2)), m.group(3)


def cited_labels(texts: list[str]) -> set[str]:
    """Every label that appears as a bracketed marker in `texts`."""
    return {m.group(1) for text in texts for m in MARKER.finditer(text)}


def _candidate_area(paras: list[str]) -> tuple[int, list[tuple[str, list[str]]]]:
    """The longest run of definitions (with short continuations) that ends the text."""
    start = len(paras)
    pending: list[str] = []
    found: list[tuple[str, list[str]]] = []  # built backwards
    seen: set[str] = set()
    for i in range(len(paras) - 1, -1, -1):
        parsed = definition(paras[i])
        if parsed is None:
            pending.insert(0, paras[i])
            if len(pending) > _MAX_CONTINUATIONS:
                break
            continue
        label, text = parsed
        if label in seen:
            break  # a second "1." further up belongs to something else (a list)
        seen.add(label)
        found.insert(0, (label, [text, *pending]))
        pending = []
        start = i
    return start, found


def find_notes(paras: list[str]) -> NoteArea:
    """The notes area at the end of `paras` (paragraph texts), if the text cites it."""
    start, found = _candidate_area(paras)
    if not found:
        return NoteArea(len(paras))
    texts = {label: " ".join(parts) for label, parts in found}
    # Accept notes reachable from the body's markers, then from accepted notes' markers.
    reachable: set[str] = set()
    frontier = cited_labels(paras[:start]) & texts.keys()
    while frontier:
        reachable |= frontier
        frontier = (cited_labels([texts[x] for x in frontier]) & texts.keys()) - reachable
    # Most of the run must be cited, or it is a numbered list that ends the text.
    if not reachable or len(reachable) * 2 < len(texts):
        return NoteArea(len(paras))
    notes = [(label, texts[label]) for label, _ in found]
    uncited = [label for label, _ in found if label not in reachable]
    return NoteArea(start, notes, frozenset(texts), uncited)


def inline_markdown(text: str, labels: frozenset[str]) -> str:
    """Inline Markdown for plain `text`: escaped, with markers of known notes as `[^N]`."""
    if not labels:
        return escape_inline(text)
    out: list[str] = []
    pos = 0
    for m in MARKER.finditer(text):
        if m.group(1) in labels:
            out.append(escape_inline(text[pos : m.start()]))
            out.append(marker(m.group(1)))
            pos = m.end()
    out.append(escape_inline(text[pos:]))
    return "".join(out)


def ends_with_marker(text: str) -> bool:
    """True if a paragraph ends with a note marker (its citation), e.g. `... ten years. [6]`."""
    return bool(re.search(rf"\[{_LABEL}\]\W*$", text))
