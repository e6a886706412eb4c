"""Generic pages the cleaner has never seen: a Ghost-style blog post with JSON-LD and
markdown-it footnotes, a page in the current Wikipedia skin, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document import Document
from reader.core.document_parser import load_document
from reader.core.library import Library

GHOST = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>On Reading Old Newspapers | The Archive Desk</title>
<meta property="og:site_name" content="The Archive Desk">
<meta property="og:title" content="On Reading Old Newspapers">
<link rel="canonical" href="https://desk.example.org/on-reading-old-newspapers/">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
 "headline": "On Reading Old Newspapers", "author": {"@type": "Person", "name": "Ada Byline"},
 "datePublished": "2021-03-04T09:00:00.000Z", "publisher": {"name": "The Archive Desk"}}</script>
<style>.gh-head{color:red}</style></head>
<body class="post-template">
<header class="gh-head"><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>
<main class="gh-main"><article class="gh-article post">
<header class="gh-article-header"><h1 class="gh-article-title">On Reading Old Newspapers</h1>
<span class="byline">By Ada Byline</span></header>
<section class="gh-content">
<p>Old newspapers reward the patient reader.<sup class="footnote-ref"><a href="#fn1"
 id="fnref1">[1]</a></sup> Their columns hold more than news.</p>
<h2>What the columns hold</h2>
<p>Advertisements, shipping notices and letters<sup class="footnote-ref"><a href="#fn2"
 id="fnref2">[2]</a></sup> sit beside the leading articles.</p>
<blockquote><p>The past is a foreign country.</p></blockquote>
<ul><li>Shipping notices</li><li>Letters to the editor</li></ul>
<div class="share-buttons"><a href="https://twitter.example/share">Share on X</a></div>
<hr class="footnotes-sep">
<section class="footnotes"><ol class="footnotes-list">
<li id="fn1" class="footnote-item"><p>A reader's first note. <a href="#fnref1"
 class="footnote-backref">\u21a9\ufe0e</a></p></li>
<li id="fn2" class="footnote-item"><p>Letters were often signed with pseudonyms. <a
 href="#fnref2" class="footnote-backref">\u21a9\ufe0e</a></p></li>
</ol></section>
</section>
<section class="gh-subscribe"><h3>Subscribe to The Archive Desk</h3>
<form><input type="email"><button>Subscribe</button></form></section>
</article>
<section class="comments"><h3>3 comments</h3><p>Great post! wrote a reader</p></section>
</main>
<footer class="gh-foot"><p>\u00a9 2021 The Archive Desk. Powered by Ghost</p></footer>
</body></html>
"""

WIKI_2023 = """<!DOCTYPE html>
<html class="client-nojs" lang="en" dir="ltr"><head><meta charset="UTF-8">
<title>Grain procurement - Wikipedia</title>
<link rel="canonical" href="https://en.wikipedia.org/wiki/Grain_procurement">
<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.en"></head>
<body class="skin-vector-2022">
<a class="mw-jump-link" href="#bodyContent">Jump to content</a>
<header class="vector-header mw-header"><nav class="vector-main-menu">Main menu</nav></header>
<div class="mw-page-container"><main id="content" class="mw-body">
<h1 id="firstHeading" class="firstHeading mw-first-heading">Grain procurement</h1>
<div id="bodyContent" class="vector-body"><div id="siteSub" class="noprint">From Wikipedia,
 the free encyclopedia</div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-content-ltr mw-parser-output"
 lang="en" dir="ltr">
<div role="note" class="hatnote navigation-not-searchable">For the film, see elsewhere.</div>
<table class="infobox"><tr><th>Type</th><td>Policy<sup id="cite_ref-3" class="reference"><a
 href="#cite_note-3">[3]</a></sup></td></tr></table>
<p><b>Grain procurement</b> was the state purchase of grain.<sup id="cite_ref-1"
 class="reference"><a href="#cite_note-1">[1]</a></sup><sup class="noprint Inline-Template
 Template-Fact">[<i><a href="/wiki/Wikipedia:Citation_needed">citation needed</a></i>]</sup></p>
<div class="mw-heading mw-heading2"><h2 id="History">History</h2><span
 class="mw-editsection"><span class="mw-editsection-bracket">[</span><a
 href="/w/index.php?action=edit&amp;section=1">edit</a><span
 class="mw-editsection-bracket">]</span></span></div>
<p>The quotas rose in 1928.<sup id="cite_ref-note_a-0" class="reference"><a
 href="#cite_note-note_a-0">[a]</a></sup><sup id="cite_ref-1-1" class="reference"><a
 href="#cite_note-1">[1]</a></sup></p>
<div class="mw-heading mw-heading2"><h2 id="Notes">Notes</h2></div>
<div class="reflist reflist-lower-alpha"><ol class="references">
<li id="cite_note-note_a-0"><span class="mw-cite-backlink"><b><a
 href="#cite_ref-note_a-0">^</a></b></span> <span class="reference-text">Quotas were set
 by region.</span></li></ol></div>
<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>
<div class="mw-references-wrap"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-1"><sup><i><b>a</b>
</i></sup></a> <a href="#cite_ref-1-1"><sup><i><b>b</b></i></sup></a></span> <span
 class="reference-text">Davies, R. W. (1980). <i>The Socialist Offensive</i>.</span></li>
<li id="cite_note-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-3">^</a></b></span>
 <span class="reference-text">Infobox source.</span></li>
</ol></div>
<div class="navbox" role="navigation"><div class="navbox-title">Soviet economy</div></div>
</div></div>
<div class="printfooter">Retrieved from "https://en.wikipedia.org/w/index.php?oldid=1"</div>
<div id="catlinks" class="catlinks">Categories: Economy</div></div></main></div>
<footer id="footer" class="mw-footer"><ul><li>This page was last edited on 1 May
 2023.</li></ul></footer></body></html>
"""


def imported(
    tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> Document:
    library = Library(tmp_path / "lib")
    library.texts_dir.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["--library", str(library.root), "import", "--id", "doc", str(path)])
    _, err = capsys.readouterr()
    assert code == 0, err
    return load_document(library.text_path("doc"))


def test_ghost_post_with_json_ld_and_markdown_it_footnotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "post.html", GHOST.encode("utf-8"), capsys)
    assert doc.meta["title"] == "On Reading Old Newspapers"
    assert doc.meta["author"] == "Ada Byline"
    assert doc.meta["date"] == "2021-03-04"
    assert doc.meta["source"] == "https://desk.example.org/on-reading-old-newspapers/"
    assert doc.meta["language"] == "en-GB"
    assert [h.text for h in doc.headings] == ["What the columns hold"]
    assert doc.notes["1"].text == "[1] A reader's first note."
    assert doc.notes["2"].text == "[2] Letters were often signed with pseudonyms."
    assert "Old newspapers reward the patient reader.[1] Their columns hold more" in doc.text
    assert "The past is a foreign country." in doc.text
    for residue in (
        "Home",
        "Share on X",
        "Subscribe",
        "comments",
        "Powered by",
        "By Ada",
        "\u21a9",
    ):
        assert residue not in doc.text, residue


def test_current_wikipedia_skin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = imported(tmp_path, "wiki.html", WIKI_2023.encode("utf-8"), capsys)
    assert doc.meta["title"] == "Grain procurement"
    assert doc.meta["rights"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.en"
    assert [h.text for h in doc.headings] == ["History", "Notes", "References"]
    assert [b.label for b in doc.blocks if b.kind == "note"] == ["a", "1"]
    assert doc.notes["1"].text == "[1] Davies, R. W. (1980). The Socialist Offensive."
    assert doc.text.startswith("Grain procurement was the state purchase of grain.[1]\n")
    assert "The quotas rose in 1928.[a][1]" in doc.text
    for residue in ("edit", "Jump to", "From Wikipedia", "For the film", "citation needed",
                    "Infobox source", "Soviet economy", "Retrieved", "Categories",
                    "last edited", "Policy", "^"):  # fmt: skip
        assert residue not in doc.text, residue


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><head><title>Nothing</title></head><body>  </body></html>", "no body text"),
        (
            b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body>",
            "no body text",
        ),
    ],
)
def test_a_page_with_no_text_is_one_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    library = Library(tmp_path / "lib")
    library.texts_dir.mkdir(parents=True)
    path = tmp_path / "empty.html"
    path.write_bytes(data)
    code = main(["--library", str(library.root), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert list(library.texts_dir.iterdir()) == []


def test_declared_windows_1252_and_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/htm; charset=windows-1252">'
        b"<title>T</title></head><body><p>\x93Quoted\x94 \x96 caf\xe9 &amp; co&#8212;fin"
        b"\xa0de\xadpartment &eacute;t&eacute;.</p></body></html>"
    )
    doc = imported(tmp_path, "w.htm", page, capsys)
    assert doc.text == "\u201cQuoted\u201d \u2013 caf\u00e9 & co\u2014fin department \u00e9t\u00e9."


OLD_PORTAL = (
    "<html><head><title>The Grain Crisis of 1928</title></head><body>"
    "<table><tr><td class='left'>"
    + "".join(f"<a href='/section{i}.html'>Section {i}</a><br>" for i in range(12))
    + "</td><td><h1>The Grain Crisis of 1928</h1>"
    "<p>The harvest of 1927 was good, yet the procurements fell short by the end of the "
    "year; the <a href='/kulak.html'>kulaks</a> were blamed.</p>"
    "<p>In January 1928 the politburo sent its members to the grain regions.</p>"
    "</td></tr></table><p>"
    + " | ".join(f"<a href='/t{i}.html'>Topic {i}</a>" for i in range(10))
    + "</p></body></html>"
)


def test_a_layout_table_page_loses_its_link_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "portal.html", OLD_PORTAL.encode("utf-8"), capsys)
    assert doc.meta["title"] == "The Grain Crisis of 1928"
    assert doc.text == (
        "The harvest of 1927 was good, yet the procurements fell short by the end of the "
        "year; the kulaks were blamed.\n\n"
        "In January 1928 the politburo sent its members to the grain regions."
    )


LINK_FARM = (
    "<html><head><title>Grain</title></head><body>"
    + "".join(
        f"<div><a href='/a{i}'>Link number {i} somewhere</a> <a href='/b{i}'>Another {i}</a></div>"
        for i in range(60)
    )
    + "<div><p>"
    + "The main text goes on here with real sentences about <a href='/g'>grain</a>. " * 12
    + "</p><p>"
    + "A second paragraph with more of the argument and its evidence. " * 10
    + "</p></div></body></html>"
)


def test_a_page_that_is_mostly_links_keeps_only_its_prose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "farm.html", LINK_FARM.encode("utf-8"), capsys)
    assert doc.text.startswith("The main text goes on here with real sentences about grain.")
    assert doc.text.endswith("A second paragraph with more of the argument and its evidence.")
    assert "Link number" not in doc.text and "Another" not in doc.text


MIA_OLDER = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="author" content="V. I. Lenin"><title>Lenin: Theses on the Agrarian Question</title>
</head><body>
<p class="toplink"><a href="../../index.htm">Lenin Internet Archive</a> |
 <a href="index.htm">1920</a></p>
<h2>V. I. Lenin</h2>
<h1>Theses on the Agrarian Question</h1>
<hr class="infotop">
<p class="information"><span class="info">Written:</span> Written in June-July 1920<br>
<span class="info">First Published:</span> <em>Kommunistichesky Internatsional</em>, No. 12,
 July 20, 1920<br><span class="info">Source:</span> Lenin's Collected Works, Volume 31<br>
<span class="info">Translated:</span> Julius Katzer<br>
<span class="info">Transcription/Markup:</span> D. Walters</p>
<hr class="infobot">
<h3>I</h3>
<p>Only the urban and industrial proletariat can free the working masses.<a href="#fw01"
 name="bk01"><sup>[1]</sup></a></p>
<p class="fst"><a name="fw01" href="#bk01">[1]</a> The note on the proletariat.</p>
<p class="footer"><a href="../../index.htm">Works Index</a> |
 <a href="../cw/volume31.htm">Volume 31</a></p>
<p class="updat">Last updated on: 12.6.2019</p>
</body></html>
"""


def test_an_older_marxists_org_information_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = imported(tmp_path, "theses.htm", MIA_OLDER.encode("utf-8"), capsys)
    assert doc.meta["title"] == "Theses on the Agrarian Question"
    assert doc.meta["author"] == "V. I. Lenin"
    assert doc.meta["date"] == "June-July 1920"
    assert doc.meta["source"] == "Lenin's Collected Works, Volume 31"
    assert doc.meta["translator"] == "Julius Katzer"
    assert [h.text for h in doc.headings] == ["I"]
    assert doc.text == (
        "I\n\nOnly the urban and industrial proletariat can free the working masses.[1]\n\n"
        "[1] The note on the proletariat."
    )


def test_xhtml_with_an_xml_declaration_and_epub_style_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Essai</title>'
        '</head><body><h2>I</h2><p>Le texte \u00e9crit.<a epub:type="noteref" href="#n1">1</a>'
        '</p><aside epub:type="footnote" id="n1"><p>La note.</p></aside></body></html>'
    )
    doc = imported(tmp_path, "essai.xhtml", page.encode("utf-8"), capsys)
    assert doc.meta["title"] == "Essai"
    assert doc.meta["language"] == "fr"
    assert doc.text == "I\n\nLe texte \u00e9crit.[1]\n\n[1] La note."
