"""Where a command writes a file the user named (`notes export -o PATH`, other exports).

`-` is standard output. Otherwise the path must name a regular file, new or existing,
in a folder that exists:

- a symbolic link is followed: its target is written (atomically), the link stays;
- a folder, a device node, a pipe or a socket is refused (as root, `-o /dev/stdout`
  would otherwise replace the system's `/dev/stdout` with a plain file);
- a missing folder is not created (a typo in a path should not make folders);
- every failure (read-only place, no permission, `/proc`, a full disk) is one
  `ReaderError` line naming the path, never a traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.core.atomic import atomic_write_text
from reader.core.errors import ReaderError

STDOUT = "-"


def writable_target(path: Path) -> Path:
    """The regular file that writing to `path` should replace (a link's target);
    ReaderError if it is not a place for a file."""
    try:
        real = path.resolve(strict=False)  # follows symbolic links, even dangling ones
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise ReaderError(f"{path}: cannot follow the path: {_reason(exc)}") from None
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ReaderError(f"{path}: cannot write there: {_reason(exc)}") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise ReaderError(f"{path}: is a folder; give the name of a file to write")
        if not stat.S_ISREG(mode):
            raise ReaderError(
                f"{path}: not a regular file (a device, pipe or socket); refused. "
                "Use `-o -` to write to standard output"
            )
    if not real.parent.is_dir():
        raise ReaderError(f"{path}: the folder {real.parent} does not exist")
    return real


def write_target(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to the file `path` names, atomically; the file written."""
    real = writable_target(path)
    try:
        atomic_write_text(real, text)
    except OSError as exc:
        raise ReaderError(f"{path}: cannot write: {_reason(exc)}") from None
    return real


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
