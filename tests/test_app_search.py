"""Searching the library from the app, opening hits, and reading two documents at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from app_support import SAMPLE_ID, add_sample, library_listed, text_shown, wait_until
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.text_view import TextView

QUERY = "Inspection"


_OPENED: list[LibraryIndex] = []


@pytest.fixture(autouse=True)
def close_reference_indexes() -> Iterator[None]:
    """Each test's reference indexes are closed after it (their searchers hold files)."""
    yield
    while _OPENED:
        _OPENED.pop().close()


def reference_index(library: Library) -> LibraryIndex:
    """The search API itself, on the index the app built (for comparing)."""
    index = LibraryIndex(library, cache_dir(library.root))
    _OPENED.append(index)
    return index


def status_of(app: ReaderApp) -> str:
    """The search panel's status line, as shown."""
    return str(app.main.side.search.query_one("#search-status", Static).visual)


def answered(app: ReaderApp, query: str) -> bool:
    """Whether the search panel shows the results of `query`."""
    results = app.main.side.search.results
    return results is not None and results.query == query


async def search_for(
    app: ReaderApp, pilot: Pilot[Any], query: str, answer: bool | None = True
) -> None:
    """Press s, type the query and Enter (which searches at once), and wait for the
    results (`answer`), or for a reason given instead of results (False), or either."""
    main = app.main
    await wait_until(pilot, lambda: main.index is not None, "the index built at startup")
    await pilot.press("s", *query, "enter")

    def done() -> bool:
        if answer is not False and answered(app, query):
            return True
        return answer is not True and main.side.search.results is None and bool(status_of(app))

    await wait_until(pilot, done, f"the search for {query!r} answered")


async def test_results_are_grouped_as_the_search_api_returns_them(library: Library) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, QUERY)
        panel = app.main.side.search
        expected = reference_index(library).search(QUERY)
        assert expected.total_hits > 0
        assert panel.results == expected
        assert panel.hits() == [h for d in expected.documents for h in d.hits]
        # One header per document (with its count), then its hits.
        hits = panel.query_one("#search-hits", OptionList)
        headers = [
            str(hits.get_option_at_index(i).prompt)
            for i in range(hits.option_count)
            if hits.get_option_at_index(i).disabled
        ]
        assert len(headers) == len(expected.documents)
        for header, doc in zip(headers, expected.documents, strict=True):
            assert doc.title in header and f"{doc.hit_count} hit" in header
        await wait_until(pilot, lambda: app.focused is hits, "Enter moved to the first hit")


async def test_enter_on_a_hit_opens_it_at_its_offset_with_terms_highlighted(
    library: Library,
) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, QUERY)
        hits = app.main.side.search.query_one("#search-hits", OptionList)
        await wait_until(pilot, lambda: app.focused is hits, "the first hit focused")
        hit = app.main.side.search.hits()[0]
        await pilot.press("enter")
        await wait_until(pilot, text_shown(app, hit.doc_id), "the hit's document")
        view = app.main.reading.active
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        await wait_until(
            pilot, lambda: view.highlights("current") == [(hit.start, hit.end)], "the hit marked"
        )
        assert view.top_offset <= hit.start < view.top_offset + 600
        terms = sorted(reference_index(library).terms_in(hit.doc_id, QUERY))
        assert terms
        await wait_until(pilot, lambda: view.highlights("search") == terms, "the terms marked")
        # n walks to the next occurrence of the terms.
        await pilot.press("n")
        following = next(t for t in terms if t[0] > hit.start)
        await wait_until(pilot, lambda: view.highlights("current") == [following], "the next")


async def test_did_you_mean_is_offered(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, "trotzky")
        expected = reference_index(library).search("trotzky")
        panel = app.main.side.search
        hits = panel.query_one("#search-hits", OptionList)
        if expected.suggestion:
            first = hits.get_option_at_index(0)
            assert expected.suggestion in str(first.prompt)
            hits.focus()
            hits.highlighted = 0
            await wait_until(pilot, lambda: app.focused is hits, "the suggestion focused")
            await pilot.press("enter")
            suggestion = expected.suggestion
            await wait_until(pilot, lambda: panel.query_text == suggestion, "the suggestion")


async def test_a_search_while_the_index_is_built_says_so_then_answers(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        # Before the index worker reports, the query waits and the panel says why.
        main = app.main
        main.index = None
        await pilot.press("s", *QUERY, "enter")
        if main.index is None:
            assert "being built" in status_of(app)
        await wait_until(pilot, lambda: answered(app, QUERY), "the waiting query answered")


async def test_a_query_the_index_cannot_read_is_reported_in_the_panel(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, 'title:"unclosed AND (', answer=None)
        # Either the search reads it leniently or the panel says what is wrong; no crash.
        assert app.is_running
        assert not [n for n in app.notices if n.title == "internal error"]


async def test_split_view_shows_two_documents_with_their_own_positions(library: Library) -> None:
    add_sample(library)
    first_id = next(i for i in library.ids() if i != SAMPLE_ID)
    app = create_app(library, open_id=first_id)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(pilot, text_shown(app, first_id), "the first text")
        main = app.main
        main.open_document(SAMPLE_ID, None, beside=True)
        await wait_until(pilot, lambda: main.reading.split, "the split")
        one, two = main.reading.views
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample beside")
        assert one.document is not None and one.document.id == first_id
        assert two.document is not None and two.document.id == SAMPLE_ID
        await wait_until(pilot, lambda: app.focused is two, "the second view focused")
        await pilot.press("pagedown", "pagedown")
        await wait_until(pilot, lambda: two.top_offset > 0, "the second view paged down")
        assert one.top_offset == 0
        title = library.load(SAMPLE_ID).title
        await wait_until(pilot, lambda: main.status.where_text.startswith(title), "its title")
        # Search highlights apply to both documents.
        await search_for(app, pilot, QUERY)
        await pilot.press("escape")
        hit = next(h for h in main.side.search.hits() if h.doc_id == SAMPLE_ID)
        main.search_query = QUERY
        main.open_document(hit.doc_id, hit.start)
        index = reference_index(library)
        for view in (one, two):
            document = view.document
            assert document is not None
            expected = sorted(index.terms_in(document.id, QUERY))

            def marked(view: TextView = view, expected: list[Any] = expected) -> bool:
                return view.highlights("search") == expected

            await wait_until(pilot, marked, f"the terms marked in {document.id}")
        await wait_until(pilot, lambda: app.focused is main.reading.active, "a text focused")
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: not main.reading.split, "the split closed")
        assert not two.display


async def test_v_in_the_library_opens_beside(library: Library) -> None:
    ids = library.ids()
    app = create_app(library, open_id=ids[0])
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(pilot, text_shown(app, ids[0]), "the first text")
        await wait_until(pilot, library_listed(app, len(ids)), "the library listed")
        main = app.main
        pane = main.library_pane
        pane.table.focus()
        await wait_until(pilot, lambda: pane.table.has_focus, "the library focused")
        pane.table.move_cursor(row=pane.table.get_row_index(ids[1]))
        await pilot.press("v")
        await wait_until(pilot, lambda: main.reading.split, "the split")
        one, two = main.reading.views
        await wait_until(pilot, lambda: two.document is not None, "the second document")
        assert one.document is not None and one.document.id == ids[0]
        assert two.document is not None and two.document.id == ids[1]


async def test_a_broken_glossary_is_reported_and_the_search_still_answers(
    library: Library,
) -> None:
    library.glossary_path.write_text('[[term]]\nvariants = ["Rabkrin", \n', encoding="utf-8")
    before = library.glossary_path.read_bytes()
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, "Rabkrin")
        panel = app.main.side.search
        assert panel.results is not None and panel.results.total_hits > 0
        status = str(panel.query_one("#search-status", Static).render())
        assert "Warning:" in status and "glossary.toml" in status
    assert library.glossary_path.read_bytes() == before


async def test_an_index_that_cannot_be_written_is_said_and_searches_still_answer(
    library: Library,
) -> None:
    add_sample(library)
    index = reference_index(library)
    index.update()
    (index.root / "write.lock").unlink(missing_ok=True)
    (index.root / "write.lock").mkdir()  # an update can no longer take the lock
    path = library.text_path(SAMPLE_ID)
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, QUERY)
        await wait_until(
            pilot,
            lambda: "Search index not updated" in [n.title for n in app.notices],
            "the notice",
        )
        results = app.main.side.search.results
        assert results is not None and results.total_hits > 0
        assert any("last indexed state" in w for w in results.warnings)
