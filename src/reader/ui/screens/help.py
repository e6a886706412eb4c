"""F1 help: every key, grouped by pane, from `help.toml` and the live bindings.

Keys are read from the bindings with the user's keymap applied, so help always shows
the keys that work now. A binding that help.toml does not list still appears under
"More keys": help lists every key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.display import safe
from reader.ui.keymap import KeyBinding, key_label, keys_of
from reader.ui.services import bindings_of, keymap_of

KEY_WIDTH = 22
"""The widest the key column grows; longer keys take a line of their own."""


@dataclass(frozen=True)
class HelpLine:
    """One line of help: the keys as shown, what they do, and the binding id if any."""

    keys: str
    text: str
    binding_id: str = ""


def _help_data() -> dict[str, Any]:
    text = resources.files("reader.ui").joinpath("help.toml").read_text("utf-8")
    return tomllib.loads(text)


def binding_texts() -> dict[str, str]:
    """What each binding does, in the words of help.toml (binding id -> text)."""
    return {
        entry["id"]: entry.get("text", "")
        for group in _help_data().get("group", [])
        for entry in group.get("entries", [])
        if entry.get("id")
    }


def help_groups(
    bindings: list[KeyBinding], keymap: Mapping[str, str], show: Callable[[str], str] = str
) -> list[tuple[str, list[HelpLine]]]:
    """The groups of help lines for `bindings`: help.toml's order, then every other."""
    data = _help_data()
    by_id = {kb.id: kb for kb in bindings}
    listed: set[str] = set()
    groups: list[tuple[str, list[HelpLine]]] = []
    for group in data.get("group", []):
        lines: list[HelpLine] = []
        for entry in group.get("entries", []):
            binding_id = entry.get("id", "")
            if binding_id:
                kb = by_id.get(binding_id)
                if kb is None:
                    continue
                listed.add(binding_id)
                keys = " / ".join(show(k) for k in keys_of(kb.binding, keymap))
                lines.append(
                    HelpLine(keys, entry.get("text") or kb.binding.description, binding_id)
                )
            else:
                lines.append(HelpLine(entry.get("keys", ""), entry.get("text", "")))
        groups.append((group.get("title", ""), lines))
    extra: dict[str, list[HelpLine]] = {}
    for kb in by_id.values():
        if kb.id in listed:
            continue
        keys = " / ".join(show(k) for k in keys_of(kb.binding, keymap))
        text = kb.binding.tooltip or kb.binding.description or kb.binding.action
        extra.setdefault(kb.pane, []).append(HelpLine(keys, text, kb.id))
    for title, lines in groups:
        lines.extend(extra.pop(title, []))
    for pane, lines in extra.items():
        groups.append((f"More keys: {pane}", lines))
    return groups


def help_body(groups: list[tuple[str, list[HelpLine]]], width: int | None) -> Content:
    """The help text: keys in a column as wide as the widest (up to KEY_WIDTH), what
    they do beside them, wrapped to `width` under their own column, never to column 0.
    Keys wider than the column go on a line of their own."""
    key_width = min(KEY_WIDTH, max((len(li.keys) for _, ls in groups for li in ls), default=0))
    indent = 2 + key_width + 2
    lines: list[Content] = []
    for title, entries in groups:
        if not entries:
            continue
        lines.append(safe(title, "bold $text-accent"))
        for line in entries:
            # Key names come from the user's keys.toml: shown literally.
            text = safe(line.text)
            if line.binding_id:
                text = text.append(safe(f"  {line.binding_id}", "$text-muted"))
            pieces = text.wrap(width - indent) if width and width - indent >= 12 else [text]
            keys = safe(line.keys, "bold")
            if len(line.keys) > key_width:
                lines.append(Content("  ").append(keys))
                first = Content(" " * indent)
            else:
                first = Content("  ").append(keys).append(" " * (key_width - len(line.keys) + 2))
            lines.append(first.append(pieces[0] if pieces else Content("")))
            lines.extend(Content(" " * indent).append(piece) for piece in pieces[1:])
        lines.append(Content(""))
    return Content("\n").join(lines)


class HelpText(Static):
    """The help text, laid out again for its width whenever that changes."""

    def __init__(self, groups: list[tuple[str, list[HelpLine]]], *, id: str) -> None:
        super().__init__(help_body(groups, None), id=id)
        self._groups = groups
        self._width = 0

    def on_resize(self) -> None:
        width = self.content_region.width
        if width and width != self._width:
            self._width = width
            self.update(help_body(self._groups, width))


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by pane. Escape, F1 or q closes it."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[tuple[str, list[HelpLine]]] = []

    def compose(self) -> ComposeResult:
        app = self.app
        keymap = keymap_of(app)
        self._groups = help_groups(bindings_of(app), keymap, lambda key: key_label(app, key))
        with VerticalScroll(id="help-body") as scroll:
            scroll.border_title = "Keys (F1) · binding ids can be remapped in keys.toml"
            scroll.border_subtitle = "Esc to close"
            yield HelpText(self._groups, id="help-text")

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
