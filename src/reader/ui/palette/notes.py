"""Palette commands for notes: the notes view, the notes needing a look, and exports.

Every key of annotating is already in the palette through its binding (the reading
view's `v`, `a`, `e`, `c`, `d`, `u`, `E`, `A`, ...). This provider adds what has no key:
the notes needing a look (orphaned or fuzzy), and exporting the notes of the library
or of the document being read as Markdown, W3C JSON-LD or Readwise CSV, to a path the
reader types: by default in the current folder, or the documents folder when the app
runs inside the library (`reader.core.export.where`), never among the library's files.
Export writes atomically.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.core.annotations import NoteFilter
from reader.core.errors import ReaderError
from reader.core.export.notes_export import export_notes
from reader.ui.display import palette_help, palette_match, safe
from reader.ui.screens.export_prompt import ExportPrompt
from reader.ui.services import services

FORMAT_NAMES = {
    "markdown": ("Markdown", "md"),
    "jsonld": ("JSON-LD", "jsonld"),
    "csv": ("CSV", "csv"),
}


class AnnotationCommands(Provider):
    """Notes view, notes to look at, and exports."""

    def _commands(self) -> list[tuple[str, object, str]]:
        commands: list[tuple[str, object, str]] = [
            ("Notes: every note of the library", partial(self._notes, None), "F4"),
            (
                "Notes: orphaned and fuzzy (to look at)",
                partial(self._notes, "is:orphaned is:fuzzy"),
                "annotations that lost their place or need confirming",
            ),
        ]
        doc_id = self._current_doc()
        for fmt, (name, _ext) in FORMAT_NAMES.items():
            commands.append(
                (f"Export all notes as {name}…", partial(self._export, fmt, None), "to a file")
            )
            if doc_id is not None:
                commands.append(
                    (
                        f"Export this document's notes as {name}…",
                        partial(self._export, fmt, doc_id),
                        doc_id,
                    )
                )
        return commands

    def _current_doc(self) -> str | None:
        found = services(self.app)
        return found.current_document_id() if found is not None else None

    async def _notes(self, filter_text: str | None) -> None:
        found = services(self.app)
        if found is not None:
            await found.show_notes(filter_text)

    def _export(self, fmt: str, doc_id: str | None) -> None:
        found = services(self.app)
        if found is None:
            return
        annotator = found.annotations()
        from reader.core.export.where import default_export_dir

        root: Path = default_export_dir(annotator.store.library.root, Path.cwd())
        name, ext = FORMAT_NAMES[fmt]
        default = Path(f"notes-{doc_id or 'library'}.{ext}")
        what = f"Export {'the notes on ' + doc_id if doc_id else 'every note'} as {name} to"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            try:
                result = export_notes(
                    annotator.store,
                    NoteFilter(doc_id=doc_id),
                    fmt,
                    bibliography=True,
                    to=path,
                    make_folder=True,
                )
            except (ReaderError, OSError) as exc:
                self.app.notify(f"Not exported: {exc}", severity="error", markup=False)
                return
            skipped = f" ({len(result.errors)} malformed file(s) left out)" if result.errors else ""
            self.app.notify(f"Exported {result.count} annotations to {path}{skipped}", markup=False)

        self.app.push_screen(ExportPrompt(what, root, root / default), chosen)

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(safe(text), callback, help=palette_help(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    palette_match(matcher, text),
                    callback,  # type: ignore[arg-type]
                    help=palette_help(help_text),
                )
