"""The pdf cleaner: text extracted from PDFs (theses, articles, web pages printed to PDF).

Steps, each in its own module:

1. `pdf_layout.split_chunks`: the extraction's blank-line separated text blocks;
2. `pdf_front`: cover and title pages or a web-export header become metadata;
3. `pdf_notes`: footnote definitions (superscript-numbered, at page feet) and endnotes
   (bracket-numbered, after the body) are taken out;
4. `pdf_layout.remove_furniture`: running headers and page numbers go;
5. `pdf_blocks`: tables, back-matter and numbered headings, quotations;
6. `pdf_layout.join_page_breaks`: paragraphs cut by page breaks are made whole;
7. `pdf_blocks`: unnumbered headings and sub-headings disguised as bullets;
8. `pdf_inline`: each block's text becomes inline Markdown (markers `[^N]`, italics,
   links), and the notes follow the body in label order. A citation that follows a
   quotation's closing mark goes on a line of its own in the quotation's block.

Damage no rule should repair (displaced paragraphs, glyphs printed wrongly) is fixed
by the document's corrections file, before this cleaner runs.
"""

from __future__ import annotations

import re

from reader.core.clean.model import Cleaned, Report
from reader.core.clean.pdf_blocks import (
    HEADING,
    QUOTE,
    TABLE,
    mark_back_matter,
    mark_list_headings,
    mark_numbered_headings,
    mark_plain_headings,
    mark_quotes,
    mark_tables,
    split_citation,
)
from reader.core.clean.pdf_front import read_front, split_front, translator_of
from reader.core.clean.pdf_headings import converter_headings, split_glued_headings
from reader.core.clean.pdf_inline import InlineConverter, plain_text
from reader.core.clean.pdf_layout import (
    LIST,
    Chunk,
    join_page_breaks,
    remove_furniture,
    split_chunks,
)
from reader.core.clean.pdf_notes import (
    check_markers,
    merge_duplicates,
    ordered,
    take_endnotes,
    take_footnotes,
    undefined_markers,
)
from reader.core.clean.pdf_pages import prepare
from reader.core.document import HEADING as MD_HEADING
from reader.core.document import LIST_ITEM, NOTE, PARAGRAPH
from reader.core.document import QUOTE as MD_QUOTE
from reader.core.document import TABLE as MD_TABLE
from reader.core.markdown import MdBlock

_LEADING_QUOTE_SPACE = re.compile(r"^([\"“‘])\s+")


def clean(text: str, report: Report) -> Cleaned:
    """Clean text extracted from a PDF into blocks plus the metadata it states."""
    text = prepare(text, report)
    chunks = split_chunks(text)
    front, body = split_front(chunks)
    meta = read_front(front, body)
    report.count("front-matter blocks made metadata", len(front))

    body, footnotes = take_footnotes(body)
    body, endnotes = take_endnotes(body, report)
    notes = merge_duplicates(footnotes + endnotes, report)
    body = remove_furniture(body, meta.get("title", ""), report)
    body = split_glued_headings(converter_headings(body, report), report)

    mark_tables(body, report)
    back = mark_back_matter(body)
    mark_numbered_headings(body, report)
    mark_quotes(body)
    join_page_breaks(body, report, weak_until=back)
    mark_plain_headings(body)
    mark_list_headings(body)

    translator = translator_of(body)
    if translator:
        meta["translator"] = translator

    convert = InlineConverter(
        set(notes),
        on_truncated_url=lambda url: report.note(f"truncated URL kept as written: {url}"),
    )
    blocks = [b for chunk in body for b in _blocks_of(chunk, convert)]
    for label in sorted(set(undefined_markers(text, set(notes)))):
        report.note(f"marker {label} has no note definition; kept as text")
    body_markers = list(convert.markers_used)
    for note in ordered(notes):
        markdown = convert.convert(note.text, in_note=True)
        if markdown:
            blocks.append(MdBlock(NOTE, markdown, label=note.label))
    check_markers(body_markers, notes, report)
    report.count("notes", len(notes))
    report.count("note markers", len(body_markers))
    report.count("headings", sum(1 for c in body if c.kind == HEADING))
    report.count("quotations", sum(1 for c in body if c.kind == QUOTE))
    return Cleaned(blocks, {k: plain_text(v) for k, v in meta.items() if v})


def _blocks_of(chunk: Chunk, convert: InlineConverter) -> list[MdBlock]:
    """The Markdown block(s) one chunk becomes."""
    if chunk.kind == TABLE:
        # Kept verbatim; the info string ("table damaged") says the cells are lost.
        # No explanatory sentence is added: the body holds the source's words only.
        return [
            MdBlock(MD_TABLE, info=chunk.info, lines=tuple(plain_text(x) for x in chunk.lines)),
        ]
    text = _LEADING_QUOTE_SPACE.sub(r"\1", chunk.text)
    if chunk.kind == QUOTE:
        quoted, citation = split_citation(text)
        markdown = convert.convert(quoted)
        if citation:
            markdown = f"{markdown}\n{convert.convert(citation)}" if markdown else ""
        return [MdBlock(MD_QUOTE, markdown)] if markdown else []
    markdown = convert.convert(text)
    if not markdown:
        return []
    if chunk.kind == HEADING:
        return [MdBlock(MD_HEADING, markdown, level=chunk.level)]
    if chunk.kind == LIST:
        return [MdBlock(LIST_ITEM, markdown, label=chunk.label or "-")]
    return [MdBlock(PARAGRAPH, markdown)]
