"""The wikitext cleaner: the Wikipedia edit page (seed 001) and wikitext in general."""

from __future__ import annotations

import re
from pathlib import Path

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import passthrough, wikitext
from reader.core.clean.detect import detect_kind
from reader.core.clean.model import Report
from reader.core.clean.text import sanitize
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, QUOTE, Document
from reader.core.document_parser import parse_document
from reader.core.importer import ImportOptions, ImportResult, build
from reader.core.markdown import render_text

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "seeds" / "001_4bd1f5336a7d2c0a.txt"
DOC_ID = "wikipedia-leon-trotsky-revolution-aftermath"
RESIDUE = ("[[", "]]", "{{", "}}", "<ref", "</ref", "|thumb", "thumb|", "''", "File:", "==")


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return build(SEED, ImportOptions())


@pytest.fixture(scope="module")
def doc(result: ImportResult) -> Document:
    return result.document


def clean_text(text: str) -> Document:
    """Clean `text` as the importer would and parse the rendered file."""
    cleaned = wikitext.clean(sanitize(text), Report())
    return parse_document(render_text({"id": "t", **cleaned.meta}, cleaned.blocks), "t")


def blocks_of(doc: Document, kind: str) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == kind]


def note_text(doc: Document, label: str) -> str:
    """A note's text without its "[label] " prefix."""
    return doc.notes[label].text.removeprefix(f"[{label}] ")


def body_text(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks if b.kind != NOTE)


def raw_content() -> str:
    """The one wikitext line of the seed (the longest line: a test needs no heuristics)."""
    return max(SEED.read_text(encoding="utf-8").split("\n"), key=len)


# --- seed 001: the Wikipedia edit page --------------------------------------------------------


def test_seed_is_detected_as_wikitext() -> None:
    assert detect_kind(sanitize(SEED.read_text(encoding="utf-8"))) == "wikitext"


def test_cleaned_file_is_the_bundled_text(result: ImportResult) -> None:
    assert result.doc_id == DOC_ID
    assert result.kind == "wikitext"
    assert (PROJECT / "texts" / f"{DOC_ID}.md").read_text(encoding="utf-8") == result.text


def test_the_page_states_its_title_in_the_chrome() -> None:
    cleaned = wikitext.clean(sanitize(SEED.read_text(encoding="utf-8")), Report())
    assert cleaned.meta == {"title": "Leon Trotsky: Russian Revolution and aftermath"}


def test_metadata_of_the_written_text(doc: Document) -> None:
    assert doc.title == "Leon Trotsky: Russian Revolution and aftermath"
    assert doc.author == "Wikipedia contributors"
    assert doc.date == ""  # the page states no date
    assert doc.rights.startswith("CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).")
    assert "Wikipedia" in doc.rights and "Niidae Wiki" in doc.rights
    # A CC BY-SA attribution: the work (linked), its authors, and what was changed.
    assert '"Leon Trotsky" (https://en.wikipedia.org/wiki/Leon_Trotsky)' in doc.rights
    assert "by Wikipedia contributors" in doc.rights and "action=history" in doc.rights
    assert "Changes: converted from wikitext" in doc.rights
    assert "Niidae Wiki" in doc.source
    assert doc.language == "en"


def test_headings_are_the_sections_with_their_levels(doc: Document) -> None:
    # == is level 1 (the edited section), === level 2, ==== level 3, ===== level 4.
    assert [(h.level, h.text) for h in doc.headings] == [
        (1, "Russian Revolution and aftermath"),
        (2, "Commissar for Foreign Affairs and Brest-Litovsk (1917–1918)"),
        (3, "Brest-Litovsk"),
        (2, "Head of the Red Army (spring 1918)"),
        (2, "Civil War (1918–1920)"),
        (3, "1918"),
        (4, "Red Terror"),
        (4, "Desertions"),
        (3, "1919"),
        (3, "1920"),
        (2, "Trade union debate (1920–1921)"),
        (2, "Kronstadt rebellion"),
        (2, "Trotsky's contribution to the Russian Revolution"),
        (2, "Lenin's illness (1922–1923)"),
        (2, "Left Opposition (1923–1924)"),
        (2, "After Lenin's death (1924)"),
        (2, "A year in the wilderness (1925)"),
        (2, "United Opposition (1926–1927)"),
        (2, "Defeat and exile (1927–1928)"),
        (2, "Fate of Left Oppositionists after Trotsky's exile (1929–1941)"),
        (1, "Notes"),
    ]


def test_every_block_quotation_is_a_quotation(doc: Document) -> None:
    quotes = blocks_of(doc, QUOTE)
    assert len(quotes) == raw_content().count("{{Blockquote|") == 13
    starts = [
        "That we could no longer fight was perfectly clear to me",
        "We began peace negotiations in the hope of arousing",
        "An army cannot be built without reprisals.",
        "The bourgeoisie today is a falling class...",
        "In...Kaluga, Voronezh, and Ryazan, tens of thousands",
        "When Comrade Trotsky informed me recently",
        "It is no wonder that my military work created so many enemies",
        "Trotsky bears a great deal of responsibility",
        "The Bolsheviks triumphed in the Civil War",
        "Throwing Trotsky overboard—surely you are hinting at that",
        "In the fiercest moment of War Communism",
        "[...] we observe an ever progressing, barely disguised division",
        "None of us desires or is able to dispute the will of the Party.",
    ]
    assert [q[: len(s)] for q, s in zip(quotes, starts, strict=True)] == starts


def test_a_quotation_keeps_its_reference_and_the_prose_keeps_its_lead_in(doc: Document) -> None:
    quote = next(q for q in blocks_of(doc, QUOTE) if q.startswith("The bourgeoisie"))
    assert quote.endswith("the Red Terror hastens the destruction of the bourgeoisie.[31]")
    assert note_text(doc, "31").startswith(
        "Leon Trotsky (1975 [1920]). Terrorism and Communism: A Reply to Karl Kautsky. p. 83."
    )
    index = next(i for i, b in enumerate(doc.blocks) if b.text == quote)
    assert doc.blocks[index - 1].kind == PARAGRAPH
    assert doc.blocks[index - 1].text.endswith(
        "between 17 and 30 August 1918.[24][27] Trotsky wrote:"
    )


def test_reused_named_reference_shares_one_label(doc: Document) -> None:
    # <ref name="Leon Trotsky"> is defined once and cited again with <ref name=... />.
    paragraph = next(p for p in blocks_of(doc, PARAGRAPH) if p.startswith("The Soviet government"))
    assert "European Soviet republic.[3][4] They cited" in paragraph
    assert "asymmetrical warfare.[3] They were" in paragraph
    assert note_text(doc, "3") == (
        '"Leon Trotsky". Jewishvirtuallibrary.org. '
        "https://www.jewishvirtuallibrary.org/leon-trotsky. Retrieved 26 May 2020."
    )
    labels = [m.label for m in doc.markers]
    assert labels.count("3") == 2
    yedlin = next(lab for lab, n in doc.notes.items() if "Tova Yedlin" in n.text)
    assert labels.count(yedlin) == 2
    wilde = next(lab for lab, n in doc.notes.items() if n.text.startswith(f"[{lab}] Wilde"))
    assert labels.count(wilde) == 3


def test_notes_are_numbered_in_order_of_first_use(doc: Document) -> None:
    notes = blocks_of(doc, NOTE)
    assert len(notes) == 101
    numbered = [b.label for b in doc.blocks if b.kind == NOTE and b.label.isdigit()]
    lettered = [b.label for b in doc.blocks if b.kind == NOTE and not b.label.isdigit()]
    assert numbered == [str(n) for n in range(1, 95)]
    assert lettered == list("abcdefg")
    assert len(doc.markers) == 111
    # In reading order, a note's own references are read where the note is cited: [62]
    # is cited only inside note f, whose marker stands between [61] and [63].
    first_use: list[str] = []
    for m in doc.markers:
        if m.label.isdigit() and m.label not in first_use and doc.block_at(m.start).kind != NOTE:
            first_use.append(m.label)
    assert first_use == [n for n in numbered if n != "62"]
    assert "[62]" in doc.notes["f"].text
    assert {m.label for m in doc.markers} == set(doc.notes)


def test_notes_come_after_a_notes_heading_lettered_first(doc: Document) -> None:
    index = next(i for i, b in enumerate(doc.blocks) if b.kind == HEADING and b.text == "Notes")
    tail = doc.blocks[index + 1 :]
    assert tail and all(b.kind == NOTE for b in tail)
    assert not any(b.kind == NOTE for b in doc.blocks[:index])
    assert tail[0].label == "a" and tail[7].label == "1"


def test_short_citations_render_and_identical_ones_share_a_note(doc: Document) -> None:
    assert note_text(doc, "14") == "Deutscher 2015a, p. 389."
    sfn = {n.text.split(" ", 1)[1] for n in doc.notes.values()}
    for text in (
        "Kort 2015, p. 130.",
        "Service 2010, p. 263.",
        "Feofanov & Barry 1995, p. 22.",
        "Rubenstein 2013, pp. 155, 202.",
        "Pipes 1996, Document 106.",
        "Swain 2014a, p. 210.",
    ):
        assert text in sfn
    volkogonov = [lab for lab, n in doc.notes.items() if "Volkogonov 1996, p. 180." in n.text]
    assert len(volkogonov) == 1
    assert [m.label for m in doc.markers].count(volkogonov[0]) == 2


def test_explanatory_notes_keep_their_own_references(doc: Document) -> None:
    assert note_text(doc, "a").startswith("Yakov Sverdlov was the Central Committee's senior")
    radek = note_text(doc, "f")
    assert radek.startswith('Radek wrote:[62]"The need of the hour was for a man')
    assert note_text(doc, "62").startswith('"Archived copy". http://www.marxists.org/archive/')
    body = body_text(doc)
    assert "Lenin and Lev Kamenev[b] formed" not in body  # the name before is "Zinoviev and"
    assert "Zinoviev and Lev Kamenev[b] formed a triumvirate (troika) with Stalin" in body


def test_citation_templates_read_as_citations(doc: Document) -> None:
    assert note_text(doc, "1") == (
        'Trotsky, Leon (1930). "My Life". Marxists. Charles Schribner\'s Sons. p. 286. '
        "http://www.marxists.org/archive/trotsky/1930/mylife/1930-lif.pdf."
    )
    assert note_text(doc, "4") == (
        "Service, Robert (2005). A history of modern Russia from Nicholas II to Vladimir "
        "Putin. Cambridge, MA: Harvard University Press. pp. 75–80. ISBN 978-0-674-01801-3. "
        "http://archive.org/details/historyofmodernr00robe."
    )
    assert note_text(doc, "11") == (
        "Meijer, Jan M., ed. (1964). The Trotsky Papers, 1917–1922. The Hague: Mouton & Co. "
        "pp. 6–7."
    )
    # A manual reference with an external link and a {{Webarchive}}: label, then the archive.
    assert note_text(doc, "6") == (
        'The "Brest-Litovsk" chapter in Trotsky\'s 1925 book Lenin (archived 25 November 2005: '
        "https://web.archive.org/web/20051125145958/http://www.marxists.org/archive/trotsky/"
        "works/1925/lenin/04.htm), marxists.org; Retrieved 1 June 2018."
    )


def test_italics_are_emphasis(doc: Document) -> None:
    block = next(b for b in doc.blocks if b.text.startswith("Rakovsky was the last prominent"))
    emphasised = [block.text[s.start : s.end] for s in block.spans if s.kind == "em"]
    assert emphasised == ["Pravda", "There Should Be No Mercy"]


def test_bullets_are_list_items_and_the_prose_after_them_a_paragraph(doc: Document) -> None:
    items = blocks_of(doc, LIST_ITEM)
    assert items == [
        "• Trotsky's pre-1917 disagreements with Lenin and the Bolsheviks.",
        "• Trotsky's alleged distortion of 1917 events to emphasize his role and diminish others'.",
        "• Trotsky's harsh treatment of subordinates and other alleged Civil War mistakes.",
    ]
    first = next(i for i, b in enumerate(doc.blocks) if b.text == items[0])
    assert doc.blocks[first - 1].text.endswith("Their criticism of Trotsky focused on:")
    assert doc.blocks[first + 3].text.startswith("Trotsky, ill again, was unable to respond")


def test_no_markup_residue_and_no_chrome(doc: Document, result: ImportResult) -> None:
    for mark in RESIDUE:
        assert mark not in doc.text, mark
    body = result.text.split("\n+++\n", 1)[1]
    for mark in RESIDUE:
        assert mark not in body, mark
    for chrome in ("Jump to content", "Anti-spam", "Editing help", "Niidae", "Summary:"):
        assert chrome not in doc.text
    assert "\u00a0" not in result.text


def test_no_reference_text_in_the_prose(doc: Document) -> None:
    body = body_text(doc)
    for citation_only in ("Retrieved", "ISBN", "archived", "Charles Schribner", "Mouton", "http"):
        assert citation_only not in body, citation_only
    # and no image captions either
    for caption in ("Tauride Palace", "armoured train", "Moscow office"):
        assert caption not in body


def test_every_plain_run_of_the_raw_text_survives(doc: Document) -> None:
    """Every stretch of 60+ characters of plain text in the wikitext is in the projection,
    except the captions of images, which are not part of the text."""
    code = mwparserfromhell.parse(raw_content())
    captions = {
        str(link)
        for link in code.filter_wikilinks()
        if str(link.title).strip().lower().startswith("file:")
    }
    # Block boundaries (a list's end, a quotation's start) read as spaces.
    text = re.sub(r"\s+", " ", doc.text.replace("• ", ""))
    checked = 0
    raw = raw_content()
    for found in re.finditer(r"[^\[\]{}<>|='*\n]{60,}", raw):
        run = found.group(0).strip()
        if any(run in c for c in captions) or "http" in run:
            continue
        if raw[found.start() - 2 : found.start()] == "[[" and raw[found.end()] == "|":
            continue  # the target of a piped link, which shows its label instead
        assert run in text, run
        checked += 1
    assert checked > 200


def test_paragraphs_are_whole_and_readable(doc: Document) -> None:
    paragraphs = blocks_of(doc, PARAGRAPH)
    assert 40 <= len(paragraphs) <= 60
    for p in paragraphs:
        # Each paragraph starts a sentence and ends one (or leads into a quotation/list).
        assert p[0].isupper() or p[0].isdigit(), p[:40]
        assert re.search(r"[.:?!\"'\]]$", p), p[-40:]


def test_inferred_paragraph_breaks_fall_after_cited_sentences(result: ImportResult) -> None:
    assert result.report.counts["paragraph breaks inferred"] == 9
    paragraphs = blocks_of(result.document, PARAGRAPH)
    assert any(p.startswith("The Soviet government was divided.") for p in paragraphs)
    # A sentence that leans on the one before it does not open a paragraph.
    assert not any(p.startswith(("Instead,", "He ", "They ", "This ")) for p in paragraphs)


def test_corrections_restore_two_paragraph_breaks_at_changes_of_subject(
    result: ImportResult,
) -> None:
    # Neither sentence before the break closes with a reference, so no heuristic finds
    # them; the corrections file puts them back as data.
    assert len(result.corrections) == 2
    paragraphs = blocks_of(result.document, PARAGRAPH)
    china = next(p for p in paragraphs if p.startswith("Soviet policy toward the Chinese"))
    assert china.endswith("a Soviet-style workers' revolution.[83]")
    assert any(p.endswith("and even arrested.") for p in paragraphs)
    assert any(p.startswith("At the XIIIth Congress, Kamenev and Zinoviev") for p in paragraphs)
    assert any(p.endswith("formed the basis of the political divide.") for p in paragraphs)
    # The China paragraph is whole: not split again after "12 February 1912."
    assert not any(p.startswith("Sun Yat-sen") for p in paragraphs)
    # No paragraph of the seed is left much longer than the splitting threshold.
    assert max(len(p) for p in paragraphs) < 1300


# --- wikitext in general -----------------------------------------------------------------------


def test_collapsed_headings_and_paragraph_text() -> None:
    doc = clean_text("== Top == Intro text. === Sub part === Body of the ''sub'' part.")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (HEADING, 1, "Top"),
        (PARAGRAPH, 0, "Intro text."),
        (HEADING, 2, "Sub part"),
        (PARAGRAPH, 0, "Body of the sub part."),
    ]


def _long_run(opening: str) -> str:
    """Collapsed wikitext: one run of cited sentences whose middle sentence opens with
    `opening`, long enough that the cleaner must infer a paragraph break."""
    first = " ".join(f"Sentence {n} of the first part goes on for a while." for n in range(14))
    second = " ".join(f"Sentence {n} of the second part goes on too." for n in range(14))
    return f"== Top == {first}<ref>A.</ref> {opening} {second}<ref>B.</ref> == End =="


@pytest.mark.parametrize(
    "opening",
    ["[[Sun Yat-sen]] established the republic.", "''Pravda'' printed the letter."],
)
def test_an_inferred_break_may_come_before_a_sentence_opening_with_a_link(opening: str) -> None:
    paragraphs = blocks_of(clean_text(_long_run(opening)), PARAGRAPH)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("goes on for a while.[1]")
    assert paragraphs[1].startswith(("Sun Yat-sen established", "Pravda printed"))


def test_an_inferred_break_never_comes_before_a_linked_continuation() -> None:
    # "[[He]]" reads "He ...": the sentence leans on the one before it.
    paragraphs = blocks_of(clean_text(_long_run("[[Trotsky|He]] disagreed.")), PARAGRAPH)
    assert len(paragraphs) == 1


def test_a_collapsed_quotation_after_a_bullet_is_not_part_of_the_list_item() -> None:
    # With the newlines lost, "* item. Lead-in: {{Blockquote|...}}" ran the lead-in and
    # the quotation into the bullet; a Blockquote stands on its own line in the source.
    doc = clean_text(
        "== Top == Plain text. * First item. * Last item. He said: "
        "{{Blockquote|Quoted words.}} * Next item. == End =="
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (HEADING, "Top"),
        (PARAGRAPH, "Plain text."),
        (LIST_ITEM, "• First item."),
        (LIST_ITEM, "• Last item."),
        (PARAGRAPH, "He said:"),
        (QUOTE, "Quoted words."),
        (LIST_ITEM, "• Next item."),
        (HEADING, "End"),
    ]


def test_wikitext_with_its_newlines_keeps_its_paragraphs() -> None:
    doc = clean_text("== Top ==\nFirst line\nsame paragraph.\n\nSecond paragraph.\n")
    assert blocks_of(doc, PARAGRAPH) == ["First line same paragraph.", "Second paragraph."]


def test_blockquote_with_attribution() -> None:
    doc = clean_text("He wrote: {{Blockquote|Quoted words.|Leon Trotsky|My Life}} After.")
    assert blocks_of(doc, QUOTE) == ["Quoted words.\n— Leon Trotsky, My Life"]
    doc = clean_text("{{Quote|text=Quoted words.|author=A. Author|source=A Book, 1930}}")
    assert blocks_of(doc, QUOTE) == ["Quoted words.\n— A. Author, A Book, 1930"]


def test_named_reference_defined_after_its_first_use() -> None:
    doc = clean_text('One.<ref name="x" /> Two.<ref>Other.</ref> Three.<ref name="x">Def.</ref>')
    assert blocks_of(doc, PARAGRAPH) == ["One.[1] Two.[2] Three.[1]"]
    assert note_text(doc, "1") == "Def."
    assert note_text(doc, "2") == "Other."


def test_reference_groups_get_their_own_labels() -> None:
    doc = clean_text('A.<ref group="note">N.</ref> B.{{efn|E.}} C.<ref>R.</ref>')
    assert blocks_of(doc, PARAGRAPH) == ["A.[note1] B.[a] C.[1]"]


def test_links_images_and_external_links() -> None:
    doc = clean_text(
        "See [[Leon Trotsky|Trotsky]] and [[Lenin]]s. [[File:X.jpg|thumb|A [[caption]].]] "
        "[https://example.org/a The label] and [[Category:Bolsheviks]]."
    )
    paragraph = blocks_of(doc, PARAGRAPH)
    assert paragraph == ["See Trotsky and Lenins.", "The label and ."]
    link = next(s for s in doc.blocks[1].spans if s.kind == "link")
    assert link.data == "https://example.org/a"


def test_unknown_templates_keep_their_words_or_are_left_out_and_reported() -> None:
    report = Report()
    cleaned = wikitext.clean("Text {{Some unknown box|x}} more {{Other box|a|b=c}}.", report)
    assert [b.text for b in cleaned.blocks] == ["Text x more ."]
    assert report.notes == [
        "unknown template {{other box}} left out (1x)",
        "unknown template {{some unknown box}} shown as its text (1x)",
    ]


# --- properties --------------------------------------------------------------------------------

WORDS = st.text(
    alphabet=st.sampled_from('abcdefghij KLMNOP 0123456789 .,;:?!()-–"é'), min_size=1, max_size=30
)


@st.composite
def fragments(draw: st.DrawFn) -> str:
    w = draw(WORDS)
    n = draw(st.integers(1, 3))
    return draw(
        st.sampled_from(
            [
                w,
                f"{w}.",
                f"{'=' * (n + 1)} {w} {'=' * (n + 1)}",
                f"[[{w}]]",
                f"[[Target|{w}]]",
                f"[[File:Pic.jpg|thumb|upright|{w} [[link]]]]",
                f"''{w}''",
                f"'''{w}'''",
                f"<ref>{w}</ref>",
                f'<ref name="n{n}">{w}</ref>',
                f'<ref name="n{n}" />',
                f"{{{{sfn|Author|19{n}0|p={n}}}}}",
                f"{{{{efn|{w}}}}}",
                f"{{{{efn|{w}<ref>{w}</ref>}}}}",
                f"{{{{Blockquote|{w}}}}}",
                f"{{{{Blockquote|{w}<ref>{w}</ref>}}}}",
                f"{{{{cite book|last=A|first=B|title={w}|year=1999|pages=1–2}}}}",
                f"{{{{cite web|url=https://example.org/{n}|title={w}|access-date=1 May 2020}}}}",
                f"{{{{Main|{w}}}}}",
                f"{{{{Webarchive|url=https://web.archive.org/{n}|date=1 May 2001}}}}",
                f"* {w}.",
                f"# {w}.",
                f"[https://example.org/{n} {w}]",
                "\n",
                "\n\n",
            ]
        )
    )


def roundtrip(text: str) -> tuple[str, str]:
    """The rendered file of a cleaned text, and that file re-imported as markdown."""
    cleaned = wikitext.clean(sanitize(text), Report())
    rendered = render_text({"id": "t", **cleaned.meta}, cleaned.blocks)
    again = passthrough.clean(rendered, Report())
    return rendered, render_text({"id": "t", **again.meta}, again.blocks)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes_and_roundtrips(text: str) -> None:
    rendered, again = roundtrip(text)
    assert rendered == again


@settings(max_examples=100, deadline=None)
@given(st.lists(fragments(), min_size=1, max_size=25).map(" ".join))
def test_generated_wikitext_cleans_without_residue(text: str) -> None:
    rendered, again = roundtrip(text)
    assert rendered == again
    doc = parse_document(rendered, "t")
    for mark in ("[[", "{{", "}}", "<ref", "|thumb", "''"):
        assert mark not in doc.text
    assert {m.label for m in doc.markers} <= set(doc.notes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.booleans(), WORDS, fragments()), min_size=1, max_size=12))
def test_generated_quotations_stay_quotations(parts: list[tuple[bool, str, str]]) -> None:
    """Each {{Blockquote}} among other markup is one quotation holding its own words."""
    text = " ".join(
        f"Said: {{{{Blockquote|Q{n} {w}}}}} {frag}" if quoted else f"Plain {w}. {frag}"
        for n, (quoted, w, frag) in enumerate(parts)
    )
    doc = parse_document(roundtrip(text)[0], "t")
    from_templates = [m.group(0) for q in blocks_of(doc, QUOTE) if (m := re.match(r"Q\d+", q))]
    assert from_templates == [f"Q{n}" for n, (quoted, _, _) in enumerate(parts) if quoted]
