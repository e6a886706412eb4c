"""The web cleaner: the Alliance article (seed 000) as a reader sees it, and the
heuristics on small dumps of the same kind, plus property tests on generated input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import Report, passthrough, web
from reader.core.clean.detect import detect_kind
from reader.core.clean.text import normalize_spaces, sanitize
from reader.core.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, Block
from reader.core.document_parser import parse_document
from reader.core.importer import ImportOptions, ImportResult, build
from reader.core.markdown import render_text

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "seeds" / "000_e74320782ca298e1.txt"
DOC_ID = "alliance-trotsky-in-the-civil-war-1"

HEADINGS = [
    "Beginnings of the Red Army",
    "Brest-Litovsk and the Left Opposition",
    "First Steps to a Professional Red Army",
    "General Forces Ranged against the Bolsheviks Internally and Externally",
    "Trotsky as War Commissar",
    "Stalin’s Mission to Southern Front at Tsaritsyn",
    "The Food Shortage",
    "Continued Professional Development of the Army – Partisans or Guerillas",
    "Disaster at Perm – and Stalin’s Mission to Perm",
    "The Eight Party Congress – The Military Opposition",
    "Conclusions Part One",
]

COUNTRIES = [
    "Great Britain",
    "Serbia",
    "France",
    "China",
    "Japan",
    "Finland",
    "Germany",
    "Greece",
    "Italy",
    "Poland",
    "USA",
    "Rumania",
    "Czechoslovakia",
    "Turkey",
]


@pytest.fixture(scope="module")
def seed_result() -> ImportResult:
    return build(SEED, ImportOptions())


def _quotes(result: ImportResult) -> list[Block]:
    return [b for b in result.document.blocks if b.kind == QUOTE]


def _block_with(result: ImportResult, needle: str) -> Block:
    found = [b for b in result.document.blocks if needle in b.text]
    assert len(found) == 1, f"{needle!r} is in {len(found)} blocks"
    return found[0]


def clean_text(text: str) -> tuple[list[Block], dict[str, str], Report]:
    """Clean `text` as a web dump and parse the rendered result back."""
    report = Report()
    cleaned = web.clean(sanitize(text), report)
    rendered = render_text({"id": "t", **cleaned.meta}, cleaned.blocks)
    return parse_document(rendered, "t").blocks, cleaned.meta, report


# --- seed 000: the Alliance article -------------------------------------------------


def test_seed_is_detected_as_web() -> None:
    assert detect_kind(sanitize(SEED.read_text(encoding="utf-8"))) == "web"


def test_seed_metadata(seed_result: ImportResult) -> None:
    meta = seed_result.document.meta
    assert seed_result.doc_id == DOC_ID
    assert meta["title"] == "Trotsky in the Civil War, Part One"
    assert meta["author"] == "Alliance ML"
    assert "Alliance (Marxist-Leninist)" in meta["source"]
    assert meta["rights"] and meta["language"] == "en"
    assert "date" not in meta  # unknown: never guessed
    assert seed_result.missing == ["date"]


def test_signature_is_the_author_not_body_text(seed_result: ImportResult) -> None:
    cleaned = web.clean(sanitize(SEED.read_text(encoding="utf-8")), Report())
    assert cleaned.meta == {"author": "Alliance ML"}
    assert "Alliance ML" not in seed_result.document.text
    last = seed_result.document.blocks[-1]
    assert last.kind == QUOTE and last.text.endswith("Volume 4 Ibid; p. 271.")


def test_seed_headings_exact(seed_result: ImportResult) -> None:
    headings = seed_result.document.headings
    assert [h.text for h in headings] == HEADINGS
    assert {h.level for h in headings} == {2}


def test_citation_lines_are_not_headings_or_paragraphs(seed_result: ImportResult) -> None:
    for citation in ("Ibid; p. 69-70", "Ibid p. 3.", "Short History CPSU(B) p.227-8"):
        block = _block_with(seed_result, citation)
        assert block.kind == QUOTE
        assert block.text.split("\n")[-1] == citation


def test_quotations_count_and_starts(seed_result: ImportResult) -> None:
    quotes = _quotes(seed_result)
    assert len(quotes) == 130  # quoted paragraphs (the quoted list of countries is one)
    assert seed_result.report.counts["quotations"] == 68
    assert seed_result.report.counts["citations attached"] == 65
    assert quotes[0].text.startswith("“Stalin stayed in Tsarityn for a few months")
    assert quotes[1].text.startswith("“Lenin was too much absorbed")
    assert quotes[-1].text.startswith("I consider it my duty to declare")


@pytest.mark.parametrize(
    ("quoted", "citation"),
    [
        ("secretly staged by Stalin”;", "Trotsky, Lev “My Life”; New York; 1970; p. 441."),
        ("in complete harmony…“", "Cliff, T; Trotsky 1917-1923 - The Sword of the Revolution;"),
        # the citation followed the closing mark on the same line
        ("Russian people had overthrown”;", "Sayers M & Kahn AE; The Great Conspiracy”;"),
        ("in increasing numbers.”", "Von Hagen; Ibid; p. 37."),
        # a quotation whose opening mark was lost
        ("in matters of defense.”", "Von Hagen M; ”Soldiers in the Proletarian Dictatorship”"),
        # a citation of two lines
        ("Political Buro of the CC”;", "Minutes of Meeting of the CC, RCP (Bolsheviks);"),
        # a quoted speech of several paragraphs, separated by blank lines in the source
        ("build a regular army. “", "J. V. Stalin, Excerpt From A Speech On The Military"),
    ],
)
def test_quotations_keep_their_citations(
    seed_result: ImportResult, quoted: str, citation: str
) -> None:
    block = _block_with(seed_result, quoted)
    assert block.kind == QUOTE
    first, second = block.text.split("\n")
    assert first.endswith(quoted)
    assert second.startswith(citation)


def test_two_line_citation_is_joined(seed_result: ImportResult) -> None:
    block = _block_with(seed_result, "Minutes of Meeting of the CC")
    assert block.text.endswith("Serebrjakov, Stasova. In Meijer Ibid; p. 319-321.")


def test_numbered_lines_inside_quotations_stay_quoted(seed_result: ImportResult) -> None:
    for start in ("14. Despite the formal release", "2) If you don’t let us", "1) On the reorg"):
        assert _block_with(seed_result, start).kind == QUOTE
    assert "> 14\\. Despite" in seed_result.text  # escaped: not a list of the article
    assert not [b for b in seed_result.document.blocks if b.kind == LIST_ITEM]


def test_flattened_country_table_stays_inside_its_quotation(
    seed_result: ImportResult,
) -> None:
    # The fourteen states are part of the quoted passage from Sayers & Kahn: a list
    # of the article between two halves of the quotation would present them as the
    # article's own words. They stay quoted, one state per line, the final stop kept.
    blocks = seed_result.document.blocks
    i = blocks.index(_block_with(seed_result, "The countries involved were:"))
    assert [b.kind for b in blocks[i : i + 3]] == [QUOTE] * 3
    assert blocks[i + 1].text.split("\n") == [*COUNTRIES[:-1], "Turkey."]
    assert blocks[i + 2].text.startswith("Fighting side by side with the anti-Soviet invaders")
    assert "\n> Great Britain\n> Serbia\n> France\n" in seed_result.text


def test_sentence_split_across_blank_line_is_joined(seed_result: ImportResult) -> None:
    block = _block_with(seed_result, "up to the Eight Party Congress in March 1919.")
    assert block.kind == PARAGRAPH
    assert block.text.startswith("Part One of this article follows")
    assert seed_result.report.counts["paragraphs joined across blank lines"] == 1


def test_no_chrome_stubs_or_residue(seed_result: ImportResult) -> None:
    text = seed_result.document.text
    for residue in ("Home Page", "Marx-Engels |", "[ ]", "at ]", ";or at", "texts of Stalin at"):
        assert residue not in text
    assert not re.search(r"\bor at\s*$", text, re.M)
    assert "\u00a0" not in seed_result.text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", seed_result.text)
    assert not re.search(r"(?m)^\|| \| ", text)
    assert "These are reprinted on the Alliance web-pages." in text
    assert "Moscow, 1953" in _block_with(seed_result, "Excerpt From A Speech").text
    assert "in December 1918: p 202-232]." in text  # bracket restored by a correction


def test_no_body_sentence_is_lost(seed_result: ImportResult) -> None:
    projection = " ".join(seed_result.document.text.split())
    chrome = {1, 36}  # the navigation line and the line announcing a lost link
    raw_lines = SEED.read_text(encoding="utf-8").split("\n")
    checked = 0
    for number, line in enumerate(raw_lines[:-1], start=1):  # the last is the signature
        if number in chrome or number % 3:  # a sample: every third line
            continue
        for sentence in re.split(r"(?<=[.;?!])\s+", normalize_spaces(line)):
            sentence = re.sub(r"\s*(\[ \]|\[See web-site.*|;or at)$", "", sentence)
            if len(sentence) > 20 and "Great Britain" not in sentence:
                assert sentence in projection, f"line {number}: {sentence[:60]!r}"
                checked += 1
    assert checked > 150


# --- the heuristics on small dumps of the same kind -----------------------------------

SAMPLE = """Home | Articles | Archive | Contact

In this article we look at the Kronstadt rising of 1921 and what the archives show.

The Background to the Rising

Their grievances were real:
“The sailors demanded new elections to the soviets and freedom of speech”;
Getzler, I; Kronstadt 1917-1921; Cambridge; 1983; p. 213.
Lenin spoke at the Tenth Congress a few days later:
\u00a0“We must not forget the lessons of Kronstadt.
\u00a0The petty-bourgeois element is more dangerous than all the Denikins put together.”

Ibid; p. 215.
Further documents can be read at:

The Decision to Attack

The Politburo met on 3 March and decided, after a debate in which Trotsky took views on the

sailors, to send Tukhachevsky across the ice.
Some units refused to march. “They would not fire on their brothers,” as one commissar wrote.
Tukhachevsky reported that the troops were unreliable.”
Report to the Politburo; 9 March 1921; In: Kronstadt Tragedy; p. 44.
These reports are reprinted on our pages [ ].

Editorial Board"""


def test_a_similar_dump_comes_out_well() -> None:
    blocks, meta, report = clean_text(SAMPLE)
    assert meta == {"author": "Editorial Board"}
    assert [(b.kind, b.text[:30]) for b in blocks] == [
        (PARAGRAPH, "In this article we look at the"),
        (HEADING, "The Background to the Rising"),
        (PARAGRAPH, "Their grievances were real:"),
        (QUOTE, "“The sailors demanded new elec"),
        (PARAGRAPH, "Lenin spoke at the Tenth Congr"),
        (QUOTE, "“We must not forget the lesson"),
        (QUOTE, "The petty-bourgeois element is"),
        (HEADING, "The Decision to Attack"),
        (PARAGRAPH, "The Politburo met on 3 March a"),
        (PARAGRAPH, "Some units refused to march. “"),
        (QUOTE, "Tukhachevsky reported that the"),
        (PARAGRAPH, "These reports are reprinted on"),
    ]
    assert blocks[3].text.endswith("”;\nGetzler, I; Kronstadt 1917-1921; Cambridge; 1983; p. 213.")
    assert blocks[6].text.endswith("put together.”\nIbid; p. 215.")
    assert blocks[8].text.endswith(
        "took views on the sailors, to send Tukhachevsky across the ice."
    )
    assert blocks[10].text.endswith(
        "unreliable.”\nReport to the Politburo; 9 March 1921; In: Kronstadt Tragedy; p. 44."
    )
    assert blocks[11].text == "These reports are reprinted on our pages."
    assert report.counts["navigation lines removed"] == 1
    assert report.counts["link stubs removed"] == 2


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("The Food Shortage", True),
        ("Disaster at Perm – and Stalin’s Mission to Perm", True),
        ("Ibid; p. 69-70", False),
        ("Short History CPSU(B) p.227-8", False),
        ("That is how the question stands.", False),
        ("the food shortage", False),
        ("Stalin was sent to Tsaritsyn in the summer of that year with full powers", False),
    ],
)
def test_bare_headings_and_look_alikes(line: str, heading: bool) -> None:
    blocks, _, _ = clean_text(f"A first paragraph of the article.\n\n{line}\n\nA last paragraph.")
    assert (blocks[1].kind == HEADING) is heading
    assert blocks[1].text == line


def test_a_short_title_line_inside_a_quotation_is_not_a_heading() -> None:
    text = "He wrote:\n“ 1.2.1920;\nLenin to Trotsky\nThe situation is grave.”\nIbid; p. 23.\n"
    blocks, _, _ = clean_text(text)
    assert [b.kind for b in blocks] == [PARAGRAPH, QUOTE, QUOTE, QUOTE]
    assert blocks[2].text == "Lenin to Trotsky"


def test_stray_brackets_and_trailing_link_alternatives_are_removed() -> None:
    text = "A paragraph that ends with a lost link. ]\n\nThe speech is in Works, Vol. 4;or at\n"
    blocks, _, report = clean_text(text)
    assert [b.text for b in blocks] == [
        "A paragraph that ends with a lost link.",
        "The speech is in Works, Vol. 4",
    ]
    assert report.counts["link stubs removed"] == 2


def test_a_line_announcing_a_quotation_is_kept() -> None:
    blocks, _, _ = clean_text("As Lenin put it at:\n“Perm is in danger.”\nIbid; p. 3.\n")
    assert [b.kind for b in blocks] == [PARAGRAPH, QUOTE]


def test_a_flattened_list_is_a_list_in_prose_and_quoted_lines_in_a_quotation() -> None:
    row = "Kronstadt\u00a0 \u00a0Petrograd\u00a0 \u00a0Moscow\u00a0 \u00a0Kiev"
    text = (
        f"The garrisons named were:\n\n{row}\n\n"
        f"The report said:\n“Risings were feared in four cities:\n{row}.\n"
        "All four were quiet by April.”\nIbid; p. 9.\n"
    )
    blocks, _, _ = clean_text(text)
    assert [b.kind for b in blocks] == [PARAGRAPH] + [LIST_ITEM] * 4 + [PARAGRAPH] + [QUOTE] * 3
    assert blocks[1].text == "• Kronstadt"
    assert blocks[7].text == "Kronstadt\nPetrograd\nMoscow\nKiev."
    assert blocks[8].text == "All four were quiet by April.”\nIbid; p. 9."


# --- properties ---------------------------------------------------------------------

FRAGMENTS = [
    "\u00a0",
    "\u00a0 \u00a0",
    "“",
    "”",
    '"',
    "Ibid; p. 69-70",
    "Trotsky, Lev “My Life”; New York; 1970; p. 441.",
    "The Food Shortage",
    "Alliance ML",
    "Marx-Engels | Lenin | Stalin | Home Page",
    "[ ]",
    "reprint at ]",
    ";or at",
    " texts of Stalin at:",
    "1) ",
    "14. Despite",
    "Great Britain\u00a0 \u00a0Serbia\u00a0 \u00a0France\u00a0 Japan",
    "up to the Eight Party",
    "Congress in March 1919.",
    "Lenin wrote:",
    "# ",
    "> ",
    "- ",
    "*",
    "_",
    "[^1]",
    "`",
    "|",
    "\\",
    "+++",
    "```",
]
LINES = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=5).map("".join)
DUMPS = st.lists(st.one_of(LINES, st.just("")), min_size=1, max_size=25).map("\n".join)


def _round_trip(text: str) -> None:
    cleaned = web.clean(sanitize(text), Report())
    meta = {"id": "t", "title": "T", **cleaned.meta}
    rendered = render_text(meta, cleaned.blocks)
    document = parse_document(rendered, "t")
    assert "\u00a0" not in rendered
    again = passthrough.clean(rendered, Report())
    assert render_text(again.meta, again.blocks) == rendered
    assert all(b.text for b in document.blocks if b.kind != HEADING)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes_and_round_trips(text: str) -> None:
    _round_trip(text)


@settings(max_examples=100, deadline=None)
@given(DUMPS)
def test_seed_like_text_never_crashes_and_round_trips(text: str) -> None:
    _round_trip(text)
