"""The Textual application and `create_app`, the one factory the CLI and tests use.

The app holds the library, loads the user's keys (`keys.toml`; problems are notified
with line and column and the defaults kept), pushes the main screen, and turns any
failure of a background worker into a notification: a `ReaderError` shows its message,
anything else a short line (the details go to the Textual log), never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from textual import events, on
from textual.app import get_system_commands_provider
from textual.binding import Binding
from textual.command import Provider
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.paths import Folders
from reader.ui.annotating_app import AnnotatingApp
from reader.ui.crash import CrashReporting
from reader.ui.display import safe_str
from reader.ui.keymap import KeyBinding, declared_bindings, load_user_keys
from reader.ui.layout_memory import LayoutRemembering
from reader.ui.linking import LinkingApp
from reader.ui.screens.main import MainScreen, main_screen
from reader.ui.widgets.text_messages import (
    FindRequested,
    FootnoteOpened,
    FootnotePreviewRequested,
)

# The palette's providers ("module:class" in reader.ui.palette), imported when the
# palette first opens: the first frame does not need them (Textual takes a callable
# returning the class).
PALETTE_PROVIDERS = (
    "documents:DocumentCommands",
    "documents:SectionCommands",
    "actions:ActionCommands",
    "documents:SavedSearchCommands",
    "notes:AnnotationCommands",
    "citations:CitationCommands",
    "imports:ImportCommands",
)


def _palette_provider(spec: str) -> Callable[[], type[Provider]]:
    module, name = spec.split(":")

    def load() -> type[Provider]:
        provider: type[Provider] = getattr(import_module(f"reader.ui.palette.{module}"), name)
        return provider

    return load


class ReaderApp(CrashReporting, LayoutRemembering, LinkingApp):
    """The reader: library, reading view and side panel (annotating: `AnnotatingApp`;
    quotes, citations and links between notes: `LinkingApp`; the layout kept across
    runs: `LayoutRemembering`)."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = {get_system_commands_provider, *map(_palette_provider, PALETTE_PROVIDERS)}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("f1", "help", "Help", id="app.help"),
        Binding(
            "ctrl+p", "command_palette", "Commands", id="app.palette", priority=True, show=False
        ),
    ]

    def __init__(
        self,
        library: Library,
        folders: Folders,
        open_id: str | None = None,
        at: int | None = None,
    ):
        super().__init__()
        self.library = library
        self.folders = folders
        """The cache, state and config folders (every UI module takes its paths here)."""
        self.open_id = open_id
        self.at = at
        self.user_keymap: dict[str, str] = {}
        """The keys remapped in keys.toml (binding id -> keys), as applied."""

    @property
    def main(self) -> MainScreen:
        """The main screen (library, reading area, side panel)."""
        main = main_screen(self)
        assert main is not None, "the main screen is the default screen"
        return main

    def get_default_screen(self) -> MainScreen:
        # The main screen is the default screen, so the first frame is the reader itself.
        # Without a document named, the one open when the reader last quit.
        open_id, at = self.starting_document(self.open_id, self.at)
        return MainScreen(self.library, self.folders, open_id, at)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed after the search key, while the search field is still being shown,
        # go to the field: they are taken here, as they arrive, before they are handed
        # to whatever had focus (see `LibrarySearch.typeahead`).
        if isinstance(event, events.Key) and not event.is_forwarded:
            main = self.screen
            if isinstance(main, MainScreen) and main.typeahead(event, self._search_keys()):
                return
        await super().on_event(event)

    def _search_keys(self) -> list[str]:
        """The keys that open the search (`app.search`, as remapped)."""
        from reader.ui.keymap import keys_of

        binding = next(b for b in MainScreen.BINDINGS if getattr(b, "id", "") == "app.search")
        assert isinstance(binding, Binding)
        return keys_of(binding, self.user_keymap)

    def bindings(self) -> list[KeyBinding]:
        """Every binding users can remap (ReaderServices: for F1 help and the palette)."""
        return all_bindings()

    def on_mount(self) -> None:
        self._apply_user_keys()
        self.watch_files()

    async def action_quit(self) -> None:
        """Quit; if changes to notes could not be saved, ask first."""
        unsaved = self._annotator.store.unsaved() if self._annotator is not None else []
        if not unsaved:
            self.exit()
            return
        from reader.ui.screens.quit_prompt import QuitPrompt

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        titles = [f.document.title for f in unsaved]
        self.push_screen(QuitPrompt(titles), answered)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, always literally and with control characters made
        visible: its text so often holds a title, a file name or a query."""
        super().notify(
            safe_str(message, newlines=True),
            title=safe_str(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _apply_user_keys(self) -> None:
        config = load_user_keys(self.folders.config, all_bindings)
        self.user_keymap = config.keymap
        if config.keymap:
            self.set_keymap(config.keymap)
        for problem in config.problems:
            self.notify(
                f"{problem}\nThe default keys are kept for what could not be read.",
                title="keys.toml",
                severity="error",
                timeout=12,
                markup=False,
            )

    def action_help(self) -> None:
        """Show every key (F1)."""
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    @on(FootnotePreviewRequested)
    def footnote_preview(self, message: FootnotePreviewRequested) -> None:
        # A view asked to show a note over the text; going to it is the view's job.
        from reader.ui.screens.footnote import FootnoteScreen
        from reader.ui.widgets.text_view import TextView

        view = message.view

        def closed(go: bool | None) -> None:
            if go and isinstance(view, TextView):
                view.follow_marker(message.marker)

        self.push_screen(FootnoteScreen(message.label, message.text), closed)

    @on(FindRequested)
    def find_requested(self, message: FindRequested) -> None:
        # A view asked for the text to find; finding is the view's job.
        from reader.ui.screens.find_prompt import ask_to_find

        ask_to_find(self, message)

    @on(FootnoteOpened)
    def footnote_opened(self, message: FootnoteOpened) -> None:
        # The view has jumped to the note; say how to come back.
        if message.text:
            back = self.user_keymap.get("view.back", "ctrl+o").split(",")[0]
            self.notify(
                f"Note {message.label}. {back} goes back to the text.", timeout=4, markup=False
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # One place turns worker failures into something a person can read.
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, ReaderError):
            self.notify(str(error), title="reader", severity="error", markup=False)
        else:
            self.log.error(f"{event.worker.name} failed", error)
            self.notify(
                f"{event.worker.name} failed: {type(error).__name__}: {error}",
                title="internal error",
                severity="error",
                markup=False,
            )


def binding_owners() -> list[tuple[str, type[DOMNode]]]:
    """The classes whose BINDINGS users can remap, with the pane each belongs to. Named
    here, at the top: the modules below the app never import it."""
    from reader.ui.widgets.library_pane import LibraryTable
    from reader.ui.widgets.notes_panel import NoteList
    from reader.ui.widgets.search_panel import HitList, SearchPanel
    from reader.ui.widgets.text_view import TextView

    return [
        ("Anywhere", ReaderApp),
        ("Anywhere", AnnotatingApp),
        ("Anywhere", MainScreen),
        ("Library", LibraryTable),
        ("Reading view", TextView),
        ("Search results", HitList),
        ("Search results", SearchPanel),
        ("Notes", NoteList),
    ]


def all_bindings() -> list[KeyBinding]:
    """Every binding with an id, in the order the panes declare them."""
    return declared_bindings(binding_owners())


def known_ids() -> set[str]:
    """The binding ids `keys.toml` may name."""
    return {b.id for b in all_bindings()}


def create_app(
    library: Library,
    folders: Folders | None = None,
    open_id: str | None = None,
    at: int | None = None,
) -> ReaderApp:
    """The one factory for the app, used by the CLI and the tests; `folders` defaults
    to the library's (`Folders.for_library`), as the CLI resolves them."""
    folders = Folders.for_library(library.root) if folders is None else folders
    return ReaderApp(library, folders, open_id=open_id, at=at)
