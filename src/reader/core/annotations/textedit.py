"""Changing an annotations file by editing its text, so everything else in it survives.

A save touches only what changed: the `[[annotation]]` block of an edited annotation
(edited with tomlkit, a format-preserving TOML library, so its comments, its key
order and keys the app does not know, also inside `[annotation.target]`, stay), a new
block appended for a new annotation, a removed block for a deleted one, and the
`deleted = [...]` line of the head. Every other byte of the file is kept: comments,
blank lines, unknown top-level keys and tables, and the blocks nobody changed.

It is also what keeps saves fast on a big file (20,000 annotations): tomlkit parses
only the few small blocks that change, never the whole file (tomlkit on a 7 MB file
takes tens of seconds).

`split` finds the blocks: each starts at a `[[annotation]]` header outside any
multi-line string and runs to the next (comment lines just above a header stay with
the block before: deleting an annotation never takes a comment outside its block); the
head is what comes before the first block. It returns None when the file does not split
cleanly (the ids found do not match the parsed file, in order): the caller then
rewrites the whole file with tomlkit instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import tomli_w
import tomlkit
from tomlkit.items import AoT, Table

_MARKS = re.compile(r'"""|\'\'\'|^[ \t]*\[(\[?)[ \t]*([A-Za-z0-9_.\-" \t]+?)[ \t]*\]', re.M)
_ID = re.compile(r'^[ \t]*id[ \t]*=[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|\'([^\'\n]*)\')', re.M)

FIELDS = ("kind", "colour", "tags", "note", "target", "updated")
"""The fields a change may set (besides those of a new annotation)."""


@dataclass
class Blocks:
    """A file cut into its head and blocks, in file order: one per annotation (its id),
    and the other tables the file may hold (id None, never changed or removed)."""

    head: str
    ids: list[str | None]
    texts: list[str]


def split(text: str, ids: list[str]) -> Blocks | None:
    """Cut `text` into head and blocks; None unless the annotation blocks' ids are
    `ids` in order."""
    starts: list[tuple[int, bool]] = []  # (offset, starts an annotation)
    inside: str | None = None
    for m in _MARKS.finditer(text):
        token = m.group()
        if token in ('"""', "'''"):
            if inside is None:
                inside = token
            elif inside == token:
                inside = None
        elif inside is None:
            name = m.group(2)
            if name != "annotation.target":  # the usual sub-table: part of its block
                name = name.replace(" ", "").replace("\t", "").strip('"')
                if m.group(1) and name == "annotation":
                    starts.append((m.start(), True))
                elif not name.startswith("annotation."):
                    starts.append((m.start(), False))
    found_ids = [start for start, is_annotation in starts if is_annotation]
    if inside is not None or len(found_ids) != len(ids):
        return None
    bounds = [s for s, _ in starts] + [len(text)]
    texts = [text[bounds[i] : bounds[i + 1]] for i in range(len(starts))]
    block_ids: list[str | None] = []
    expected = iter(ids)
    for block, (_, is_annotation) in zip(texts, starts, strict=True):
        if not is_annotation:
            block_ids.append(None)
            continue
        id_line = _ID.search(block)
        found = None
        if id_line is not None:
            found = id_line.group(1) if id_line.group(1) is not None else id_line.group(2)
        wanted = next(expected)
        if found is None or _unescape(found) != wanted:
            return None
        block_ids.append(wanted)
    head = text[: starts[0][0]] if starts else text
    return Blocks(head, block_ids, texts)


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    parsed: str = tomllib.loads(f'v = "{value}"')["v"]
    return parsed


def edit_block(block: str, changes: dict[str, Any]) -> str:
    """The block with `changes` (field -> new value, as the file stores it) applied."""
    doc = tomlkit.parse(block)
    aot = doc["annotation"]
    assert isinstance(aot, AoT)
    entry = aot[0]
    for key, value in changes.items():
        if key == "target":
            _set_target(entry, value)
        elif key == "colour" and "color" in entry and "colour" not in entry:
            entry["color"] = value
        else:
            entry[key] = _item(value)
    return tomlkit.dumps(doc)


def _set_target(entry: Table, target: dict[str, Any] | None) -> None:
    if target is None:
        if "target" in entry:
            del entry["target"]
        return
    if "target" not in entry:
        entry["target"] = tomlkit.table()
    table = entry["target"]
    for key, value in target.items():
        table[key] = _item(value)


def _item(value: Any) -> Any:
    """A TOML value for tomlkit: a note with new lines as a multi-line string."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, (list, tuple)):
        array = tomlkit.array()
        array.extend(value)
        return array
    return value


def new_block(entry: dict[str, Any]) -> str:
    """The text of a new `[[annotation]]` block (with a blank line before it)."""
    return "\n" + tomli_w.dumps({"annotation": [entry]}, multiline_strings=True)


def set_deleted(head: str, deleted: list[str]) -> str:
    """The head with its `deleted` list set (removed when empty)."""
    doc = tomlkit.parse(head)
    if deleted:
        array = tomlkit.array()
        array.extend(deleted)
        doc["deleted"] = array
    elif "deleted" in doc:
        del doc["deleted"]
    return tomlkit.dumps(doc)


def joined(head: str, texts: list[str]) -> str:
    """Head and blocks as one text, each block starting on its own line."""
    out = [head]
    for block in texts:
        if out[-1] and not out[-1].endswith("\n"):
            out.append("\n")
        out.append(block)
    return "".join(out)
