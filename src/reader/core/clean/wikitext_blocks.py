"""Block structure of the wikitext cleaner: headings, paragraphs, quotations, lists, tables.

MediaWiki's block rules, applied to the page's top-level nodes line by line: a heading is
a line of its own; a blank line ends a paragraph; consecutive text lines join into one
paragraph; a line starting with `*` or `#` is a list item, `:` an indented passage (shown
as a quotation), `;` a term; a `{{Blockquote}}` (or `<blockquote>`) is a quotation; a
wiki table is a table; an image, a hatnote ("Main article: ...") stands on its own line
between paragraphs and is dropped.

When the page's newlines were lost (see `wikitext_structure`), most paragraph breaks are
gone too. Then a prose run longer than `MAX_PARAGRAPH` characters is split where a
paragraph most likely ended: after a sentence that closes with a reference (Wikipedia's
paragraphs nearly always end with one), picking the break nearest the middle and never
leaving a piece shorter than `MIN_PARAGRAPH`. These breaks are inferred and counted in
the import report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from mwparserfromhell.nodes import ExternalLink, Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from reader.core.clean.model import Report
from reader.core.clean.wikitext_inline import InlineRenderer
from reader.core.clean.wikitext_nodes import (
    HATNOTE_TEMPLATES,
    QUOTE_TEMPLATES,
    is_embed,
    is_note,
    param,
    tag_name,
    template_name,
)
from reader.core.document import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE
from reader.core.markdown import MdBlock

MAX_PARAGRAPH = 1200
MIN_PARAGRAPH = 350

_SENTENCE_CLOSE = re.compile(r"[.!?:][\"'\u201d\u2019)]*$")
_NEXT_SENTENCE = re.compile(r"^\s+[\"'\u201c\u2018(]?[A-Z0-9\u0400-\u042f]")
_FIRST_WORD = re.compile(r"^\s*[\"'\u201c\u2018(]?(\w+)")
# Sentences that open with these words lean on the sentence before them.
CONTINUATION_WORDS = frozenset(
    {
        "also", "and", "but", "consequently", "hence", "he", "her", "his", "however",
        "instead", "it", "its", "nevertheless", "nonetheless", "or", "she", "so", "still",
        "that", "their", "them", "then", "therefore", "these", "they", "this", "those",
        "thus", "yet",
    }
)  # fmt: skip


def _lines(nodes: Iterable[Node]) -> list[list[Node]]:
    """The nodes split into source lines (a Text node may hold several line ends)."""
    lines: list[list[Node]] = [[]]
    for node in nodes:
        if isinstance(node, Text) and "\n" in node.value:
            parts = node.value.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append(Text(part))
        else:
            lines[-1].append(node)
    return lines


def _blank(line: list[Node]) -> bool:
    return all(isinstance(n, Text) and not n.value.strip() for n in line)


def plain_length(node: Node) -> int:
    """Roughly how many characters of prose a node shows (notes and images show none)."""
    if isinstance(node, Text):
        return len(node.value)
    if isinstance(node, Wikilink):
        if is_embed(node):
            return 0
        return len(str(node.text if node.text is not None else node.title))
    if isinstance(node, ExternalLink):
        return len(str(node.title or ""))
    if isinstance(node, Tag) and not is_note(node) and node.contents is not None:
        return sum(plain_length(n) for n in node.contents.nodes)
    return 0


def ends_sentence(nodes: list[Node]) -> bool:
    """True when the nodes end at the end of a sentence (references after it allowed)."""
    for node in reversed(nodes):
        if isinstance(node, Text) and not node.value.strip():
            continue
        if is_note(node):
            continue
        if isinstance(node, Text):
            return bool(_SENTENCE_CLOSE.search(node.value.rstrip()))
        return False
    return True


class BlockBuilder:
    """Turns a page's top-level nodes into MdBlocks (see the module docstring)."""

    def __init__(
        self, renderer: InlineRenderer, report: Report, *, heading_base: int, split_long: bool
    ) -> None:
        self.r = renderer
        self.report = report
        self.heading_base = heading_base
        self.split_long = split_long
        self.blocks: list[MdBlock] = []
        self.pending: list[Node] = []
        self.ordered = 0

    # --- driving ------------------------------------------------------------------
    def build(self, code: Wikicode) -> list[MdBlock]:
        for line in _lines(code.nodes):
            self.line(line)
        self.flush()
        return self.blocks

    def line(self, line: list[Node]) -> None:
        if _blank(line):
            self.flush()
            return
        marks = ""
        for node in line:
            if not (isinstance(node, Tag) and node.wiki_markup in ("*", "#", ":", ";")):
                break
            marks += node.wiki_markup
        if marks:
            # The parser reads a leading `*`, `#`, `:` or `;` as one list tag per level.
            self.flush()
            self.list_line(marks, line[len(marks) :])
            return
        self.ordered = 0
        for node in line:
            self.node(node)
        self.pending.append(Text(" "))  # a line end inside a paragraph is a space

    def list_line(self, marks: str, nodes: list[Node]) -> None:
        text = self.r.plain(Wikicode(nodes))
        if not text:
            return
        kind = marks[-1]
        if kind == "#":
            self.ordered += 1
            self.blocks.append(MdBlock(LIST_ITEM, text, label=f"{self.ordered}."))
            return
        self.ordered = 0
        if kind == "*":
            self.blocks.append(MdBlock(LIST_ITEM, text, label="-"))
        elif kind == ":":
            self.blocks.append(MdBlock(QUOTE, text))
        else:  # ";" a definition term
            self.blocks.append(MdBlock(PARAGRAPH, f"**{text}**"))
        self.report.count("list items", 1)

    def node(self, node: Node) -> None:
        if isinstance(node, Heading):
            self.flush()
            self.heading(node)
        elif isinstance(node, Template) and template_name(node) in QUOTE_TEMPLATES:
            self.flush()
            self.quotation(node)
        elif isinstance(node, Template) and template_name(node) in HATNOTE_TEMPLATES:
            self.flush()
            self.r.render([node])
        elif isinstance(node, Wikilink) and is_embed(node):
            # An image stands on its own line: between paragraphs when the text before
            # it ends a sentence; otherwise it floated inside a paragraph.
            if ends_sentence(self.pending):
                self.flush()
            self.r.render([node])
        elif isinstance(node, Tag) and tag_name(node) in ("blockquote", "poem"):
            self.flush()
            self.quote_blocks(node.contents.nodes if node.contents is not None else [], [])
        elif isinstance(node, Tag) and tag_name(node) == "table":
            self.flush()
            self.table(node)
        else:
            self.pending.append(node)

    # --- blocks -------------------------------------------------------------------
    def heading(self, node: Heading) -> None:
        text = self.r.plain(node.title)
        if text:
            level = max(1, node.level - self.heading_base + 1)
            self.blocks.append(MdBlock(HEADING, text, level=level))

    def quotation(self, node: Template) -> None:
        body = param(node, "1") or param(node, "text") or param(node, "quote")
        by = [param(node, k) for k in ("author", "2", "sign", "character")]
        source = [param(node, k) for k in ("title", "3", "source", "4", "cite")]
        attribution = [self.r.plain(v) for v in (*by, *source) if v is not None]
        self.quote_blocks(body.nodes if body is not None else [], [a for a in attribution if a])

    def quote_blocks(self, nodes: Iterable[Node], attribution: list[str]) -> None:
        """One QUOTE block per quoted paragraph; the attribution closes the last one."""
        paragraphs = [self.r.plain(Wikicode(p)) for p in _paragraph_nodes(nodes)]
        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            return
        if attribution:
            # Author first, then the work it is quoted from: "— Trotsky, My Life".
            paragraphs[-1] += "\n\u2014 " + ", ".join(dict.fromkeys(attribution))
        for text in paragraphs:
            self.blocks.append(MdBlock(QUOTE, text))
        self.report.count("quotations", 1)

    def table(self, node: Tag) -> None:
        rows: list[list[str]] = []
        contents = node.contents.nodes if node.contents is not None else []
        for row in (n for n in contents if isinstance(n, Tag) and tag_name(n) == "tr"):
            cells = [
                self.r.plain(c.contents).replace("|", "\\|")
                for c in (row.contents.nodes if row.contents is not None else [])
                if isinstance(c, Tag) and tag_name(c) in ("td", "th") and c.contents is not None
            ]
            if cells:
                rows.append(cells)
        if not rows:
            return
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + " --- |" * width)
        self.blocks.append(MdBlock(TABLE, lines=tuple(lines)))
        self.report.count("tables", 1)

    def flush(self) -> None:
        nodes, self.pending = self.pending, []
        if _blank(nodes):
            return
        pieces = [nodes]
        if self.split_long:
            cuts = self._cuts(nodes)
            if cuts:
                self.report.count("paragraph breaks inferred", len(cuts))
                bounds = [0, *cuts, len(nodes)]
                pieces = [nodes[a:b] for a, b in pairwise(bounds)]
        for piece in pieces:
            text = self.r.plain(Wikicode(piece))
            if text:
                self.blocks.append(MdBlock(PARAGRAPH, text))

    # --- inferred paragraph breaks ------------------------------------------------
    def _cuts(self, nodes: list[Node]) -> list[int]:
        prefix = [0]
        for node in nodes:
            prefix.append(prefix[-1] + plain_length(node))
        candidates = [
            k
            for k in range(1, len(nodes))
            if is_note(nodes[k - 1]) and _starts_sentence(nodes[k:]) and ends_sentence(nodes[:k])
        ]
        return _balanced_cuts(prefix, candidates, 0, len(nodes))


def _starts_sentence(nodes: list[Node]) -> bool:
    """True for text that opens a sentence which could open a paragraph: one that starts
    with a pronoun or a connective ("He ...", "Instead, ...") continues the last one.

    The sentence may open with a link or italics ("[[Sun Yat-sen]] established ..."):
    what counts is the text a reader sees."""
    opening = _opening_text(nodes)
    if not _NEXT_SENTENCE.match(opening):
        return False
    first = _FIRST_WORD.match(opening)
    return not (first and first.group(1).lower() in CONTINUATION_WORDS)


def _opening_text(nodes: list[Node], limit: int = 40) -> str:
    """The first characters a reader sees of `nodes` (link labels, emphasised text),
    keeping the leading space; "" if a note or an image comes first."""
    out = ""
    for node in nodes:
        if isinstance(node, Text):
            out += node.value
        elif isinstance(node, Wikilink) and not is_embed(node):
            out += str(node.text if node.text is not None else node.title).lstrip(":")
        elif isinstance(node, Tag) and tag_name(node) in ("i", "b") and node.contents is not None:
            out += _opening_text(node.contents.nodes, limit)
        else:
            break
        if len(out.strip()) >= limit:
            break
    return out


def _balanced_cuts(prefix: list[int], candidates: list[int], lo: int, hi: int) -> list[int]:
    """Split [lo, hi) at candidates, nearest the middle first, until pieces are short."""
    total = prefix[hi] - prefix[lo]
    if total <= MAX_PARAGRAPH:
        return []
    middle = prefix[lo] + total / 2
    usable = [
        k
        for k in candidates
        if lo < k < hi
        and prefix[k] - prefix[lo] >= MIN_PARAGRAPH
        and prefix[hi] - prefix[k] >= MIN_PARAGRAPH
    ]
    if not usable:
        return []
    best = min(usable, key=lambda k: abs(prefix[k] - middle))
    return [
        *_balanced_cuts(prefix, candidates, lo, best),
        best,
        *_balanced_cuts(prefix, candidates, best, hi),
    ]


def _paragraph_nodes(nodes: Iterable[Node]) -> list[list[Node]]:
    """Nodes grouped into paragraphs at blank lines and `<p>` tags."""
    out: list[list[Node]] = [[]]
    for line in _lines(nodes):
        if _blank(line):
            out.append([])
            continue
        for node in line:
            if isinstance(node, Tag) and tag_name(node) == "p":
                out.append([])
                if node.contents is not None:
                    out[-1].extend(node.contents.nodes)
                out.append([])
            else:
                out[-1].append(node)
        out[-1].append(Text(" "))
    return [p for p in out if p]
