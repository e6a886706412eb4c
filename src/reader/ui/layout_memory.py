"""The remembered layout in the app: applied when the reader starts, kept as it changes.

`LayoutRemembering` (mixed into the app) is the one place that reads the screen's layout
and applies the remembered one, through the screen's own methods (`screen_requests`);
reading, checking, merging and writing the file are `reader.core.remembered_layout`'s
job. The theme and the reading column's width are the user's own, the same in every
library (`reader.core.preferences`: `preferences.json` in the user's state folder); the
rest is this library's (`layout.json` in its state folder). What it does:

- `reopened()`: the document `reader` opens when the command line names none: the one
  open when the reader last quit (and the one beside it), if it still exists; else the
  library, as on a first run. `reader --open ID` always wins.
- At the start: the theme; once the main screen has opened its document (`ScreenReady`),
  the document beside (on a terminal of `NARROW` columns or more: below, two texts
  have no room, and the one beside is kept for a wider run), the side panel's widths and
  which panes are shown; with the first document shown, the reading column's width and
  the library's width.
- Which panes are shown is remembered from the user's own F2 and F3 only (never from
  the panes the app hides to make room), for the terminal's width class: "narrow" where
  opening a text hides the library (below `NARROW` columns, `NARROW_SPLIT` with two
  texts), "wide" above. On a narrow terminal a remembered "library shown" is applied
  only when the text keeps `READABLE_TEXT` columns beside it: at 120 columns it is, at
  80 the text would be left 44 columns and the library stays a key (F2) away.
- Everything else is read from the screen whenever the layout changed (a second later,
  so a burst of + or > is one write) and when the app quits.

A broken file is said once, in a notification, and the reader starts with the defaults.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import on
from textual.app import App
from textual.timer import Timer

from reader.core.preferences import SHARED, combined, load_preferences, save_choices
from reader.core.remembered_layout import LayoutChoices, RememberedLayout, kept, library_fits
from reader.ui.messages import PanesChanged, ScreenReady
from reader.ui.screens.main import NARROW, NARROW_SPLIT, MainScreen, main_screen
from reader.ui.widgets.text_messages import DocumentShown

if TYPE_CHECKING:
    from reader.core.library import Library
    from reader.core.paths import Folders

SAVE_DELAY = 1.0
"""Seconds after a change before the layout is written (a burst of keys is one write)."""


def width_class(screen: MainScreen) -> str:
    """ "narrow" where opening a text hides the library (below NARROW columns, or
    NARROW_SPLIT with two texts side by side), else "wide"."""
    limit = NARROW_SPLIT if screen.is_split() else NARROW
    return "narrow" if screen.size.width < limit else "wide"


class LayoutRemembering(App[int]):
    """Remembers the layout across runs (`layout.json` in the state folder)."""

    library: Library
    folders: Folders
    _remembered: RememberedLayout | None = None
    _preferences: RememberedLayout | None = None
    _applied_theme: str | None = None
    """The theme put on screen at the start (None: the app has not started)."""
    _explicit: LayoutChoices | None = None
    """The remembered choices with this run's F2 and F3 over them."""
    _reopen_beside: str | None = None
    _unopened_beside: str | None = None
    """The text beside, remembered but not reopened on a terminal too narrow for two."""
    _reading_restored = False
    layout_restored = False
    """Whether the remembered layout has been put on screen (after the first document)."""
    _layout_timer: Timer | None = None
    _layout_problems_shown: set[str]

    @property
    def remembered_layout(self) -> RememberedLayout:
        """The remembered layout of this library (read on first use)."""
        if self._remembered is None:
            self._remembered = RememberedLayout.in_folder(
                self.folders.state, tuple(self.available_themes)
            )
        return self._remembered

    @property
    def preferences(self) -> RememberedLayout:
        """The user's preferences shared by all libraries: theme and column width."""
        if self._preferences is None:
            self._preferences = load_preferences(
                self.folders.user_state, tuple(self.available_themes)
            )
        return self._preferences

    def remembered_choices(self) -> LayoutChoices:
        """What is remembered: this library's layout with the user's preferences over it."""
        return combined(self.preferences.choices, self.remembered_layout.choices)

    def reopened(self) -> tuple[str | None, str | None]:
        """The document to reopen and the one beside it (None when there is none, or
        it is no longer in the library)."""
        choices = self.remembered_layout.choices
        if choices.document is None or not self.library.has(choices.document):
            return None, None
        beside = choices.beside
        if beside is None or beside == choices.document or not self.library.has(beside):
            beside = None
        return choices.document, beside

    def starting_document(
        self, open_id: str | None, at: int | None
    ) -> tuple[str | None, int | None]:
        """What the main screen opens first: the document the command line names (at
        its offset), else the one reopened (at its reading position), else none."""
        if open_id is not None:
            return open_id, at
        document, self._reopen_beside = self.reopened()
        return document, None

    # --- applying ---------------------------------------------------------------------
    def on_mount(self) -> None:
        # Textual calls every class's on_mount: the app's own runs too.
        self._layout_problems_shown = set()
        for remembered in (self.remembered_layout, self.preferences):
            if remembered.problem is not None:
                self._set_aside_damaged(remembered)
        self._report_layout_problem()
        theme = self.remembered_choices().theme
        if theme is not None:
            self.theme = theme
        self._applied_theme = self.theme
        self.theme_changed_signal.subscribe(self, lambda _theme: self._layout_changed())

    @on(ScreenReady)
    def restore_layout(self) -> None:
        """The main screen has opened its document: restore the rest of the layout."""
        screen = main_screen(self)
        if screen is None:
            return
        choices = self.remembered_layout.choices
        screen.restore_side_widths(choices.side_width, choices.search_width)
        if not screen.showing_text():
            self.layout_restored = True
            return
        if self._reopen_beside is not None and screen.size.width >= NARROW:
            screen.open_document(self._reopen_beside, None, beside=True)
            screen.reading_views()[0].focus()
        elif self._reopen_beside is not None:
            self._unopened_beside = self._reopen_beside  # no room here; kept for later
        self._restore_reading(screen)
        self._restore_panes(screen, choices)
        self.layout_restored = True

    def _restore_panes(self, screen: MainScreen, choices: LayoutChoices) -> None:
        size = width_class(screen)
        side = choices.shown("side", size)
        if side is not None:
            screen.show_pane("side", side)
        library = choices.shown("library", size)
        if library and size == "narrow":
            width = choices.library_width or screen.library_width() or 0
            library = library_fits(screen.size.width, width)
        if library is not None:
            screen.show_pane("library", library)
        if library is not None or side is not None:  # else the panes are as opened
            screen.fit_panes(keep="library" if library else None)

    def _restore_reading(self, screen: MainScreen) -> None:
        """With the first document shown: the column width and the library's width
        (the library's only then: with no text open it takes most of the screen)."""
        self._reading_restored = True
        choices = self.remembered_choices()
        views = screen.reading_views()
        for view in views:
            if choices.column_width is not None:
                view.column_width = choices.column_width
            self.watch(view, "column_width", self._layout_changed, init=False)
        if choices.library_width is not None:
            screen.set_library_width(choices.library_width)

    @on(DocumentShown)
    def _document_shown(self) -> None:
        screen = main_screen(self)
        if screen is None:
            return
        if not self._reading_restored:
            self._restore_reading(screen)
        if screen.is_split():
            self._unopened_beside = None
        self._layout_changed()

    @on(PanesChanged)
    def _panes_changed(self, message: PanesChanged) -> None:
        screen = main_screen(self)
        if screen is None:
            return
        if message.toggled is not None and screen.showing_text():
            explicit = self._explicit or self.remembered_layout.choices
            self._explicit = explicit.with_shown(
                message.toggled, width_class(screen), screen.pane_shown(message.toggled)
            )
        self._layout_changed()

    # --- remembering ------------------------------------------------------------------
    def current_layout(self) -> LayoutChoices:
        """The layout to remember now: what the user changed, over what was remembered
        (the theme and column width over the preferences: one of a library's own
        `layout.json`, used because the preferences had none, is not copied there)."""
        remembered = self.remembered_layout.choices
        preferred = self.preferences.choices
        explicit = self._explicit or remembered
        # The theme and column width as the preferences hold them, unless changed below.
        values: dict[str, Any] = asdict(remembered)
        values.update((name, getattr(preferred, name)) for name in SHARED)
        screen = main_screen(self)
        if screen is None:  # quitting: what was last seen stands
            return LayoutChoices(**values)
        values["theme"] = kept(self.theme, self._applied_theme, preferred.theme)
        values["side_width"], values["search_width"] = screen.side_widths()
        for pane in ("library", "side"):
            for size in ("narrow", "wide"):
                values[f"{pane}_shown_{size}"] = explicit.shown(pane, size)
        if self._reading_restored:
            from reader.ui.widgets.text_canvas import DEFAULT_COLUMN

            values["column_width"] = kept(
                screen.active_view().column_width,
                self.remembered_choices().column_width or DEFAULT_COLUMN,
                preferred.column_width,
            )
            values["library_width"] = (
                screen.library_width(set_here=True) or remembered.library_width
            )
            first, second = screen.reading_views()
            if first.document is not None and screen.showing_text():
                values["document"] = first.document.id
                beside = second.document if screen.is_split() else None
                unopened = (
                    self._unopened_beside if first.document.id == remembered.document else None
                )
                values["beside"] = beside.id if beside is not None else unopened
        return LayoutChoices(**values)

    def _layout_changed(self, *_: object) -> None:
        if self._layout_timer is not None:
            self._layout_timer.stop()
        self._layout_timer = self.set_timer(SAVE_DELAY, self.save_layout)

    def save_layout(self) -> None:
        """Write the layout down (only what changed; nothing when nothing did)."""
        if self._layout_timer is not None:
            self._layout_timer.stop()
            self._layout_timer = None
        try:
            save_choices(self.preferences, self.remembered_layout, self.current_layout())
        except OSError as exc:
            self.notify(f"Could not save the layout: {exc}", severity="warning", timeout=6)
            return
        self._report_layout_problem()

    @staticmethod
    def _set_aside_damaged(remembered: RememberedLayout) -> None:
        """Keep a damaged file's bytes aside and write what could be used, so that the
        problem is said once, not at every start."""
        try:
            aside = remembered.repair()
        except OSError as exc:
            remembered.problem = f"{remembered.problem} (it could not be set aside: {exc})"
            return
        if aside is not None:
            remembered.problem = f"{remembered.problem}; the file is kept as {aside}"

    def _report_layout_problem(self) -> None:
        for remembered, title in (
            (self.remembered_layout, "Remembered layout"),
            (self.preferences, "Preferences"),
        ):
            problem = remembered.problem
            if problem and problem not in self._layout_problems_shown:
                self._layout_problems_shown.add(problem)
                self.notify(problem, title=title, severity="warning", timeout=10)

    def exit(
        self,
        result: int | None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Quit, writing the layout down first."""
        if self._applied_theme is not None:  # the app has started: there is a layout
            try:
                self.save_layout()
            except Exception as exc:  # leaving anyway: the reason goes to the log
                self.log.error("the layout could not be saved", exc)
        super().exit(result, return_code, message)
