"""The user's own preferences, the same in every library: the theme and the reading
column's width.

They are remembered like the rest of the layout (`reader.core.remembered_layout`: size
guard, every value checked, atomic writes under a lock, a damaged file moved aside), but
in one file for all libraries, `preferences.json` in the user's state folder (the one
each library's own state folder is in: `$READER_STATE_DIR`, else the platform's):

```json
{"version": 1, "column_width": 72, "theme": "nord"}
```

What stays with one library (the panes' widths, which panes are shown, the text that
was open) stays in its `layout.json`. A `layout.json` written before the preferences
were shared may hold a theme or a column width: it is used where `preferences.json`
holds none, and left as it was (a choice made now goes to `preferences.json`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from reader.core.remembered_layout import LayoutChoices, RememberedLayout

FILE_NAME = "preferences.json"
SHARED = ("theme", "column_width")
"""The values that are the user's own, kept in `preferences.json`."""


def load_preferences(user_state: Path, themes: Collection[str] = ()) -> RememberedLayout:
    """The user's preferences in the state folder `user_state` (`preferences.json`)."""
    return RememberedLayout.load(user_state / FILE_NAME, themes, SHARED, "preferences")


def combined(preferences: LayoutChoices, library: LayoutChoices) -> LayoutChoices:
    """A library's remembered layout with the user's preferences over it (a library's
    own theme or column width stands where the preferences hold none)."""
    values = {name: getattr(preferences, name) for name in SHARED}
    return replace(library, **{name: value for name, value in values.items() if value is not None})


def save_choices(
    preferences: RememberedLayout, library: RememberedLayout, choices: LayoutChoices
) -> bool:
    """Write `choices`: the theme and column width to the preferences (only what changed
    from them), the rest to the library's layout (its own old theme and column width left
    as they are); returns whether anything was written."""
    shared = preferences.save(choices)
    own = {name: getattr(library.choices, name) for name in SHARED}
    return library.save(replace(choices, **own)) or shared
