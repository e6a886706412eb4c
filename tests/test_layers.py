"""The core never imports Textual or Rich: checked in a fresh interpreter per module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.core


def core_modules() -> list[str]:
    names = ["reader.core"]
    for info in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
        names.append(info.name)
    return sorted(names)


def test_there_are_core_modules_to_check() -> None:
    assert "reader.core.document" in core_modules()
    assert "reader.core.importer" in core_modules()


def test_core_imports_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"core pulled in: {out}"
