"""A page over the large-page limit: one linear pass keeps its text, structure and notes."""

from __future__ import annotations

import pytest

from reader.core.clean import html
from reader.core.clean.model import Report
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE

PAGE = """<html lang="en"><head><title>Long Page</title><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Long Page</h1>
<h2>The first part</h2>
<p>Some <em>words</em> of prose with a_mark and a note.<sup><a id="r1" href="#n1">[1]</a></sup>
A second sentence.</p>
<div>Loose text in a div <b>with bold</b> and more.</div>
<ul><li>One item</li><li>Two <i>items</i></li></ul>
<blockquote><p>A quotation.</p></blockquote>
<pre>  line one
  line two</pre>
<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td>2</td></tr></table>
<table><tr><td>only</td></tr><tr><td>x</td><td>y</td></tr></table>
<h2>Notes</h2>
<p id="n1"><a href="#r1">1.</a> The note text.</p>
</body></html>"""


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[str, str]], Report]:
    monkeypatch.setattr(html, "LARGE_PAGE", 100)
    report = Report()
    cleaned = html.clean(PAGE, report)
    assert cleaned.meta["title"] == "Long Page"
    assert cleaned.meta["language"] == "en"
    return [(b.kind, b.text or "\n".join(b.lines)) for b in cleaned.blocks], report


def test_a_large_page_keeps_headings_paragraphs_lists_quotes_tables_and_notes(
    large: tuple[list[tuple[str, str]], Report],
) -> None:
    blocks, report = large
    assert blocks == [
        (HEADING, "The first part"),
        (PARAGRAPH, "Some words of prose with a\\_mark and a note.[^1] A second sentence."),
        (PARAGRAPH, "Loose text in a div with bold and more."),
        (LIST_ITEM, "One item"),
        (LIST_ITEM, "Two items"),
        (QUOTE, "A quotation."),
        (PRE, "  line one\n  line two"),
        (TABLE, "| Name | Value |\n| --- | --- |\n| a\\|b | 2 |"),
        (TABLE, "only\nx | y"),
        (HEADING, "Notes"),
        (NOTE, "The note text."),
    ]
    assert any("large-page path" in line for line in report.notes)


def test_a_page_under_the_limit_is_not_read_by_the_large_page_path() -> None:
    report = Report()
    cleaned = html.clean(PAGE, report)
    assert not any("large-page path" in line for line in report.notes)
    assert any("*words*" in b.text for b in cleaned.blocks)


@pytest.mark.parametrize("limit", [100, 10_000_000])
def test_preformatted_text_reads_the_same_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    # Soft hyphens are invisible breaking hints: neither path keeps them in a code block.
    monkeypatch.setattr(html, "LARGE_PAGE", limit)
    page = PAGE.replace("line one", "inter\u00adnational line")
    cleaned = html.clean(page, Report())
    pre = [b.lines for b in cleaned.blocks if b.kind == PRE]
    assert pre == [("  international line", "  line two")]
