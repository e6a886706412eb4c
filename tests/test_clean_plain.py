"""The plain-text cleaner: the Cliff chapter (seed 003) and plain texts in general."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.clean import passthrough, plain
from reader.core.clean.corrections import apply_fixes, load_corrections
from reader.core.clean.detect import detect_kind
from reader.core.clean.model import Report
from reader.core.clean.text import sanitize
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, QUOTE, Document
from reader.core.document_parser import parse_document
from reader.core.importer import ImportOptions, ImportResult, build
from reader.core.markdown import render_text

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "seeds" / "003_1a018e8bb169a0db.txt"
DOC_ID = "cliff-1990-trotsky-and-the-triumvirate"


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return build(SEED, ImportOptions())


@pytest.fixture(scope="module")
def doc(result: ImportResult) -> Document:
    return result.document


def clean_text(text: str) -> Document:
    """Clean `text` as the importer would and parse the rendered file."""
    cleaned = plain.clean(sanitize(text), Report())
    return parse_document(render_text({"id": "t", **cleaned.meta}, cleaned.blocks), "t")


def kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


# --- seed 003: the Cliff chapter -----------------------------------------------------------


def test_seed_is_detected_as_plain() -> None:
    assert detect_kind(sanitize(SEED.read_text(encoding="utf-8"))) == "plain"


def test_cleaned_file_is_the_bundled_text(result: ImportResult) -> None:
    assert result.doc_id == DOC_ID
    assert result.kind == "plain"
    assert (PROJECT / "texts" / f"{DOC_ID}.md").read_text(encoding="utf-8") == result.text


def test_title_lines_become_metadata_and_the_chapter_heading() -> None:
    cleaned = plain.clean(sanitize(SEED.read_text(encoding="utf-8")), Report())
    assert cleaned.meta == {
        "author": "Tony Cliff",
        "work": "Trotsky: The Sword of the Revolution 1917-1923",
        "chapter": "16",
        "title": "Trotsky and the triumvirate",
    }


def test_metadata_of_the_written_text(doc: Document) -> None:
    assert doc.title == "Trotsky and the triumvirate"
    assert doc.author == "Tony Cliff"
    assert doc.date == "1990"
    assert doc.meta["work"] == "Trotsky: The Sword of the Revolution 1917-1923"
    assert doc.meta["chapter"] == "16"
    assert "Marxists Internet Archive" in doc.source
    # The saved page names no archive and states no licence: the source says the archive
    # is an attribution, and the rights are unknown rather than a made-up statement.
    assert "names no site or URL" in doc.source and "most likely" in doc.source
    assert doc.rights == "unknown"
    assert doc.language == "en"
    # The author and the book title are metadata only, not body text.
    assert not doc.text.startswith("Tony Cliff")
    assert "Trotsky: The Sword of the Revolution" not in doc.text


def test_headings_exact(doc: Document) -> None:
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "16. Trotsky and the triumvirate"),
        (2, "Trotsky procrastinates"),
        (2, "Trotsky’s report on industry"),
        (2, "The enigma: Why did Trotsky keep quiet?"),
    ]
    assert doc.blocks[0].kind == HEADING
    assert LIST_ITEM not in kinds(doc)


def test_quotations_count_and_starts(doc: Document) -> None:
    quotes = [b.text for b in doc.blocks if b.kind == QUOTE]
    assert len(quotes) == 20
    starts = [
        "‘I am against removing Stalin",  # after "... his meeting with Kamenev:"
        "‘I don’t think’, I answered",  # the same quotation, closed by its marker [4]
        "... under present conditions it is impossible",  # runs on after an ellipsis
        "Why did Comrade Lenin begin to sound the alarm",  # Bukharin (a correction)
        "[Lenin] said that our policy was correct",
        "The congress notes with satisfaction",  # the resolution, cited by [19]
        "The Left Opposition could not achieve power",
    ]
    for start in starts:
        assert any(q.startswith(start) for q in quotes), start
    assert quotes[0].startswith("‘I am against removing Stalin")
    assert quotes[-1].startswith("The Left Opposition could not achieve power")


@pytest.mark.parametrize(
    "start",
    [
        "Thus Trotsky made a ‘rotten compromise’",
        "To add insult to injury Stalin cited Lenin",
        "Rakovsky referred to ‘a multitude of comrades",
        "‘If ... If ...’ It is very difficult to speculate",
        "Inability to foresee victory must engender paralysis",
        "And what was Trotsky doing?",
        "For lack of a ha’porth of tar a ship sank.",
    ],
)
def test_prose_around_quotations_stays_prose(doc: Document, start: str) -> None:
    block = doc.block_at(doc.text.index(start))
    assert block.kind == PARAGRAPH and block.text.startswith(start)


def test_all_44_notes_are_attached_with_their_labels(doc: Document) -> None:
    labels = {str(n) for n in range(1, 43)} | {"1*", "2*"}
    assert set(doc.notes) == labels
    assert sorted(m.label for m in doc.markers) == sorted(labels)
    first_words = {
        "1": "See Stalin, Works, volume 5, page 231.",
        "2": "The Anti-Stalin Campaign",
        "4": "Trotsky, My Life, page 486.",
        "19": "KPSS v rezoliutsiiakh",
        "30": "Trotsky, The New Course",
        "38": "A. Soboul, The French Revolution",
        "42": "Trotsky, Stalin, pages 403-4.",
        "1*": "That Trotsky was later very embarrassed",
        "2*": "Zinoviev, however, hinted at disagreement",
    }
    for label, words in first_words.items():
        assert doc.notes[label].text.startswith(f"[{label}] {words}"), label


def test_markers_sit_where_the_source_cites(doc: Document) -> None:
    def label_after(phrase: str) -> str:
        at = doc.text.index(phrase) + len(phrase)
        return next(m.label for m in doc.markers if m.start >= at)

    assert label_after("at the Twelfth Party Congress).") == "1"
    assert label_after("something like a bombshell’") == "14"
    assert label_after("against the troika.") == "20"
    assert label_after("against the troika. [20]") == "1*"
    assert label_after("no one would criticise Trotsky’s report.") == "2*"


def test_notes_27_to_29_are_reached_from_note_2_star(doc: Document) -> None:
    star = doc.notes["2*"]
    inside = [m.label for m in doc.markers if star.start <= m.start < star.end]
    assert inside == ["27", "28", "29"]
    body_end = min(b.start for b in doc.blocks if b.kind == NOTE)
    assert not [m for m in doc.markers if m.label in {"27", "28", "29"} and m.start < body_end]


def test_corrections_restore_lost_opening_quotation_marks(result: ImportResult) -> None:
    assert "Fotieva: ‘Vladimir Ilyich is preparing a bomb" in result.document.text
    assert "not hers. ‘Vladimir Ilyich asks you" in result.document.text
    assert len(result.corrections) == 3


def test_editorial_brackets_stay_literal(doc: Document) -> None:
    for bracket in ("[Lenin] said that", "[and say]", "[for example]"):
        assert bracket in doc.text
    assert all(re.fullmatch(r"\d+\*?", m.label) for m in doc.markers)


def test_footer_is_gone(doc: Document, result: ImportResult) -> None:
    assert "Last updated" not in doc.text
    assert doc.blocks[-1].kind == NOTE and doc.blocks[-1].label == "42"
    assert result.report.counts["footer lines removed"] == 1


def test_no_residue(result: ImportResult) -> None:
    text = result.text
    for residue in ("[[", "{{", "<ref", "](#)", "[ ]", "\u00a0", "\x1b"):
        assert residue not in text
    assert not re.search(r"^\|", text, re.M)
    # Every bracketed number in the body became a marker (nothing left half-converted).
    assert not re.search(r"(?<!\^)\\?\[\d{1,3}\*?\\?\](?!:)", text.split("\n+++\n", 1)[1])


def test_every_raw_body_paragraph_is_in_the_projection(doc: Document) -> None:
    raw = SEED.read_text(encoding="utf-8")
    fixes = load_corrections(SEED.with_name(SEED.name + ".corrections.toml"))
    raw = apply_fixes(raw, fixes, "raw", []).replace("\n> ", "\n")  # "> " marks a quote
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    notes_from = next(i for i, p in enumerate(paragraphs) if p.startswith("1*. "))
    body = paragraphs[3:notes_from]
    assert len(body) == 101  # 78 paragraphs, 20 quotations, 3 section headings
    for paragraph in body:
        assert paragraph in doc.text, paragraph[:60]
    # And the note definitions, with "12. " shown as "[12] ".
    assert len(paragraphs[notes_from:-1]) == 44
    for paragraph in paragraphs[notes_from:-1]:
        label, _, rest = paragraph.partition(". ")
        assert f"[{label}] {rest}" in doc.text


# --- plain texts in general -----------------------------------------------------------------

ANOTHER_CHAPTER = """\
Jane Roe

Studies in the Soviet Economy

4. The grain crisis

The harvest of 1927 was good, yet the state procurements fell short by the end of the year. [1]

Officials blamed the kulaks. One report to the central committee put it bluntly:

The peasant holds back his grain because he has nothing to buy with the money. [2]

The remedy proposed was [in effect] a return to requisitioning, which Bukharin opposed at length.

The emergency measures

In January 1928 the politburo sent its members to the grain regions with sweeping powers. [3] [a*]

1. Carr, Foundations, volume 1, page 44.

2. Report of the Siberian bureau, page 12.

3. Carr, Foundations, volume 1, page 51.

a*. The exact date of the first decree is disputed.

Last modified: 3 March 2011"""


def test_another_chapter_with_bracketed_notes() -> None:
    doc = clean_text(ANOTHER_CHAPTER)
    assert doc.meta["author"] == "Jane Roe"
    assert doc.meta["work"] == "Studies in the Soviet Economy"
    assert (doc.meta["chapter"], doc.meta["title"]) == ("4", "The grain crisis")
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "4. The grain crisis"),
        (2, "The emergency measures"),
    ]
    quotes = [b.text for b in doc.blocks if b.kind == QUOTE]
    assert quotes == [
        "The peasant holds back his grain because he has nothing to buy with the money. [2]"
    ]
    assert set(doc.notes) == {"1", "2", "3", "a*"}
    assert doc.notes["3"].text == "[3] Carr, Foundations, volume 1, page 51."
    assert doc.notes["a*"].text == "[a*] The exact date of the first decree is disputed."
    assert [m.label for m in doc.markers] == ["1", "2", "3", "a*"]
    assert "[in effect] a return" in doc.text
    assert "Last modified" not in doc.text


def test_a_text_without_definitions_gets_no_notes() -> None:
    text = (
        "The survey counted [1] farms in the first district and [2] in the second one.\n\n"
        "Nothing else is said about the survey [3], which was never published in full."
    )
    doc = clean_text(text)
    assert not doc.notes and not doc.markers
    assert "counted [1] farms" in doc.text and "survey [3], which" in doc.text


def test_a_numbered_list_nobody_cites_is_not_notes() -> None:
    text = (
        "The programme of the opposition had three demands, which it repeated everywhere.\n\n"
        "1. Faster industrialisation.\n\n2. Democracy in the party.\n\n3. A new course abroad."
    )
    doc = clean_text(text)
    assert not doc.notes
    items = [(b.label, b.text) for b in doc.blocks if b.kind == LIST_ITEM]
    assert items == [
        ("1.", "1. Faster industrialisation."),
        ("2.", "2. Democracy in the party."),
        ("3.", "3. A new course abroad."),
    ]


def test_numbered_points_after_a_colon_are_not_quotations() -> None:
    text = (
        "Two things result from this fact:\n\n"
        "I. Communism is already acknowledged by all European powers to be a power.\n\n"
        "II. It is high time that Communists should openly publish their views."
    )
    assert QUOTE not in kinds(clean_text(text))


def test_an_editors_letter_in_brackets_is_not_a_marker() -> None:
    text = (
        "He wrote that [t]he party must decide, and [a] second vote followed. [a]\n\n"
        "a. The second vote is not in the minutes."
    )
    doc = clean_text(text)
    assert "[t]he party" in doc.text
    assert [m.label for m in doc.markers] == ["a", "a"]  # "[a] second" is ambiguous: cited
    assert set(doc.notes) == {"a"}


def test_chapter_word_and_title_on_the_next_line() -> None:
    text = (
        "Chapter 3\n\nThe Twelfth Congress\n\n"
        + "The congress opened in April 1923 in Moscow. " * 3
    )
    doc = clean_text(text)
    assert doc.meta["chapter"] == "3" and doc.meta["title"] == "The Twelfth Congress"
    assert [h.text for h in doc.headings] == ["Chapter 3: The Twelfth Congress"]


def test_a_single_short_first_line_is_the_title() -> None:
    doc = clean_text("A short history\n\nThis is the first paragraph of a short history of it.")
    assert doc.meta == {"id": "t", "title": "A short history"}
    assert kinds(doc) == [HEADING, PARAGRAPH]


def test_explicit_and_indented_quotations() -> None:
    prose = "This paragraph is ordinary prose written flush left in the text. "
    text = "\n\n".join(
        [
            prose,
            "> A quoted paragraph marked the way e-mail marks it,\n> on two lines.",
            prose,
            "    An indented paragraph that the author set off\n    from the prose around it.",
            prose,
            prose,
        ]
    )
    doc = clean_text(text)
    quotes = [b.text for b in doc.blocks if b.kind == QUOTE]
    assert quotes == [
        "A quoted paragraph marked the way e-mail marks it, on two lines.",
        "An indented paragraph that the author set off from the prose around it.",
    ]


def test_a_paragraph_split_by_a_blank_line_is_joined() -> None:
    doc = clean_text(
        "The delegates met in the Kremlin hall and voted, after a long debate, for the\n\n"
        "resolution of the majority."
    )
    assert kinds(doc) == [PARAGRAPH]
    assert doc.text.endswith("for the resolution of the majority.")


def test_unwrapped_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    line = "This line is a whole paragraph of an unwrapped text and it goes on for a while. " * 2
    doc = clean_text("\n".join([line.strip()] * 4))
    assert kinds(doc) == [PARAGRAPH] * 4


def test_rhetorical_questions_and_sentences_are_not_headings() -> None:
    prose = "He looked at the resolution again and could find nothing in it to object to."
    doc = clean_text("\n\n".join([prose, "What was to be done?", prose, "It was late.", prose]))
    assert not doc.headings


def test_bulleted_lines_are_list_items() -> None:
    doc = clean_text("The demands were these:\n\n- bread\n- land\n- peace for all the peoples")
    assert [b.text for b in doc.blocks if b.kind == LIST_ITEM] == [
        "• bread",
        "• land",
        "• peace for all the peoples",
    ]


def test_paragraphs_function_is_kept() -> None:
    assert plain.paragraphs("one\ntwo\n\n\nthree  four\n") == ["one two", "three four"]


# --- properties -----------------------------------------------------------------------------

FRAGMENTS = [
    "Tony Cliff",
    "Trotsky: The Sword of the Revolution 1917-1923",
    "16. Trotsky and the triumvirate",
    "Trotsky procrastinates",
    "The enigma: Why did Trotsky keep quiet?",
    "He wrote:",
    "Stalin said: ‘I submit that there is no necessity to publish.’",
    "It was the first congress of the party in which Lenin did not participate.",
    "... under present conditions",
    "[1]",
    "[2]",
    "[1*]",
    "[Lenin]",
    "[and say]",
    "1. See Stalin, Works, volume 5, page 231.",
    "2. Trotsky, My Life, page 482.",
    "1*. That Trotsky was later very embarrassed.",
    "Last updated on 28 July 2009",
    "> ",
    "    ",
    "- ",
    "Chapter 4",
    "by Jane Roe",
    "*",
    "_",
    "\\",
    "#",
    "`",
    "|",
    "<",
    "[^3]",
    "+++",
    "‘",
    "’",
    "“",
    ":",
    " ",
    "\n",
    "\n\n",
]

seed_like = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=400), seed_like)


def _round_trip(text: str) -> tuple[str, str] | None:
    cleaned = plain.clean(sanitize(text), Report())
    if not cleaned.blocks:
        return None
    first = render_text({"id": "t", **cleaned.meta}, cleaned.blocks)
    again = passthrough.clean(first, Report())
    return first, render_text(again.meta, again.blocks)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_cleaning_never_crashes_and_is_idempotent(text: str) -> None:
    pair = _round_trip(text)
    if pair is not None:
        assert pair[0] == pair[1]


@settings(max_examples=100, deadline=None)
@given(seed_like)
def test_every_marker_has_a_note_and_no_definitions_means_no_notes(text: str) -> None:
    cleaned = plain.clean(sanitize(text), Report())
    if not cleaned.blocks:
        return
    doc = parse_document(render_text({"id": "t"}, cleaned.blocks), "t")
    assert {m.label for m in doc.markers} <= set(doc.notes)
    if not re.search(r"(?m)^\s*(?:\[\d{1,3}\*?\]|\d{1,3}\*?[.)])\s", text):
        assert not doc.notes and not doc.markers


def _words(text: str) -> list[str]:
    return sorted(re.findall(r"\w+", text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS[:9] + FRAGMENTS[10:14]), min_size=1, max_size=20))
def test_no_words_are_lost_or_added(parts: list[str]) -> None:
    doc = clean_text("\n\n".join(parts))
    # Title lines move into the metadata (author, work) or the level-1 heading.
    kept = [doc.meta.get("author", ""), doc.meta.get("work", ""), doc.text]
    assert _words(" ".join(parts)) == _words(" ".join(kept))
