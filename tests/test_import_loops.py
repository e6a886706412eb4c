"""No import loop among the app's modules, lazy imports (inside functions) included.

A loop through imports made inside functions works until the day one of them moves to
the top of its module; it also means no module can be read on its own. The graph is
built by grimp (import-linter's engine) from every import, wherever it is written,
except those under `if TYPE_CHECKING:` (never run). The core (documents, annotations,
search), the app, its screens, widgets and palette, the command line and its commands
are checked.
"""

from __future__ import annotations

import grimp

CHECKED = ("reader.core", "reader.ui", "reader.cli", "reader.commands")


def loops(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group: list[str] = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_the_core_the_app_and_the_command_line_have_no_import_loop() -> None:
    graph = grimp.build_graph("reader", cache_dir=None, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if m.startswith(CHECKED)}
    assert len(modules) > 50  # the graph holds the app, not an empty package
    assert loops(graph, modules) == []


def test_a_loop_is_found_when_there_is_one() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c", "d"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert loops(graph, {"a", "b", "c", "d"}) == [["a", "b", "c"]]
