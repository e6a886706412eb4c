"""Mending words that typesetting broke, judged against the document's own vocabulary.

Two kinds of damage, found in every kind of PDF-derived text:

- a word hyphenated at a line end (`founda-` / `tional`): the halves are joined without
  the hyphen only when the joined word is a word of the document, or when neither half
  is one (a syllable split); a compound stays a compound (`Soviet-German`,
  `well-known` when the document writes it so);
- a ligature glyph (`ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, `ﬄ`) written as its own character, or
  extracted as a separate "word" between spaces (`bene fi ciary`, `the fi nancial`,
  `o ffi ce`): the fragment is glued to a neighbour only when that neighbour is not a
  word of the document on its own, or when the glued word is one. Real words are never
  glued to each other.

The vocabulary is every word of the text, counted, with the ligature fragments and
their neighbours left out (they are the damage, not evidence). Nothing here knows any
particular document; a dictionary is never consulted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

_LIGATURE_CHARS = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_FRAGMENTS = ("ffi", "ffl", "ff", "fi", "fl")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# "bene fi ciary": a ligature fragment standing alone between two runs of letters;
# or "bene fi" with nothing after it.
VOCABULARY_SAMPLE = 3_000_000  # characters: enough for any book, bounded for hostile input
_HYPHEN_BREAK = re.compile(r"(?<![^\W\d_])[^\W\d_]+-\n[^\W\d_]+")
_FRAGMENT = re.compile(r"(?<![^\W\d_])(?:ffi|ffl|ff|fi|fl)(?![^\W\d_])")
_SPLIT_FIND = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{0,30}) (ffi|ffl|ff|fi|fl) ([^\W\d_]{1,30})(?![^\W\d_])"
    r"|(?<![^\W\d_])([^\W\d_]{1,30}) (ffi|ffl|ff|fi|fl)(?![^\W\d_])"
)


# Words that stand before a noun: "the fl ow" is "the flow", never "theflow". ("of" is
# not among them: "of fi ce" is far more often "office" than "of fice".)
_FUNCTION_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "its",
        "his",
        "her",
        "our",
        "their",
        "my",
        "your",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "by",
        "at",
        "no",
        "new",
        "this",
        "that",
        "these",
        "those",
        "as",
    )
)


def _damaged_lines(text: str) -> list[str]:
    """The lines with a ligature fragment standing alone (found fast: the fragment is
    searched for first; the costlier pattern then runs on those lines only)."""
    return [line for line in text.split("\n") if _FRAGMENT.search(line)]


def _on_damaged_lines(text: str, fix: Callable[[str], str]) -> str:
    if not _FRAGMENT.search(text):
        return text
    return "\n".join(fix(line) if _FRAGMENT.search(line) else line for line in text.split("\n"))


def replace_ligature_chars(text: str) -> str:
    """`ﬁ` -> `fi` and the like (the presentation forms of Latin ligatures)."""
    return text.translate(_LIGATURE_CHARS)


class Vocabulary:
    """The words of one document, case-folded and counted."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter(w.casefold() for w in words)

    @classmethod
    def of_text(cls, text: str) -> Vocabulary:
        """The vocabulary of `text`, without ligature fragments and their neighbours."""
        text = replace_ligature_chars(text[:VOCABULARY_SAMPLE])
        damaged = _on_damaged_lines(text, lambda line: _SPLIT_FIND.sub(" ", line))
        # Line-end hyphenation halves are not evidence either.
        damaged = _HYPHEN_BREAK.sub(" ", damaged) if "-\n" in damaged else damaged
        return cls(_WORD.findall(damaged))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.counts.get(word.casefold(), 0) > 0

    def count(self, word: str) -> int:
        return self.counts.get(word.casefold(), 0)

    def is_word(self, word: str) -> bool:
        """A word the document uses on its own (single letters only for `a`, `I`, `A`)."""
        if len(word) == 1:
            return word in ("a", "A", "I")
        return word in self


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """The two halves of a word hyphenated at a line end, joined as the document writes it.

    `left` ends with the hyphen (`founda-`); `right` is the next line's first word.
    """
    stem = left[:-1]
    head = re.search(r"[^\W\d_]+$", stem)
    tail = re.match(r"[^\W\d_]+", right)
    if not head or not tail or not right[:1].islower():
        return left + right  # a number, a capital (Soviet-German), a dash: keep as printed
    a, b = head.group(0), tail.group(0)
    if right[len(b) : len(b) + 1] == "-":
        return left + right  # "Commander-" / "in-Chief": a hyphenated compound
    joined, hyphened = a + b, f"{a}-{b}"
    if vocab.count(joined) > 0 and vocab.count(joined) >= vocab.count(hyphened):
        return stem + right
    if vocab.count(hyphened) > 0:
        return left + right
    if vocab.is_word(a) and vocab.is_word(b) and len(a) > 2 and len(b) > 2:
        return left + right  # two words of their own: a compound
    return stem + right


def mend_line_hyphens(text: str, vocab: Vocabulary) -> tuple[str, int]:
    """Join `founda- tional` (a hyphen then one space: a line end undone) in running text."""
    n = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal n
        joined = join_hyphenated(m.group(1), m.group(2), vocab)
        if "-" not in joined[len(m.group(1)) - 1 : len(m.group(1))]:
            n += 1
        return joined

    out = re.sub(r"(?<![^\W\d_])([^\W\d_]{1,40}-) ([^\W\d_]{1,40})(?![^\W\d_-])", fix, text)
    return out, n


def repair_ligatures(text: str, vocab: Vocabulary) -> tuple[str, int]:
    """Replace ligature characters and glue split ligature fragments; (text, repairs)."""
    n = sum(text.count(ch) for ch in "ﬀﬁﬂﬃﬄﬅﬆ")
    text = replace_ligature_chars(text)
    if not any(f" {f}" in text or f"{f} " in text for f in ("fi", "fl", "ff")):
        return text, n
    # Right-hand glues seen with more than one left neighbour ("the fi nancial", "a fi nancial").
    lefts: dict[str, set[str]] = {}
    for m in (m for line in _damaged_lines(text) for m in _SPLIT_FIND.finditer(line)):
        if m.group(2):
            lefts.setdefault((m.group(2) + m.group(3)).casefold(), set()).add(m.group(1))
    repairs = 0

    def glue(m: re.Match[str]) -> str:
        nonlocal repairs
        if m.group(4) is not None:  # "bene fi" at a word's end: "bene fi t" lost its tail
            left, frag = m.group(4), m.group(5)
            if vocab.is_word(left) and not vocab.is_word(left + frag):
                return m.group(0)
            repairs += 1
            return left + frag
        left, frag, right = m.group(1), m.group(2), m.group(3)
        whole, right_glue = left + frag + right, frag + right
        left_free = not left or not vocab.is_word(left)
        if vocab.is_word(whole) and (left_free or vocab.count(whole) >= vocab.count(left)):
            repairs += 1
            return whole
        if left_free:
            repairs += 1
            return whole
        if vocab.is_word(right) and not vocab.is_word(right_glue):
            return m.group(0)  # "of fi ne" with "ne" a word: leave it for a person
        others = lefts.get(right_glue.casefold(), set()) - {left}
        function_word = left.casefold() in _FUNCTION_WORDS
        if vocab.is_word(right_glue) or others or len(right) > 3 or function_word:
            repairs += 1
            return f"{left} {right_glue}"  # "the fi nancial" -> "the financial"
        repairs += 1
        return whole  # "of fi ce": a short tail belongs to the word before it

    text = _on_damaged_lines(text, lambda line: _SPLIT_FIND.sub(glue, line))
    return text, n + repairs
