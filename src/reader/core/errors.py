"""The one family of errors a user can cause: bad files, bad queries, broken TOML.

Every error a person can trigger is a `ReaderError` with a message a person understands.
The CLI prints it and exits non-zero; the UI shows it. Anything else escaping is a bug.
"""

from __future__ import annotations

from pathlib import Path

from reader.core import safetext


class ReaderError(Exception):
    """An error caused by input the user can fix; `str()` is the message to show."""

    exit_code: int = 1


class UsageError(ReaderError):
    """The command line or a query was not understood."""

    exit_code = 2


class FileFormatError(ReaderError):
    """A file on disk could not be parsed; carries its path, line and column (1-based)."""

    def __init__(self, path: Path | str, message: str, line: int = 0, column: int = 0) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.detail = message
        where = f"{self.path}"
        if line:
            where += f":{line}"
            if column:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control and format characters (escape
    sequences, bells, new lines, bidi overrides) shown as backslash escapes.

    File names can hold any of them, and they reach messages and reports. The rule is
    the app's too (reader.core.safetext)."""
    return safetext.printable(text)
