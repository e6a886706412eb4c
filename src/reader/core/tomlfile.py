"""Reading TOML files with errors a person can act on: path, line and column.

Every TOML file the program reads (texts' front matter, annotations, sidecars,
corrections, the glossary, keys.toml) goes through `loads` (or `read`). Any failure of
the parser becomes a `FileFormatError` naming the path, line and column, so it has the
consequences of any malformed file (that file reported, the rest working), including
what the parser itself does not survive: arrays or inline tables nested thousands deep
(RecursionError; the position reported is where the nesting passes `MAX_NESTING`) and
files too big for memory (MemoryError). A UTF-8 byte-order mark, which Windows editors
write, is accepted.

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


MAX_NESTING = 100
"""Arrays and inline tables nested deeper than this are reported (the parser would
overflow Python's stack a few hundred levels down)."""

BOM = "\ufeff"

# What can hold a bracket that is not one: strings and comments (skipped whole).
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
    re.S,
)


def loads(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML text; any parser failure becomes a FileFormatError naming `path`."""
    if text.startswith(BOM):
        text = text[1:]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise decode_error(path, exc, text) from exc
    except RecursionError as exc:
        line, column = too_deep(text)
        raise FileFormatError(
            path, f"invalid TOML: nested more than {MAX_NESTING} levels deep", line, column
        ) from exc
    except MemoryError as exc:
        raise FileFormatError(path, "invalid TOML: too large to read", 1, 1) from exc


def too_deep(text: str) -> tuple[int, int]:
    """Line and column (1-based) where brackets first nest deeper than MAX_NESTING
    (1, 1 if they never do)."""
    depth = 0
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                start = m.start()
                line = text.count("\n", 0, start) + 1
                return line, start - (text.rfind("\n", 0, start) + 1) + 1
        elif token in "]}":
            depth = max(0, depth - 1)
    return 1, 1


def read_utf8(path: Path) -> str:
    """A file's text; unreadable or non-UTF-8 files raise a FileFormatError with the
    line and column of the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileFormatError(path, "not valid UTF-8", line, col) from exc


def read(path: Path) -> dict[str, Any]:
    """Read and parse a UTF-8 TOML file (errors name the path, line and column)."""
    return loads(read_utf8(path), path)
