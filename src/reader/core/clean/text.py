"""Shared text steps: sanitising raw input and normalising spaces.

`sanitize` runs on every input before any cleaner: NFC, LF line ends, and no control
characters or terminal escape sequences (they never reach `texts/`); form feeds are kept
for the cleaners that read page breaks. `normalize_spaces`
turns non-breaking and other exotic spaces into plain ones and collapses runs.
"""

from __future__ import annotations

import re
import unicodedata

# CSI, OSC, DCS/PM/APC/SOS strings and two-character escapes (ECMA-48), 7- and 8-bit forms.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|(?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c)"  # OSC ... BEL or ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
    r"|\x1b",  # a lone ESC
    re.DOTALL,
)
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_RUNS = re.compile(r"[ \t]{2,}")


def sanitize(text: str, *, keep_form_feeds: bool = False) -> str:
    """NFC, LF line ends, tabs as spaces, no control characters or escape sequences.

    Form feeds (page breaks) are kept only when asked: the PDF-text cleaner reads them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\t", "    ")
    if not keep_form_feeds:
        text = text.replace("\f", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_spaces(line: str) -> str:
    """Exotic spaces become plain spaces; runs collapse to one; ends are trimmed."""
    return _RUNS.sub(" ", _SPACES.sub(" ", line)).strip()


def is_blank(line: str) -> bool:
    """True for a line with nothing but (any kind of) space."""
    return not normalize_spaces(line)
