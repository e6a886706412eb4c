"""The plain-text cleaner: book chapters and any text not recognised as another kind.

It reads structure from layout alone (see `plain_structure` for paragraphs, the title
block, headings, quotations and lists, and `plain_notes` for bracketed note markers and
end notes). Because `plain` is also the fallback for arbitrary user text, every rule is
conservative: a text with no recognisable structure comes out as its paragraphs, and a
text without note definitions never gets notes.
"""

from __future__ import annotations

from reader.core.clean.model import Cleaned, Report
from reader.core.clean.plain_notes import cited_labels, find_notes, inline_markdown
from reader.core.clean.plain_structure import (
    join_broken,
    mark_headings,
    mark_lists,
    mark_quotes,
    read_title_block,
    split_paragraphs,
    strip_footer,
)
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH
from reader.core.markdown import MdBlock


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (blank-line separated), each on one line."""
    return [p.text for p in split_paragraphs(text)]


def clean(text: str, report: Report) -> Cleaned:
    """Title block, headings, paragraphs, quotations, lists and end notes of a plain text
    (a Project Gutenberg text or another book goes to the book cleaner)."""
    from reader.core.clean import book

    if book.looks_like_book(text):
        return book.clean(text, report)
    paras = strip_footer(split_paragraphs(text), report)
    area = find_notes([p.text for p in paras])
    body = paras[: area.start]
    meta, body = read_title_block(body, report)
    mark_lists(body, report)
    body = join_broken(body, report)
    mark_headings(body, report)
    mark_quotes(body, report)

    labels = area.labels
    blocks: list[MdBlock] = []
    for p in body:
        if p.kind == LIST_ITEM:
            blocks.extend(
                MdBlock(LIST_ITEM, inline_markdown(x, labels), label=p.label) for x in p.parts
            )
        elif p.kind == HEADING:
            blocks.append(MdBlock(HEADING, inline_markdown(p.text, labels), level=p.level))
        else:
            blocks.append(MdBlock(p.kind, inline_markdown(p.text, labels)))
    for label, note in area.notes:
        blocks.append(MdBlock(NOTE, inline_markdown(note, labels), label=label))

    report.count("paragraphs", sum(1 for b in blocks if b.kind == PARAGRAPH))
    report.count("notes attached", len(area.notes))
    for label in area.uncited:
        report.note(f"note {label} is never cited in the text")
    texts = [p.text for p in body] + [note for _, note in area.notes]
    unknown = sorted(cited_labels(texts) - labels, key=lambda x: (len(x), x))
    if unknown and labels:
        report.note(f"markers with no note, kept as text: {', '.join(unknown)}")
    elif unknown:
        report.count("bracketed numbers kept as text (the text has no notes)", len(unknown))
    return Cleaned(blocks, meta)
