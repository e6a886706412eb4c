"""Every key binding the reader has, by id, and the user's remapping from `keys.toml`.

Bindings carry ids (`app.search`, `library.filter`, ...) so a user can move them; this
module lists the bindings of the classes the app names, turns `keys.toml` into
Textual's keymap and says which keys a binding has now (for F1 help and the palette).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from reader.core.keyconfig import DefaultKeys, KeyConfig, keys_path, load_keys


@dataclass(frozen=True)
class KeyBinding:
    """One binding with an id, and the pane it belongs to."""

    pane: str
    binding: Binding
    owner: type[DOMNode]

    @property
    def id(self) -> str:
        return self.binding.id or ""


def _bindings(items: list[BindingType]) -> Iterator[Binding]:
    for item in items:
        if isinstance(item, Binding):
            yield item
        else:
            yield Binding(*item)


def declared_bindings(owners: Sequence[tuple[str, type[DOMNode]]]) -> list[KeyBinding]:
    """Every binding with an id of `owners` (pane, class), in the order they declare
    them. The app names the owners (`reader.ui.app.binding_owners`): this module is
    below every pane and screen, and imports none of them."""
    found: list[KeyBinding] = []
    seen: set[str] = set()
    for pane, owner in owners:
        for binding in _bindings(list(owner.BINDINGS)):
            if binding.id and binding.id not in seen:
                seen.add(binding.id)
                found.append(KeyBinding(pane, binding, owner))
    return found


def load_user_keys(folder: Path, bindings: Callable[[], list[KeyBinding]]) -> KeyConfig:
    """Read `keys.toml` from the config folder `folder` (problems are in the result),
    against the `bindings` users may remap."""
    if not keys_path(folder).is_file():
        # Nothing to check: listing the ids would import every pane before the first frame.
        return KeyConfig(keys_path(folder))
    defaults = {kb.id: DefaultKeys(kb.pane, tuple(keys_of(kb.binding, {}))) for kb in bindings()}
    return load_keys(folder, set(defaults), defaults)


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger `binding` now (the user's keys when remapped)."""
    keys = keymap.get(binding.id or "", binding.key)
    return [k.strip() for k in keys.split(",") if k.strip()]


def key_label(app: App[object], key: str) -> str:
    """How a key is shown to people ("ctrl+p" as Textual displays it)."""
    return app.get_key_display(Binding(key, ""))
