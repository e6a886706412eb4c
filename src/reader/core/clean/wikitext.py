"""The wikitext cleaner: a MediaWiki edit page (saved as text) to a reader text.

Steps:
1. Find the content of the edit box among the editor's chrome, by its wiki markup
   (`wikitext_structure.split_edit_page`); the chrome's "Editing <page> (section)" header
   names the page.
2. Undo one level of XML escaping in a half-escaped page, and make unclosed or runaway
   constructs literal so that the parser cannot backtrack (`wikitext_guard`).
3. Parse with mwparserfromhell, once; if the page's newlines were collapsed into spaces,
   put headings, block quotations and list bullets back on their own lines
   (`wikitext_structure.restore_lines`) and parse the restored text. Collect every
   named reference's definition, since a name may be used before the one defining it.
4. Build blocks (`wikitext_blocks`): headings, paragraphs, quotations, lists, tables;
   inline markup via `wikitext_inline`, which turns references into footnote markers.
5. End with a "Notes" heading and the note definitions: explanatory notes (`{{efn}}`,
   labelled a, b, c as on Wikipedia) first, then references and short citations
   (numbered 1, 2, 3 in order of first use).

Heading levels: the shallowest wikitext heading level in the page becomes level 1, so an
edited section whose top heading is `== x ==` has `==` as level 1, `===` as level 2, and
so on; the added "Notes" heading is level 1.
"""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Tag, Template
from mwparserfromhell.wikicode import Wikicode

from reader.core.clean.model import Cleaned, Report
from reader.core.clean.wikitext_blocks import BlockBuilder
from reader.core.clean.wikitext_guard import is_half_escaped, make_safe, unescape_markup
from reader.core.clean.wikitext_inline import InlineRenderer
from reader.core.clean.wikitext_large import PARSE_LIMIT, clean_large
from reader.core.clean.wikitext_nodes import EFN_GROUPS, param, tag_attr, tag_name, template_name
from reader.core.clean.wikitext_notes import NoteBook
from reader.core.clean.wikitext_structure import is_collapsed, restore_lines, split_edit_page
from reader.core.document import HEADING, NOTE
from reader.core.inline import parse_inline
from reader.core.markdown import MdBlock

NOTES_HEADING = "Notes"


def named_definitions(code: Wikicode) -> dict[tuple[str, str], Wikicode]:
    """The content of every named reference or note, by (group, name); first one wins."""
    found: dict[tuple[str, str], Wikicode] = {}
    for node in code.filter(recursive=True):
        if isinstance(node, Tag) and tag_name(node) == "ref" and node.contents is not None:
            name = tag_attr(node, "name")
            if name and str(node.contents).strip():
                found.setdefault((tag_attr(node, "group"), name), node.contents)
        elif isinstance(node, Template) and template_name(node) in EFN_GROUPS:
            name = str(param(node, "name") or "").strip()
            content = param(node, "1")
            if name and content is not None and str(content).strip():
                found.setdefault((EFN_GROUPS[template_name(node)], name), content)
    return found


def clean(text: str, report: Report) -> Cleaned:
    """Clean a MediaWiki edit page (or bare wikitext) into blocks and notes."""
    page = split_edit_page(text)
    report.count("chrome lines removed", page.chrome_lines)
    content = page.content
    if is_half_escaped(content):
        content = unescape_markup(content)
        report.count("XML-escaped markup unescaped", 1)
    if len(content) > PARSE_LIMIT:
        report.note(
            f"{len(content) / 2**20:.0f} MB of wikitext is more than the parser can read in "
            f"time ({PARSE_LIMIT // 2**20} MB): markup stripped, templates and notes not rendered"
        )
        return Cleaned(clean_large(content), _meta(page.page_title, page.section_edit, []))
    content, unsafe = make_safe(content)
    report.count("unclosed, runaway or indented markup made plain", unsafe)
    code = mwparserfromhell.parse(content)
    collapsed = is_collapsed(content, code.nodes)
    if collapsed:
        content, headings, items = restore_lines(content, code.nodes)
        report.count("headings put back on their own lines", headings)
        report.count("list items put back on their own lines", items)
        code = mwparserfromhell.parse(content)  # once more, with its lines back
    levels = [h.level for h in code.nodes if isinstance(h, Heading)]
    notes = NoteBook()
    renderer = InlineRenderer(notes, named_definitions(code))
    builder = BlockBuilder(
        renderer, report, heading_base=min(levels, default=2), split_long=collapsed
    )
    blocks = builder.build(code)
    ordered = notes.in_reading_order()
    blocks, emptied = _drop_empty_note_sections(blocks)
    report.count("empty notes and references sections dropped", emptied)
    if ordered:
        taken = any(b.kind == HEADING and b.text == NOTES_HEADING for b in blocks)
        blocks.append(MdBlock(HEADING, "Reference notes" if taken else NOTES_HEADING, level=1))
        blocks.extend(MdBlock(NOTE, n.text, label=n.label) for n in ordered)
    report.count("headings", sum(1 for b in blocks if b.kind == HEADING))
    report.count("notes", len(ordered))
    report.count("note markers", notes.markers)
    report.count("images dropped", renderer.images)
    report.count("hatnotes dropped", renderer.hatnotes)
    for name, n in sorted(renderer.dropped.items()):
        report.note(f"unknown template {{{{{name}}}}} left out ({n}x)")
    for name, n in sorted(renderer.kept.items()):
        report.note(f"unknown template {{{{{name}}}}} shown as its text ({n}x)")
    return Cleaned(blocks, _meta(page.page_title, page.section_edit, blocks))


_NOTE_SECTIONS = frozenset(
    {
        "notes",
        "references",
        "footnotes",
        "citations",
        "notes and references",
        "sources",
        "references and notes",
        "explanatory notes",
        "bibliography",
        "works cited",
    }
)


def _drop_empty_note_sections(blocks: list[MdBlock]) -> tuple[list[MdBlock], int]:
    """Without the article's own notes and references headings whose sections are empty
    (their lists are the notes written at the end): one "Notes" heading, never two."""
    out: list[MdBlock] = []
    dropped = 0
    for i, block in enumerate(blocks):
        if block.kind == HEADING and block.text.strip().lower() in _NOTE_SECTIONS:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or (nxt.kind == HEADING and nxt.level <= block.level):
                dropped += 1
                continue
        out.append(block)
    return out, dropped


def _meta(page_title: str, section_edit: bool, blocks: list[MdBlock]) -> dict[str, str]:
    """The title the page states: the page name, and the section's heading if the edit
    was of one section."""
    if not page_title:
        return {}
    title = page_title
    first = next((b for b in blocks if b.kind == HEADING), None)
    if section_edit and first is not None:
        title = f"{page_title}: {parse_inline(first.text).text}"
    return {"title": title}
