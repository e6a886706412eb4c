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
from reader.ui.keymap import all_bindings, key_label, keys_of

KEY_WIDTH = 18


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
    keymap: Mapping[str, str], show: Callable[[str], str] = str
) -> list[tuple[str, list[HelpLine]]]:
    """The groups of help lines: help.toml's order, then every other binding."""
    data = _help_data()
    by_id = {kb.id: kb for kb in all_bindings()}
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


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by pane. Escape, F1 or q closes it."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        keymap = dict(getattr(app, "user_keymap", {}))
        groups = help_groups(keymap, lambda key: key_label(app, key))
        body = Content("")
        for title, lines in groups:
            if not lines:
                continue
            body = body.append(safe(title, "bold $text-accent")).append("\n")
            for line in lines:
                # Key names come from the user's keys.toml: shown literally.
                keys = safe(line.keys.ljust(KEY_WIDTH), "bold")
                text = safe(line.text)
                if line.binding_id:
                    text = text.append(safe(f"  {line.binding_id}", "$text-muted"))
                body = body.append(Content("  ")).append(keys).append(text).append("\n")
            body = body.append("\n")
        with VerticalScroll(id="help-body") as scroll:
            scroll.border_title = "Keys (F1) · binding ids can be remapped in keys.toml"
            scroll.border_subtitle = "Esc to close"
            yield Static(body, id="help-text")

    def action_close(self) -> None:
        """Close help."""
        self.dismiss(None)
