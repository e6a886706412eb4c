"""A hostile library: terminal escape sequences in every field the app shows.

Each payload carries a tag (`T1`, `A1`, ...) so a test can find where it was drawn and
check that only its visible form reached the terminal. `FORBIDDEN` lists the byte
sequences that would mean a payload reached the terminal as a command (the app's own
escape sequences never contain them).
"""

from __future__ import annotations

import json
from pathlib import Path

OSC52 = "\x1b]52;c;SGFja2Vk\x07"  # writes "Hacked" to the clipboard
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # a hidden link
CLEAR = "\x1b[2J\x1b[H"  # blanks the screen
C1_CSI = "\x9b2J"  # the same, with a single C1 control
C1_OSC = "\x9d52;c;SGFja2Vk\x9c"  # a clipboard write with C1 controls
BIDI = "\u202egnp.exe"  # reverses what follows


def payload(tag: str) -> str:
    """Every attack at once, around a tag that says which field it was in."""
    return f"{tag}<{OSC52}{OSC8}{CLEAR}{C1_CSI}{C1_OSC}\x07{BIDI}>{tag}"


FORBIDDEN = (
    b"\x1b]52",  # OSC 52 clipboard
    b"\x1b]8;;https://evil",  # OSC 8 link
    b"\x1b[2J\x1b[H",
    b"\x07",  # BEL (the app rings no bell)
    b"\xc2\x9b",  # C1 CSI, UTF-8 encoded
    b"\xc2\x9d",  # C1 OSC
    b"\xc2\x9c",  # C1 ST
    b"\x9b2J",  # C1 CSI, raw byte
    b"\xe2\x80\xae",  # U+202E RIGHT-TO-LEFT OVERRIDE
)

HOSTILE_ID = "hostile"


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (JSON's escapes are TOML's for these characters)."""
    return json.dumps(text, ensure_ascii=True)


def write_library(root: Path) -> Path:
    """A library of one hostile text, its notes, a glossary, and a broken keys.toml in
    `root/config`; returns the library folder."""
    library = root / "library"
    (library / "texts").mkdir(parents=True)
    (library / "annotations").mkdir()
    front = "\n".join(
        [
            "+++",
            f"title = {toml_string('Title ' + payload('T1'))}",
            f"author = {toml_string(payload('A1'))}",
            f"date = {toml_string('1923 ' + payload('D1'))}",
            f"source = {toml_string(payload('S1'))}",
            'rights = "public domain"',
            'language = "en"',
            "+++",
        ]
    )
    paragraphs = [
        "# Heading " + payload("H1"),
        "A plain paragraph about the Workers' and Peasants' Inspection, the Rabkrin.",
        "## Second " + payload("H2"),
        "Body text with an escape " + payload("B1") + " in it.",
    ]
    text = front + "\n" + "\n\n".join(paragraphs) + "\n"
    (library / "texts" / f"{HOSTILE_ID}.md").write_text(text, encoding="utf-8")
    note = f"Note {payload('N1')}\nsecond line {payload('N2')}"
    annotations = "\n".join(
        [
            "schema = 1",
            f'document = "{HOSTILE_ID}"',
            "",
            "[[annotation]]",
            'id = "0b5e5a0e-0000-4000-8000-000000000001"',
            'kind = "note"',
            'created = "2025-01-31T09:15:00Z"',
            'updated = "2025-01-31T09:15:00Z"',
            'colour = "pink"',
            f"tags = [{toml_string('tag' + payload('G1'))}]",
            f"note = {toml_string(note)}",
            "",
        ]
    )
    (library / "annotations" / f"{HOSTILE_ID}.toml").write_text(annotations, encoding="utf-8")
    glossary = "\n".join(
        [
            "[[term]]",
            f"variants = [{toml_string('Rabkrin')}, {toml_string('Rab' + payload('V1'))}]",
            "",
        ]
    )
    (library / "glossary.toml").write_text(glossary, encoding="utf-8")
    config = root / "config"
    config.mkdir()
    keys = f'[keys]\n"app.search" = {toml_string("ctrl+" + payload("K1"))}\n'
    (config / "keys.toml").write_text(keys, encoding="utf-8")
    return library
