"""Fitting columns and cells to a width: titles first, wrapping before eliding, and
eliding in the middle only when there is truly no room."""

from __future__ import annotations

from reader.core.column_fit import (
    ColumnSpec,
    elide_middle,
    fit_columns,
    fit_parts,
    text_width,
    wrap_cell,
)

TITLE = "Leon Trotsky and the Struggle for Power in Communist Russia, 1921-1923"
AUTHOR = "David William McAloon"
TITLES = [TITLE, "Trotsky and the triumvirate", "Lenin and Trotsky confronting the bureaucracy"]
LIBRARY = [
    ColumnSpec.wrapping("title", TITLES, "Title"),
    ColumnSpec.wrapping("author", [AUTHOR, "Tony Cliff", ""], "Author"),
    ColumnSpec.fixed("read", ["Read", "100%"]),
    ColumnSpec.fixed("last_read", ["Last read", "2026-12-05"]),
    ColumnSpec.fixed("date", ["Date", "2001-04-16"]),
    ColumnSpec.fixed("length", ["Length", "85k"]),
    ColumnSpec.fixed("notes", ["Notes"]),
]


def test_everything_whole_when_it_fits_and_the_title_takes_the_rest() -> None:
    widths = fit_columns(LIBRARY, 200)
    assert list(widths) == [c.key for c in LIBRARY]
    others = {c.key: c.natural for c in LIBRARY[1:]}
    assert {k: widths[k] for k in others} == others
    assert widths["title"] == 200 - sum(others.values()) - 2 * len(LIBRARY)


def test_a_wide_pane_cuts_neither_title_nor_author() -> None:
    # A library pane on a 200-column terminal: every column shows, title and author
    # are wide enough to be wrapped at most once and cut never.
    widths = fit_columns(LIBRARY, 129)
    assert list(widths) == [c.key for c in LIBRARY]
    for text, key in ((TITLE, "title"), (AUTHOR, "author")):
        lines = wrap_cell(text, widths[key])
        assert len(lines) <= 2 and " ".join(lines) == text
    assert sum(widths.values()) + 2 * len(widths) == 129


def test_less_important_columns_make_room_for_the_title() -> None:
    widths = fit_columns(LIBRARY, 76)  # an 80-column pane
    assert list(widths) == ["title", "author", "read"]
    assert widths["title"] > 30
    assert len(wrap_cell(TITLE, widths["title"])) <= 2
    assert sum(widths.values()) + 2 * len(widths) == 76


def test_a_narrow_pane_shows_the_title_alone_wrapped_not_cut() -> None:
    widths = fit_columns(LIBRARY, 32)
    assert widths == {"title": 30}
    lines = wrap_cell(TITLE, 30)
    assert " ".join(lines) == TITLE and all(len(line) <= 30 for line in lines)


def test_no_room_at_all_still_gives_the_first_column_what_there_is() -> None:
    assert fit_columns(LIBRARY, 5) == {"title": 3}
    assert fit_columns([], 80) == {}


def test_a_wrapping_column_needs_the_width_that_wraps_every_cell_at_most_once() -> None:
    title, author = LIBRARY[0], LIBRARY[1]
    assert (title.natural, author.natural) == (len(TITLE), len(AUTHOR))
    assert title.need == 40 and len(wrap_cell(TITLE, title.need)) == 2
    assert author.need == len(AUTHOR)  # short text is never wrapped for other columns
    words = [" ".join(["word"] * 20)]  # 99 cells: two lines of 49, more than 40
    assert ColumnSpec.wrapping("title", words).need == 49
    assert len(wrap_cell(words[0], 48)) == 3
    assert ColumnSpec.wrapping("notes", ["3"], "Notes") == ColumnSpec("notes", 5, 5, 5)


def test_at_28_cells_the_title_takes_three_lines_and_is_not_elided() -> None:
    # The pane's inner width of 30 less the table's cell padding: 28 cells for the text.
    assert fit_columns(LIBRARY[:1], 30) == {"title": 28}
    assert wrap_cell(TITLE, 28) == [
        "Leon Trotsky and the",
        "Struggle for Power in",
        "Communist Russia, 1921-1923",
    ]


def test_reading_progress_shows_beside_the_title_before_the_rest() -> None:
    # The library's order of importance: the title, how far and when it was read, then
    # the rest; the title wraps onto more lines (never cut) for the progress only.
    by_importance = [LIBRARY[0], LIBRARY[2], LIBRARY[3], LIBRARY[1], *LIBRARY[4:]]
    essential = {"read", "last_read"}
    widths = fit_columns(by_importance, 49, essential=essential)  # an 80x24 library
    assert list(widths) == ["title", "read", "last_read"]
    assert sum(widths.values()) + 2 * len(widths) == 49
    lines = wrap_cell(TITLE, widths["title"])
    assert len(lines) == 3 and " ".join(lines) == TITLE
    widths = fit_columns(by_importance, 32, essential=essential)  # beside a text
    assert list(widths) == ["title", "read"]
    lines = wrap_cell(TITLE, widths["title"])
    assert len(lines) == 4 and " ".join(lines).replace("- ", "-") == TITLE  # after a dash
    # Without the progress being essential, the title would keep the pane to itself.
    assert list(fit_columns(by_importance, 32)) == ["title"]


def test_the_title_wraps_more_only_for_an_essential_column() -> None:
    title = LIBRARY[0]
    assert len(wrap_cell(TITLE, title.least)) == 4 and title.least < title.need
    author = ColumnSpec.wrapping("author", [AUTHOR])
    # The author (not essential) never makes the title wrap beyond two lines.
    widths = fit_columns([title, LIBRARY[2], author], 40, essential={"read"})
    assert list(widths) == ["title", "read"]
    # A word is never cut to make room: the least width holds the longest word.
    assert ColumnSpec.wrapping("title", ["Bureaucratisation of the state"]).least == 17


def test_short_texts_need_only_their_width() -> None:
    short = [ColumnSpec.wrapping("title", ["Cliff"]), ColumnSpec.wrapping("author", ["Tony"])]
    assert fit_columns(short, 17) == {"title": 9, "author": 4}


def test_wrapping_breaks_at_spaces_and_cuts_only_words_wider_than_the_column() -> None:
    assert wrap_cell("Trotsky and the triumvirate", 12) == ["Trotsky and", "the", "triumvirate"]
    assert wrap_cell("Bureaucratisation", 6) == ["Bureau", "cratis", "ation"]
    assert wrap_cell("", 6) == [""]


def test_a_text_too_long_for_its_lines_is_elided_in_the_middle() -> None:
    lines = wrap_cell(TITLE, 12, max_lines=2)
    assert len(lines) == 2 and all(len(line) <= 12 for line in lines)
    joined = " ".join(lines)
    assert joined.startswith("Leon") and joined.endswith("1923") and "…" in joined


def test_eliding_on_one_line_keeps_the_start_and_the_end() -> None:
    assert elide_middle("Trotsky and the triumvirate", 40) == "Trotsky and the triumvirate"
    short = elide_middle("Trotsky and the triumvirate", 15)
    assert short.startswith("Trotsky") and short.endswith("virate") and "…" in short
    assert text_width(short) <= 15
    assert elide_middle("anything", 0) == ""


def test_wide_characters_count_two_cells() -> None:
    assert text_width("列宁") == 4 and text_width("é") == 1 and text_width("e\u0301") == 1
    assert all(text_width(line) <= 5 for line in wrap_cell("列宁与托洛茨基", 5))


def test_a_title_and_section_share_a_line_each_keeping_a_part() -> None:
    section = "4.2. The workers' inspection: Lenin's last struggle"
    assert fit_parts("Short", "Section", 40) == ("Short", "Section")
    title, shown = fit_parts(TITLE, section, 60)
    assert text_width(title) + 3 + text_width(shown) <= 60
    assert title.startswith("Leon") and title.endswith("1923")
    assert shown.startswith("4.2.") and shown.endswith("struggle")
    # A short title stays whole; the section takes the rest.
    title, shown = fit_parts("Cliff", section, 40)
    assert title == "Cliff" and text_width(shown) == 40 - 3 - 5
    assert fit_parts(TITLE, "", 20)[1] == ""
