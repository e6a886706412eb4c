"""Reading TOML files with errors a person can act on: path, line and column.

`tomllib.TOMLDecodeError` carries `lineno`/`colno` only from Python 3.14; on older
versions the position is parsed from its message ("... (at line 3, column 5)").
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reader.core.errors import FileFormatError

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")


def decode_error(path: Path | str, exc: tomllib.TOMLDecodeError, text: str = "") -> FileFormatError:
    """A FileFormatError with the line and column of a TOML syntax error."""
    message = str(exc)
    line = int(getattr(exc, "lineno", 0) or 0)
    column = int(getattr(exc, "colno", 0) or 0)
    m = _POSITION.search(message)
    if m:
        line, column = line or int(m.group(1)), column or int(m.group(2))
        message = message[: m.start()]
    elif _END.search(message):
        message = _END.sub("", message) + " (at end of file)"
        if text and not line:
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
    message = getattr(exc, "msg", None) or message
    return FileFormatError(path, f"invalid TOML: {message}", line, column)


def loads(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a FileFormatError naming `path`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise decode_error(path, exc, text) from exc


def read_utf8(path: Path) -> str:
    """A file's text; unreadable or non-UTF-8 files raise a FileFormatError with the
    line and column of the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileFormatError(path, "not valid UTF-8", line, col) from exc


def read(path: Path) -> dict[str, Any]:
    """Read and parse a UTF-8 TOML file (errors name the path, line and column)."""
    return loads(read_utf8(path), path)
