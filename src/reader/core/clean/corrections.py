"""Per-document corrections: fixes no heuristic should make, kept as data.

A corrections file (`<raw file>.corrections.toml` beside the raw input) lists exact
replacements, applied in order:

    [[fix]]
    find = "Å la"          # exact text to find
    replace = "à la"       # what it becomes ("" deletes it)
    count = 1              # how many times `find` must occur (default 1; 0 means "any, >= 1")
    stage = "raw"          # "raw": before cleaning (default); "clean": on the cleaned body
    why = "glyph damage"   # shown in the import report

A fix that does not find its text exactly `count` times is an error: the source has
changed and the correction must be looked at again, not silently skipped. A displaced
paragraph is moved with two fixes (delete it here, insert it there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core import tomlfile
from reader.core.errors import FileFormatError, ReaderError

STAGES = ("raw", "clean")


@dataclass(frozen=True, slots=True)
class Fix:
    """One exact replacement."""

    find: str
    replace: str
    count: int = 1
    stage: str = "raw"
    why: str = ""


def load_corrections(path: Path) -> list[Fix]:
    """Read a corrections file (a missing file means no corrections)."""
    try:
        present = path.is_file()
    except OSError:  # e.g. the name is too long to exist
        present = False
    if not present:
        return []
    data = tomlfile.read(path)
    fixes: list[Fix] = []
    for n, entry in enumerate(data.get("fix", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("find"), str):
            raise FileFormatError(path, f"fix #{n}: needs a string 'find'")
        replace = entry.get("replace", "")
        count = entry.get("count", 1)
        stage = entry.get("stage", "raw")
        why = entry.get("why", "")
        if not isinstance(replace, str) or not isinstance(why, str):
            raise FileFormatError(path, f"fix #{n}: 'replace' and 'why' must be strings")
        if not isinstance(count, int) or count < 0:
            raise FileFormatError(path, f"fix #{n}: 'count' must be a whole number >= 0")
        if stage not in STAGES:
            raise FileFormatError(path, f"fix #{n}: 'stage' must be one of {', '.join(STAGES)}")
        if not entry["find"]:
            raise FileFormatError(path, f"fix #{n}: 'find' is empty")
        fixes.append(Fix(entry["find"], replace, count, stage, why))
    return fixes


def apply_fixes(text: str, fixes: list[Fix], stage: str, applied: list[str]) -> str:
    """Apply the fixes of one stage in order; append a line per fix to `applied`."""
    for fix in fixes:
        if fix.stage != stage:
            continue
        found = text.count(fix.find)
        if (fix.count and found != fix.count) or (not fix.count and not found):
            expected = fix.count or "at least 1"
            raise ReaderError(
                f"correction {fix.find[:40]!r} ({fix.why or 'no reason given'}): "
                f"expected {expected} occurrence(s), found {found}; the source has changed"
            )
        text = text.replace(fix.find, fix.replace)
        applied.append(f"{fix.why or 'correction'} ({found}x)")
    return text
