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
from collections.abc import Callable

from app_support import (
    focused,
    palette_choices,
    screen_text,
    shown_at_jump_row,
    text_shown,
    wait_until,
)
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.cli import main as cli_main
from reader.core.library import Library
from reader.core.paths import cache_dir
from reader.core.search import LibraryIndex
from reader.ui.app import ReaderApp, create_app
from reader.ui.screens.export_prompt import ExportPrompt
from reader.ui.screens.name_prompt import NamePrompt
from reader.ui.widgets.search_panel import SearchPanel

RABKRIN_HITS = 25
"""Hits of "Rabkrin" (with its glossary variants) in the bundled library."""


def answered(app: ReaderApp, query: str) -> bool:
    """Whether the panel shows the results of `query`, or why it has none."""
    panel = app.main.side.search
    if panel.results is not None:
        return panel.results.query == query
    return "query error" in status(app)


async def search(app: ReaderApp, pilot: Pilot[int], query: str) -> SearchPanel:
    """Open the search, put `query` in the field and press Enter; wait for the results."""
    main = app.main
    await wait_until(pilot, lambda: main.index is not None, "the index built at startup")
    await pilot.press("s")
    panel = main.side.search
    panel.focus_field(query)
    field = panel.query_one("#search-input", Input)
    await wait_until(pilot, lambda: field.has_focus and field.value == query, "the query")
    await pilot.press("enter")
    await wait_until(pilot, lambda: answered(app, query), f"the results of {query!r}")
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
        await wait_until(pilot, lambda: app.focused is hits, "the list focused")
        await pilot.press("enter")
        d = panel.grouped.index(item)

        def keys() -> list[str | None]:
            return [hits.get_option_at_index(i).id for i in range(hits.option_count)]

        await wait_until(pilot, lambda: f"more-{d}" not in keys(), "the rest shown in place")
        ids = keys()
        assert len([i for i in ids if i and i.startswith(f"s-{d}-")]) == len(item.sentences)


async def test_highlights_and_notes_are_told_apart_by_their_mark(library: Library) -> None:
    doc = "cliff-1990-trotsky-and-the-triumvirate"
    note = ["notes", "add", doc, "--quote", "Rabkrin", "--note", "appended on purpose"]
    assert cli_main(["--library", str(library.root), *note]) == 0
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "appended")
        # A note matched: no "did you mean", and the count line says what was found.
        await wait_until(pilot, lambda: bool(panel.note_hits), "the note among the hits")
        await wait_until(pilot, lambda: "✎" in "\n".join(panel_lines(app)), "the note drawn")
        assert "Did you mean" not in panel_words(app)
        assert "1 highlight or note" in status(app)
        assert "✎" in "\n".join(panel_lines(app))


async def test_the_concordance_aligns_sorts_and_exports(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        await pilot.press("c")
        await wait_until(pilot, lambda: panel.concordance, "the concordance")
        kwic_first = panel.sorted_kwic()[0].match
        await wait_until(pilot, lambda: kwic_first in "".join(panel_lines(app)), "it drawn")
        # One line per hit, every match starting in the same column.
        rows = panel_lines(app)[1:]  # under the header line
        kwic = panel.sorted_kwic()
        assert len(kwic) == RABKRIN_HITS
        column = rows[0].index(kwic[0].match)
        assert column > 20
        for row, line in zip(rows, kwic, strict=False):
            assert row[column : column + len(line.match)] == line.match, row
        await pilot.press("o")  # by the words to the left, nearest first
        await wait_until(pilot, lambda: panel.kwic_sort == "left", "sorted by the left")
        lefts = [(re.findall(r"\w+", k.left) or [""])[-1].casefold() for k in panel.sorted_kwic()]
        assert lefts == sorted(lefts)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportPrompt), "the path prompt")
        await pilot.press("enter")  # the default path in the library's exports/
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportPrompt), "written")
        written = list((library.root / "exports").glob("concordance-*.csv"))
        assert len(written) == 1
        table = list(csv.reader(io.StringIO(written[0].read_text(encoding="utf-8"))))
        assert table[0][:2] == ["document", "place"]
        assert len(table) == RABKRIN_HITS + 1
        await pilot.press("c")
        await wait_until(pilot, lambda: not panel.concordance, "the sentences again")


async def test_n_walks_every_hit_across_documents_and_ctrl_o_goes_back(
    library: Library,
) -> None:
    start_doc = "alliance-trotsky-in-the-civil-war-1"
    app = create_app(library, open_id=start_doc, at=2000)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.main.reading.active
        await wait_until(pilot, text_shown(app, start_doc), "the text")
        await wait_until(pilot, lambda: view.top_offset > 0, "the place asked for")
        start_place = view.focus_offset
        panel = await search(app, pilot, "Rabkrin")
        assert panel.results is not None
        expected = [
            (d.doc_id, h.start)
            for d in panel.results.documents
            for h in sorted(d.hits, key=lambda h: h.start)
        ]
        hits = panel.query_one("#search-hits", OptionList)
        await wait_until(pilot, lambda: app.focused is hits, "the first hit focused")
        await pilot.press("enter")  # the first hit of the first document
        status_bar = app.main.status

        def walk_says(text: str) -> Callable[[], bool]:
            return lambda: status_bar.walk_text.startswith(text)

        def marked() -> bool:
            return bool(app.main.reading.active.highlights("current"))

        seen = []
        for number in range(1, RABKRIN_HITS + 1):
            walked = f"hit {number} of {RABKRIN_HITS} · "
            await wait_until(pilot, walk_says(walked), walked)
            await wait_until(pilot, marked, "the hit marked")
            view = app.main.reading.active
            assert view.document is not None
            seen.append((view.document.id, view.highlights("current")[0][0]))
            if number < RABKRIN_HITS:
                await pilot.press("n")
        assert seen == expected
        assert status_bar.walk_text.endswith("document 3 of 3")
        await pilot.press("N")
        await wait_until(
            pilot,
            lambda: status_bar.walk_text.startswith(f"hit {RABKRIN_HITS - 1} of"),
            "one hit back",
        )
        # Walking is not jumping: Ctrl+O goes back to where the search started.
        await pilot.press("ctrl+o")
        await wait_until(pilot, text_shown(app, start_doc), "the first text again")
        view = app.main.reading.active
        await wait_until(pilot, lambda: view.focus_offset == start_place, "the place left")


async def test_a_chosen_hit_is_shown_a_third_of_the_way_down(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await search(app, pilot, "Rabkrin")
        hit = panel.hits()[5]
        # The list's entry whose sentence starts with the hit (entries are s-<doc>-<n>).
        key = next(
            f"s-{d}-{n}"
            for d, item in enumerate(panel.grouped)
            for n, entry in enumerate(item.sentences)
            if entry.hits[0] is hit
        )
        hits = panel.query_one("#search-hits", OptionList)
        hits.focus()
        hits.highlighted = hits.get_option_index(key)
        await wait_until(pilot, lambda: app.focused is hits, "the list focused")
        await pilot.press("enter")
        await wait_until(pilot, text_shown(app, hit.doc_id), "the hit's text")
        view = app.main.reading.active
        await wait_until(pilot, lambda: shown_at_jump_row(view, hit.start), "the hit a third down")


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
        field = panel.query_one("#search-input", Input)
        await wait_until(pilot, lambda: field.has_focus, "the field focused")
        await pilot.press("enter")  # one key takes the suggestion
        await wait_until(pilot, lambda: answered(app, suggestion), "the suggestion's results")
        assert panel.query_text == suggestion
        assert panel.results is not None and panel.results.total_hits > 0


async def test_past_and_saved_searches(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        for query in ("Rabkrin", "Georgia"):
            panel = await search(app, pilot, query)
            hits = panel.query_one("#search-hits", OptionList)
            await wait_until(pilot, focused(app, hits), "the first hit focused")
            await pilot.press("enter")  # open the first hit: the query is kept
            await wait_until(pilot, focused(app, app.main.reading.active), "the hit open")
        await pilot.press("s")
        panel.focus_field("")
        field = panel.query_one("#search-input", Input)
        await wait_until(pilot, lambda: field.has_focus, "the field focused")
        await pilot.press("up")
        await wait_until(pilot, lambda: panel.query_text == "Georgia", "the last search")
        await pilot.press("up")
        await wait_until(pilot, lambda: panel.query_text == "Rabkrin", "the one before")
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: panel.query_text == "", "an empty field again")
        panel.focus_field("Rabkrin OR RKI")
        await wait_until(pilot, lambda: field.value == "Rabkrin OR RKI", "the query")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NamePrompt), "the name prompt")
        await pilot.press(*"rk", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, NamePrompt), "named")
        searches = app.folders.state / "searches.toml"
        await wait_until(pilot, lambda: "rk" in searches.read_text(encoding="utf-8"), "saved")
    saved = tomllib.loads(searches.read_text(encoding="utf-8"))
    assert saved["history"][-2:] == ["Rabkrin", "Georgia"]
    assert saved["saved"] == {"rk": "Rabkrin OR RKI"}


async def test_keys_typed_before_the_field_is_ready_are_kept(library: Library) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        # No waiting: the index is still being built and the panel not yet shown.
        await pilot.press("s", *"Rabkrin")
        panel = app.main.side.search
        field = panel.query_one("#search-input", Input)
        await wait_until(pilot, lambda: field.value == "Rabkrin", "every key kept")
        await wait_until(pilot, lambda: field.has_focus, "the field focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: answered(app, "Rabkrin"), "the results")
        assert field.value == "Rabkrin"
        assert panel.results is not None and panel.results.total_hits == RABKRIN_HITS


async def test_greater_than_widens_the_side_panel_from_the_text(library: Library) -> None:
    app = create_app(library, open_id="cliff-1990-trotsky-and-the-triumvirate")
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_until(pilot, text_shown(app), "the text")
        view = app.main.reading.active
        await pilot.press("t")
        contents = app.main.side.contents
        await wait_until(pilot, lambda: contents.has_focus, "the contents focused")
        await pilot.press("escape")  # back to the text
        await wait_until(pilot, lambda: app.focused is view, "the text focused")
        side = app.main.side
        before = side.outer_size.width
        await pilot.press("greater_than_sign")
        await wait_until(pilot, lambda: side.outer_size.width > before, "the panel wider")
        await pilot.press("less_than_sign", "less_than_sign")
        await wait_until(pilot, lambda: side.outer_size.width < before, "the panel narrower")


async def test_a_saved_search_reruns_from_the_palette(library: Library) -> None:
    from reader.core.searches import Searches

    app = create_app(library)
    Searches.in_folder(app.folders.state).save_as("rk", "Rabkrin")
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main
        await wait_until(pilot, lambda: main.index is not None, "the index built at startup")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"@rk")
        await wait_until(
            pilot, lambda: any("Rabkrin" in c for c in palette_choices(app)[:1]), "the search"
        )
        await pilot.press("enter")
        panel = main.side.search
        field = panel.query_one("#search-input", Input)
        await wait_until(pilot, lambda: field.value == "Rabkrin", "the saved query")
        await wait_until(pilot, lambda: field.has_focus, "the field focused")
        await pilot.press("enter")  # search now (the field has the saved query)
        await wait_until(pilot, lambda: answered(app, "Rabkrin"), "the results")
        assert panel.results is not None and panel.results.total_hits == RABKRIN_HITS


async def test_a_word_typed_in_the_palette_searches_before_commands_it_scatters_over(
    library: Library,
) -> None:
    app = create_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Rabkrin")
        # "Rabkrin"'s letters are scattered over "Reading view: back to where you were…",
        # which is listed too, but below the search.
        await wait_until(
            pilot,
            lambda: (
                len(palette_choices(app)) > 1
                and palette_choices(app)[0].startswith("Search the library for: Rabkrin")
            ),
            "the search first",
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "closed")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"theme")
        # A command whose name is the word typed comes before searching for it.
        await wait_until(
            pilot,
            lambda: (
                any(c.startswith("Search the library") for c in palette_choices(app))
                and palette_choices(app)[0].startswith("Theme")
            ),
            "the Theme command first",
        )
