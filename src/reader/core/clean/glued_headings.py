"""Numbered headings glued to the sentence after them, split apart.

Extractors often run a section heading into its first paragraph:
`13.1 INTRODUCTION The programme began ...`, `2 Theoretical Framework The literature
on ...`, `II. RUSSIAN "ACTIVE MEASURES" SOCIAL MEDIA CAMPAIGN The first form ...`.
`split_heading` finds where the heading ends:

- after a number (`13.1`, `2.`, `II.`, `A.`), a run of capitals (`INTRODUCTION`) ends
  at the first word that is not all capitals; a title-case heading (every word
  capitalised but short function words) ends before the capitalised word that starts
  the sentence, found as the last capitalised word before the first lowercase word
  that is not a function word;
- the heading is 1 to 14 words and the rest is a sentence of some length; otherwise
  nothing is split.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^((?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVXL]{1,6}|[A-H])\.?)\s+(?=\S)")
# fmt: off
_SMALL = frozenset((
    "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with",
    "from", "into", "vs", "versus", "as", "its", "their", "de", "la", "du", "et",
))
# fmt: on
_MAX_WORDS = 14


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_heading(text: str) -> tuple[str, str] | None:
    """(heading, rest) when `text` starts with a numbered heading glued to a sentence."""
    m = _NUMBER.match(text)
    if not m:
        return None
    words = text[m.end() :].split(" ")
    if len(words) < 3:
        return None
    end = 0
    if _is_caps(words[0]) and sum(c.isalpha() for c in words[0]) >= 2:
        while end < len(words) and (
            _is_caps(words[end]) or not any(c.isalpha() for c in words[end])
        ):
            end += 1
        if end < len(words) and words[end][:1].isupper() and end > 0:
            # "INTRODUCTION The programme": the sentence starts at the first non-caps word
            pass
        else:
            return None
    else:
        for i, word in enumerate(words):
            bare = word.strip("\"'“”‘’(),:;")
            if not bare:
                continue
            if bare[:1].islower() and bare.casefold() not in _SMALL:
                end = i - 1
                while end > 0 and words[end].strip("\"'“”‘’(").casefold() in _SMALL:
                    end -= 1  # "In recent": "In" starts the sentence
                break
        else:
            return None
        if end <= 0 or not words[end][:1].isupper():
            return None
        if not all(w[:1].isupper() or w.casefold() in _SMALL for w in words[:end] if w):
            return None
    if not 1 <= end <= _MAX_WORDS:
        return None
    if any(c.isdigit() for w in words[:end] for c in w) or words[end - 1].endswith((".", ",")):
        return None  # "36 FS00015 (5/4/16": a note or a reference, not a heading
    if not any(sum(c.isalpha() for c in w) >= 3 for w in words[:end]):
        return None
    heading = m.group(0) + " ".join(words[:end])
    rest = " ".join(words[end:])
    if len(rest) < 40:
        return None
    return heading.strip(), rest
