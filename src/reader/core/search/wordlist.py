"""The library's surface words, kept in a file beside the index (`<generation>.words`).

Prefix and fuzzy words and the did-you-mean suggestions need every (folded, unstemmed)
word of the library. Whoosh's spelling field kept them as postings, one per word per
text: as many postings as the text field itself, which doubled the cost and the size
of the index for a list that is only ever read whole. Instead, every commit writes the
sorted words, one a line (UTF-8, zlib-compressed), as `<generation>.words` in the
store folder: a build writes the words of all texts; an update adds the words of the
texts it wrote to the last list (the words of deleted or edited texts stay until a
rebuild: harmless, as a word is only used through the index terms it leads to). The
manifest checks the file's size and time like every file of the store, and a reader
opens it with the index (`open_words`), so a later commit deleting it does no harm.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

SUFFIX = ".words"


def words_path(folder: Path, generation: int) -> Path:
    """The word list of commit `generation` of the store in `folder`."""
    return folder / f"{generation}{SUFFIX}"


def read_words(handle: BinaryIO) -> list[str]:
    """The sorted words of an opened word list (raises on a damaged one)."""
    handle.seek(0)
    data = zlib.decompress(handle.read())
    return data.decode("utf-8").split("\n") if data else []


def open_words(folder: Path, generation: int) -> BinaryIO | None:
    """The word list of a committed state, opened (None when it is not there)."""
    try:
        return words_path(folder, generation).open("rb")
    except OSError:
        return None


def write_words(
    folder: Path, generation: int, words: Iterable[str], previous: int | None = None
) -> None:
    """Write the list of commit `generation`: `words`, with those of commit `previous`
    (when given and readable); other lists in `folder` are removed."""
    merged = set(words)
    if previous is not None:
        handle = open_words(folder, previous)
        if handle is not None:
            with handle:
                merged.update(read_words(handle))
    merged.discard("")
    path = words_path(folder, generation)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(zlib.compress("\n".join(sorted(merged)).encode("utf-8"), 6))
    os.replace(temporary, path)
    for old in folder.glob(f"*{SUFFIX}"):
        if old != path:
            old.unlink(missing_ok=True)
