"""Past and saved searches of one library, kept in its state folder (`searches.toml`).

The history is the queries run, newest last, each once (running one again moves it to
the end), at most HISTORY_LIMIT. Saved searches are queries under a name, rerun with
`reader search @name` or from the app's palette. The file is small TOML, written
atomically; a damaged file is reported (`problem`) and never overwritten.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from reader.core.atomic import atomic_write_text
from reader.core.errors import UsageError

FILE_NAME = "searches.toml"
HISTORY_LIMIT = 200
MAX_QUERY = 1000
_NAME = re.compile(r"[\w][\w.\-]{0,63}")


def check_name(name: str) -> str:
    """`name` if it can name a saved search (letters, digits, . - _), else UsageError."""
    name = name.strip().removeprefix("@")
    if not _NAME.fullmatch(name):
        raise UsageError(
            f"{name!r} cannot name a saved search: use letters, digits, '.', '-' or '_'"
        )
    return name


@dataclass
class Searches:
    """The history and the saved searches of one library."""

    path: Path
    history: list[str] = field(default_factory=list)
    saved: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    """Why the file could not be read ("" when it could); it is then never written."""

    @classmethod
    def in_folder(cls, folder: Path) -> Searches:
        """The searches kept in `folder` (empty when there is no file yet)."""
        searches = cls(folder / FILE_NAME)
        searches.load()
        return searches

    def load(self) -> None:
        """Read the file (a missing file is an empty history)."""
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self.problem = f"{self.path}: cannot read past searches ({exc}); not saving them"
            return
        history = data.get("history", [])
        saved = data.get("saved", {})
        if isinstance(history, list):
            self.history = [q for q in history if isinstance(q, str)][-HISTORY_LIMIT:]
        if isinstance(saved, dict):
            self.saved = {k: v for k, v in saved.items() if isinstance(v, str)}

    def save(self) -> None:
        """Write the file atomically (not when it could not be read)."""
        if self.problem:
            return
        data = {"history": self.history, "saved": dict(sorted(self.saved.items()))}
        atomic_write_text(self.path, tomli_w.dumps(data))

    def remember(self, query: str) -> None:
        """Add `query` as the newest past search (and save)."""
        query = " ".join(query.split())[:MAX_QUERY]
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]
        self.save()

    def save_as(self, name: str, query: str) -> str:
        """Save `query` under `name` (replacing one of that name); returns the name."""
        name = check_name(name)
        query = " ".join(query.split())
        if not query:
            raise UsageError("an empty query cannot be saved")
        self.saved[name] = query[:MAX_QUERY]
        self.save()
        return name

    def query_of(self, name: str) -> str:
        """The query saved as `name` (with or without "@"), or UsageError."""
        key = name.removeprefix("@")
        if key not in self.saved:
            known = ", ".join("@" + n for n in sorted(self.saved)) or "none yet"
            raise UsageError(f"no saved search @{key} (saved: {known})")
        return self.saved[key]
