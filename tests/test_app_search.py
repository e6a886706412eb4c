"""Searching the library from the app, opening hits, and reading two documents at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_support import SAMPLE_ID, add_sample
from textual.widgets import OptionList, Static

from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.ui.app import ReaderApp, create_app

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


async def search_for(app: ReaderApp, pilot: object, query: str) -> None:
    """Press s, type the query and Enter (which searches at once), wait for the worker."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await app.workers.wait_for_complete()  # the index is built at startup
    await pilot.press("s", *query, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


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
        assert app.focused is hits  # Enter moved to the first hit


async def test_enter_on_a_hit_opens_it_at_its_offset_with_terms_highlighted(
    library: Library,
) -> None:
    add_sample(library)
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, QUERY)
        hit = app.main.side.search.hits()[0]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.main.reading.active
        assert view.document is not None and view.document.id == hit.doc_id
        assert app.focused is view
        assert view.top_offset <= hit.start < view.top_offset + 600
        terms = reference_index(library).terms_in(hit.doc_id, QUERY)
        assert terms and view.highlights("search") == sorted(terms)
        assert view.highlights("current") == [(hit.start, hit.end)]
        # n walks to the next occurrence of the terms.
        before = view.top_offset
        await pilot.press("n")
        await pilot.pause()
        assert view.top_offset >= before


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
            await pilot.press("enter")
            await pilot.pause()
            assert panel.query_text == expected.suggestion


async def test_a_search_while_the_index_is_built_says_so_then_answers(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        # Before the index worker reports, the query waits and the panel says why.
        main = app.main
        main.index = None
        await pilot.press("s", *QUERY, "enter")
        if main.index is None:
            status = main.side.search.query_one("#search-status", Static)
            assert "being built" in str(status.visual)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main.side.search.results is not None
        assert main.side.search.results.query == QUERY


async def test_a_query_the_index_cannot_read_is_reported_in_the_panel(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await search_for(app, pilot, 'title:"unclosed AND (')
        # Either the search reads it leniently or the panel says what is wrong; no crash.
        assert app.is_running
        assert not [n for n in app.notices if n.title == "internal error"]


async def test_split_view_shows_two_documents_with_their_own_positions(library: Library) -> None:
    add_sample(library)
    first_id = next(i for i in library.ids() if i != SAMPLE_ID)
    app = create_app(library, open_id=first_id)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main
        main.open_document(SAMPLE_ID, None, beside=True)
        await pilot.pause()
        one, two = main.reading.views
        assert main.reading.split
        assert one.document is not None and one.document.id == first_id
        assert two.document is not None and two.document.id == SAMPLE_ID
        assert app.focused is two
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert two.top_offset > 0 and one.top_offset == 0
        assert main.status.where_text.startswith(library.load(SAMPLE_ID).title)
        # Search highlights apply to both documents.
        await search_for(app, pilot, QUERY)
        await pilot.press("escape")
        hit = next(h for h in main.side.search.hits() if h.doc_id == SAMPLE_ID)
        main.search_query = QUERY
        main.open_document(hit.doc_id, hit.start)
        await app.workers.wait_for_complete()
        await pilot.pause()
        index = reference_index(library)
        for view in (one, two):
            assert view.document is not None
            expected = sorted(index.terms_in(view.document.id, QUERY))
            assert view.highlights("search") == expected
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert not main.reading.split and not two.display


async def test_v_in_the_library_opens_beside(library: Library) -> None:
    ids = library.ids()
    app = create_app(library, open_id=ids[0])
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main
        pane = main.library_pane
        pane.table.focus()
        pane.table.move_cursor(row=pane.table.get_row_index(ids[1]))
        await pilot.press("v")
        await pilot.pause()
        one, two = main.reading.views
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
        titles = [n.title for n in app._notifications]
        assert "Search index not updated" in titles
        results = app.main.side.search.results
        assert results is not None and results.total_hits > 0
        assert any("last indexed state" in w for w in results.warnings)
