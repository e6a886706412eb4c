"""HTML to the common blocks: the converter that every HTML-based reader uses.

    from reader.core.clean.html_blocks import convert_html, html_to_blocks

    blocks = convert_html(markup, report, base_url="https://example.org/page")
    blocks = html_to_blocks(element, report, notes=find_notes(root), base_url=None)

`convert_html` parses a page or a fragment (an EPUB chapter), finds its notes and
converts its `<body>`; it removes nothing but scripts, styles and other non-text
elements (chrome removal is the HTML page cleaner's job). `html_to_blocks` converts one
element of a tree you already have, with the notes found on the whole tree (so a
marker in one chapter finds its note in another when the chapters share one tree).

What comes out (`MdBlock`s, see `reader.core.markdown`):

- `h1`-`h6`: headings at the source's level (`normalize_levels` shifts them so the
  top one is `##`); a heading with no letter or digit (`* * *`) is a separator, dropped;
- paragraphs; a `<br>` splits a paragraph of short lines (verse, addresses) into one
  block per line and is a space in long prose;
- `blockquote` and elements whose class names a quotation (`quoteb`, `blockquot`):
  quotations, unless the blockquote holds headings or most of the text (a layout box);
- `ul`/`ol`: list items (`-`, `1.`; `start` honoured), nested lists flattened after
  their item;
- data tables as pipe tables (row and column spans expanded), a ragged one kept as
  rows of cells and marked `damaged`; layout tables (cells holding headings, nested
  tables, long prose, or a single column) are read as ordinary content;
- `pre`: preformatted lines verbatim;
- inline emphasis, strong, code, links and note markers (see `html_inline`);
- note definitions (see `html_notes`) as `[^label]` notes, where they stand.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.clean.html_inline import BREAK, SKIPPED, InlineRenderer, safe_markdown
from reader.core.clean.html_notes import Notes, find_notes, lead_residue
from reader.core.clean.html_tree import (
    BLOCK_TAGS,
    HEADINGS,
    clean_text,
    parse_html,
    pre_lines,
    tag,
    text_of,
    words,
)
from reader.core.clean.model import Report
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE
from reader.core.markdown import MdBlock

_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
_SPACES = re.compile(r" {2,}")
_ALNUM = re.compile(r"\w")
SHORT_LINE = 120
MAX_TABLE_CELLS = 100_000


def convert_html(markup: str, report: Report, *, base_url: str | None = None) -> list[MdBlock]:
    """The blocks of a page or fragment: parse, find notes, convert the body."""
    root = parse_html(markup)
    body = root.find("body")
    target = body if body is not None else root
    return html_to_blocks(target, report, notes=find_notes(root), base_url=base_url)


def html_to_blocks(
    element: HtmlElement,
    report: Report,
    *,
    notes: Notes | None = None,
    base_url: str | None = None,
    extra: list[HtmlElement] | None = None,
) -> list[MdBlock]:
    """The blocks of `element`; `extra` elements (notes kept outside it) follow."""
    converter = BlockConverter(notes or find_notes(element), report, base_url)
    converter.run(element)
    for el in extra or []:
        converter.run(el)
    return converter.blocks


def normalize_levels(blocks: list[MdBlock], top: int = 2) -> list[MdBlock]:
    """Headings shifted so that the highest one is at `top`, gaps closed."""
    levels = sorted({b.level for b in blocks if b.kind == HEADING})
    if not levels:
        return blocks
    new = {lvl: min(top + i, 6) for i, lvl in enumerate(levels)}
    return [
        MdBlock(HEADING, b.text, level=new[b.level]) if b.kind == HEADING else b for b in blocks
    ]


def _quote_class(el: HtmlElement) -> bool:
    if "quot" not in (el.get("class") or "").lower():
        return False
    return any("quot" in w and "pullquot" not in w for w in words(el))


class BlockConverter:
    """Walks a tree and collects blocks; one instance per document."""

    def __init__(self, notes: Notes, report: Report, base_url: str | None = None) -> None:
        self.notes = notes
        self.report = report
        self.inline = InlineRenderer(notes, base_url)
        self.plain_inline = InlineRenderer(notes, base_url, links=False)
        self.blocks: list[MdBlock] = []
        self.buf: list[str] = []
        self.quote = 0
        self.has_block: set[HtmlElement] = set()
        self.total = 1

    def run(self, root: HtmlElement) -> None:
        for el in root.iter(*BLOCK_TAGS):
            if el is not root:
                cur = el.getparent()
                while cur is not None and cur not in self.has_block:
                    self.has_block.add(cur)
                    cur = cur.getparent()
        self.total = max(1, len(text_of(root)))
        self.walk(root)
        self.flush()

    # -- blocks -------------------------------------------------------------------------

    def walk(self, el: HtmlElement) -> None:
        name = tag(el)
        notes = self.notes
        if not name or name in SKIPPED or el in notes.drop or el in notes.skip:
            return
        if el in notes.definitions:
            self.flush()
            self.note(el)
            return
        if el in notes.markers:
            self.buf.append(f"[^{notes.markers[el]}]")
            return
        if name in HEADINGS:
            self.flush()
            self.heading(el, HEADINGS[name])
        elif name == "hr":
            self.flush()
        elif name == "br":
            self.buf.append(BREAK)
        elif name in _LISTS:
            self.flush()
            self.list_items(el)
        elif name == "table":
            self.flush()
            self.table(el)
        elif name in _PRE:
            self.flush()
            self.pre(el)
        elif (name == "blockquote" or (name in BLOCK_TAGS and _quote_class(el))) and (
            not self.layout_box(el)
        ):
            self.flush()
            self.quote += 1
            self.container(el)
            self.flush()
            self.quote -= 1
        elif name not in BLOCK_TAGS and el not in self.has_block:
            self.buf.append(self.inline.element(el))
        else:
            self.container(el)

    def container(self, el: HtmlElement) -> None:
        block = tag(el) in BLOCK_TAGS
        if block:
            self.flush()
        self.buf.append(self.inline.text(el.text))
        for child in el:
            self.walk(child)
            self.buf.append(self.inline.text(child.tail))
        if block:
            self.flush()

    def layout_box(self, el: HtmlElement) -> bool:
        """A blockquote used for layout: it holds headings, tables or most of the text."""
        if any(tag(d) in HEADINGS or tag(d) in ("table", "hr") for d in el.iter()):
            return True
        return len(text_of(el)) > 0.6 * self.total and self.total > 2000

    def flush(self) -> None:
        md = "".join(self.buf)
        self.buf.clear()
        if not md.strip():
            return
        lines = [_SPACES.sub(" ", line).strip() for line in md.split(BREAK)]
        lines = [line for line in lines if line]
        if not lines:
            return
        if self.quote:
            self.blocks.append(MdBlock(QUOTE, "\n".join(safe_markdown(x) for x in lines)))
            return
        if len(lines) > 1 and all(len(x) <= SHORT_LINE for x in lines):
            for line in lines:
                self.blocks.append(MdBlock(PARAGRAPH, safe_markdown(line)))
            return
        self.blocks.append(MdBlock(PARAGRAPH, safe_markdown(" ".join(lines))))

    def heading(self, el: HtmlElement, level: int) -> None:
        text = _SPACES.sub(" ", self.plain_inline.render(el).replace(BREAK, " ")).strip()
        if not _ALNUM.search(text):
            if text:
                self.report.count("separators dropped")
            return
        self.blocks.append(MdBlock(HEADING, safe_markdown(text), level=level))

    def note(self, el: HtmlElement) -> None:
        label = self.notes.definitions[el]
        parts = [self.inline.render(el)]
        parts += [self.inline.render(c) for c in self.notes.continuations.get(el, [])]
        text = _SPACES.sub(" ", " ".join(parts).replace(BREAK, " ")).strip()
        text = lead_residue(text, label)
        self.blocks.append(MdBlock(NOTE, safe_markdown(text), label=label))

    def list_items(self, el: HtmlElement) -> None:
        ordered = tag(el) == "ol"
        try:
            n = int(el.get("start") or 1)
        except ValueError:
            n = 1
        for li in el:
            if tag(li) != "li":
                self.walk(li)
                continue
            if li in self.notes.definitions or li in self.notes.drop:
                self.walk(li)
                continue
            parts = [self.inline.text(li.text)]
            later: list[HtmlElement] = []
            for child in li:
                name = tag(child)
                if (
                    name in _LISTS
                    or name in ("table", "blockquote")
                    or name in _PRE
                    or name in HEADINGS
                    or child in self.notes.definitions
                ):
                    later.append(child)
                else:
                    parts.append(self.inline.element(child))
                parts.append(self.inline.text(child.tail))
            text = _SPACES.sub(" ", "".join(parts).replace(BREAK, " ")).strip()
            if text:
                label = f"{n}." if ordered else "-"
                self.blocks.append(MdBlock(LIST_ITEM, safe_markdown(text), label=label))
                n += 1
            for child in later:
                self.walk(child)

    def pre(self, el: HtmlElement) -> None:
        lines = pre_lines(el)
        if lines:
            self.blocks.append(MdBlock(PRE, lines=lines))

    # -- tables -------------------------------------------------------------------------

    def table(self, el: HtmlElement) -> None:
        rows = [tr for tr in el.iter("tr") if _owner(tr) is el]
        if not rows or self.layout_table(el, rows):
            self.container(el)
            return
        caption = el.find("caption")
        if caption is not None and text_of(caption):
            self.blocks.append(MdBlock(PARAGRAPH, safe_markdown(self.cell(caption))))
        grid, ragged = self.grid(rows)
        grid = [r for r in grid if any(c.strip() for c in r)]
        if not grid:
            return
        if ragged:
            lines = tuple(" | ".join(_plain_cell(c) for c in r if c.strip()) for r in grid)
            self.blocks.append(MdBlock(TABLE, info="damaged", lines=lines))
            self.report.count("damaged tables kept as rows")
            return
        width = max(len(r) for r in grid)
        lines_list = [
            "| " + " | ".join(c.replace("|", "\\|") for c in r + [""] * (width - len(r))) + " |"
            for r in grid
        ]
        lines_list.insert(1, "|" + " --- |" * width)
        self.blocks.append(MdBlock(TABLE, lines=tuple(lines_list)))
        self.report.count("tables")

    def layout_table(self, el: HtmlElement, rows: list[HtmlElement]) -> bool:
        widths = [sum(1 for c in tr if tag(c) in ("td", "th")) for tr in rows]
        if max(widths) <= 1:
            return True
        for d in el.iter():
            name = tag(d)
            if d is not el and (name == "table" or name in HEADINGS or name in _PRE):
                return True
        return any(len(text_of(c)) > 400 for tr in rows for c in tr if tag(c) in ("td", "th"))

    def cell(self, el: HtmlElement) -> str:
        md = self.inline.render(el).replace(BREAK, " ")
        return safe_markdown(_SPACES.sub(" ", md).strip())

    def grid(self, rows: list[HtmlElement]) -> tuple[list[list[str]], bool]:
        """Cells by row with row and column spans expanded; True when rows are ragged."""
        cells = [[c for c in tr if tag(c) in ("td", "th")] for tr in rows]
        area = sum(
            _span(c.get("colspan")) * min(_span(c.get("rowspan")), len(rows))
            for row in cells
            for c in row
        )
        if area > MAX_TABLE_CELLS:  # spans that would blow the grid up: rows as they are
            return [[self.cell(c) for c in row] for row in cells], True
        pending: dict[tuple[int, int], str] = {}
        grid: list[list[str]] = []
        for r, tr in enumerate(rows):
            row: list[str] = []
            col = 0
            for c in (x for x in tr if tag(x) in ("td", "th")):
                while (r, col) in pending:
                    row.append(pending.pop((r, col)))
                    col += 1
                text = self.cell(c)
                span = _span(c.get("colspan"))
                down = _span(c.get("rowspan"))
                for k in range(span):
                    row.append(text if k == 0 else "")
                    for d in range(1, min(down, len(rows) - r)):
                        pending[(r + d, col + k)] = ""
                col += span
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            grid.append(row)
        lengths = {len(r) for r in grid if r}
        return grid, len(lengths) > 1


def _owner(tr: HtmlElement) -> HtmlElement | None:
    cur = tr.getparent()
    while cur is not None and tag(cur) != "table":
        cur = cur.getparent()
    return cur


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _plain_cell(markdown: str) -> str:
    from reader.core.inline import parse_inline

    return clean_text(parse_inline(markdown).text).strip()
