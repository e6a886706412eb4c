"""The HTML -> blocks converter: structure, inline markup and notes as a reader sees them."""

from __future__ import annotations

from reader.core.clean.html_blocks import convert_html, normalize_levels
from reader.core.clean.model import Report
from reader.core.document import parse_document
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
