"""Save the README screenshot: the reader on the bundled library, a search hit open.

    .venv/bin/python scripts/screenshot.py [docs/screenshot.svg]

Runs the real app headless at 120x35 with fresh cache, state and config folders, searches
the library for "Rabkrin", opens the first hit and saves the screen as SVG.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

QUERY = "Rabkrin"
SIZE = (120, 35)


async def shoot(target: Path) -> None:
    from reader.core.library import Library
    from reader.core.paths import resolve_library
    from reader.ui.app import create_app

    app = create_app(Library(resolve_library(str(Path(__file__).resolve().parent.parent))))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s", *QUERY, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        await pilot.press("escape")
        await pilot.pause()
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> int:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.svg").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CACHE", "STATE", "CONFIG"):
            os.environ[f"READER_{name}_DIR"] = str(Path(tmp) / name.lower())
        asyncio.run(shoot(target))
    print(f"saved {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
