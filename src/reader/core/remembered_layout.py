"""The remembered layout: how the reader left the screen, restored on the next run.

What is kept: the reading column's width (+ and -), the theme, the widths of the library,
the side panel and the search results (< and >), which panes were shown (F2, F3) for
each width class of the terminal, and the document that was open (and the one beside
it). One small JSON file per library, `layout.json` in the library's state folder
(`reader.core.paths.Folders.state`), next to `positions.json`:

```json
{"version": 1, "column_width": 84, "theme": "nord", "library_width": 44,
 "library_shown_narrow": true, "document": "lenin-1923-better-fewer-but-better"}
```

The state folder, not the config folder: this is state the app writes as the user
works (the XDG base-directory specification puts "view, layout, open files" there),
not settings written by hand like `keys.toml`, and "the document that was open" only
means something for one library. Every value is optional: a value never changed is not
written, so the app's own default applies to it.

The file is read as untrusted input. It is size-guarded, every value is checked (integers
in their ranges, a theme among the names the caller knows, document ids that pass
`reader.core.library.check_id`), and anything else is dropped: a broken or hostile file
never stops the app. `load` then keeps what could be used and says why in `problem` (for
the UI to show once); `repair` (or else the next `save`) moves the file aside to
`layout.json.damaged-<n>` (its bytes kept) before writing a fresh one with what could be
used, as `reader.core.positions` does, so the next start is quiet. Saving
takes a lock, re-reads the file and overlays only the values this instance changed, so
two running apps keep each other's choices. Writes are atomic.

The theme and the reading column's width are the user's own rather than one library's:
`reader.core.preferences` keeps them in one file shared by every library, with this
module's reading and writing (a `RememberedLayout` limited to those `fields`); a
library's `layout.json` written before still holds them, read where the shared file
has none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from filelock import FileLock

from reader.core.atomic import atomic_write_text, move_aside
from reader.core.library import is_id
from reader.core.safetext import printable

FILE_NAME = "layout.json"
VERSION = 1
MAX_BYTES = 64 * 1024
"""A layout file is a few hundred bytes; anything over this is not one."""
LOCK_TIMEOUT = 10.0

COLUMN_RANGE = (20, 200)
"""The reading column's width, as the reading view allows it."""
PANE_RANGE = (16, 1000)
"""A side pane's width (the app also keeps 30 columns for the text)."""
WIDTH_CLASSES = ("narrow", "wide")
"""Terminals narrower than the app's NARROW limit (where opening a text hides the
library), and the others. Which panes were shown is remembered for each."""
READABLE_TEXT = 60
"""A remembered "library shown" is applied on a narrow terminal only if the text keeps
this many columns beside it (so never at 80 columns with a library of 36)."""

_THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$")


@dataclass(frozen=True)
class LayoutChoices:
    """The remembered values; None means "never changed: the app's default"."""

    column_width: int | None = None
    theme: str | None = None
    library_width: int | None = None
    side_width: int | None = None
    search_width: int | None = None
    library_shown_narrow: bool | None = None
    library_shown_wide: bool | None = None
    side_shown_narrow: bool | None = None
    side_shown_wide: bool | None = None
    document: str | None = None
    beside: str | None = None

    def shown(self, pane: str, width_class: str) -> bool | None:
        """Whether `pane` ("library" or "side") was left shown in `width_class`."""
        value = getattr(self, f"{pane}_shown_{width_class}")
        return value if isinstance(value, bool) else None

    def with_shown(self, pane: str, width_class: str, shown: bool) -> LayoutChoices:
        """These choices with `pane` shown (or hidden) in `width_class`."""
        name = f"{pane}_shown_{width_class}"
        if name not in _CHECKS:
            raise ValueError(f"no pane {pane!r} in width class {width_class!r}")
        values: dict[str, Any] = {**asdict(self), name: shown}
        return LayoutChoices(**values)


ALL_FIELDS = tuple(field.name for field in dataclass_fields(LayoutChoices))
"""Every remembered value (what a library's `layout.json` is read for)."""


def kept(current: Any, applied: Any, remembered: Any) -> Any:
    """What to remember for a value now `current`: `remembered` while the user has not
    changed it from what was `applied` at the start (so an unchanged default is never
    written down), else `current`."""
    return remembered if current == applied else current


def library_fits(screen_width: int, library_width: int) -> bool:
    """Whether the library may be shown beside a text on a narrow terminal of
    `screen_width` columns and leave it `READABLE_TEXT` columns."""
    return screen_width - library_width >= READABLE_TEXT


def _int_in(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if type(value) is not int or not low <= value <= high:
            return f"is not a whole number from {low} to {high}"
        return None

    return check


def _boolean(value: Any) -> str | None:
    return None if type(value) is bool else "is not true or false"


def _document_id(value: Any) -> str | None:
    return None if isinstance(value, str) and is_id(value) else "is not a document id"


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "column_width": _int_in(*COLUMN_RANGE),
    "library_width": _int_in(*PANE_RANGE),
    "side_width": _int_in(*PANE_RANGE),
    "search_width": _int_in(*PANE_RANGE),
    **{f"{pane}_shown_{c}": _boolean for pane in ("library", "side") for c in WIDTH_CLASSES},
    "document": _document_id,
    "beside": _document_id,
}


@dataclass
class RememberedLayout:
    """The layout file of one library: the choices read from it, and saving changes."""

    path: Path
    themes: Collection[str] = ()
    """The theme names the app knows; a theme outside them is dropped."""
    choices: LayoutChoices = LayoutChoices()
    problem: str | None = None
    """Why (part of) the file could not be used, if so (shown once by the UI)."""
    fields: Collection[str] = ALL_FIELDS
    """The values this file keeps: others found in it are ignored, never written."""
    kind: str = "layout"
    """What the file is called in messages ("the layout file is not JSON")."""

    @classmethod
    def in_folder(cls, state: Path, themes: Collection[str] = ()) -> RememberedLayout:
        """The layout kept in the state folder `state` (`layout.json` there)."""
        return cls.load(state / FILE_NAME, themes)

    @classmethod
    def load(
        cls,
        path: Path,
        themes: Collection[str] = (),
        fields: Collection[str] = ALL_FIELDS,
        kind: str = "layout",
    ) -> RememberedLayout:
        """Read `path`: missing is all defaults; what is broken is dropped, with `problem`."""
        choices, problems = _read(path, themes, fields, kind)
        layout = cls(path, themes, choices, fields=fields, kind=kind)
        if problems:
            layout.problem = f"{printable(str(path))}: " + "; ".join(problems)
            layout.problem += "; the defaults are used instead"
        return layout

    @property
    def lock_path(self) -> Path:
        """The lock file taken while saving (beside the layout file)."""
        return self.path.with_name(f".{self.path.name}.lock")

    def repair(self) -> Path | None:
        """Move a file that could not (all) be used aside and write what could; returns
        where its bytes went (None when the file was fine, or fixed meanwhile)."""
        if self.problem is None:
            return None
        with FileLock(self.lock_path, timeout=LOCK_TIMEOUT):
            on_disk, problems = self._read()
            if not problems or not self.path.exists():
                return None
            moved_to = move_aside(self.path)
            atomic_write_text(self.path, to_json(on_disk))
        self.choices = on_disk
        return moved_to

    def save(self, choices: LayoutChoices) -> bool:
        """Write the values of `choices` that differ from those loaded (or last saved)
        over what is on disk now; returns whether anything was written."""
        changes = {
            name: value
            for name, value in asdict(choices).items()
            if name in self.fields and value != getattr(self.choices, name)
        }
        if not changes:
            return False
        moved_to: Path | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A filelock.Timeout is an OSError, like any other failure to write.
        with FileLock(self.lock_path, timeout=LOCK_TIMEOUT):
            on_disk, problems = self._read()
            if problems:
                moved_to = move_aside(self.path)
            merged = replace(on_disk, **changes)
            atomic_write_text(self.path, to_json(merged))
        self.choices = merged
        self.problem = None
        if moved_to is not None:
            self.problem = (
                f"{self.path}: the damaged {self.kind} file was moved aside to {moved_to}"
            )
        return True

    def _read(self) -> tuple[LayoutChoices, list[str]]:
        return _read(self.path, self.themes, self.fields, self.kind)


def to_json(choices: LayoutChoices) -> str:
    """The file's content: the values that are set, in a stable order."""
    data: dict[str, Any] = {"version": VERSION}
    data.update((name, value) for name, value in asdict(choices).items() if value is not None)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _read(
    path: Path, themes: Collection[str], fields: Collection[str], kind: str
) -> tuple[LayoutChoices, list[str]]:
    """The usable choices in `path` (of `fields`) and what was wrong with the rest."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return LayoutChoices(), []
    except OSError as exc:
        return LayoutChoices(), [f"cannot read the remembered {kind} ({exc.strerror or exc})"]
    if len(raw) > MAX_BYTES:
        return LayoutChoices(), [f"the {kind} file is over {MAX_BYTES // 1024} KB"]
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return LayoutChoices(), [f"the {kind} file is not UTF-8 text"]
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return LayoutChoices(), [f"the {kind} file is not JSON ({exc.msg} at {where})"]
    except ValueError as exc:  # e.g. a number of thousands of digits
        return LayoutChoices(), [f"the {kind} file is not usable JSON ({exc})"]
    except RecursionError:
        return LayoutChoices(), [f"the {kind} file is nested too deeply"]
    if not isinstance(data, dict):
        return LayoutChoices(), [f"the {kind} file does not hold an object"]
    return _parse(data, themes, fields)


def _parse(
    data: dict[str, Any], themes: Collection[str], fields: Collection[str]
) -> tuple[LayoutChoices, list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in data.items():
        if name not in fields:
            continue  # "version", a value kept elsewhere, or one a later version writes
        if name == "theme":
            why = _theme_problem(value, themes)
        elif name in _CHECKS:
            why = _CHECKS[name](value)
        else:
            continue  # "version", or a value a later version writes: not ours to judge
        if value is None:
            continue
        if why is None:
            values[name] = value
        else:
            problems.append(f"{name} {_shown(value)} {why}")
    return LayoutChoices(**values), problems


def _theme_problem(value: Any, themes: Collection[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _THEME_NAME.match(value):
        return "is not a theme name"
    if themes and value not in themes:
        return "is not a known theme"
    return None


def _shown(value: Any) -> str:
    """A value as a message may quote it: short, and with control characters escaped."""
    if isinstance(value, dict | list):
        return "(a list)" if isinstance(value, list) else "(an object)"
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > 40:
        text = text[:39] + "…"
    return printable(text)
