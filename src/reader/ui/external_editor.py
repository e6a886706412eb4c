"""Writing a note in the reader's own editor (`$EDITOR`).

The note goes into a temporary Markdown file, the app hands the terminal to the editor
(`App.suspend`), and the file is read back when the editor exits. `$VISUAL` is not
consulted: `$EDITOR` is the one variable the reader documents.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from reader.core.errors import ReaderError

NO_EDITOR = "$EDITOR is not set: set it (for example EDITOR=nano) to write notes in your editor"


def editor_command() -> list[str]:
    """The editor to run, split like a shell would ("code -w" is two words)."""
    command = shlex.split(os.environ.get("EDITOR", "").strip())
    if not command:
        raise ReaderError(NO_EDITOR)
    return command


def run_editor(command: list[str], text: str) -> str | None:
    """Edit `text` with `command` in a temporary file; the new text, or None if the
    editor failed (the note is then left as it was)."""
    handle, name = tempfile.mkstemp(prefix="reader-note-", suffix=".md", text=True)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text if text.endswith("\n") or not text else text + "\n")
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise ReaderError(f"could not start the editor {command[0]!r}: {exc}") from exc
        if result.returncode != 0:
            return None
        return path.read_text(encoding="utf-8").rstrip("\n")
    finally:
        path.unlink(missing_ok=True)


def edit_in_editor(app: App[Any], text: str) -> str | None:
    """Suspend `app`, edit `text` in $EDITOR and return the result (None: unchanged)."""
    command = editor_command()
    try:
        with app.suspend():
            return run_editor(command, text)
    except SuspendNotSupported:
        raise ReaderError("this terminal cannot hand over to an editor") from None
