"""Pathological inputs that every cleaner must get through quickly.

Each is a text built to trip a parser or a regular expression: unclosed brackets and
templates by the ten thousand, a line of ten million characters, a megabyte of spaces,
deeply nested tags. `bench/import.py` times every cleaner on each of them (the target is
under 10 s each); the tests check that every cleaner finishes on them.
"""

from __future__ import annotations

from collections.abc import Callable


def _ten_mb_line() -> str:
    return "wordy " * 1_750_000  # 10.5 MB, one line


HOSTILE: dict[str, Callable[[], str]] = {
    "100,000 [[": lambda: "[[" * 100_000,
    "10,000 unclosed {{x|": lambda: "{{x|" * 10_000,
    "20,000 <ref name=a>": lambda: "<ref name=a>" * 20_000,
    "20,000 escaped &lt;ref&gt;": lambda: "&lt;ref name=a&gt;" * 20_000,
    "{| x 20,000": lambda: "{|\n" * 20_000,
    "a 10 MB line": _ten_mb_line,
    "1 MB of spaces": lambda: " " * 1_000_000 + "end.",
    "50,000 nested <div>": lambda: "<div>" * 50_000 + "deep" + "</div>" * 50_000,
    "50,000 nested <b><i>": lambda: "<b><i>" * 50_000 + "deep",
    "100,000 underscores": lambda: "_a " * 100_000,
    "100,000 asterisks": lambda: "*" * 100_000 + " x",
    "20,000 unclosed [Footnote": lambda: "[Footnote 1: a " * 20_000,
    "20,000 unclosed [Illustration": lambda: "[Illustration: a\n" * 20_000,
    "50,000 heading lines": lambda: "CHAPTER I\n\nII.\n\n" * 25_000,
    "100,000 short lines": lambda: "a line\n" * 100_000,
    "100,000 [1]": lambda: "[1] " * 100_000,
    "100,000 ==": lambda: "== " * 100_000,
    "100,000 '''": lambda: "'''" * 100_000,
}
