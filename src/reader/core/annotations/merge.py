"""Saving one copy's changes into the file as it is now: a merge per field.

Each copy of the program (the app, `reader notes`, a script) remembers what it changed
since it last read the file: which fields of which annotation (`Pending.fields`), what
it deleted and what it brought back. A save, under the file's lock, re-reads the file
(the other copies' work and hand edits included) and applies exactly those changes:

- a field this copy changed takes this copy's value; every other field keeps the
  value on disk (a stale copy never puts back a note someone else reworded);
- an annotation this copy changed that is no longer on disk was deleted elsewhere
  (in another copy, or by hand): the deletion wins, the change is dropped and
  reported (`Merged.dropped`), never silently;
- a new annotation is appended; one this copy deleted is removed and its id added to
  `deleted`; one brought back (undo) is put back and its id taken out of `deleted`.

What `deleted` means: the ids of annotations deleted on purpose, kept so that anyone
merging an older copy of the file (a sync tool, a hand merge) can tell a deletion from
an addition. It never removes anything by itself: an annotation present in the file is
shown and kept even if its id is also listed in `deleted` (someone restored it by
hand), and a save leaves both as they are.

The new text is made by editing the old one (see `textedit`), so comments and keys the
app does not know survive; when the file cannot be cut into blocks safely, the whole
file is edited with tomlkit instead (slower, same result).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT

from reader.core.annotations import fileformat, textedit
from reader.core.annotations.model import Annotation
from reader.core.errors import FileFormatError, ReaderError

_ANNOTATION_VALUE = re.compile(r"^[ \t]*\"?annotation\"?[ \t]*=", re.M)

EDITABLE = ("kind", "colour", "tags", "note", "target")
"""The fields a copy can change in an existing annotation (besides `updated`)."""


@dataclass
class Pending:
    """What one copy changed since it last read the file."""

    fields: dict[str, set[str] | None] = field(default_factory=dict)
    """Annotation id -> the fields changed; None for an annotation that is new here or
    brought back (all of it is this copy's)."""
    deleted: set[str] = field(default_factory=set)
    restored: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.fields or self.deleted or self.restored)

    def touch(self, annotation_id: str, fields: set[str] | None) -> None:
        """Record a change of `fields` (None: the whole annotation)."""
        if fields is None or self.fields.get(annotation_id, set()) is None:
            self.fields[annotation_id] = None
        else:
            self.fields.setdefault(annotation_id, set()).update(fields)  # type: ignore[union-attr]

    def clear(self) -> None:
        self.fields.clear()
        self.deleted.clear()
        self.restored.clear()


@dataclass
class Merged:
    """The file after a merge: its annotations (file order), deletions and text."""

    annotations: list[Annotation]
    deleted: list[str]
    text: str
    dropped: list[str]
    """Ids whose changes here were dropped because they were deleted elsewhere."""


def merge(
    disk: fileformat.AnnotationFileData,
    disk_text: str,
    current: dict[str, Annotation],
    order: list[str],
    pending: Pending,
    reattach: Callable[[Annotation], Annotation],
    head: str,
    path: Path,
) -> Merged:
    """Apply `pending` (values from `current`) to the file on disk; `head` starts a new
    file. The text is checked to read back as the merged annotations."""
    deleted = [d for d in disk.deleted if d not in pending.restored]
    deleted += [d for d in sorted(pending.deleted) if d not in deleted]
    result = {a.id: a for a in disk.annotations if a.id not in pending.deleted}
    file_order = [a.id for a in disk.annotations if a.id in result]
    changes: dict[str, dict[str, Any]] = {}
    added: list[str] = []
    dropped: list[str] = []
    for ann_id in order:
        fields = pending.fields.get(ann_id, set())
        if ann_id in pending.deleted or ann_id not in current or fields == set():
            continue
        ours = current[ann_id]
        theirs = result.get(ann_id)
        if fields is None:
            if theirs is None:
                result[ann_id] = ours
                added.append(ann_id)
                continue
            fields = set(EDITABLE)
        elif theirs is None:
            dropped.append(ann_id)  # deleted elsewhere: the deletion wins
            continue
        merged = replace(theirs, updated=ours.updated, **{f: getattr(ours, f) for f in fields})
        result[ann_id] = merged
        changes[ann_id] = {f: fileformat.entry_of(merged).get(f) for f in (*fields, "updated")}
    for ann_id, annotation in list(result.items()):
        moved = reattach(annotation)
        if moved.target != annotation.target:
            result[ann_id] = moved
            if ann_id not in added:
                changes.setdefault(ann_id, {})["target"] = fileformat.entry_of(moved)["target"]
    annotations = [result[i] for i in (*file_order, *added)]
    text = _new_text(disk, disk_text or head, changes, added, result, deleted, pending, path)
    return Merged(annotations, deleted, text, dropped)


def _new_text(
    disk: fileformat.AnnotationFileData,
    disk_text: str,
    changes: dict[str, dict[str, Any]],
    added: list[str],
    result: dict[str, Annotation],
    deleted: list[str],
    pending: Pending,
    path: Path,
) -> str:
    """The file's new text: blocks edited where possible, else the whole file."""
    appended = _appended(disk, disk_text, changes, added, result, deleted, pending, path)
    if appended is not None:
        return appended
    try:
        text = _edited_blocks(disk, disk_text, changes, added, result, deleted, pending, path)
    except Exception:  # a block cut wrongly does not parse: edit the whole file instead
        text = None
    if text is None:
        try:
            text = _whole_file(disk_text, changes, added, result, deleted, path)
        except ReaderError:
            raise
        except Exception as exc:  # tomlkit could not make it: nothing is written
            raise ReaderError(
                f"{path}: not saved, the new file could not be made ({exc}); "
                "the file on disk is unchanged"
            ) from exc
    return text


def _appended(
    disk: fileformat.AnnotationFileData,
    disk_text: str,
    changes: dict[str, dict[str, Any]],
    added: list[str],
    result: dict[str, Annotation],
    deleted: list[str],
    pending: Pending,
    path: Path,
) -> str | None:
    """The text when the save only adds annotations to a file that already holds
    `[[annotation]]` tables: the old text, untouched, and the new blocks after it (the
    common case, and the one that must stay fast on a big file). None otherwise."""
    if changes or pending.deleted or deleted != disk.deleted or not added:
        return None
    if not disk.annotations or _ANNOTATION_VALUE.search(disk_text):
        return None  # `annotation = [...]` written inline: no [[annotation]] may follow
    new = "".join(textedit.new_block(fileformat.entry_of(result[i])) for i in added)
    try:
        if fileformat.parse_entries(new, path) != [result[i] for i in added]:
            return None
    except FileFormatError:
        return None
    return disk_text + ("" if disk_text.endswith("\n") else "\n") + new


def _edited_blocks(
    disk: fileformat.AnnotationFileData,
    disk_text: str,
    changes: dict[str, dict[str, Any]],
    added: list[str],
    result: dict[str, Annotation],
    deleted: list[str],
    pending: Pending,
    path: Path,
) -> str | None:
    """The new text made by editing blocks; None when it cannot be made so."""
    blocks = textedit.split(disk_text, [a.id for a in disk.annotations])
    if blocks is None:
        return None
    texts: list[str] = []
    checked: list[tuple[str, str]] = []  # (block text, id) to read back
    for ann_id, block in zip(blocks.ids, blocks.texts, strict=True):
        if ann_id is None:  # another table: kept as it is
            texts.append(block)
            continue
        if ann_id in pending.deleted:
            continue
        if ann_id in changes:
            block = textedit.edit_block(block, changes[ann_id])
            checked.append((block, ann_id))
        texts.append(block)
    for ann_id in added:
        block = textedit.new_block(fileformat.entry_of(result[ann_id]))
        checked.append((block, ann_id))
        texts.append(block)
    head = blocks.head
    if deleted != disk.deleted:
        head = textedit.set_deleted(head, deleted)
    if not head.strip() and not texts:
        return ""
    # What changed is read back with the head (unchanged blocks read as before); if it
    # does not read back as meant (say the head holds `annotation = []`, which no block
    # can follow), the whole file is edited instead.
    try:
        data = fileformat.parse(head + "".join(b for b, _ in checked), path, disk.document)
        if data.deleted == deleted and data.annotations == [result[i] for _, i in checked]:
            return textedit.joined(head, texts)
    except FileFormatError:
        pass
    return None


def _whole_file(
    disk_text: str,
    changes: dict[str, dict[str, Any]],
    added: list[str],
    result: dict[str, Annotation],
    deleted: list[str],
    path: Path,
) -> str:
    """The merge applied to the whole file with tomlkit (when blocks cannot be cut)."""
    doc = tomlkit.parse(disk_text)
    aot = doc.get("annotation")
    tables = list(aot) if isinstance(aot, AoT) else []
    kept = []
    for table in tables:
        ann_id = str(table.get("id", "")).strip()
        if ann_id not in result:
            continue
        if ann_id in changes:
            one = tomlkit.parse(textedit.edit_block(_as_block(table), changes[ann_id]))
            table = one["annotation"][0]
        kept.append(table)
    for ann_id in added:
        one = tomlkit.parse(textedit.new_block(fileformat.entry_of(result[ann_id])))
        kept.append(one["annotation"][0])
    if "annotation" in doc:
        del doc["annotation"]
    if deleted:
        doc["deleted"] = deleted
    elif "deleted" in doc:
        del doc["deleted"]
    if kept:
        fresh = tomlkit.aot()
        for table in kept:
            fresh.append(table)
        doc.append("annotation", fresh)
    text = tomlkit.dumps(doc)
    try:
        data = fileformat.parse(text, path, str(doc.get("document", "")))
    except FileFormatError as exc:
        raise ReaderError(
            f"{path}: not saved, the new file would not load ({exc.detail}); "
            "the file on disk is unchanged"
        ) from exc
    expected = list(result.values())
    if data.deleted != deleted:
        expected = []  # reported below
    _check(sorted(data.annotations, key=_id), sorted(expected, key=_id), path)
    return text


def _as_block(table: Any) -> str:
    doc = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(table)
    doc.append("annotation", aot)
    return tomlkit.dumps(doc)


def _id(annotation: Annotation) -> str:
    return annotation.id


def _check(found: list[Annotation], expected: list[Annotation], path: Path) -> None:
    if found != expected:
        raise ReaderError(
            f"{path}: not saved, the new file would not read back as meant; "
            "the file on disk is unchanged"
        )
