"""Importing from the app: "Import a file or URL…" in the command palette.

The palette command asks for a path, a folder or a web address (`ImportPrompt`), then
imports in a thread worker (`reader.core.batch`: each file on its own, so one bad file
never stops the others), showing its progress in the status line. When it ends, a
notification says what was imported, skipped or failed (with the first warnings), the
library pane is reloaded and the search index updated, so the new texts are there
without a restart; a single new text is opened.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.core.batch import FAILED, IMPORTED, Outcome, expand_inputs, import_one, tally
from reader.core.errors import ReaderError
from reader.core.importer import ImportOptions
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.screens.import_prompt import ImportPrompt
from reader.ui.screens.main import MainScreen, main_screen

COMMAND = "Import a file or URL…"
HELP = "a document, a folder of documents or a web page into the library"
SHOWN = 4  # file lines in the closing notification


def _inputs(text: str, folder: Path) -> list[Path]:
    """The files `text` names: a URL fetched into `folder`, else a path or a folder."""
    from reader.core.fetch import fetch_to_folder, is_url

    if is_url(text):
        return [fetch_to_folder(text, folder)]
    return expand_inputs([Path(text).expanduser()])


def import_in_background(main: MainScreen, text: str) -> None:
    """Import what `text` names in a thread worker; progress in the status line."""

    def work() -> None:
        app = main.app

        def status(line: str) -> None:
            app.call_from_thread(main.show_work, line)

        outcomes: list[Outcome] = []
        try:
            with tempfile.TemporaryDirectory(prefix="reader-import-") as tmp:
                status(f"importing {text[:40]}")
                files = _inputs(text, Path(tmp))
                seen: set[str] = set()
                for n, path in enumerate(files, 1):
                    name = path.name[:40]
                    status(f"importing {n}/{len(files)}: {name}")

                    def pages(path: Path, done: int, total: int, n: int = n) -> None:
                        status(f"importing {n}/{len(files)}: {path.name[:30]} {done}/{total} pages")

                    outcomes.append(
                        import_one(main.library, path, ImportOptions(), seen, progress=pages)
                    )
        except ReaderError as exc:
            app.call_from_thread(_failed, main, str(exc))
            return
        app.call_from_thread(_finished, main, outcomes)

    main.run_worker(work, thread=True, group="import", name="import", exit_on_error=False)


def _failed(main: MainScreen, message: str) -> None:
    main.show_work("")
    main.app.notify(message, title="Not imported", severity="error", markup=False)


def _finished(main: MainScreen, outcomes: list[Outcome]) -> None:
    """Say what happened; show the new texts."""
    main.show_work("")
    lines = [o.line() for o in outcomes[:SHOWN]]
    if len(outcomes) > SHOWN:
        lines.append(f"… and {len(outcomes) - SHOWN} more")
    warnings = [
        f"warning: {w}" for o in outcomes if o.result is not None for w in o.result.report.warnings
    ]
    lines += warnings[:3]
    lines.append(tally(outcomes))
    failed = any(o.status == FAILED for o in outcomes)
    imported = [o for o in outcomes if o.status == IMPORTED and o.result is not None]
    main.app.notify(
        "\n".join(lines),
        title="Import",
        severity="warning" if failed or not imported else "information",
        markup=False,
        timeout=12,
    )
    if imported:
        main.load_catalog()
        main.build_index()
        if len(imported) == 1 and imported[0].result is not None:
            main.open_document(imported[0].result.doc_id)


class ImportCommands(Provider):
    """The palette's import command."""

    def _ask(self) -> None:
        main = main_screen(self.app)
        if main is None:
            return

        def chosen(text: str | None) -> None:
            if text:
                import_in_background(main, text)

        self.app.push_screen(ImportPrompt(), chosen)

    async def discover(self) -> Hits:
        yield DiscoveryHit(safe(COMMAND), self._ask, help=palette_help(HELP))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(COMMAND)
        if score > 0:
            yield Hit(score, palette_match(matcher, COMMAND), self._ask, help=palette_help(HELP))
