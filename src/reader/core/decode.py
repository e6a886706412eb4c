"""Bytes to text: the one decoder every reader of an imported file uses.

`decode_bytes(data)` picks the encoding in this order, and says which and why:

1. `encoding=` (the user's `--encoding`) overrides everything;
2. a byte order mark (UTF-8, UTF-16, UTF-32);
3. a charset sent with the file (an HTTP `Content-Type` header, `transport=`);
4. an encoding the file declares near its start: Project Gutenberg's
   `Character set encoding:` line, an HTML `<meta charset>` or `http-equiv` content type
   (whatever the content type says, even `text/htm`), an XML declaration. The sniffer
   walks the bytes with `find`, never with a regular expression;
5. valid UTF-8;
6. detection by charset-normalizer.

As browsers do, ISO-8859-1 and ASCII are read as windows-1252 when the bytes hold C1
codes (0x80-0x9F: curly quotes and dashes in "Latin-1" text), and a declaration of a
single-byte encoding is overruled by bytes that are valid, non-ASCII UTF-8.

The text comes back with CRLF and CR line ends as LF and without a BOM. Form feeds are
kept (page breaks: the PDF-text cleaner reads them); cleaners that have no use for them
call `drop_form_feeds`. Binary input (NUL bytes, many control characters, bytes no
encoding explains) is refused with a one-line `ReaderError`.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from reader.core.errors import ReaderError

_SNIFF_BYTES = 32 * 1024  # declarations are looked for in the first 32 KB
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Names people write that Python's codec registry does not know.
_ALIASES = {
    "iso-latin-1": "latin-1",
    "isolatin1": "latin-1",
    "iso-latin1": "latin-1",
    "iso-646-us": "ascii",
    "x-mac-roman": "mac-roman",
    "unicode": "utf-16",
}
# Display names for the report.
_DISPLAY = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-16": "UTF-16",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "latin-1": "ISO-8859-1",
    "mac-roman": "MacRoman",
    "iso8859-1": "ISO-8859-1",
    "cp1252": "windows-1252",
    "ascii": "ASCII",
}
_TOKEN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
_C1 = frozenset(range(0x80, 0xA0))
_LATIN = ("latin-1", "iso8859-1", "ascii")  # read as windows-1252 when C1 bytes occur
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15")
_CP1252_C1 = {
    b: bytes([b]).decode("cp1252") for b in _C1 if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and the reason it was chosen."""

    text: str
    encoding: str  # a display name: "UTF-8", "windows-1252", "ISO-8859-1" ...
    reason: str  # "byte order mark", "declared: Character set encoding: ISO-8859-1" ...

    def describe(self) -> str:
        """One line for the import report."""
        return f"{self.encoding} ({self.reason})"


def codec_name(label: str) -> str | None:
    """Python's name for an encoding label (`ISO-8859-1`, `latin1`, `cp1252` ...), or None."""
    label = label.strip().strip("\"'").strip().lower()
    if not label or len(label) > 40:
        return None
    candidates = [label, label.replace(" ", "-"), label.replace(" ", "")]
    if "(" in label:  # "ISO-646-US (US-ASCII)"
        candidates.append(label.split("(", 1)[1].split(")", 1)[0])
        candidates.append(label.split("(", 1)[0])
    candidates.append(label.split()[0] if label.split() else label)
    for name in candidates:
        name = _ALIASES.get(name.strip(), name.strip())
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def display_name(codec: str) -> str:
    return _DISPLAY.get(codec, codec)


def drop_form_feeds(text: str) -> str:
    """Form feeds as line breaks, for cleaners that do not read page breaks."""
    return text.replace("\f", "\n")


# --- the declaration sniffer (no regular expressions: plain scanning) ----------------------


def _token_after(head: bytes, pos: int, sep: bytes) -> bytes:
    """The value after `sep` (skipping spaces and quotes) at `pos`, or b""."""
    n = len(head)
    while pos < n and head[pos] in b" \t\r\n":
        pos += 1
    if sep:
        if not head.startswith(sep, pos):
            return b""
        pos += len(sep)
        while pos < n and head[pos] in b" \t\r\n\"'":
            pos += 1
    end = pos
    while end < n and end - pos < 40 and head[end] in _TOKEN:
        end += 1
    return head[pos:end]


def _line_after(head: bytes, pos: int) -> bytes:
    end = head.find(b"\n", pos)
    return head[pos : end if end >= 0 else min(len(head), pos + 60)][:60].strip()


def sniff_declared(data: bytes) -> tuple[str, str] | None:
    """(codec, what the file says) for an encoding declared near the start, else None."""
    head = data[:_SNIFF_BYTES]
    lower = head.lower()
    key = b"character set encoding:"
    pos = lower.find(key)
    if pos >= 0:
        label = _line_after(head, pos + len(key)).decode("ascii", "replace")
        codec = codec_name(label)
        if codec:
            return codec, f"Character set encoding: {label}"
    if head.startswith(b"<?xml"):
        end = lower.find(b"?>")
        pos = lower.find(b"encoding", 0, end if end > 0 else 200)
        if pos >= 0:
            label = _token_after(lower, pos + len(b"encoding"), b"=").decode("ascii")
            codec = codec_name(label)
            if codec:
                return codec, f'<?xml encoding="{label}"?>'
    pos = lower.find(b"<meta")
    while pos >= 0:
        end = lower.find(b">", pos)
        if end < 0:
            break
        tag = lower[pos:end]
        at = tag.find(b"charset")
        if at >= 0:
            label = _token_after(tag, at + len(b"charset"), b"=").decode("ascii")
            codec = codec_name(label)
            if codec:
                return codec, f"<meta charset={label}>"
        pos = lower.find(b"<meta", end)
    return None


# --- decoding ----------------------------------------------------------------------------


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _single_byte(data: bytes, codec: str) -> tuple[str, str]:
    """Decode with a declared single-byte `codec`, as windows-1252 when C1 bytes say so."""
    if codec in _LATIN:
        text = data.decode("latin-1")
        if _C1.isdisjoint(data):
            return text, codec if codec != "ascii" or data.isascii() else "iso8859-1"
        # windows-1252 for the C1 range; its five undefined bytes stay as Latin-1 reads them.
        return text.translate(_CP1252_C1), "cp1252"
    return data.decode(codec, errors="replace"), codec


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.7 and even < 0.1:
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess; among equally good guesses, the Western ones
    (windows-1252 before cp1250 for English text with a few accented letters)."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    ties = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in _PREFERRED:
        if any(preferred in m.could_be_from_charset for m in ties):
            name = preferred
            break
    else:
        name = best.encoding
    codec = codec_name(name) or name
    if codec in _LATIN:
        return _single_byte(data, codec)
    text = _strict(data, codec)
    return None if text is None else (text, codec)


def _choose(
    data: bytes, encoding: str | None, transport: str | None, name: str
) -> tuple[str, str, str]:
    """(text, codec, reason)."""
    if encoding:
        codec = codec_name(encoding)
        if codec is None:
            raise ReaderError(f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1)")
        try:
            return data.decode(codec), codec, "given with --encoding"
        except UnicodeDecodeError as exc:
            raise ReaderError(
                f"{name}: not {display_name(codec)} (byte 0x{data[exc.start]:02x} at "
                f"{_where(data, exc.start)}), though --encoding says so"
            ) from None
    marked = [(bom, codec) for bom, codec in _BOMS if data.startswith(bom)]
    for bom, codec in marked:
        # The UTF-32-LE mark is the UTF-16-LE mark followed by U+0000: when the bytes are
        # not UTF-32, the shorter mark is the one that fits.
        text = _strict(data[len(bom) :], codec)
        if text is not None:
            return text, codec, "byte order mark"
    if marked:
        raise ReaderError(
            f"{name}: starts with a {display_name(marked[0][1])} byte order mark "
            "but is not valid in that encoding"
        )
    if b"\x00" in data[:65536]:
        codec16 = _utf16_without_bom(data)
        text = _strict(data, codec16) if codec16 else None
        if codec16 and text is not None:
            return text, codec16, "UTF-16 without a byte order mark (every other byte is 0)"
        raise ReaderError(f"{name}: looks like a binary file (it contains NUL bytes)")
    as_utf8 = _strict(data, "utf-8")
    declared: list[tuple[str, str]] = []
    if transport and (codec := codec_name(transport)):
        declared.append((codec, f"sent as charset={transport}"))
    if sniffed := sniff_declared(data):
        declared.append(sniffed)
    for codec, said in declared:
        if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            continue  # an ASCII-readable declaration cannot be right about UTF-16
        if codec == "utf-8":
            if as_utf8 is not None:
                return as_utf8, "utf-8", f"declared: {said}"
            continue  # declared UTF-8 but is not: find out what it is
        if as_utf8 is not None and not data.isascii() and codec in (*_LATIN, "cp1252"):
            return as_utf8, "utf-8", f"declared {said}, but the bytes are valid UTF-8"
        text, used = _single_byte(data, codec)
        why = f"declared: {said}"
        if used != codec:
            why += "; C1 bytes read as windows-1252"
        return text, used, why
    if as_utf8 is not None:
        return as_utf8, "utf-8", "valid UTF-8" if not data.isascii() else "ASCII"
    found = _detect(data)
    if found is None:
        raise ReaderError(f"{name}: looks like a binary file (no text encoding fits its bytes)")
    text, codec = found
    return text, codec, "detected by charset-normalizer"


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def decode_bytes(
    data: bytes, *, encoding: str | None = None, transport: str | None = None, name: str = "input"
) -> Decoded:
    """Decode imported bytes (see the module docstring); `name` labels error messages."""
    text, codec, reason = _choose(data, encoding, transport, name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\x1b"
    )
    if controls > max(8, len(sample) // 100):
        raise ReaderError(f"{name}: looks like a binary file ({controls} control characters)")
    return Decoded(text, display_name(codec), reason)
