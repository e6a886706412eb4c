"""The user's key bindings: `keys.toml` in the config folder, binding ids mapped to keys.

The file is optional. It holds one table, `[keys]`, whose entries map a binding id (as
listed by F1 help, e.g. `app.search`) to a key or a list of keys, in Textual's key names
(`ctrl+f`, `f5`, `question_mark`, a printable character):

    [keys]
    "app.search" = "ctrl+f"
    "app.quit" = ["q", "ctrl+q"]

A broken file never stops the reader: a syntax error keeps every default, a bad entry
keeps the default for that binding, and each problem is reported with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import tomlfile
from reader.core.errors import FileFormatError

KEYS_FILE = "keys.toml"
KEYS_TABLE = "keys"

# A key name as Textual spells it: modifiers joined by "+", then a key name or a single
# printable character. Whitespace is never part of a key.
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z0-9_]+|[^\s+,]|\+)$")


@dataclass
class KeyConfig:
    """What `keys.toml` asked for: binding id -> comma-separated keys, and the problems."""

    path: Path
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[FileFormatError] = field(default_factory=list)


def keys_path(config_dir: Path) -> Path:
    """Where the key bindings file lives in a config folder."""
    return config_dir / KEYS_FILE


def _entry_position(text: str, binding_id: str) -> tuple[int, int]:
    """The 1-based line and column where `binding_id` is assigned in the file (0, 0 if unseen)."""
    quoted = r'(["\']?)' + re.escape(binding_id) + r"\1"
    pattern = re.compile(r"^\s*(?:" + quoted + r"\s*=|\[\s*" + quoted.replace("\\1", "\\2") + ")")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 0, 0


def _keys_of(value: object) -> list[str] | None:
    """The keys an entry names, or None when the value is not a key or list of keys."""
    if isinstance(value, str):
        keys = [k.strip() for k in value.split(",")]
    elif isinstance(value, list) and all(isinstance(k, str) for k in value):
        keys = [k.strip() for k in value]
    else:
        return None
    if not keys or not all(_KEY.match(k) for k in keys):
        return None
    return keys


def parse_keys(text: str, path: Path, known_ids: Collection[str]) -> KeyConfig:
    """Read the text of a keys file; unknown ids and bad keys become problems."""
    config = KeyConfig(path)
    try:
        data = tomlfile.loads(text, path)
    except FileFormatError as exc:
        config.problems.append(exc)
        return config
    unknown_tables = sorted(k for k in data if k != KEYS_TABLE)
    for name in unknown_tables:
        line, column = _entry_position(text, name)
        config.problems.append(
            FileFormatError(
                path, f"unknown entry {name!r}: bindings go in a [keys] table", line, column
            )
        )
    table = data.get(KEYS_TABLE, {})
    if not isinstance(table, dict):
        line, column = _entry_position(text, KEYS_TABLE)
        config.problems.append(FileFormatError(path, "'keys' must be a table", line, column))
        return config
    for binding_id, value in table.items():
        line, column = _entry_position(text, binding_id)
        if binding_id not in known_ids:
            config.problems.append(
                FileFormatError(
                    path, f"unknown binding id {binding_id!r} (F1 lists them)", line, column
                )
            )
            continue
        keys = _keys_of(value)
        if keys is None:
            config.problems.append(
                FileFormatError(
                    path,
                    f'{binding_id}: expected a key such as "ctrl+f" or a list of keys, '
                    f"got {value!r}",
                    line,
                    column,
                )
            )
            continue
        config.keymap[binding_id] = ",".join(keys)
    return config


def load_keys(config_dir: Path, known_ids: Collection[str]) -> KeyConfig:
    """Read `keys.toml` from the config folder; a missing file means no changes."""
    path = keys_path(config_dir)
    if not path.is_file():
        return KeyConfig(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return KeyConfig(path, problems=[FileFormatError(path, f"cannot read: {exc.strerror}")])
    except UnicodeDecodeError:
        return KeyConfig(path, problems=[FileFormatError(path, "not valid UTF-8")])
    return parse_keys(text, path, known_ids)
