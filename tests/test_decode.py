"""Decoding imported bytes: BOMs, declared encodings, --encoding, detection, line ends.

Each case writes real bytes to a file and imports it, checking the text that reaches
`texts/` and the encoding line of the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli import main
from reader.core.decode import codec_name, decode_bytes, sniff_declared
from reader.core.errors import ReaderError
from reader.core.library import Library

TEXT = (
    "Le régime et la tête-à-tête\n\n"
    "The rôle of the “Soviets” — as Russell saw them in 1920 — was naïve; "
    "the café owners were paid in roubles, not in £.\n\n"
    "A last paragraph that ends the text.\n"
)


def _import(library: Library, path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["--library", str(library.root), "import", str(path), "--id", "doc", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _body(library: Library) -> str:
    return library.text_path("doc").read_text(encoding="utf-8").split("\n+++\n")[1]


ROUND_TRIPS = {
    "utf-8": (TEXT.encode("utf-8"), "UTF-8 (valid UTF-8)"),
    "utf-8 with BOM and CRLF": (
        b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode(),
        "UTF-8 (byte order mark)",
    ),
    "utf-16 with BOM": (TEXT.encode("utf-16"), "UTF-16LE (byte order mark)"),
    "utf-16-be with BOM and CR": (
        b"\xfe\xff" + TEXT.replace("\n", "\r").encode("utf-16-be"),
        "UTF-16BE (byte order mark)",
    ),
    "cp1252, detected": (TEXT.encode("cp1252"), "windows-1252 (detected by charset-normalizer)"),
    "cp1252 declared as ISO-8859-1 by Gutenberg": (
        ("Character set encoding: ISO-8859-1\n\n" + TEXT).encode("cp1252"),
        "windows-1252 (declared: Character set encoding: ISO-8859-1; C1 bytes read as "
        "windows-1252)",
    ),
    "html meta with a wrong content type": (
        (
            '<html><head><meta http-equiv="Content-Type" content="text/htm; charset=iso-8859-1">'
            "</head>\n" + TEXT
        ).encode("cp1252"),
        "windows-1252 (declared: <meta charset=iso-8859-1>; C1 bytes read as windows-1252)",
    ),
}


@pytest.mark.parametrize("case", list(ROUND_TRIPS))
def test_every_encoding_gives_the_same_text(
    case: str, empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, described = ROUND_TRIPS[case]
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    out = _import(empty_library, path, capsys, "--kind", "plain")
    assert f"  encoding: {described}\n" in out
    body = _body(empty_library)
    assert "The rôle of the “Soviets” — as Russell saw them in 1920 — was naïve;" in body
    assert "£" in body and "tête-à-tête" in body and "\r" not in body


def test_latin1_gutenberg_with_crlf_is_no_longer_refused(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (
        (
            "Character set encoding: ISO-8859-1\r\n\r\n"
            + TEXT.replace("“", '"').replace("”", '"').replace("—", "--")
        )
        .replace("\n", "\r\n")
        .encode("latin-1")
    )
    path = tmp_path / "book.txt"
    path.write_bytes(data)
    out = _import(empty_library, path, capsys, "--kind", "plain")
    assert "encoding: ISO-8859-1 (declared: Character set encoding: ISO-8859-1)" in out
    assert "Le régime et la tête-à-tête" in _body(empty_library)


def test_encoding_option_overrides_the_declaration(
    empty_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The file says UTF-8 but is really MacRoman: the user knows better.
    path = tmp_path / "mac.txt"
    path.write_bytes(("Character set encoding: UTF-8\n\n" + TEXT).encode("mac-roman"))
    out = _import(empty_library, path, capsys, "--kind", "plain", "--encoding", "mac-roman")
    assert "encoding: MacRoman (given with --encoding)" in out
    assert "tête-à-tête" in _body(empty_library)


@pytest.mark.parametrize(
    ("option", "data", "expected"),
    [
        ("klingon", TEXT.encode(), "unknown encoding 'klingon'"),
        ("utf-8", TEXT.encode("latin-1", "replace"), "not UTF-8 (byte 0xe9 at line 1, column 5)"),
    ],
)
def test_a_wrong_encoding_option_is_one_line(
    option: str,
    data: bytes,
    expected: str,
    empty_library: Library,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    code = main(["--library", str(empty_library.root), "import", str(path), "--encoding", option])
    _, err = capsys.readouterr()
    assert code != 0 and err.count("\n") == 1 and expected in err
    assert empty_library.ids() == []


def test_form_feeds_are_kept_for_the_pdf_cleaner_only() -> None:
    decoded = decode_bytes(b"page one\x0cpage two\r\n")
    assert decoded.text == "page one\fpage two\n"


def test_utf16_without_bom_and_binary_input() -> None:
    assert decode_bytes(TEXT.encode("utf-16-le")).text == TEXT
    with pytest.raises(ReaderError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 100)


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/htm; charset=ISO-8859-1'>", "iso8859-1"),
        (b'<?xml version="1.0" encoding="ISO-8859-15"?>', "iso8859-15"),
        (b"Character set encoding: ISO Latin-1\r\n", "iso8859-1"),
        (b"Character set encoding: ISO-646-US (US-ASCII)\n", "ascii"),
        (b"<meta name=x><p>no charset here</p>", None),
    ],
)
def test_declarations_are_found(head: bytes, codec: str | None) -> None:
    found = sniff_declared(head + b"\n<p>text</p>")
    assert (found[0] if found else None) == codec


def test_codec_names() -> None:
    assert codec_name("ISO-8859-1") == "iso8859-1"
    assert codec_name("latin1") == "iso8859-1"
    assert codec_name("no-such-thing") is None


@given(st.text(max_size=300))
def test_any_text_survives_utf8_and_utf16(text: str) -> None:
    text = text.replace("\r", "").replace("\ufeff", "")
    encoded = [text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode()]
    if not text.startswith("\x00"):
        # UTF-16-LE's mark then U+0000 is byte for byte UTF-32-LE's mark: read as UTF-32.
        encoded.append(text.encode("utf-16"))
    for data in encoded:
        try:
            decoded = decode_bytes(data)
        except ReaderError as exc:  # control characters can make any text look binary
            assert "binary" in str(exc)
            continue
        assert decoded.text == text


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_give_one_clear_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except ReaderError as exc:
        assert "\n" not in str(exc)
    else:
        assert "\r" not in decoded.text


def test_a_utf16_mark_then_nul_is_not_taken_for_a_broken_utf32_mark() -> None:
    assert decode_bytes(b"\xff\xfe" + "\x00text".encode("utf-16-le")).text == "\x00text"
    assert decode_bytes(b"\xff\xfe\x00\x00" + "text".encode("utf-32-le")).text == "text"
