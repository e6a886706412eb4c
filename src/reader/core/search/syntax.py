"""Query syntax errors said plainly, with where in the query they are.

Whoosh's parser is lenient: `date:[1920 TO` becomes a search for the words "[1920" and
"to", which finds nothing and says nothing. Before a query is run, `check_query` looks
for what the query language cannot mean (see `query` for the language): a range not
closed with "]" or missing a bound, an unbalanced parenthesis, an operator with nothing
on one side, a comparison with no value. It returns a `QuerySyntaxError` (a
UsageError) whose `position` is the character of the query it is about, or None.
An unclosed quote is not an error: the query closes it at the end.
"""

from __future__ import annotations

import re

from reader.core.errors import UsageError

_OPERATOR = re.compile(r"(?<![\w:])(AND|OR|NOT)(?![\w:])")
_RANGE = re.compile(r"(\w+):\[")
_COMPARISON = re.compile(r"(\w+):([<>]=?)(?=\s|$|\))")
_QUOTED = re.compile(r'"[^"]*"?')


class QuerySyntaxError(UsageError):
    """A query the language cannot read; `position` is where in `query` it goes wrong."""

    def __init__(self, message: str, query: str, position: int) -> None:
        super().__init__(message)
        self.query = query
        self.position = position

    def pointer(self) -> str:
        """The query with a caret line under the place of the error."""
        return f"{self.query}\n{' ' * self.position}^"


def _blank_quotes(query: str) -> str:
    """The query with the inside of quoted phrases blanked (syntax there is literal)."""
    return _QUOTED.sub(lambda m: '"' + " " * (len(m.group()) - 1), query)


def check_query(query: str) -> QuerySyntaxError | None:
    """The first syntax error of `query`, or None (see the module docstring)."""
    text = _blank_quotes(query)
    for check in (_ranges, _parentheses, _operators, _comparisons):
        problem = check(text)
        if problem is not None:
            message, position = problem
            return QuerySyntaxError(
                f"query error at character {position + 1}: {message}", query, position
            )
    return None


def _ranges(text: str) -> tuple[str, int] | None:
    for match in _RANGE.finditer(text):
        field, start = match.group(1), match.end() - 1
        close = text.find("]", start)
        if close < 0:
            return f'the range "{text[start:].strip()}" of {field}: is not closed with "]"', start
        parts = text[start + 1 : close].split()
        if "TO" not in parts:
            return f'a range needs "TO" between its bounds, as in {field}:[1920 TO 1923]', start
        if parts in (["TO"],):
            return f"the range of {field}: needs at least one bound", start
    return None


def _parentheses(text: str) -> tuple[str, int] | None:
    opened: list[int] = []
    for position, char in enumerate(text):
        if char == "(":
            opened.append(position)
        elif char == ")":
            if not opened:
                return '")" closes nothing: there is no "(" before it', position
            opened.pop()
    if opened:
        return '"(" is not closed with ")"', opened[-1]
    return None


def _operators(text: str) -> tuple[str, int] | None:
    matches = list(_OPERATOR.finditer(text))
    for match in matches:
        word, start, end = match.group(1), match.start(), match.end()
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        if not after or after.startswith(")"):
            return f"{word} needs a word after it", start
        if word != "NOT" and (not before or before.endswith("(")):
            return f"{word} needs a word before it", start
        following = _OPERATOR.match(after)
        if following and following.group(1) != "NOT":
            return f"{word} is followed by another operator, {following.group(1)}", start
    return None


def _comparisons(text: str) -> tuple[str, int] | None:
    match = _COMPARISON.search(text)
    if match:
        return f"{match.group(1)}:{match.group(2)} needs a value, as in date:>1921", match.start()
    return None
