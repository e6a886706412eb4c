"""The core never imports Textual or Rich. Two checks: every file under src/reader/core
is scanned for an import of either (anywhere, also inside functions), and every core
module is imported, one after the other, in one fresh interpreter, which says which
module first pulled either in."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader
import reader.core

CORE = Path(reader.core.__file__).parent
FORBIDDEN = ("textual", "rich")


def core_modules() -> list[str]:
    names = ["reader.core"]
    for info in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
        names.append(info.name)
    return sorted(names)


def forbidden_imports(source: str) -> list[str]:
    """The Textual or Rich modules `source` imports, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return [name for name in found if name.split(".")[0] in FORBIDDEN]


def test_there_are_core_modules_to_check() -> None:
    assert "reader.core.document" in core_modules()
    assert "reader.core.importer" in core_modules()
    assert len(list(CORE.rglob("*.py"))) >= len(core_modules())


def test_the_scan_sees_imports_inside_functions() -> None:
    source = "def f():\n    from rich.text import Text\n    import textual.app as a\n"
    assert forbidden_imports(source) == ["rich.text", "textual.app"]
    assert forbidden_imports("import richer\nfrom . import rich\n") == []


def test_no_core_file_imports_textual_or_rich() -> None:
    bad = {
        str(path.relative_to(CORE)): names
        for path in sorted(CORE.rglob("*.py"))
        if (names := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert bad == {}


def test_importing_the_core_pulls_in_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, json, sys\n"
        "def bad():\n"
        f"    return {{m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}}}\n"
        "culprits = {}\n"
        "seen = bad()\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if bad() - seen:\n"
        "        culprits[name] = sorted(bad() - seen)\n"
        "        seen = bad()\n"
        "print(json.dumps(culprits))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == {}


def test_version_imports_neither_cleaners_nor_anchoring_nor_the_lock_library() -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "code = main(['--version'])\n"
        "heavy = ('reader.core.clean', 'reader.core.annotations', 'filelock', 'whoosh')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [f"reader {reader.__version__}", "0 []"]
