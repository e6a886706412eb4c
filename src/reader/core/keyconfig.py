"""The user's key bindings: `keys.toml` in the config folder, binding ids mapped to keys.

The file is optional. It holds one table, `[keys]`, whose entries map a binding id (as
listed by F1 help, e.g. `app.search`) to a key or a list of keys, in Textual's key names
(`ctrl+f`, `f5`, `question_mark`, a printable character):

    [keys]
    "app.search" = "ctrl+f"
    "app.quit" = ["q", "ctrl+q"]

A broken file never stops the reader: a syntax error keeps every default, a bad entry
keeps the default for that binding, and each problem is reported with its line and column.
An entry that gives a binding a key another binding of the same pane (or of "Anywhere")
still has is refused the same way, so no key is taken from a binding silently.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import tomlfile
from reader.core.errors import FileFormatError

KEYS_FILE = "keys.toml"
KEYS_TABLE = "keys"
ANYWHERE = "Anywhere"
"""The pane whose bindings work in every pane: its keys clash with every pane's."""

# A key name as Textual spells it: modifiers joined by "+", then a key name or a single
# printable character. Whitespace is never part of a key.
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z0-9_]+|[^\s+,]|\+)$")


@dataclass(frozen=True)
class DefaultKeys:
    """A binding's pane and the keys it has unless `keys.toml` moves them."""

    pane: str
    keys: tuple[str, ...]


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


def _clashes(
    binding_id: str,
    keys: list[str],
    final: Mapping[str, DefaultKeys],
    defaults: Mapping[str, DefaultKeys],
) -> list[str]:
    """What else would answer one of `keys` in the pane of `binding_id`: "'k' (view.up)".
    Keys two bindings share by default (a caret motion and a scroll) are meant to."""
    pane = final[binding_id].pane
    found = []
    for key in keys:
        for other_id, other in final.items():
            if other_id == binding_id or key not in other.keys:
                continue
            if key in defaults[binding_id].keys and key in defaults[other_id].keys:
                continue
            if ANYWHERE in (pane, other.pane) or other.pane == pane:
                found.append(f"{key!r} ({other_id})")
    return found


def _refuse_clashes(config: KeyConfig, text: str, defaults: Mapping[str, DefaultKeys]) -> None:
    """Drop the entries whose keys another binding still has, each with a problem."""
    final = {
        binding_id: DefaultKeys(
            default.pane,
            tuple(config.keymap[binding_id].split(","))
            if binding_id in config.keymap
            else default.keys,
        )
        for binding_id, default in defaults.items()
    }
    for binding_id in list(config.keymap):
        if binding_id not in final:
            continue
        clashes = _clashes(binding_id, config.keymap[binding_id].split(","), final, defaults)
        if not clashes:
            continue
        line, column = _entry_position(text, binding_id)
        config.problems.append(
            FileFormatError(
                config.path,
                f"{binding_id}: another binding has this key: {', '.join(clashes)}; "
                f"move that binding too or choose another key",
                line,
                column,
            )
        )
        del config.keymap[binding_id]
        final[binding_id] = defaults[binding_id]


def parse_keys(
    text: str,
    path: Path,
    known_ids: Collection[str],
    defaults: Mapping[str, DefaultKeys] | None = None,
) -> KeyConfig:
    """Read the text of a keys file; unknown ids, bad keys and (given each binding's
    `defaults`) keys two bindings of one pane would share become problems."""
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
    if defaults:
        _refuse_clashes(config, text, defaults)
    return config


def load_keys(
    config_dir: Path,
    known_ids: Collection[str],
    defaults: Mapping[str, DefaultKeys] | None = None,
) -> KeyConfig:
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
    return parse_keys(text, path, known_ids, defaults)
