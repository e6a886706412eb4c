"""Search results as a researcher reads and walks them, driven through the real app.

Whole sentences wrapped in a wide panel, one entry per sentence with every match
marked, counts that add up, "+ N more" in place, highlights and notes told apart by
their mark, the concordance, n and N across documents with Ctrl+O back, honest
messages, past and saved searches, and keys typed before the field is ready.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib

from app_support import screen_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.cli import main as cli_main
from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.ui.app import ReaderApp, create_app
from reader.ui.widgets.search_panel import SearchPanel

RABKRIN_HITS = 25
"""Hits of "Rabkrin" (with its glossary variants) in the bundled library."""


async def settle(app: ReaderApp, pilot: Pilot[int]) -> None:
    """Wait for every worker and the messages they posted."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def search(app: ReaderApp, pilot: Pilot[int], query: str) -> SearchPanel:
    """Open the search, put `query` in the field and press Enter; wait for the results."""
    await settle(app, pilot)
    await pilot.press("s")
    panel = app.main.side.search
    panel.focus_field(query)
    await pilot.pause()
    await pilot.press("enter")
    await settle(app, pilot)
    return panel


def panel_lines(app: ReaderApp) -> list[str]:
    """The lines of the results list as the user reads them."""
    hits = app.main.side.search.query_one("#search-hits", OptionList)
    x, y, width, height = hits.region
    return [line[x : x + width] for line in screen_text(app).splitlines()[y : y + height]]


def panel_words(app: ReaderApp) -> str:
    """The visible results as one run of words (lines joined, marks removed)."""
    return " ".join(" ".join(line.replace("▍", " ").split()) for line in panel_lines(app))


def status(app: ReaderApp) -> str:
    return str(app.main.side.search.query_one("#search-status").render())


def index_of(library: Library) -> LibraryIndex:
    return LibraryIndex(library, cache_dir(library.root))


async def test_whole_sentences_in_a_wide_panel_one_entry_per_sentence(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        assert panel.results is not None
        # The results get the room: most of the width of the screen.
        assert app.main.side.size.width >= 70
        words = panel_words(app)
        shown = [e for item in panel.grouped for e in item.sentences][:6]
        checked = 0
        for entry in shown:
            sentence = " ".join(entry.text.split())
            head, tail = " ".join(sentence.split()[:4]), " ".join(sentence.split()[-4:])
            if head in words and tail in words:  # on screen: shown whole, never cut
                assert sentence in words, sentence
                checked += 1
        assert checked >= 3
        # Two matches in one sentence are one entry with both marked.
        spans = {e.text: e for item in panel.grouped for e in item.sentences}
        attacks = next(t for t in spans if t.startswith("Trotsky's attacks on Rabkrin"))
        assert len(spans[attacks].marks) == 2
        texts = [e.text for item in panel.grouped for e in item.sentences]
        assert len(texts) == len(set(texts))
        # Counts add up: the documents' counts, the hits listed and the count line.
        total = sum(item.result.hit_count for item in panel.grouped)
        assert total == RABKRIN_HITS == panel.results.total_hits == len(panel.hits())
        sentences = sum(len(item.sentences) for item in panel.grouped)
        assert status(app).startswith(
            f"{RABKRIN_HITS} hits in {sentences} sentences in 3 documents."
        )
        # No entry carries a "text" label: the kind is a coloured mark.
        assert not any(line.lstrip("│ ").startswith("text ") for line in panel_lines(app))


async def test_more_expands_in_place(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Stalin")
        item = next(i for i in panel.grouped if len(i.sentences) > 10)
        hits = panel.query_one("#search-hits", OptionList)
        ids = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        more = next(i for i in ids if i and i.startswith("more-"))
        hidden = len(item.sentences) - 10
        prompt = str(hits.get_option(more).prompt)
        assert f"+ {hidden} more sentence" in prompt
        hits.focus()
        hits.highlighted = ids.index(more)
        await pilot.press("enter")
        await pilot.pause()
        ids = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        d = panel.grouped.index(item)
        assert f"more-{d}" not in ids
        assert len([i for i in ids if i and i.startswith(f"s-{d}-")]) == len(item.sentences)


async def test_highlights_and_notes_are_told_apart_by_their_mark(library: Library) -> None:
    doc = "cliff-1990-trotsky-and-the-triumvirate"
    note = ["notes", "add", doc, "--quote", "Rabkrin", "--note", "appended on purpose"]
    assert cli_main(["--library", str(library.root), *note]) == 0
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "appended")
        # A note matched: no "did you mean", and the count line says what was found.
        assert panel.note_hits
        assert "Did you mean" not in panel_words(app)
        assert "1 highlight or note" in status(app)
        assert "✎" in "\n".join(panel_lines(app))


async def test_the_concordance_aligns_sorts_and_exports(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        await pilot.press("c")
        assert panel.concordance
        # One line per hit, every match starting in the same column.
        rows = panel_lines(app)[1:]  # under the header line
        kwic = panel.sorted_kwic()
        assert len(kwic) == RABKRIN_HITS
        column = rows[0].index(kwic[0].match)
        assert column > 20
        for row, line in zip(rows, kwic, strict=False):
            assert row[column : column + len(line.match)] == line.match, row
        await pilot.press("o")  # by the words to the left, nearest first
        assert panel.kwic_sort == "left"
        lefts = [(re.findall(r"\w+", k.left) or [""])[-1].casefold() for k in panel.sorted_kwic()]
        assert lefts == sorted(lefts)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the default path in the library's exports/
        await pilot.pause()
        written = list((library.root / "exports").glob("concordance-*.csv"))
        assert len(written) == 1
        table = list(csv.reader(io.StringIO(written[0].read_text(encoding="utf-8"))))
        assert table[0][:2] == ["document", "place"]
        assert len(table) == RABKRIN_HITS + 1
        await pilot.press("c")
        assert not panel.concordance


async def test_n_walks_every_hit_across_documents_and_ctrl_o_goes_back(
    library: Library,
) -> None:
    start_doc = "alliance-trotsky-in-the-civil-war-1"
    app = create_app(library, open_id=start_doc, at=2000)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.main.reading.active
        await settle(app, pilot)
        start_place = view.focus_offset
        panel = await search(app, pilot, "Rabkrin")
        assert panel.results is not None
        expected = [
            (d.doc_id, h.start)
            for d in panel.results.documents
            for h in sorted(d.hits, key=lambda h: h.start)
        ]
        await pilot.press("enter")  # the first hit of the first document
        await settle(app, pilot)
        seen = []
        for number in range(RABKRIN_HITS):
            view = app.main.reading.active
            assert view.document is not None
            current = view.highlights("current")
            seen.append((view.document.id, current[0][0]))
            assert app.main.status.walk_text.startswith(f"hit {number + 1} of {RABKRIN_HITS} · ")
            if number < RABKRIN_HITS - 1:
                await pilot.press("n")
                await settle(app, pilot)
        assert seen == expected
        assert app.main.status.walk_text.endswith("document 3 of 3")
        await pilot.press("N")
        await settle(app, pilot)
        assert app.main.status.walk_text.startswith(f"hit {RABKRIN_HITS - 1} of")
        # Walking is not jumping: Ctrl+O goes back to where the search started.
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        view = app.main.reading.active
        assert view.document is not None and view.document.id == start_doc
        assert view.focus_offset == start_place


async def test_a_chosen_hit_is_shown_a_third_of_the_way_down(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        hit = panel.hits()[5]
        row = next(i for i, h in enumerate(panel.hits()) if h is hit)
        hits = panel.query_one("#search-hits", OptionList)
        key = next(k for k, t in panel._targets.items() if getattr(t, "hits", (None,))[0] is hit)
        hits.focus()
        hits.highlighted = hits.get_option_index(key)
        assert row == 5
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.main.reading.active
        layout = view.text_layout
        assert layout is not None
        line = layout.line_at(hit.start) - int(view.scroll_offset.y)
        assert line == view.scrollable_content_region.height // 3


async def test_honest_messages(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "author:cliff")
        assert status(app) == "1 document by cliff."
        panel = await search(app, pilot, "date:[1920 TO")
        assert "query error at character 6" in status(app)
        assert "is not closed" in status(app)
        assert panel.results is None
        panel = await search(app, pilot, "Rabkrim")
        assert panel.results is not None and not panel.results.documents
        suggestion = panel.results.suggestion
        assert suggestion and "Did you mean" in panel_words(app)
        panel.focus_field()
        await pilot.press("enter")  # one key takes the suggestion
        await settle(app, pilot)
        assert panel.query_text == suggestion
        assert panel.results is not None and panel.results.total_hits > 0


async def test_past_and_saved_searches(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        await pilot.press("enter")  # open the first hit: the query is kept
        await settle(app, pilot)
        panel = await search(app, pilot, "Georgia")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("s")
        panel.focus_field("")
        await pilot.press("up")
        assert panel.query_text == "Georgia"
        await pilot.press("up")
        assert panel.query_text == "Rabkrin"
        await pilot.press("down", "down")
        assert panel.query_text == ""
        panel.focus_field("Rabkrin OR RKI")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"rk", "enter")
        await pilot.pause()
    saved = tomllib.loads((app.folders.state / "searches.toml").read_text(encoding="utf-8"))
    assert saved["history"][-2:] == ["Rabkrin", "Georgia"]
    assert saved["saved"] == {"rk": "Rabkrin OR RKI"}


async def test_keys_typed_before_the_field_is_ready_are_kept(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        # No waiting: the index is still being built and the panel not yet shown.
        await pilot.press("s", *"Rabkrin")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        panel = app.main.side.search
        assert panel.query_one("#search-input", Input).value == "Rabkrin"
        assert panel.results is not None and panel.results.total_hits == RABKRIN_HITS


async def test_greater_than_widens_the_side_panel_from_the_text(library: Library) -> None:
    app = create_app(library, open_id="cliff-1990-trotsky-and-the-triumvirate")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.press("escape")  # back to the text
        before = app.main.side.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.main.side.outer_size.width > before
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert app.main.side.outer_size.width < before


async def test_a_saved_search_reruns_from_the_palette(library: Library) -> None:
    from reader.core.searches import Searches

    app = create_app(library)
    Searches.in_folder(app.folders.state).save_as("rk", "Rabkrin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"@rk")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("enter")  # search now (the field has the saved query)
        await settle(app, pilot)
        panel = app.main.side.search
        assert panel.query_text == "Rabkrin"
        assert panel.results is not None and panel.results.total_hits == RABKRIN_HITS
