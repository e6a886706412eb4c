"""Pathological inputs: every cleaner finishes on each, and unclosed markup stays text.

How fast is the bench's business (bench/import.py); here a child process with a generous
timeout only guards against a hang."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.core.clean import Report, cleaner_for
from reader.core.clean.hostile import HOSTILE
from reader.core.clean.wikitext_guard import balance, guard_lines
from reader.core.document_parser import parse_document
from reader.core.markdown import render_text

RUN_ALL_CLEANERS = """
import sys
from reader.core.clean import KIND_TABLE, Report, cleaner_for
from reader.core.clean.hostile import HOSTILE
from reader.core.clean.text import sanitize
text = sanitize(HOSTILE[sys.argv[1]](), keep_form_feeds=True)
from reader.core.errors import ReaderError
for kind in KIND_TABLE:
    if kind.text:
        try:
            cleaner_for(kind.name)(text, Report())
        except ReaderError:  # "nothing readable": one clear line is a fine answer
            pass
print("done")
"""


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_cleaner_finishes_on(name: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", RUN_ALL_CLEANERS, name],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a speed target
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "done"


def _wikitext(text: str) -> str:
    cleaned = cleaner_for("wikitext")(text, Report())
    return parse_document(render_text({"id": "x"}, cleaned.blocks), "x").text


def test_unclosed_templates_and_tags_stay_literal_text() -> None:
    text = "The {{x|unclosed one and a <b>lost tag go on to the end."
    assert _wikitext(text) == text
    # An unpaired reference tag is taken out; its words stay.
    assert _wikitext("A <ref name=a>lost reference.") == "A lost reference."


def test_closed_markup_around_unclosed_markup_still_works() -> None:
    text = "Before {{nowrap|kept words}} then {{broken| and ''italic'' words.<ref>A note.</ref>"
    out = _wikitext(text)
    assert out.startswith("Before kept words then {{broken| and italic words.")
    assert "A note." in out


def test_balance_leaves_balanced_markup_alone() -> None:
    text = "{{a|{{b}}}} <ref>x</ref> <br> <ref name=y/>\n{|\n| c\n|}\n<!-- {{ -->"
    assert balance(text) == (text, 0)
    assert balance("{{a|{{b}}")[1] == 1


def test_runaway_lines_are_made_literal() -> None:
    assert guard_lines("== " * 6000)[1] == 1
    assert guard_lines("== History ==\n* item\n")[1] == 0
    assert guard_lines("*" * 20 + " deep")[0].startswith("*" * 8 + "&#42;")
