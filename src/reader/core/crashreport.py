"""Crash reports: what went wrong inside the app, saved as a short text file.

A bug (an exception no handler expected) must not end in a raw traceback over the
terminal. The app writes the details here, in the state folder, and tells the user one
line with the report's path. The report holds the version, the Python and platform, and
the traceback; nothing from the library but what the traceback itself quotes.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from reader import __version__


def write_crash_report(folder: Path, error: BaseException, when: datetime | None = None) -> Path:
    """Write a report of `error` into `folder` (made if missing) and return its path;
    a folder that cannot be written gets the report in the system's temporary folder."""
    when = when or datetime.now(UTC)
    text = "\n".join(
        [
            f"reader {__version__} crash report, {when.isoformat(timespec='seconds')}",
            f"Python {platform.python_version()} on {platform.platform()}",
            f"command: {' '.join(sys.argv)}",
            "",
            *traceback.format_exception(error),
        ]
    )
    name = f"crash-{when.strftime('%Y%m%d-%H%M%S')}.txt"
    for place in (folder, Path(_temporary_folder())):
        try:
            place.mkdir(parents=True, exist_ok=True)
            path = place / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    raise OSError("no folder could hold the crash report")


def _temporary_folder() -> str:
    import tempfile

    return tempfile.gettempdir()
