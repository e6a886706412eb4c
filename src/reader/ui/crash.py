"""The app's last line of defence: an unexpected exception becomes a crash report.

Textual ends the app on an exception inside a message handler and prints the traceback
over the terminal. `CrashReporting` (mixed into the app) instead saves the traceback as
a report in the state folder and exits with one line that says where it is, as a
careful terminal program does. It also keeps `notices`: every notification shown, in
order, which tests and the crash report can read without Textual's internals.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.app import App
from textual.notifications import SeverityLevel

from reader.core.crashreport import write_crash_report
from reader.core.errors import printable

if TYPE_CHECKING:
    from reader.core.paths import Folders


class Notice(NamedTuple):
    """One notification as shown."""

    message: str
    title: str
    severity: SeverityLevel


class CrashReporting(App[int]):
    """Crash reports instead of tracebacks, and a record of the notifications shown."""

    folders: Folders
    crash_report: Path | None = None
    """Where the last crash report was written, if the app crashed."""

    def __init__(self) -> None:
        super().__init__()
        self.notices: list[Notice] = []
        """Every notification, in the order shown."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self.notices.append(Notice(message, title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an exception no handler caught (the app cannot go on).
        try:
            self.crash_report = write_crash_report(self.folders.state, error)
            where = f"details in {printable(str(self.crash_report))}"
        except OSError:
            where = "no crash report could be written"
        self.exit(
            return_code=70,
            message=(
                f"reader: internal error ({type(error).__name__}); {where}. "
                "Your notes are saved as you make them."
            ),
        )
