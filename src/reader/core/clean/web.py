"""The web cleaner: articles saved from web pages as text.

Such a dump has one line per HTML block, headings without markup, quotations marked
only by quotation marks and indents of non-breaking spaces, citations on the line after
each quotation, tables flattened into one padded line, and the site's chrome. The steps:

1. chrome out (`web_chrome`): navigation lines, the remains of lost links, lines that
   only announced a link; the last line, when it is a signature, becomes the author;
2. quotations (`web_quotes`): each quoted paragraph becomes a QUOTE block, and the
   citation goes in the last one, on its own line, so quotation and source stay
   together; numbered lines inside a quotation stay inside it (they are not lists of
   the article), and so does a flattened list (one item per line of its QUOTE block);
3. the other lines (`web_lines`): bare title-case lines become section headings, a
   padded line of short items becomes a list, a line that stops mid-sentence is joined
   to the next one (a sentence split across a blank line), the rest are paragraphs.

Section headings are level 2: the title (level 1) lives in the metadata.
"""

from __future__ import annotations

from reader.core.clean.model import Cleaned, Report
from reader.core.clean.web_chrome import (
    is_navigation,
    is_pointer_line,
    signature_name,
    strip_link_stubs,
)
from reader.core.clean.web_lines import (
    NBSP,
    Line,
    content_lines,
    ends_mid_sentence,
    flattened_cells,
    is_heading,
)
from reader.core.clean.web_quotes import Quotation, find_quotation, opens_quotation
from reader.core.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE
from reader.core.inline import escape_inline
from reader.core.markdown import MdBlock

SECTION_LEVEL = 2


def _without_chrome(text: str, report: Report) -> list[str]:
    """The source lines with navigation lines blanked and link stubs cut out."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if is_navigation(line):
            report.count("navigation lines removed")
            out.append("")
            continue
        line, stubs = strip_link_stubs(line)
        report.count("link stubs removed", stubs)
        out.append(line)
    return out


def _take_signature(lines: list[Line], meta: dict[str, str], report: Report) -> list[Line]:
    """Move a signature on the last line into the metadata as the author."""
    if len(lines) < 2 or not lines[-1].blank_before:
        return lines
    name = signature_name(lines[-1].text)
    if name is None or is_heading(lines[-2]):
        return lines
    meta["author"] = name
    report.count("signature taken as author")
    return lines[:-1]


def _drop_pointer_lines(lines: list[Line], report: Report) -> list[Line]:
    """Remove lines that only introduced a lost link (unless a quotation follows them)."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if is_pointer_line(line.text) and not (following and opens_quotation(following)):
            report.count("link stubs removed")
            continue
        out.append(line)
    return out


def _list_blocks(cells: list[str], report: Report) -> list[MdBlock]:
    report.count("flattened lists split")
    return [MdBlock(LIST_ITEM, escape_inline(c), label="-") for c in cells]


def _quoted_list_block(line: Line, cells: list[str], report: Report) -> MdBlock:
    """A flattened list inside a quotation: one quoted block, one item per line.

    The items stay inside the quotation (a list of the article would break it in
    two and present the quoted items as the article's own); the full stop that
    closed the quoted sentence after the last item is kept, as the source has it.
    """
    report.count("flattened lists split")
    items = list(cells)
    if line.text.endswith(".") and not items[-1].endswith("."):
        items[-1] += "."
    return MdBlock(QUOTE, "\n".join(escape_inline(c) for c in items))


def _quotation_blocks(quote: Quotation, report: Report) -> list[MdBlock]:
    """One QUOTE block per quoted paragraph; the citation closes the last one."""
    blocks: list[MdBlock] = []
    for line, text in zip(quote.lines, quote.texts(), strict=True):
        cells = flattened_cells(line) if NBSP in line.raw else None
        if cells is not None:
            blocks.append(_quoted_list_block(line, cells, report))
        else:
            blocks.append(MdBlock(QUOTE, escape_inline(text)))
    report.count("quotations")
    if quote.citation:
        citation = escape_inline(" ".join(quote.citation))
        last = blocks[-1]
        blocks[-1] = MdBlock(QUOTE, last.text + "\n" + citation)
        report.count("citations attached")
    return blocks


def _body_blocks(lines: list[Line], report: Report) -> list[MdBlock]:
    blocks: list[MdBlock] = []
    pending = ""  # a paragraph that stopped mid-sentence, waiting for its end
    i = 0
    while i < len(lines):
        line = lines[i]
        quote = find_quotation(lines, i, is_heading)
        if quote is not None:
            if pending:
                blocks.append(MdBlock(PARAGRAPH, escape_inline(pending)))
                pending = ""
            blocks.extend(_quotation_blocks(quote, report))
            i += quote.consumed
            continue
        i += 1
        if pending:
            if not is_heading(line):
                report.count("paragraphs joined across blank lines")
                text = pending + " " + line.text
                pending = ""
                if ends_mid_sentence(text) and i < len(lines):
                    pending = text
                else:
                    blocks.append(MdBlock(PARAGRAPH, escape_inline(text)))
                continue
            blocks.append(MdBlock(PARAGRAPH, escape_inline(pending)))
            pending = ""
        if is_heading(line):
            blocks.append(MdBlock(HEADING, escape_inline(line.text), level=SECTION_LEVEL))
            report.count("headings")
            continue
        cells = flattened_cells(line) if NBSP in line.raw else None
        if cells is not None:
            blocks.extend(_list_blocks(cells, report))
        elif ends_mid_sentence(line.text) and i < len(lines):
            pending = line.text
        else:
            blocks.append(MdBlock(PARAGRAPH, escape_inline(line.text)))
    if pending:
        blocks.append(MdBlock(PARAGRAPH, escape_inline(pending)))
    return blocks


def clean(text: str, report: Report) -> Cleaned:
    """Clean a web-page dump into headings, paragraphs, quotations and lists."""
    report.count("non-breaking spaces replaced", text.count(NBSP))
    meta: dict[str, str] = {}
    lines = content_lines(_without_chrome(text, report))
    lines = _take_signature(lines, meta, report)
    lines = _drop_pointer_lines(lines, report)
    blocks = _body_blocks(lines, report)
    return Cleaned(blocks, meta)
