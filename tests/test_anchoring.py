"""Re-anchoring cases, each on a small fixed text edited the way a re-import or a
correction edits it: where a highlight ends up, and in which state the user sees it."""

from __future__ import annotations

from reader.core.annotations.anchoring import Anchor, AnchorState, make_target, resolve
from reader.core.annotations.model import Target

PARAGRAPH = (
    "The congress opened in April. Lenin was too ill to attend the sessions. "
    "The Georgian affair hung over every debate, and Stalin kept his silence. "
    "The delegates applauded the report on Rabkrin, which nobody had read."
)

REFERENCES = "\n\n".join(
    [
        "[14] Stalin, Works, volume 5, pages 199-201.",
        "[15] Stalin, Works, volume 5, pages 209-10.",
        "[16] Stalin, Works, volume 5, page 213.",
        "[17] Trotsky, My Life, 1930, page 480.",
    ]
)


def target_for(text: str, quote: str, occurrence: int = 0) -> Target:
    """The target of the `occurrence`-th (0-based) `quote` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_target(text, start, start + len(quote), "v1")


def shown(anchor: Anchor, text: str) -> str:
    """The text the reading view would draw the highlight over."""
    assert anchor.attached
    return text[anchor.start : anchor.end]


def test_sentence_inserted_inside_a_highlight_is_covered_by_it() -> None:
    quote = "The Georgian affair hung over every debate, and Stalin kept his silence."
    target = target_for(PARAGRAPH, quote)
    added = "Nobody in the hall doubted who had written the letter. "
    edited = PARAGRAPH.replace("and Stalin kept", added + "and Stalin kept")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert shown(anchor, edited) == quote.replace("and Stalin kept", added + "and Stalin kept")


def test_sentence_inserted_before_the_last_word_of_a_highlight() -> None:
    quote = "which nobody had read"
    text = PARAGRAPH + " Later the report was printed in full."
    target = target_for(text, quote)
    edited = text.replace("nobody had read", "nobody had, as the minutes show, read")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert shown(anchor, edited) == "which nobody had, as the minutes show, read"


def test_sentence_inserted_next_to_an_intact_highlight_stays_outside_it() -> None:
    quote = "Lenin was too ill to attend the sessions."
    target = target_for(PARAGRAPH, quote)
    edited = PARAGRAPH.replace(quote, quote + " His doctors had forbidden all work.")
    anchor = resolve(target, edited, "v2")
    assert anchor.exact
    assert shown(anchor, edited) == quote


def test_deleted_reference_is_not_moved_to_its_neighbour() -> None:
    quote = "[15] Stalin, Works, volume 5, pages 209-10."
    target = target_for(REFERENCES, quote)
    edited = REFERENCES.replace(quote + "\n\n", "")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.ORPHANED
    assert (anchor.start, anchor.end) == (target.start, target.end)


def test_reference_with_a_typo_fixed_is_found_in_its_place_not_next_door() -> None:
    quote = "Stalin, Works, volume 5, pages 209-10."
    target = target_for(REFERENCES, quote)
    edited = "[1] Preface.\n\n" + REFERENCES.replace("[15] Stalin, Works", "[15] Stalin, Wroks")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert shown(anchor, edited) == "Stalin, Wroks, volume 5, pages 209-10."


def test_short_quote_edited_in_place_does_not_move_to_a_copy() -> None:
    # "the report" (10 characters) also occurs, with a different context, nearby.
    text = PARAGRAPH + " Stalin read the report aloud to the plenum in May."
    target = target_for(text, "the report", occurrence=0)
    edited = text.replace("applauded the report on", "applauded the reprot on")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert shown(anchor, edited) == "the reprot"


def test_short_quote_whose_passage_was_deleted_is_orphaned_not_moved_to_a_copy() -> None:
    # Three notes end alike; the middle one, highlighted, is deleted. Both copies left
    # match the quote's suffix as well: the context cannot choose between them.
    def note(number: int, chapter: str) -> str:
        return f"[{number}] Chapter {chapter} of My Life (archived 20 April 2006: https://example.org/)."

    text = "\n\n".join([note(18, "XXXIV"), note(38, "XXXVII"), note(56, "XL"), "[57] Memoirs."])
    target = target_for(text, "of My Life", occurrence=1)
    edited = text.replace(note(38, "XXXVII") + "\n\n", "")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.ORPHANED


def test_copies_the_context_cannot_tell_apart_are_orphaned() -> None:
    # A reference list printed twice; the highlighted copy then gets a typo fixed just
    # before the quote, so the other copy now matches the old context better.
    entries = [
        "Deutscher, Isaac. The Prophet Unarmed. Oxford: Oxford University Press, 1959.",
        "Rogovin, Vadim (2021). Was There an Alternative? Trotskyism: a Look Back Through "
        "the Years. Mehring Books.",
        "Service, Robert. Trotsky: A Biography. London: Macmillan, 2009.",
    ]
    block = "\n\n".join(entries)
    text = block + "\n\n" + block
    target = target_for(text, "an Alternative? Trotskyism: a", occurrence=1)
    second = text.index("Rogovin", len(block))
    edited = text[:second] + text[second:].replace("Was There", "Was Thre", 1)
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.ORPHANED


def test_highlight_whose_first_sentence_was_deleted_keeps_the_rest() -> None:
    quote = (
        "Lenin was too ill to attend the sessions. The Georgian affair hung over every "
        "debate, and Stalin kept his silence."
    )
    target = target_for(PARAGRAPH, quote)
    edited = PARAGRAPH.replace("Lenin was too ill to attend the sessions. ", "")
    anchor = resolve(target, edited, "v2")
    assert anchor.state is AnchorState.FUZZY
    assert shown(anchor, edited) == (
        "The Georgian affair hung over every debate, and Stalin kept his silence."
    )
