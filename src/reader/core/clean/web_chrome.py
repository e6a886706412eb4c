"""Site chrome of web-page dumps: navigation lines, dangling link stubs, the signature.

A page saved as text keeps the words of its links and loses their targets. What is left
is chrome to remove: the site's navigation line ("Marx-Engels | Lenin | Stalin | Home
Page"), empty link brackets ("[ ]"), bracketed pointers whose target is gone ("[See the
reprint at ]"), trailing alternatives ("...; or at"), a stray closing bracket left by a
lost link, and whole lines that only announce a link ("Some texts of Stalin at:").
The last line of an article is often its signature, which is metadata (the author),
not body text.
"""

from __future__ import annotations

import re

from reader.core.clean.text import normalize_spaces

# A navigation line: three or more short items separated by "|" and nothing else.
_NAV_ITEM = re.compile(r"^[\w][\w .&'’-]{0,30}$")

# Links whose target was lost, inside a line.
# A run of spaces is matched only from its first character ("(?<![ \u00a0])"): otherwise
# each position of a long run would be tried, scanning the rest of it (quadratic).
_EMPTY_BRACKETS = re.compile(r"(?<![ \u00a0])[ \u00a0]*\[[ \u00a0]*\]")
_POINTER_BRACKET = re.compile(
    r"(?<![ \u00a0])[ \u00a0]*\[[^\[\]\n]*?\bat[ \u00a0]*\]", re.IGNORECASE
)
_TRAILING_ALTERNATIVE = re.compile(
    r"(?<![ \u00a0])[ \u00a0]*(?:[;,][ \u00a0]*)?\bor[ \u00a0]+at[ \u00a0]*(?::[ \u00a0]*)?$"
)

# A whole line that only announces a link: "See ... at:", "... available here:".
_POINTER_LINE = re.compile(r"\b(?:at|here)\s*:\s*$", re.IGNORECASE)
POINTER_LINE_MAX_WORDS = 25

# A signature: a short name-like last line ("Alliance ML", "— J. Smith").
_SIGNATURE = re.compile(r"^(?:[-–—]+\s*|by\s+)?([A-Z][\w.'’&-]*(?:\s+[\w.'’&()-]+){0,4})$")
SIGNATURE_MAX_CHARS = 40


def is_navigation(line: str) -> bool:
    """True for a site navigation line: short items separated by vertical bars."""
    if line.count("|") < 2:
        return False
    items = [normalize_spaces(x) for x in line.split("|")]
    items = [x for x in items if x]
    if len(items) < 3:
        return False
    return all(_NAV_ITEM.match(x) and len(x.split()) <= 4 for x in items)


def _remove(text: str, match: re.Match[str]) -> str:
    """Cut a match out; if it sat between two equal punctuation marks, keep one."""
    before, after = text[: match.start()], text[match.end() :]
    if before and after and before[-1] in ".;:," and after[0] == before[-1]:
        after = after[1:]
    return before + after


def _drop_stray_closers(text: str) -> tuple[str, int]:
    """Remove "]" that close nothing, when they stand apart (" ]" before a space or the end)."""
    if "]" not in text:
        return text, 0
    depth = 0
    out: list[str] = []
    dropped = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth:
                depth -= 1
            else:
                after = text[i + 1 : i + 2]
                if (not out or out[-1] in " \u00a0") and after in ("", " ", "\u00a0"):
                    while out and out[-1] in " \u00a0":
                        out.pop()
                    dropped += 1
                    continue
        out.append(ch)
    return "".join(out), dropped


def strip_link_stubs(line: str) -> tuple[str, int]:
    """The line without the remains of lost links, and how many were removed."""
    removed = 0
    for pattern in (_EMPTY_BRACKETS, _POINTER_BRACKET, _TRAILING_ALTERNATIVE):
        while m := pattern.search(line):
            line = _remove(line, m)
            removed += 1
    line, dropped = _drop_stray_closers(line)
    return line, removed + dropped


def is_pointer_line(text: str) -> bool:
    """True for a short line whose only job was to introduce a link ("... texts at:")."""
    return bool(_POINTER_LINE.search(text)) and len(text.split()) <= POINTER_LINE_MAX_WORDS


def signature_name(text: str) -> str | None:
    """The name in a signature line ("Alliance ML"), or None if the line is not one."""
    if len(text) > SIGNATURE_MAX_CHARS or any(ch.isdigit() for ch in text):
        return None
    m = _SIGNATURE.match(text)
    return m.group(1) if m else None
