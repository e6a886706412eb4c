"""The HTML -> blocks converter: structure, inline markup and notes as a reader sees them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import html as html_cleaner
from reader.core.clean import passthrough
from reader.core.clean.html_blocks import convert_html, normalize_levels
from reader.core.clean.model import Report
from reader.core.clean.text import sanitize
from reader.core.document_parser import parse_document
from reader.core.errors import ReaderError
from reader.core.markdown import MdBlock, render_text

PAGE = """<html><body>
<h2>I</h2>
<p>The <em>first</em> paragraph of the text, with a marker.<sup class="ednote"><a
 name="bk1" href="#fw1">[1]</a></sup> Then a second marker<a id="fa" href="#na">[1*]</a>
 and a link to <a href="https://example.org/a b(c)">an external page</a>.</p>
<blockquote><p>A quoted sentence, set apart.</p></blockquote>
<p class="quoteb">Another quotation by its class.</p>
<ol start="3"><li>third item</li><li>fourth <ul><li>nested</li></ul></li></ol>
<table><tr><th>Year</th><th>Votes</th></tr><tr><td>1917</td><td>4 | 5</td></tr></table>
<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>
<pre>  line one
    line two</pre>
<h4>* * *</h4>
<h3>Notes</h3>
<p class="fst"><sup class="ednote"><a name="fw1" href="#bk1">[1]</a></sup> The first
 note.&#8212;<em>Ed.</em></p>
<p class="note"><a id="na" href="#fa" name="na">1*.</a> A starred note,</p>
<p class="note">continued in a second paragraph.</p>
</body></html>"""


def blocks_of(markup: str) -> tuple[list[MdBlock], Report]:
    report = Report()
    return convert_html(markup, report), report


def test_structure_and_notes_as_the_reader_shows_them() -> None:
    blocks, report = blocks_of(PAGE)
    doc = parse_document(render_text({"title": "t"}, normalize_levels(blocks)), "t")
    assert [(h.level, h.text) for h in doc.headings] == [(2, "I"), (3, "Notes")]
    assert doc.notes["1"].text == "[1] The first note.—Ed."
    assert doc.notes["1*"].text == "[1*] A starred note, continued in a second paragraph."
    first = doc.blocks[1]
    assert first.text.startswith("The first paragraph of the text, with a marker.[1] Then")
    assert "second marker[1*] and a link to an external page." in first.text
    link = next(s for s in first.spans if s.kind == "link")
    assert link.data == "https://example.org/a%20b%28c%29"
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count("quote") == 2
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["3. third item", "4. fourth", "• nested"]
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert tables[0].text.splitlines() == ["Year  Votes", "1917  4 | 5"]
    assert tables[1].info == "table damaged"
    pre = next(b for b in doc.blocks if b.kind == "pre")
    assert pre.text == "  line one\n    line two"
    assert "* * *" not in doc.text
    assert report.counts["separators dropped"] == 1


def test_br_splits_short_lines_and_joins_prose() -> None:
    blocks, _ = blocks_of("<p>Written: 1898<br>Source: Works</p><p>" + "word " * 40 + "<br>end</p>")
    assert [b.text for b in blocks[:2]] == ["Written: 1898", "Source: Works"]
    assert blocks[2].text.endswith("word end")


def test_emphasis_that_would_show_falls_back_to_plain_text() -> None:
    blocks, _ = blocks_of("<p><em>a*</em>b <strong> bold </strong> c</p>")
    doc = parse_document(render_text({}, blocks), "t")
    assert doc.blocks[0].text == "a*b bold c"


# -- properties: arbitrary HTML never crashes the cleaner and what it writes re-imports


TAGS = [
    "p",
    "div",
    "em",
    "strong",
    "a",
    "sup",
    "h2",
    "h3",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "br",
    "span",
    "code",
    "i",
    "b",
    "hr",
    "dl",
    "dt",
    "dd",
    "nav",
    "script",
    "section",
    "article",
    "header",
    "footer",
    "font",
    "center",
]
ATTRS = [
    "",
    ' class="ednote"',
    ' class="footnote"',
    ' href="#n1"',
    ' id="n1"',
    ' name="r1"',
    ' href="#r1"',
    ' href="http://example.org/a b"',
    ' class="quoteb"',
    ' class="nav"',
    ' colspan="3"',
    ' rowspan="2"',
    " hidden",
    ' href="x.html#n1"',
]
WORDS = [
    "The",
    " text ",
    "[1]",
    "(2)",
    "*",
    "_",
    "\\",
    "[",
    "]",
    "&amp;",
    "&#8212;",
    "&nbsp;",
    "1*.",
    "Top of the page",
    "Last updated 2007",
    "\u00ad",
    "`",
    "+++",
    "# x",
    "> q",
    "1. x",
    "|",
    "<",
    "\u202e",
    "\x1b[31m",
    "Written: 1898",
]


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(st.sampled_from(ATTRS))}>")
        elif choice == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            parts.append(draw(st.sampled_from(WORDS)))
    return "<html><body>" + "".join(parts)


def _round_trip(html_text: str) -> None:
    try:
        cleaned = html_cleaner.clean(sanitize(html_text), Report())
    except ReaderError:
        return  # one clear line for a page with nothing readable
    meta = {"id": "t", "title": "T", **cleaned.meta}
    rendered = render_text(meta, cleaned.blocks)
    parse_document(rendered, "t")
    again = passthrough.clean(rendered, Report())
    assert render_text(again.meta, again.blocks) == rendered
    assert "\u00a0" not in rendered and "\u00ad" not in rendered and "\x1b" not in rendered


@settings(max_examples=150, deadline=None)
@given(markup())
def test_arbitrary_html_never_crashes_and_round_trips(html_text: str) -> None:
    _round_trip(html_text)


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_arbitrary_text_as_html_never_crashes(text: str) -> None:
    _round_trip(text)
