"""No escape sequence from a document, a note, a glossary or a config file reaches the
terminal: the real app runs on a real pty with hostile strings in every field it shows
(title, author, date, source, headings, body, note, tags, glossary variants, key names,
a file name), is driven through each pane, and the bytes it wrote are checked."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from hostile import FORBIDDEN, write_library
from terminal_session import TerminalSession


def run_reader(tmp_path: Path, columns: int, lines: int) -> TerminalSession:
    library = write_library(tmp_path)
    # A file name is shown too (as an id, or in the warning that refuses it).
    evil_name = "evil\x1b]52;c;SGFja2Vk\x07F1.md"
    (library / "texts" / evil_name).write_text('+++\ntitle = "F1 file"\n+++\nText.\n')
    env = {
        **os.environ,
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
    }
    argv = [sys.executable, "-m", "reader", "--library", str(library)]
    return TerminalSession(argv, env, columns, lines)


# Textual's own: OSC 22 sets the mouse pointer's shape, ended by BEL.
POINTER_SHAPE = re.compile(rb"\x1b\]22;[a-z-]*\x07")


def assert_inert(output: bytes) -> None:
    """No forbidden byte sequence anywhere in what the terminal received (the app's
    own pointer-shape sequences aside)."""
    output = POINTER_SHAPE.sub(b"", output)
    for sequence in FORBIDDEN:
        assert sequence not in output, f"{sequence!r} reached the terminal"


@pytest.mark.parametrize(("columns", "lines"), [(120, 40), (80, 24)])
def test_hostile_strings_reach_the_terminal_only_as_visible_text(
    tmp_path: Path, columns: int, lines: int
) -> None:
    session = run_reader(tmp_path, columns, lines)
    try:
        # The library pane (the title first: the long author shows when there is room)
        # and the keys.toml warning.
        session.expect("T1<␛]52")
        session.expect("K1<")
        # Open the text: border title, byline (the author), headings, body, status line.
        mark = session.send("enter")
        session.expect("A1<", since=mark)
        session.expect("H1<␛]52", since=mark)
        session.expect("B1<␛]52", since=mark)
        # Search: the glossary variant appears in the status line.
        mark = session.send("s")
        session.expect("search the library", since=mark)
        mark = session.send(*"Rabkrin")
        session.expect("V1<", since=mark)
        # The notes view: the note, its second line, the tags (or why they are refused).
        mark = session.send("f4")
        session.expect("N1<␛]52", since=mark)
        # The palette: documents by title.
        mark = session.send("ctrl+p")
        session.expect("Search for", since=mark)
        mark = session.send(*"Title")
        session.expect("T1<␛]52", since=mark)
        mark = session.send("escape")
        # Help lists every key (and q closes it).
        mark = session.send("f1")
        session.expect("binding ids", since=mark)
        mark = session.send("q")
        session.expect("Notes", since=mark)
        session.send("ctrl+q")
        session.wait_exit()
    finally:
        session.close()
    output = bytes(session.output)
    (tmp_path / "terminal.bin").write_bytes(output)  # kept for a failing run
    assert_inert(output)
    # Every field was drawn, in its visible form.
    for tag in ("T1", "A1", "H1", "H2", "B1", "N1", "V1", "K1"):
        assert f"{tag}<".encode() in output, tag
