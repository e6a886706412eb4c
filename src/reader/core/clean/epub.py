"""The `epub` reader: an EPUB 2 or 3 book to one reader text.

Read with the standard library's zipfile and lxml (`epub_package`), not ebooklib: ebooklib
is AGPL-licensed (this project is MIT), loads every item of the book eagerly, and offers
no guard against zip bombs; the OPF, NCX and nav documents are small XML files that
lxml reads directly.

Steps: the zip and its package (DRM and zip bombs refused; `epub_package`); the spine's
documents in order, without the navigation document, cover pages and non-linear
documents nothing links to; joined into one HTML tree (`epub_book`); Project
Gutenberg's header and licence removed; drop caps joined, page markers and images
dropped (meaningful alt text kept), the table of contents applied as headings, contents
lists removed (`epub_structure`); then the shared HTML converter (`html_blocks`) with
the notes found across the whole book (`html_notes`: `epub:type="noteref"`/`footnote`
and back-linked notes). The title page's lines that repeat the title or author go;
other lines before the first chapter stay as paragraphs. Metadata from the OPF
(`epub_meta`).
"""

from __future__ import annotations

import posixpath
import re

from lxml.html import HtmlElement

from reader.core.clean.epub_book import join_documents
from reader.core.clean.epub_meta import opf_meta
from reader.core.clean.epub_package import Archive, Package, check_drm, read_package
from reader.core.clean.epub_structure import (
    apply_toc,
    drop_contents_lists,
    drop_furniture_documents,
    drop_page_markers,
    images_to_alt_text,
    is_furniture,
    join_drop_caps,
)
from reader.core.clean.html_blocks import html_to_blocks, normalize_levels
from reader.core.clean.html_notes import find_notes
from reader.core.clean.html_sites import gutenberg
from reader.core.clean.html_tree import HEADINGS, drop, text_of
from reader.core.clean.model import Cleaned, Report
from reader.core.document import HEADING, PARAGRAPH
from reader.core.errors import ReaderError
from reader.core.inline import parse_inline
from reader.core.markdown import MdBlock

_ALNUM = re.compile(r"\w")
_WORD = re.compile(r"[^\W_]+")


def _documents(archive: Archive, pkg: Package, report: Report) -> list[str]:
    """The spine's documents to read, in order."""
    cover = pkg.guide.get("cover", "")
    linear = [p for p, lin in pkg.spine if lin and p != pkg.nav_path and p != cover]
    others = [p for p, lin in pkg.spine if not lin and p != pkg.nav_path and p != cover]
    skipped = len(pkg.spine) - len(linear) - len(others)
    if others:
        # A non-linear document is read only when the text links to it (notes, an appendix).
        names = {p: posixpath.basename(p).encode() for p in others}
        linked = {p for p in others if any(names[p] in archive.read(q) for q in linear)}
        skipped += len(others) - len(linked)
        linear += [p for p in others if p in linked]
    report.removed("navigation and cover documents", skipped)
    if not linear:
        raise ReaderError("the EPUB's spine holds no readable documents")
    return linear


def _drop_image_pages(body: HtmlElement, report: Report) -> None:
    """Sections that are only an image (a cover wrapper, a plate) carry no text."""
    for section in list(body.iterchildren("section")):
        if len(text_of(section)) < 3 and section.get("id", "").startswith("d"):
            drop(section)
            report.removed("image-only pages", 1)


def _plain(block: MdBlock) -> str:
    return " ".join(parse_inline(block.text).text.split())


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold())) - {"by", "the", "of", "and", "a", "an"}


def _front_matter(
    blocks: list[MdBlock], first: int, meta: dict[str, str], report: Report
) -> list[MdBlock]:
    """Before the first chapter: lines that only repeat the title or the author (or
    speak of Project Gutenberg) go, headings become paragraphs (a title page is not a
    section)."""
    known = _words(meta.get("title", "")) | _words(meta.get("author", ""))
    out: list[MdBlock] = []
    removed = 0
    for n, block in enumerate(blocks):
        if n >= first:
            out.extend(blocks[n:])
            break
        plain = _plain(block)
        words = _words(plain)
        if block.kind in (HEADING, PARAGRAPH) and (
            (words and words <= known) or "gutenberg" in block.text.casefold()
        ):
            removed += 1
            continue
        out.append(MdBlock(PARAGRAPH, block.text) if block.kind == HEADING else block)
    report.removed("title-page lines repeating the title or author", removed)
    return out


def _first_index(body: HtmlElement, first: HtmlElement | None, blocks: list[MdBlock]) -> int:
    """The index in `blocks` of the heading the first TOC entry made."""
    if first is None:
        return 0
    before = 0
    for el in body.iter(*HEADINGS):
        if el is first:
            break
        if _ALNUM.search(text_of(el)):
            before += 1
    seen = 0
    for n, block in enumerate(blocks):
        if block.kind == HEADING:
            if seen == before:
                return n
            seen += 1
    return 0


def read(data: bytes, report: Report) -> Cleaned:
    """An EPUB's bytes to blocks and the metadata its package states."""
    archive = Archive(data)
    check_drm(archive)
    pkg = read_package(archive)
    paths = _documents(archive, pkg, report)
    book = join_documents(archive, paths)
    root = book.root
    body = root.find("body")
    if body is None:
        raise ReaderError("the EPUB's documents hold no readable text")
    meta = opf_meta(pkg.metadata, pkg.unique_id)
    gutenberg(root, body, report)
    drop_furniture_documents(body, pkg.toc, book.sections, report)
    join_drop_caps(body, report)
    drop_page_markers(body, report)
    images_to_alt_text(body, report)
    _drop_image_pages(body, report)
    title = meta.get("title", "")
    toc = [e for e in pkg.toc if not is_furniture(e.label, title)]
    first = apply_toc(root, pkg.toc, book.sections, report, title) if len(toc) >= 2 else None
    drop_contents_lists(body, report)
    if first is None:
        report.note("the table of contents was not used: the book's own headings are kept")
    blocks = html_to_blocks(body, report, notes=find_notes(root))
    blocks = normalize_levels(blocks)
    blocks = _front_matter(blocks, _first_index(body, first, blocks), meta, report)
    source = "nav document" if pkg.nav_path and pkg.toc else "NCX" if pkg.toc else "none"
    report.fact(
        "EPUB", f"version {pkg.version}, {len(paths)} documents read, contents from {source}"
    )
    if not any(b.kind != HEADING for b in blocks):
        raise ReaderError("the EPUB holds no readable text")
    return Cleaned(blocks, meta)
