"""Lock files for writers of library files, kept out of the library.

Two copies of the program that save the same annotations file take the same lock
first. The lock file lives in a per-user runtime folder (`$XDG_RUNTIME_DIR/reader/locks`,
else `<temp>/reader-<uid>/locks`), named by a hash of the file's resolved path, so
every process of the user agrees on it whatever its cache or state folders, and no
`.lock` file is ever left in `annotations/` (a library is shared and synced).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def lock_path(path: Path) -> Path:
    """The lock file that guards writes to `path`."""
    key = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
    return _lock_folder() / f"{key}.lock"


def _lock_folder() -> Path:
    uid = getattr(os, "getuid", lambda: 0)()
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime) / "reader" / "locks"] if runtime else []
    candidates.append(Path(tempfile.gettempdir()) / f"reader-{uid}" / "locks")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if getattr(folder.stat(), "st_uid", uid) == uid:  # not a folder planted by another user
                return folder
        except OSError:
            continue
    raise OSError(f"no folder for lock files ({', '.join(map(str, candidates))})")
