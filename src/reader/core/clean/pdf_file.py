"""Importing a PDF file: its text layer, read with its layout, into the common blocks.

The PDF is opened with pypdfium2 (PDFium, Apache/BSD licensed; fast enough for a
50-page booklet in a few seconds). Steps:

1. guards: size (32 MB), encryption, a broken file, pages (`MAX_PAGES`) and time
   (`TIME_LIMIT` seconds: the rest of the pages are left out and the report says so);
2. `pdf_chars`: each page's characters grouped into line pieces with size and weight;
3. no text at all (a scanned PDF): one clear error that says OCR is needed;
4. `pdf_file_layout`: furniture removed (running headers and footers, page numbers,
   stamps, rotated margin text), columns found, lines put in reading order;
5. `pdf_file_blocks`: footnotes taken from the column feet, paragraphs and headings
   built, hyphens at line ends mended against the document's own vocabulary;
6. `mend.repair_ligatures` on every block; markers linked to notes;
7. metadata: the info dictionary, then XMP, else the title page (the largest type on
   the first page).

`progress(done, total)` is called after each page, for a progress bar.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.clean.mend import Vocabulary, repair_ligatures
from reader.core.clean.model import Cleaned, Report
from reader.core.clean.pdf_chars import MARK_CLOSE, MARK_OPEN, Page, read_page
from reader.core.clean.pdf_file_blocks import (
    HEADING,
    TABLE,
    Builder,
    Note,
    Para,
    clean_line_text,
    heading_levels,
    take_footnotes,
)
from reader.core.clean.pdf_file_endnotes import take_endnotes
from reader.core.clean.pdf_file_layout import (
    Placed,
    all_gutters,
    body_size,
    reading_order,
    remove_furniture,
)
from reader.core.clean.pdf_file_tables import Table, take_tables
from reader.core.clean.pdf_meta import metadata
from reader.core.document import HEADING as MD_HEADING
from reader.core.document import NOTE, PARAGRAPH
from reader.core.document import TABLE as MD_TABLE
from reader.core.errors import ReaderError
from reader.core.inline import escape_inline, marker
from reader.core.markdown import MdBlock

MAX_PAGES = 2000
TIME_LIMIT = 120.0
MAX_BYTES = 32 * 1024 * 1024
Progress = Callable[[int, int], None]
_MARK = re.compile(MARK_OPEN + r"(\d{1,3})" + MARK_CLOSE)


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise ReaderError(
            f"{path}: the file is {size / 2**20:.0f} MB; the import limit is "
            f"{MAX_BYTES // 2**20} MB"
        )
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReaderError(
                f"{path}: the PDF is encrypted (password protected); "
                "decrypt it first (for example with qpdf --decrypt)"
            ) from None
        raise ReaderError(f"{path}: not a readable PDF file ({exc})") from None


def _visible_box(page: Any) -> tuple[float, float, float, float]:
    """The crop box (what a viewer shows), within the media box."""
    try:
        mx0, my0, mx1, my1 = page.get_mediabox()
        cx0, cy0, cx1, cy1 = page.get_cropbox()
    except Exception:  # a page without usable boxes: its nominal size
        return (0.0, 0.0, float(page.get_width()), float(page.get_height()))
    box = (max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1))
    if box[2] - box[0] < 10 or box[3] - box[1] < 10:
        return (mx0, my0, mx1, my1)
    return box


def read_pages(doc: Any, report: Report, progress: Progress | None = None) -> list[Page]:
    """The line pieces of every page (up to the page and time guards)."""
    total = len(doc)
    if total > MAX_PAGES:
        report.warn(f"only the first {MAX_PAGES} of {total} pages were read (page limit)")
        total = MAX_PAGES
    pages: list[Page] = []
    started = time.monotonic()
    for i in range(total):
        page = doc[i]
        try:
            textpage = page.get_textpage()
            try:
                pages.append(read_page(textpage.raw, i, _visible_box(page)))
            finally:
                textpage.close()
        finally:
            page.close()
        if progress is not None:
            progress(i + 1, total)
        if time.monotonic() - started > TIME_LIMIT and i + 1 < total:
            report.warn(f"reading stopped after {i + 1} of {total} pages (time limit)")
            break
    return pages


def read_pdf(path: Path, report: Report, progress: Progress | None = None) -> Cleaned:
    """Clean a PDF file into blocks plus the metadata it states."""
    doc = _open(path)
    try:
        pages = read_pages(doc, report, progress)
        meta = metadata(doc, path)
    finally:
        doc.close()
    report.fact("pages", str(len(pages)))
    chars = sum(len(line.text) for p in pages for line in p.lines)
    if chars < 20 * max(1, min(len(pages), 3)):
        report.fact("text layer", "none (scanned pages): OCR is needed")
        raise ReaderError(
            f"{path}: the PDF has no text layer (scanned pages); run OCR on it first "
            "(for example with ocrmypdf) and import the result"
        )
    return clean_pages(pages, report, meta)


def clean_pages(pages: list[Page], report: Report, meta: dict[str, str]) -> Cleaned:
    """The blocks of already read pages (also used by the tests)."""
    remove_furniture(pages, report)
    body = body_size(pages)
    report.count("tables", sum(take_tables(p, body) for p in pages))
    vocab = Vocabulary.of_text("\n".join(clean_line_text(x.text) for p in pages for x in p.lines))
    builder = Builder(body, vocab)
    notes: list[Note] = []
    prev: Placed | None = None
    for page, gaps in zip(pages, all_gutters(pages, body), strict=True):
        placed = reading_order(page, gaps)
        placed = take_footnotes(placed, body, page.height, notes)
        for p in placed:
            builder.add(p, prev)
            prev = p
    paras, endnotes, series = take_endnotes(builder.paras)
    notes.extend(endnotes)
    heading_levels(paras, body)
    if "title" not in meta:
        title = _title_from_first_page(paras)
        if title:
            meta["title"] = title
    blocks = _blocks(paras, series, notes, vocab, report)
    report.count("headings", sum(1 for p in paras if p.kind == HEADING))
    report.count("endnotes", len(endnotes))
    report.count("notes", len(notes))
    return Cleaned(blocks, meta)


def _title_from_first_page(paras: list[Para]) -> str:
    first = [p for p in paras if p.page == 0 and p.kind == HEADING]
    if not first:
        return ""
    best = max(first, key=lambda p: p.size)
    text = _MARK.sub("", best.text).strip()
    return text if 3 <= len(text) <= 200 else ""


def _inline(text: str, labels: set[str], used: list[str], series: int = 0) -> str:
    out: list[str] = []
    pos = 0
    for m in _MARK.finditer(text):
        out.append(escape_inline(text[pos : m.start()]))
        label = m.group(1)
        if series and f"{series}.{label}" in labels:
            label = f"{series}.{label}"
        if label in labels:
            out.append(marker(label))
            used.append(label)
        else:
            out.append(escape_inline(label))
        pos = m.end()
    out.append(escape_inline(text[pos:]))
    return "".join(out).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def _blocks(
    paras: list[Para], series: list[int], notes: list[Note], vocab: Vocabulary, report: Report
) -> list[MdBlock]:
    # A label used twice (notes numbered per chapter) keeps its first note.
    by_label: dict[str, Note] = {}
    for note in notes:
        if note.label in by_label:
            report.note(
                f"note {note.label} is defined twice; the second is kept as note "
                f"{note.label}-{len(by_label)}"
            )
            note.label = f"{note.label}-{len(by_label)}"
        by_label[note.label] = note
    labels = set(by_label)
    used: list[str] = []
    blocks: list[MdBlock] = []
    repaired = 0
    for p, k in zip(paras, series, strict=True):
        if p.kind == TABLE:
            blocks.append(_table_block(p.table))
            continue
        text, n = repair_ligatures(p.text, vocab)
        repaired += n
        markdown = _inline(text, labels, used, k)
        if not markdown.strip():
            continue
        if p.kind == HEADING:
            blocks.append(MdBlock(MD_HEADING, markdown, level=p.level or 2))
        else:
            blocks.append(MdBlock(PARAGRAPH, markdown))
    for note in by_label.values():
        text, n = repair_ligatures(note.text, vocab)
        repaired += n
        blocks.append(MdBlock(NOTE, _inline(text, set(), []), label=note.label))
    report.count("ligatures repaired", repaired)
    report.count("note markers", len(used))
    for label in sorted(labels - set(used)):
        report.note(f"note {label} has no marker in the text")
    return blocks


def _table_block(table: Table) -> MdBlock:
    """A pipe table when every row has as many cells, else the rows verbatim, damaged."""
    rows = [[_MARK.sub(r"\1", clean_line_text(c)) for c in row] for row in table.rows]
    if table.regular:
        lines = tuple(
            "| " + " | ".join(escape_inline(c).replace("|", "\\|") for c in row) + " |"
            for row in rows
        )
        return MdBlock(MD_TABLE, lines=lines)
    return MdBlock(MD_TABLE, info="damaged", lines=tuple("  ".join(row) for row in rows))
