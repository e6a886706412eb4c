"""The one rule for which characters of a document or user string may reach a terminal.

Titles, authors, notes, tags, file names, queries and key names come from files a
library shares (cloned, synced, imported) and from the keyboard: they are untrusted.
A terminal obeys control characters: `ESC ] 52 ; ...` writes the clipboard, `ESC ] 8`
makes hidden links, `ESC [ 2 J` clears the screen, a C1 byte such as U+009B starts a
sequence on its own, and bidi overrides (U+202E) reorder what is shown.

The rule: a character is shown as itself only when Python calls it printable (letters,
marks, digits, punctuation, symbols and the ASCII space); every other one (categories
Cc, Cf, Cs, Co, Cn, Zl, Zp and the non-ASCII spaces) is replaced by a visible form:

- `escaped` (the command line): a backslash escape, `\\x1b`, `\\x9b`, `\\u202e`, `\\n`;
- `pictured` (the app): C0 controls as their Unicode "control pictures" (ESC as ␛,
  BEL as ␇), DEL as ␡, a non-ASCII space as a plain space, anything else escaped;
- `one_for_one` (the reading view, whose columns must match the text's offsets): C0
  pictures, DEL as ␡, a space as a space, anything else as U+FFFD.

The UI wraps `displayable` in a Rich `Text` (reader.ui.display); the CLI prints
`printable`. Both therefore share this module's `is_shown_as_is`.
"""

from __future__ import annotations

import unicodedata

_DEL = "\x7f"


def is_shown_as_is(ch: str) -> bool:
    """Whether the character `ch` may be written to a terminal as it is."""
    return ch.isprintable()


def escaped(ch: str) -> str:
    """A backslash escape for one character (`\\x1b`, `\\u202e`, `\\udcff`)."""
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def pictured(ch: str) -> str:
    """The app's visible form of a character that is not shown as it is."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if ch == _DEL:
        return "\u2421"
    if unicodedata.category(ch) == "Zs":
        return " "
    return escaped(ch)


def one_for_one(text: str) -> str:
    """`text` with every character not shown as it is replaced by exactly one visible
    character (C0 pictures, ␡, a space for spaces, U+FFFD otherwise)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(" " if ch == "\t" else chr(0x2400 + ord(ch)))
        elif ch == _DEL:
            out.append("\u2421")
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append("\ufffd")
    return "".join(out)


def printable(text: str) -> str:
    """`text` safe to print on a terminal: every character that is not printable
    (escape sequences, bells, new lines, bidi overrides) as a backslash escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else escaped(ch) for ch in text)


def displayable(text: str, *, newlines: bool = False) -> str:
    """`text` safe to draw in the app: characters that are not printable pictured
    (see `pictured`); with `newlines`, line breaks are kept (multi-line notes)."""
    if text.isprintable():
        return text
    if newlines:
        return "\n".join(displayable(line) for line in text.replace("\r\n", "\n").split("\n"))
    return "".join(ch if ch.isprintable() else pictured(ch) for ch in text)
