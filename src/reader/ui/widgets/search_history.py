"""Walking past queries in the search field with Up and Down, as a shell does.

Up shows the query before the one shown (the first Up keeps what was being typed, so
Down past the newest gives it back); typing leaves the walk. The queries themselves are
kept per library by the screen (`reader.core.searches`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class QueryHistory:
    """Past queries (oldest first) and where Up/Down are among them."""

    queries: list[str] = field(default_factory=list)
    _position: int | None = None
    _draft: str = ""
    _shown: str | None = None

    def back(self, typed: str) -> str | None:
        """The query before the one shown (None at the oldest)."""
        if not self.queries:
            return None
        if self._position is None:
            self._draft = typed
            position = len(self.queries)
        else:
            position = self._position
        # Skip a past query equal to what is typed: Up must change something.
        while position > 0 and self.queries[position - 1] == typed:
            position -= 1
        if position == 0:
            return None
        self._position = position - 1
        self._shown = self.queries[self._position]
        return self._shown

    def forward(self) -> str | None:
        """The query after the one shown, then what was typed (None when not walking)."""
        if self._position is None:
            return None
        self._position += 1
        if self._position >= len(self.queries):
            self._position = None
            self._shown = self._draft
            return self._draft
        self._shown = self.queries[self._position]
        return self._shown

    def edited(self, value: str) -> None:
        """The field changed: typing (not a query Up/Down put there) ends the walk."""
        if value != self._shown:
            self._position = None
            self._shown = None
