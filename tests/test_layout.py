"""The layout maps display lines to offsets and back, at every width, on every block kind."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE, Document
from reader.core.document_parser import parse_document as parse
from reader.core.layout import PRE_INDENT, QUOTE_INDENT, SEPARATOR, Layout
from reader.core.sections import SectionIndex

DASHES = "-–—"

SAMPLE = """+++
title = "Sample"
+++

# Part One

The committee met on the *fourteenth* and resolved, after a long and **heated** debate,
that the workers' inspection[^1] would report within a month — a well-known promise.

> A quotation set off from the text, long enough to be wrapped at narrow widths.
> Its second line stays a line of its own.

- a list item long enough to wrap so that its continuation hangs under the text
- 12. not a number: an item

3. an ordered item that also runs on long enough to need a second line or more

## Chapter 2: Tables and code

| Year | Members | Note |
|------|---------|------|
| 1917 | 24,000  | a very long cell that must not be reflowed at all |

```
  preformatted   text keeps   its spaces
and its lines
```

Averyveryveryveryveryveryveryveryveryverylongwordwithoutanyspacesthatmustbecutsomewhere ok.

[^1]: Rabkrin, the Workers' and Peasants' Inspection.
"""


def sample() -> Document:
    return parse(SAMPLE, "sample")


def render(layout: Layout, index: int) -> str:
    """A display line as a string of cells: indent then the visible characters."""
    return " " * layout.line(index).indent + layout.text(index)


def check_invariants(doc: Document, layout: Layout) -> None:
    """Every character is on exactly one line, at the right column; lines fit."""
    text = doc.text
    n = len(layout)
    spans = [layout.span(i) for i in range(n)]
    assert spans[0][0] == 0
    owners = [0] * len(text)
    for i, (start, end) in enumerate(spans):
        line = layout.line(i)
        assert start <= end
        next_start = spans[i + 1][0] if i + 1 < n else len(text)
        assert end <= next_start, f"line {i} overlaps the next"
        # The characters a line owns but does not show are spaces or newlines.
        assert text[end:next_start].strip(" \n") == ""
        shown = render(layout, i)
        for offset in range(start, end):
            owners[offset] += 1
            assert shown[line.indent + offset - start] == text[offset]
        if line.kind not in (TABLE, PRE) and line.block != SEPARATOR:
            assert len(shown) <= layout.width, f"line {i} is wider than {layout.width}"
    # Every visible character is shown exactly once; whitespace at breaks may be owned only.
    for offset, count in enumerate(owners):
        if text[offset] not in " \n":
            assert count == 1, f"offset {offset} ({text[offset]!r}) shown {count} times"
        assert layout.span(layout.line_at(offset))[0] <= offset


def test_every_character_on_one_line_at_its_column_for_widths_20_to_200() -> None:
    doc = sample()
    for width in range(20, 201):
        check_invariants(doc, Layout(doc, width))


def test_line_at_finds_the_line_that_owns_each_offset() -> None:
    doc = sample()
    layout = Layout(doc, 30)
    for offset in range(len(doc.text)):
        index = layout.line_at(offset)
        start = layout.span(index)[0]
        next_start = layout.span(index + 1)[0] if index + 1 < len(layout) else len(doc.text) + 1
        assert start <= offset < next_start
    assert layout.line_at(len(doc.text)) == len(layout) - 1


def test_offset_at_and_column_of_are_inverse_on_visible_characters() -> None:
    doc = sample()
    layout = Layout(doc, 40)
    for index in range(len(layout)):
        start, end = layout.span(index)
        for offset in range(start, end):
            line, column = layout.column_of(offset)
            assert line == index
            assert layout.offset_at(index, column) == offset


def test_wrapping_keeps_words_whole_and_fills_lines() -> None:
    doc = sample()
    text = doc.text
    for width in (20, 33, 50, 76):
        layout = Layout(doc, width)
        for i in range(len(layout) - 1):
            line, following = layout.line(i), layout.line(i + 1)
            if line.block != following.block or line.kind not in (PARAGRAPH, LIST_ITEM, NOTE):
                continue
            end = line.end
            cut_word = text[end] != " " and text[end - 1] not in DASHES
            if cut_word:
                # Only a word longer than the whole line may be cut.
                assert " " not in text[line.start : end]
            # Greedy: the next word (up to a space or a dash) would not have fitted.
            nxt = layout.text(i + 1)
            word = nxt.split(" ", 1)[0]
            for dash in DASHES:
                if dash in word:
                    word = word[: word.index(dash) + 1]
            room = width - line.indent - len(layout.text(i))
            assert len(word) + (1 if text[end] == " " else 0) > room


def test_headings_paragraphs_are_reflowed_not_broken_at_source_lines() -> None:
    doc = sample()
    wide = Layout(doc, 200)
    para = next(b for b in doc.blocks if b.kind == PARAGRAPH)
    lines = [i for i in range(len(wide)) if wide.line(i).block == doc.blocks.index(para)]
    assert len(lines) == 1  # the hand-wrapped source paragraph is one line when it fits


def test_tables_and_preformatted_blocks_are_kept_line_for_line() -> None:
    doc = sample()
    for width in (20, 76):
        layout = Layout(doc, width)
        for kind in (TABLE, PRE):
            index = next(i for i, b in enumerate(doc.blocks) if b.kind == kind)
            block = doc.blocks[index]
            lines = [i for i in range(len(layout)) if layout.line(i).block == index]
            assert [layout.text(i) for i in lines] == block.text.split("\n")
            assert all(layout.line(i).indent == PRE_INDENT for i in lines)
    narrow = Layout(doc, 20)
    assert narrow.max_cells > 20  # the table is wider than the column, and kept so


def test_quotations_are_indented_and_keep_their_lines() -> None:
    doc = sample()
    layout = Layout(doc, 200)
    index = next(i for i, b in enumerate(doc.blocks) if b.kind == QUOTE)
    lines = [i for i in range(len(layout)) if layout.line(i).block == index]
    assert [layout.text(i) for i in lines] == doc.blocks[index].text.split("\n")
    assert {layout.line(i).indent for i in lines} == {QUOTE_INDENT}


def test_list_items_and_notes_hang_under_their_text() -> None:
    doc = sample()
    layout = Layout(doc, 24)
    for kind, hang in ((LIST_ITEM, 2), (NOTE, 4)):
        index = next(i for i, b in enumerate(doc.blocks) if b.kind == kind)
        lines = [i for i in range(len(layout)) if layout.line(i).block == index]
        assert len(lines) > 1
        assert layout.line(lines[0]).indent == 0
        assert {layout.line(i).indent for i in lines[1:]} == {hang}


def test_blocks_are_separated_by_exactly_one_blank_line() -> None:
    doc = sample()
    layout = Layout(doc, 50)
    separators = [i for i in range(len(layout)) if layout.line(i).block == SEPARATOR]
    assert len(separators) == len(doc.blocks) - 1
    for number, i in enumerate(separators):
        before, after = doc.blocks[number], doc.blocks[number + 1]
        assert layout.span(i) == (before.end, before.end)
        assert layout.line(i + 1).start == after.start
        assert layout.line(i - 1).block == number
        assert layout.text(i) == ""
    assert layout.first_line_of_block(3) == separators[2] + 1


def test_inline_spans_are_clipped_to_each_line() -> None:
    doc = sample()
    layout = Layout(doc, 20)
    seen = set()
    for i in range(len(layout)):
        line = layout.line(i)
        for span in line.spans:
            assert line.start <= span.start < span.end <= line.end
            seen.add((span.kind, doc.text[span.start : span.end]))
    assert ("em", "fourteenth") in seen
    assert ("marker", "[1]") in seen


def test_wide_characters_are_counted_in_cells() -> None:
    doc = parse("中文的文字每一个字占两个格子，所以一行放不下那么多。" * 3 + "\n", "cjk")
    layout = Layout(doc, 20)
    check_invariants(doc, layout)
    for i in range(len(layout)):
        assert 2 * len(layout.text(i)) <= 20
    assert layout.column_of(doc.blocks[0].start + 3) == (0, 6)


def test_an_empty_document_has_no_lines() -> None:
    doc = parse("", "empty")
    layout = Layout(doc, 40)
    assert len(layout) == 0
    assert layout.line_at(0) == 0


words = st.text(alphabet="abcdefghij-—'é", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(words, min_size=1, max_size=40), min_size=1, max_size=6),
    st.integers(min_value=8, max_value=90),
    st.sampled_from(["", "> ", "- ", "[^n]: "]),
)
def test_any_text_at_any_width_keeps_the_invariants(
    paragraphs: list[list[str]], width: int, prefix: str
) -> None:
    source = "\n\n".join(prefix + " ".join(p) for p in paragraphs) + "\n"
    doc = parse(source, "any")
    check_invariants(doc, Layout(doc, width))


def big_document(size: int) -> Document:
    """A synthetic text of about `size` characters: sections of varied paragraphs."""
    rng = random.Random(4)
    vocabulary = [
        "the",
        "of",
        "and",
        "soviet",
        "workers",
        "committee",
        "inspection",
        "Rabkrin",
        "party",
        "—",
        "1917",
        "a",
    ]
    blocks: list[str] = []
    total = 0
    while total < size:
        if len(blocks) % 50 == 0:
            blocks.append(f"## Section {len(blocks) // 50}")
        words = [rng.choice(vocabulary) for _ in range(rng.randint(5, 200))]
        blocks.append(" ".join(words))
        total += len(blocks[-1]) + 2
    return parse("\n\n".join(blocks) + "\n", "big")


@pytest.fixture(scope="module")
def five_megabytes() -> Document:
    return big_document(5_000_000)


def test_a_five_megabyte_text_lays_out_whole(five_megabytes: Document) -> None:
    doc = five_megabytes
    assert len(doc.text) >= 5_000_000
    layout = Layout(doc, 76)
    # Lines tile the text: each starts where the last one's owned range ends.
    previous = -1
    for i in range(len(layout)):
        start, end = layout.span(i)
        assert previous <= start <= end
        previous = end
    rng = random.Random(1)
    for offset in rng.sample(range(len(doc.text)), 2000):
        index = layout.line_at(offset)
        start, end = layout.span(index)
        assert start <= offset
        if doc.text[offset] not in " \n":
            assert offset < end
            assert layout.text(index)[offset - start] == doc.text[offset]
    narrower = layout.rewrap(40)
    assert len(narrower) > len(layout)
    assert narrower.line_at(len(doc.text) - 1) == len(narrower) - 1


def test_section_trail_and_jumps() -> None:
    doc = parse("# A\n\npara\n\n## B\n\ntext\n\n### C\n\nmore\n\n## D\n\nend\n", "s")
    sections = SectionIndex(doc)
    text_in_c = doc.text.index("more")
    assert sections.trail_at(0) == "A"
    assert sections.trail_at(text_in_c) == "A › B › C"
    assert sections.trail_at(doc.text.index("end")) == "A › D"
    assert sections.next_start(text_in_c) == doc.text.index("D")
    assert sections.previous_start(text_in_c) == doc.text.index("C")
    assert sections.previous_start(0) is None
    assert sections.next_start(doc.text.index("end")) is None


def test_a_window_lays_out_its_blocks_exactly_as_the_whole_layout_does(
    five_megabytes: Document,
) -> None:
    doc = five_megabytes
    offset = len(doc.text) // 2
    window = Layout.window(doc, 60, offset, 5_000, 20_000)
    whole = Layout(doc, 60)
    assert window.is_window and not whole.is_window
    assert window.covers(offset) and not window.covers(0)
    first, stop = window.blocks
    assert doc.blocks[first].start <= offset - 5_000
    assert doc.blocks[stop - 1].end >= offset + 20_000
    shift = whole.first_line_of_block(first)
    for i in range(len(window)):
        assert window.span(i) == whole.span(shift + i)
        assert window.line(i).block == whole.line(shift + i).block
    assert window.first_line_of_block(first + 1) == whole.first_line_of_block(first + 1) - shift
