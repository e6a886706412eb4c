"""Where exports go when the reader does not say: never inside the library.

The default folder is the current folder, unless that is the library itself (or inside
it): then the platform's documents folder (`~/Documents` or its equivalent), so notes
exported from the app never land among the texts and annotations they came from.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_export_dir(library_root: Path, cwd: Path, documents: Path | None = None) -> Path:
    """The folder an export goes to by default (see the module docstring)."""
    root = library_root.resolve()
    here = cwd.resolve()
    if here != root and root not in here.parents:
        return here
    return documents if documents is not None else Path(platformdirs.user_documents_dir())


def export_path(typed: str, default_dir: Path) -> Path:
    """The file for a typed path: `~` is the home folder, a relative path is taken from
    the default export folder."""
    path = Path(typed).expanduser()
    return path if path.is_absolute() else default_dir / path
