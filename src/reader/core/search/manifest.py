"""The index's manifest: what the committed index holds, and opening the store it names.

`<cache>/index/manifest.json` holds the schema version, the name of the current store
folder, the Whoosh generation it was written with, and for every document its content
hash (SHA-256 of the file) with the file's size and modification time, and the size and
modification time of every file of the store (Whoosh never rewrites a file it committed,
so a file that is missing or differs was damaged: the index is rebuilt). It is replaced
atomically after every commit, so its identity (`manifest_token`) names the committed
state. See `store` for how it is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex

from reader.core.search.schema import SCHEMA_VERSION

MANIFEST = "manifest.json"


@dataclass
class Manifest:
    """What the index holds: schema, store folder, Whoosh generation, documents."""

    schema: int = SCHEMA_VERSION
    store: str = ""
    generation: int = -1
    # id -> [content hash, size, mtime_ns]
    documents: dict[str, list[Any]] = field(default_factory=dict)
    # file name in the store -> [size, mtime_ns]
    files: dict[str, list[int]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "schema": self.schema,
                "store": self.store,
                "generation": self.generation,
                "documents": self.documents,
                "files": self.files,
            },
            separators=(",", ":"),
            sort_keys=True,
        )


def read_manifest(root: Path) -> Manifest | None:
    """The manifest in `root`, or None when it is missing, unreadable or outdated."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(
            schema=int(data["schema"]),
            store=str(data["store"]),
            generation=int(data["generation"]),
            documents=dict(data["documents"]),
            files=dict(data.get("files", {})),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.schema != SCHEMA_VERSION or not manifest.store or "/" in manifest.store:
        return None
    return manifest


def open_store(root: Path, manifest: Manifest) -> Any | None:
    """The Whoosh index the manifest names, or None if it is missing or does not match."""
    folder = root / manifest.store
    try:
        ix = windex.open_dir(str(folder))
        if ix.latest_generation() != manifest.generation:  # type: ignore[no-untyped-call]
            return None
        if ix.doc_count() != len(manifest.documents):
            return None
        # Files a commit under way adds are not named yet, and do not count.
        files = store_files(folder)
        if any(files.get(name) != stat for name, stat in manifest.files.items()):
            return None
        return ix
    except Exception:  # any failure to open means a damaged index: rebuild it
        return None


def store_files(folder: Path) -> dict[str, list[int]]:
    """[size, mtime_ns] of every file of a store (its lock aside): what the manifest
    records after a commit, and what a reader compares with it."""
    files: dict[str, list[int]] = {}
    for path in folder.iterdir():
        if "WRITELOCK" not in path.name:
            st = path.stat()
            files[path.name] = [st.st_size, st.st_mtime_ns]
    return files


def manifest_token(root: Path) -> tuple[int, int, int]:
    """What identifies the committed state: the manifest file's time, size and inode
    (it is replaced atomically after every commit)."""
    try:
        st = (root / MANIFEST).stat()
    except OSError:
        return (0, 0, 0)
    return (st.st_mtime_ns, st.st_size, st.st_ino)
