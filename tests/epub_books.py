"""Small EPUB books built for the tests, in the shapes real generators write.

The text is public domain: Lewis Carroll, *Alice's Adventures in Wonderland* (1865),
and Arthur Conan Doyle, "A Scandal in Bohemia" and "The Red-Headed League" (1891), as
in Project Gutenberg's editions (see tests/fixtures/ATTRIBUTION.md). The notes are
written for the tests.

- `standard_ebook`: EPUB 3 as Standard Ebooks makes it: a nav document (not in the
  spine), `hgroup` chapter headings with an ordinal, a title page, imprint, colophon and
  uncopyright, endnotes in their own document with `epub:type="noteref"`/`endnote` and
  back-links, page-break markers, a placeholder image and a described one, title
  refinements and creator roles.
- `calibre_book`: EPUB 2 as calibre converts a Gutenberg book: an NCX (nested),
  `index_split_NNN.html` files, chapter titles in bold paragraphs (no `h` element),
  `filepos` anchors, a chapter title set as an image, a drop cap, back-linked footnotes in plain paragraphs, HTML named
  entities, `.pagenum` spans, the Gutenberg licence at the end, and a cover image page.
"""

# ruff: noqa: E501  (the books' prose and markup are kept on their lines)
from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title></head>
<body{body_attrs}>{body}</body>
</html>"""

HTML4 = """<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.1//EN' 'http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd'>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>
<body class="calibre">{body}</body></html>"""


def write_epub(path: Path, opf_path: str, files: dict[str, str | bytes]) -> Path:
    """A zip with `mimetype` first and stored, then the container and `files`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/container.xml", CONTAINER.format(opf=opf_path))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


SE_OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en-GB">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:identifier id="uid">url:https://standardebooks.org/ebooks/lewis-carroll/alices-adventures-in-wonderland</dc:identifier>
  <dc:title id="title">Alice’s Adventures in Wonderland</dc:title>
  <meta property="title-type" refines="#title">main</meta>
  <dc:title id="subtitle">With Forty-Two Illustrations</dc:title>
  <meta property="title-type" refines="#subtitle">subtitle</meta>
  <dc:creator id="author">Lewis Carroll</dc:creator>
  <meta property="role" refines="#author" scheme="marc:relators">aut</meta>
  <dc:contributor id="illustrator">John Tenniel</dc:contributor>
  <meta property="role" refines="#illustrator" scheme="marc:relators">ill</meta>
  <dc:date>1865-11-26</dc:date>
  <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  <dc:language>en-GB</dc:language>
  <dc:publisher>Standard Ebooks</dc:publisher>
  <dc:rights>The source text and artwork in this ebook are believed to be in the United States public domain.</dc:rights>
 </metadata>
 <manifest>
  <item id="toc.xhtml" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  <item id="titlepage.xhtml" href="text/titlepage.xhtml" media-type="application/xhtml+xml"/>
  <item id="imprint.xhtml" href="text/imprint.xhtml" media-type="application/xhtml+xml"/>
  <item id="chapter-1.xhtml" href="text/chapter-1.xhtml" media-type="application/xhtml+xml"/>
  <item id="chapter-2.xhtml" href="text/chapter-2.xhtml" media-type="application/xhtml+xml"/>
  <item id="endnotes.xhtml" href="text/endnotes.xhtml" media-type="application/xhtml+xml"/>
  <item id="colophon.xhtml" href="text/colophon.xhtml" media-type="application/xhtml+xml"/>
  <item id="uncopyright.xhtml" href="text/uncopyright.xhtml" media-type="application/xhtml+xml"/>
  <item id="cover.svg" href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"/>
 </manifest>
 <spine>
  <itemref idref="titlepage.xhtml"/>
  <itemref idref="imprint.xhtml"/>
  <itemref idref="chapter-1.xhtml"/>
  <itemref idref="chapter-2.xhtml"/>
  <itemref idref="endnotes.xhtml"/>
  <itemref idref="colophon.xhtml"/>
  <itemref idref="uncopyright.xhtml"/>
 </spine>
</package>"""

SE_NAV = """<nav epub:type="toc"><h2>Table of Contents</h2><ol>
 <li><a href="text/titlepage.xhtml">Titlepage</a></li>
 <li><a href="text/imprint.xhtml">Imprint</a></li>
 <li><a href="text/chapter-1.xhtml">Part the First</a><ol>
  <li><a href="text/chapter-1.xhtml#chapter-1"><span epub:type="z3998:roman">I</span>: Down the Rabbit-Hole</a></li>
  <li><a href="text/chapter-2.xhtml"><span epub:type="z3998:roman">II</span>: The Pool of Tears</a></li>
 </ol></li>
 <li><a href="text/endnotes.xhtml">Endnotes</a></li>
 <li><a href="text/colophon.xhtml">Colophon</a></li>
 <li><a href="text/uncopyright.xhtml">Uncopyright</a></li>
</ol></nav>
<nav epub:type="landmarks"><ol><li><a href="text/chapter-1.xhtml" epub:type="bodymatter">Start</a></li></ol></nav>"""

SE_CHAPTER_1 = """<section id="part-1" epub:type="part"><h2 epub:type="title">Part the First</h2>
<section id="chapter-1" epub:type="chapter">
<hgroup><h3 epub:type="ordinal z3998:roman">I</h3><p epub:type="title">Down the Rabbit-Hole</p></hgroup>
<p>Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations in it, “and what is the use of a book,” thought Alice “without pictures or conversations?”</p>
<figure><img alt="Illo1" src="../images/illustration-1.png"/></figure>
<p>There was nothing so <i>very</i> remarkable in that; nor did Alice think it so <i>very</i> much out of the way to hear the Rabbit say to itself, “Oh dear! Oh dear! I shall be late!”<a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref">1</a> (when she thought it over afterwards, it occurred to her that she ought to have wondered at this, but at the time it all seemed quite natural); but when the Rabbit actually took a watch out of its waistcoat-pocket, and looked at it, and then hurried on, Alice started to her feet.</p>
<img alt="The White Rabbit checking his watch" src="../images/rabbit.png"/>
<p>In another moment down went Alice after it, never once considering how in the world she was to get <span epub:type="pagebreak" id="page-4" title="4"/>out again.</p>
</section></section>"""

SE_CHAPTER_2 = """<section id="chapter-2" epub:type="chapter">
<hgroup><h3 epub:type="ordinal z3998:roman">II</h3><p epub:type="title">The Pool of Tears</p></hgroup>
<p>“Curiouser and curiouser!” cried Alice (she was so much surprised, that for the moment she quite forgot how to speak good English);<a href="endnotes.xhtml#note-2" id="noteref-2" epub:type="noteref">2</a> “now I’m opening out like the largest telescope that ever was!”</p>
<p>Just then her head struck against the roof of the hall: in fact she was now more than nine feet high, and she at once took up the little golden key and hurried off to the garden door.</p>
</section>"""

SE_ENDNOTES = """<section id="endnotes" epub:type="backmatter endnotes"><h2 epub:type="title">Endnotes</h2><ol>
<li id="note-1" epub:type="endnote"><p>The Rabbit’s watch is a pocket watch, wound with a key. <a href="chapter-1.xhtml#noteref-1" epub:type="backlink">↩</a></p></li>
<li id="note-2" epub:type="endnote"><p>Carroll’s own coinage, now in every dictionary. <a href="chapter-2.xhtml#noteref-2" epub:type="backlink">↩</a></p></li>
</ol></section>"""


def standard_ebook(path: Path) -> Path:
    """The EPUB 3 book (see the module docstring)."""

    def doc(body: str, body_attrs: str = "") -> str:
        return XHTML.format(title="Alice", body=body, body_attrs=body_attrs)

    return write_epub(
        path,
        "epub/content.opf",
        {
            "epub/content.opf": SE_OPF,
            "epub/toc.xhtml": doc(SE_NAV),
            "epub/text/titlepage.xhtml": doc(
                "<section epub:type='titlepage'><h1>Alice’s Adventures in Wonderland</h1>"
                "<p>By Lewis Carroll.</p><p>Illustrated by John Tenniel.</p></section>",
                ' epub:type="frontmatter"',
            ),
            "epub/text/imprint.xhtml": doc(
                "<section epub:type='imprint'><h2>Imprint</h2><p>This ebook is the product "
                "of many hours of hard work by volunteers for Standard Ebooks.</p></section>"
            ),
            "epub/text/chapter-1.xhtml": doc(SE_CHAPTER_1, ' epub:type="bodymatter z3998:fiction"'),
            "epub/text/chapter-2.xhtml": doc(SE_CHAPTER_2, ' epub:type="bodymatter z3998:fiction"'),
            "epub/text/endnotes.xhtml": doc(SE_ENDNOTES, ' epub:type="backmatter"'),
            "epub/text/colophon.xhtml": doc(
                "<section epub:type='colophon'><h2>Colophon</h2><p>The typeface is League "
                "Spartan.</p></section>"
            ),
            "epub/text/uncopyright.xhtml": doc(
                "<section epub:type='copyright-page'><h2>Uncopyright</h2><p>May you do good "
                "and not evil.</p></section>"
            ),
            "epub/images/cover.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        },
    )


CALIBRE_OPF = """<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>The Adventures of Sherlock Holmes</dc:title>
    <dc:creator opf:role="aut" opf:file-as="Doyle, Arthur Conan">Arthur Conan Doyle</dc:creator>
    <dc:creator opf:role="trl">A. N. Editor</dc:creator>
    <dc:date opf:event="modification">2020-05-01</dc:date>
    <dc:date opf:event="publication">1892-10-14</dc:date>
    <dc:publisher>George Newnes</dc:publisher>
    <dc:identifier opf:scheme="calibre" id="calibre_id">77</dc:identifier>
    <dc:identifier opf:scheme="uuid" id="uuid_id">0b1c5a2e-5b8c-4b40-9c1e-7d2f0e8a9f11</dc:identifier>
    <dc:language>en</dc:language>
    <meta name="cover" content="cover"/>
  </metadata>
  <manifest>
    <item href="cover.jpeg" id="cover" media-type="image/jpeg"/>
    <item href="titlepage.xhtml" id="titlepage" media-type="application/xhtml+xml"/>
    <item href="index_split_000.html" id="html0" media-type="application/xhtml+xml"/>
    <item href="index_split_001.html" id="html1" media-type="application/xhtml+xml"/>
    <item href="index_split_002.html" id="html2" media-type="application/xhtml+xml"/>
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="titlepage"/>
    <itemref idref="html0"/>
    <itemref idref="html1"/>
    <itemref idref="html2"/>
  </spine>
  <guide><reference href="titlepage.xhtml" title="Cover" type="cover"/></guide>
</package>"""

CALIBRE_NCX = """<?xml version='1.0' encoding='utf-8'?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="en">
  <head><meta content="0b1c5a2e" name="dtb:uid"/><meta content="2" name="dtb:depth"/></head>
  <docTitle><text>The Adventures of Sherlock Holmes</text></docTitle>
  <navMap>
    <navPoint id="n1" playOrder="1"><navLabel><text>Contents</text></navLabel><content src="index_split_000.html"/></navPoint>
    <navPoint id="n2" playOrder="2"><navLabel><text>Adventure I. A Scandal in Bohemia</text></navLabel><content src="index_split_001.html#filepos2231"/>
      <navPoint id="n3" playOrder="3"><navLabel><text>Part II</text></navLabel><content src="index_split_001.html#filepos9000"/></navPoint>
    </navPoint>
    <navPoint id="n4" playOrder="4"><navLabel><text>Adventure II. The Red-Headed League</text></navLabel><content src="index_split_002.html"/></navPoint>
    <navPoint id="n5" playOrder="5"><navLabel><text>The Full Project Gutenberg License</text></navLabel><content src="index_split_002.html#pg-footer"/></navPoint>
  </navMap>
</ncx>"""

CALIBRE_0 = """<h2 class="calibre1">CONTENTS</h2>
<p class="calibre2"><a href="index_split_001.html#filepos2231">Adventure I. A Scandal in Bohemia</a></p>
<p class="calibre2"><a href="index_split_001.html#filepos9000">Part II</a></p>
<p class="calibre2"><a href="index_split_002.html">Adventure II. The Red-Headed League</a></p>"""

CALIBRE_1 = """<p class="calibre3" id="filepos2231"><b class="calibre4">ADVENTURE I.</b></p>
<p class="calibre3"><b class="calibre4">A SCANDAL IN BOHEMIA</b></p>
<p class="calibre5"><span class="dropcap">T</span>o Sherlock Holmes she is always <i class="calibre6">the</i>&nbsp;woman. I have seldom heard him mention her under any other name.<a href="#fn1" id="r1" class="calibre7"><sup class="calibre8">[1]</sup></a> In his eyes she eclipses and predominates the whole of her sex.</p>
<p class="calibre5">I had seen little of Holmes lately. My marriage had drifted us away from each other.</p>
<p class="calibre3" id="filepos9000"><b class="calibre4">II.</b></p>
<p class="calibre5">At three o’clock precisely I was at Baker Street, but Holmes had not yet returned.<span class="pagenum">[Pg 12]</span> The landlady informed me that he had left the house shortly after eight o’clock in the morning.</p>
<p class="calibre9" id="fn1"><a href="#r1">[1]</a> Irene Adler, “the woman”, appears in this story only.</p>"""

CALIBRE_2 = """<h2 class="calibre1"><img src="title2.png" alt="ADVENTURE II. THE RED-HEADED LEAGUE"/></h2>
<p class="calibre5">I had called upon my friend, Mr. Sherlock Holmes, one day in the autumn of last year and found him in deep conversation with a very stout, florid-faced, elderly gentleman with fiery red hair.</p>
<p class="calibre5">“You could not possibly have come at a better time, my dear Watson,” he said cordially.</p>
<div class="pg-boilerplate" id="pg-footer"><h2>THE FULL PROJECT GUTENBERG LICENSE</h2>
<p>To protect the Project Gutenberg&trade; mission of promoting the free distribution of electronic works, you agree to comply with all the terms of the Full Project Gutenberg&trade; License.</p></div>"""


def calibre_book(path: Path) -> Path:
    """The EPUB 2 book (see the module docstring)."""

    def doc(body: str) -> str:
        return HTML4.format(title="Sherlock", body=body)

    return write_epub(
        path,
        "content.opf",
        {
            "content.opf": CALIBRE_OPF,
            "toc.ncx": CALIBRE_NCX,
            "titlepage.xhtml": doc('<div class="cover"><img src="cover.jpeg" alt="cover"/></div>'),
            "index_split_000.html": doc(CALIBRE_0),
            "index_split_001.html": doc(CALIBRE_1),
            "index_split_002.html": doc(CALIBRE_2),
            "cover.jpeg": b"\xff\xd8\xff\xe0" + bytes(64),
        },
    )
