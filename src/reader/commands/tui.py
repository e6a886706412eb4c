"""Starting the app from the command line (plain `reader`, `reader open`)."""

from __future__ import annotations

import sys

from reader.core.library import Library
from reader.core.paths import Folders


def run_tui(library: Library, open_id: str | None, at: int | None) -> int:
    """Start the app (in a terminal) on `open_id` at offset `at`; the exit code."""
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        print(
            "reader: the reader needs a terminal; for scripts use a command (see `reader --help`)",
            file=sys.stderr,
        )
        return 2
    from reader.ui.app import create_app

    app = create_app(library, folders=Folders.for_library(library.root), open_id=open_id, at=at)
    app.run()
    return app.return_code or 0
