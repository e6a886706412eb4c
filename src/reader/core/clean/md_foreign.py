"""Markdown from elsewhere (pandoc, Jekyll/Hugo, Obsidian) read with a CommonMark parser.

markdown-it-py (CommonMark, tables, raw HTML recognised) with mdit-py-plugins for
footnotes, attributes and bracketed spans (pandoc's `{.class #id key=val}`),
superscripts and definition lists. `:::` fenced divs are unwrapped before parsing (their
content stays). Then:

- front matter (YAML or TOML) and a "Written: / Source:" line block become metadata
  (`md_meta`); a leading stack of headings (author, work, title split over headings)
  becomes metadata and one title heading;
- pandoc endnotes (`[[\\[1\\]](#n1){#f1}]{.note}` ... `[1.](#f1){#n1} text`) and `[^n]`
  footnotes become `[^label]` notes keeping the source's labels;
- raw HTML, images without a meaningful alt text, site navigation (blocks made only of
  links) and "Last updated" lines are removed and counted in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.superscript import superscript_plugin

from reader.core.clean.html_blocks import normalize_levels
from reader.core.clean.md_inline import InlineRenderer, Rendered, note_label
from reader.core.clean.md_meta import info_label, read_info_lines, split_front_matter
from reader.core.clean.md_titles import take_title_stack
from reader.core.clean.model import Cleaned, Report
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE
from reader.core.inline import escape_inline
from reader.core.markdown import MdBlock

_DIV_FENCE = re.compile(r"^[ \t]{0,3}:{3,}.*$", re.M)
_OBSIDIAN_COMMENT = re.compile(r"%%[^%]{0,20000}%%")
_CALLOUT = re.compile(r"^\\?\[!\w+\\?\][+-]?\s*")  # Obsidian's "> [!note]" (escaped)
_LAST_UPDATED = re.compile(
    r"^\s*(?:last\s+(?:updated|modified|revised|changed)|updated\s+on|page\s+last)\b", re.I
)
_TOP = re.compile(r"^\s*(?:back\s+to\s+)?top(?:\s+of\s+(?:the\s+)?page)?\s*$", re.I)
_NOISE_HTML = re.compile(r"<(?:script|style|nav|iframe|form|noscript|map|svg)\b", re.I)


MANY_LINES = 20_000  # beyond this, runs of plain lines are joined before parsing
BRACKETS_PER_LINE = 1_000  # a line with more `[` than this has them escaped
_BLOCK_SYNTAX = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>*+=\-|<:`~\[]|\d{1,9}[.)]))")


def defuse(body: str, report: Report) -> str:
    """Guards for pathological input the parser is slow on (it stays linear, but 100,000
    short lines or 100,000 brackets take seconds each): in a very long text, runs of
    plain lines are joined (a soft line break is a space anyway); a line with thousands
    of `[` has them escaped. Ordinary Markdown is never changed."""
    lines = body.split("\n")
    changed = 0
    for n, line in enumerate(lines):
        if line.count("[") > BRACKETS_PER_LINE:
            lines[n] = line.replace("[", "\\[")
            changed += 1
    if len(lines) > MANY_LINES:
        joined: list[str] = []
        fence = False
        for line in lines:
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
            prev = joined[-1] if joined else ""
            if (
                not fence
                and line.strip()
                and prev.strip()
                and not _BLOCK_SYNTAX.match(line)
                and not _BLOCK_SYNTAX.match(prev)
                and not prev.endswith(("\\", "  "))
                and len(prev) < 100_000
            ):
                joined[-1] = f"{prev} {line.strip()}"
                changed += 1
            else:
                joined.append(line)
        lines = joined
    report.count("lines joined or escaped to keep parsing fast", changed)
    return "\n".join(lines)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(attrs_plugin, spans=True).use(attrs_block_plugin)
    md.use(superscript_plugin).use(deflist_plugin)
    return md


@dataclass
class Item:
    """A block before rendering: its kind, inline tokens, and where it sits."""

    kind: str
    inline: list[Token] = field(default_factory=list)
    level: int = 0
    label: str = ""
    lines: tuple[str, ...] = ()
    in_quote: bool = False
    rows: list[list[list[Token]]] = field(default_factory=list)  # a table's cells


def _items(tokens: list[Token], report: Report) -> list[Item]:
    """Flatten the token stream into blocks (lists and quotes flattened to their items)."""
    items: list[Item] = []
    list_labels: list[str] = []
    quote = 0
    note = ""
    in_item: Item | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            items.append(Item(HEADING, tokens[i + 1].children or [], level=int(tok.tag[1:])))
            i += 2
        elif t in ("bullet_list_open", "ordered_list_open"):
            list_labels.append("-" if t == "bullet_list_open" else ".")
        elif t in ("bullet_list_close", "ordered_list_close") and list_labels:
            list_labels.pop()
        elif t == "list_item_open":
            label = "-" if list_labels and list_labels[-1] == "-" else f"{tok.info or '1'}."
            in_item = Item(LIST_ITEM, [], label=label)
            items.append(in_item)
        elif t == "list_item_close":
            in_item = None
        elif t == "blockquote_open":
            quote += 1
        elif t == "blockquote_close":
            quote -= 1
        elif t == "footnote_open":
            note = str(tok.meta.get("label", "")) or str(tok.meta.get("id", ""))
            items.append(Item(NOTE, [], label=note))
        elif t == "footnote_close":
            note = ""
        elif t == "inline" and in_item is not None:
            if in_item.inline:
                in_item.inline.append(Token("softbreak", "", 0))
            in_item.inline.extend(tok.children or [])
        elif t == "inline" and note:
            note_item = items[-1] if items and items[-1].kind == NOTE else None
            if note_item is not None:
                if note_item.inline:
                    note_item.inline.append(Token("softbreak", "", 0))
                note_item.inline.extend(tok.children or [])
        elif t == "inline" and tokens[i - 1].type in ("paragraph_open", "dt_open", "dd_open"):
            kind = QUOTE if quote else PARAGRAPH
            items.append(Item(kind, tok.children or [], in_quote=bool(quote)))
        elif t == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            pass  # read with the table
        elif t == "table_open":
            i = _table(tokens, i, items)
            continue
        elif t in ("fence", "code_block"):
            lines = tuple(tok.content.rstrip("\n").split("\n"))
            items.append(Item(PRE, lines=lines, label=tok.info.strip().split(" ")[0]))
        elif t == "html_block":
            _html_block(tok.content, items, report)
        elif t == "hr":
            items.append(Item("hr"))
        i += 1
    return items


def _table(tokens: list[Token], i: int, items: list[Item]) -> int:
    rows: list[list[list[Token]]] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            rows[-1].append(tok.children or [])
        i += 1
    items.append(Item(TABLE, rows=rows))
    return i + 1


def _html_block(html: str, items: list[Item], report: Report) -> None:
    """Raw HTML: its text kept as a paragraph when it says something, else dropped."""
    text = ""
    if (
        len(html) < 200_000
        and not _NOISE_HTML.search(html)
        and not html.lstrip().startswith("<!--")
    ):
        try:
            text = " ".join(
                lxml.html.fragment_fromstring(html, create_parent="div").text_content().split()
            )
        except (ValueError, lxml.etree.ParserError):
            text = ""
    if len(text.split()) >= 3:
        items.append(Item(PARAGRAPH, [Token("text", "", 0, content=text)]))
        report.count("raw HTML blocks read as text")
    else:
        report.removed("raw HTML blocks", 1, example=html.strip().split("\n")[0])


def _note_targets(items: list[Item]) -> tuple[dict[str, str], set[int]]:
    """pandoc endnotes: a paragraph that starts with a label link, paired with a marker
    link elsewhere (one points at the other's id). Returns (marker target id or marker
    id -> label, indexes of the definition paragraphs)."""
    ids: dict[str, int] = {}  # id attribute of a link -> item index
    hrefs: dict[str, int] = {}  # #target of a link -> item index (the first)
    for n, item in enumerate(items):
        for tok in item.inline:
            if tok.type == "link_open":
                if tok.attrs.get("id"):
                    ids.setdefault(str(tok.attrs["id"]), n)
                href = str(tok.attrs.get("href", ""))
                if href.startswith("#"):
                    hrefs.setdefault(href[1:], n)
    targets: dict[str, str] = {}
    defs: set[int] = set()
    for n, item in enumerate(items):
        if item.kind != PARAGRAPH or not item.inline or item.inline[0].type != "link_open":
            continue
        first = item.inline[0]
        label = note_label(_link_text(item.inline))
        own_id = str(first.attrs.get("id", ""))
        back = str(first.attrs.get("href", ""))[1:]
        if not label:
            continue
        if own_id and own_id in hrefs and hrefs[own_id] != n:
            targets[own_id] = label  # a marker links to this definition
            defs.add(n)
        elif back and back in ids and ids[back] != n:
            defs.add(n)  # this definition links back to its marker
            for tok in items[ids[back]].inline:
                if tok.type == "link_open" and tok.attrs.get("id") == back:
                    targets[str(tok.attrs.get("href", ""))[1:]] = label
    return targets, defs


def clean(text: str, report: Report) -> Cleaned:
    """Foreign Markdown to our blocks and metadata."""
    meta, body, front = split_front_matter(text)
    if front:
        report.fact("front matter", f"{front.upper()}, {len(meta)} fields used")
    body, divs = _DIV_FENCE.subn("", body)
    report.removed("fenced div lines (:::)", divs, unit="lines")
    body, comments = _OBSIDIAN_COMMENT.subn("", body)
    report.removed("comments (%% %%)", comments)
    items = _items(_parser().parse(defuse(body, report)), report)
    targets, defs = _note_targets(items)
    renderer = InlineRenderer(report, targets)
    blocks: list[MdBlock] = []
    titles: list[tuple[int, Rendered]] = []  # the leading headings (level, text)
    started = False
    note_open: MdBlock | None = None
    for n, item in enumerate(items):
        if item.kind == "hr":
            report.count("thematic breaks dropped")
            note_open = None
            continue
        rendered = (
            Rendered()
            if item.kind in (PRE, TABLE)
            else renderer.render(item.inline, skip_first_link=n in defs)
        )
        if item.kind not in (PRE, TABLE) and _is_chrome(rendered, report):
            continue
        if item.kind == HEADING and not started:
            if _info_block(rendered, meta):  # "Written: ..." made a setext heading
                report.removed("metadata lines", 1, unit="lines", example=rendered.plain)
            else:
                titles.append((item.level, rendered))
            continue
        if not started:
            started = True
            blocks.extend(take_title_stack(titles, meta, report))
        if item.kind == PRE:
            blocks.append(MdBlock(PRE, info=item.label, lines=item.lines))
        elif item.kind == TABLE:
            blocks.append(_table_block(item, renderer))
        elif item.kind in (HEADING, PARAGRAPH, QUOTE) and _info_block(rendered, meta):
            n_lines = len(rendered.soft_lines())
            report.removed("metadata lines", n_lines, unit="lines", example=rendered.plain)
        elif n in defs:
            note_open = MdBlock(NOTE, rendered.markdown, label=_label_of(item, n))
            blocks.append(note_open)
        elif item.kind == HEADING:
            note_open = None
            blocks.append(MdBlock(HEADING, rendered.markdown, level=item.level))
        elif item.kind == NOTE:
            blocks.append(MdBlock(NOTE, rendered.markdown, label=item.label))
        elif note_open is not None and item.kind == PARAGRAPH and blocks[-1] is note_open:
            joined = f"{note_open.text} {rendered.markdown}"
            blocks[-1] = note_open = MdBlock(NOTE, joined, label=note_open.label)
        else:
            blocks.extend(_blocks_of(item, rendered))
    if not started:
        blocks.extend(take_title_stack(titles, meta, report))
    kept = [b for b in blocks if b.text.strip() or b.lines]
    return Cleaned(normalize_levels(kept, top=1), meta)


def _info_block(rendered: Rendered, meta: dict[str, str]) -> bool:
    """A "Written: ... / Source: ..." block, its lines split by hard breaks (pandoc) or,
    failing that, as the source wrapped them (a Jekyll page, a setext heading): its
    fields go to `meta`."""
    hard = [x.plain for x in rendered.lines]
    soft = rendered.soft_lines()
    if len(soft) > len(hard) and all(info_label(x) for x in soft):
        return read_info_lines(soft, meta)
    return read_info_lines(hard, meta)


def _link_text(inline: list[Token]) -> str:
    """The text of the link `inline` starts with."""
    text = []
    for tok in inline[1:12]:
        if tok.type == "link_close":
            break
        if tok.type == "text":
            text.append(tok.content)
    return "".join(text)


def _label_of(item: Item, n: int) -> str:
    return note_label(_link_text(item.inline)) or str(n)


def _is_chrome(rendered: Rendered, report: Report) -> bool:
    """Navigation, "Last updated", "Top of the page": counted and dropped."""
    plain = rendered.plain
    if rendered.is_navigation():
        report.removed("navigation", len(rendered.lines), unit="lines", example=plain)
        return True
    if plain and len(plain) < 120 and (_LAST_UPDATED.match(plain) or _TOP.match(plain)):
        report.removed("page furniture", 1, unit="lines", example=plain)
        return True
    return not plain.strip() and not rendered.image_alt


def _blocks_of(item: Item, rendered: Rendered) -> list[MdBlock]:
    """Paragraphs, quotations and list items; hard breaks split them into lines, and
    lines indented with layout code spans (a list faked with spaces) become list items."""
    if not rendered.plain.strip():
        return [MdBlock(PARAGRAPH, escape_inline(rendered.image_alt))]
    if item.kind == LIST_ITEM:
        return [MdBlock(LIST_ITEM, rendered.markdown, label=item.label)]
    kind = QUOTE if item.kind == QUOTE else PARAGRAPH
    out: list[MdBlock] = []
    for line in rendered.lines:
        text = line.markdown.strip()
        if not text:
            continue
        if line.indented and kind == PARAGRAPH:
            out.append(MdBlock(LIST_ITEM, text, label="-"))
        else:
            out.append(MdBlock(kind, _CALLOUT.sub("", text) if kind == QUOTE else text))
    return out


def _table_block(item: Item, renderer: InlineRenderer) -> MdBlock:
    lines: list[str] = []
    for n, row in enumerate(item.rows):
        cells = [renderer.render(cell).markdown.replace("|", "\\|") for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join(" --- " for _ in cells) + "|")
    return MdBlock(TABLE, lines=tuple(lines))
