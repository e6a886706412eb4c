"""HTML pages too large for the full cleaner: one linear pass over the tree.

The full cleaner (chrome, notes, layout tables, inline Markdown) spends tens of
microseconds on every element, so a page over `LARGE_PAGE` characters could take longer
than an import may (no input up to 32 MB over 10 s). Such a page is parsed by lxml and
walked once with `etree.iterwalk` (no recursion, so nesting depth costs nothing):

- `h1`-`h6` are headings; `p`, `dt`, `dd`, `caption`, `figcaption`, `address` and loose
  text are paragraphs; `li` are list items; `blockquote` is a quotation; `pre` keeps its
  lines; each table row is one row of cells (text only; nested tables are read as text
  in their cell); every block is its element's text, white space collapsed;
- notes where cheap: an in-page link whose text is a note label (`[12]`, `3`, `*`) and
  that is a superscript or is linked back to from its target becomes `[^label]`, the
  target's block becomes the note (its back-links dropped);
- scripts, styles, forms, navigation and other non-text elements are skipped.

Links, emphasis, chrome removal and site knowledge are not applied; the caller says so
in the report.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from reader.core.clean.html_notes import marker_label
from reader.core.clean.html_tree import BLOCK_TAGS, HEADINGS, fragment, pre_lines
from reader.core.document import HEADING, LIST_ITEM, NOTE, PARAGRAPH, PRE, QUOTE, TABLE
from reader.core.errors import ReaderError
from reader.core.inline import escape_inline
from reader.core.markdown import MdBlock

LARGE_PAGE = 3 * 1024 * 1024  # characters of markup; above it this path is taken
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "button", "select", "textarea", "form", "nav", "head", "title", "meta",
        "link", "img", "input", "audio", "video", "canvas", "map", "datalist",
    }
)  # fmt: skip
_PARAGRAPHS = frozenset({"p", "dt", "dd", "caption", "figcaption", "address", "summary"})
_DEF_BLOCKS = frozenset({"p", "li", "div", "dd", "dt", "aside", "td", "section", "blockquote"})
_CAPTURED = frozenset({*HEADINGS, *_PARAGRAPHS, "li", "blockquote", "pre", "tr", "table"})
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_PRIVATE = dict.fromkeys(map(ord, "\ue000\ue001\x00\x01\x02"))
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, ZW*
_SPACE = re.compile(r"\s+")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<])")


def parse_large(text: str) -> HtmlElement:
    """The page's root element, parsed as `html_tree.parse_html` does, without the
    depth flattening (the walk here is not recursive)."""
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, recover=True, huge_tree=True
    )
    text = re.sub(r"\A\s*<\?xml[^>]{0,200}\?>", "", text.translate(_PRIVATE), count=1)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"not readable as HTML: {exc}") from None


def large_blocks(root: HtmlElement) -> list[MdBlock]:
    """The blocks of a very large page's body, by one linear walk."""
    body = root.find("body")
    if body is None:
        return []
    walker = _Walker(_find_markers(root))
    walker.run(body)
    return walker.finish()


def _text(el: HtmlElement) -> str:
    return el.text_content()


def _block_of(target: HtmlElement) -> HtmlElement | None:
    el: HtmlElement | None = target
    while el is not None and el.tag not in _DEF_BLOCKS:
        if el.tag in ("body", "html"):
            return None
        el = el.getparent()
    return el


class _Markers:
    """Note markers (replaced by placeholders in the tree) and their definitions."""

    def __init__(self) -> None:
        self.labels: list[str] = []  # placeholder number -> label
        self.definitions: dict[HtmlElement, str] = {}


def _find_markers(root: HtmlElement) -> _Markers:
    found = _Markers()
    ids: dict[str, HtmlElement] = {}
    for el in root.iter("*"):
        if (ident := el.get("id")) is not None:
            ids.setdefault(ident, el)
    backlinks: dict[HtmlElement, set[str]] = {}
    used: dict[str, HtmlElement] = {}
    for a in list(root.iter("a")):
        href = a.get("href") or ""
        if not href.startswith("#") or (frag := fragment(href)) is None:
            continue
        target = ids.get(frag)
        label = marker_label(a.text_content()) if target is not None else None
        block = _block_of(target) if target is not None and label else None
        if block is None or label is None:
            continue
        marker: HtmlElement = a
        parent = a.getparent()
        if parent is not None and parent.tag == "sup" and len(parent) == 1:
            marker = parent
        if block not in backlinks:
            backlinks[block] = {f for x in block.iter("a") if (f := fragment(x.get("href")))}
        own = {x for x in (a.get("id"), marker.get("id")) if x}
        if marker.tag != "sup" and not own & backlinks[block]:
            continue
        if block in found.definitions:
            label = found.definitions[block]
        else:
            n = 1
            base = label
            while label in used:
                n += 1
                label = f"{base}-{n}"
            used[label] = block
            found.definitions[block] = label
        tail = marker.tail
        marker.clear()
        marker.tail = tail
        marker.text = f"\ue000{len(found.labels)}\ue001"
        found.labels.append(label)
    for block in found.definitions:
        for x in list(block.iter("a")):
            if fragment(x.get("href")) and x.getparent() is not None:
                x.drop_tree()  # the label anchor and back-links (their tails stay)
    return found


_Item = tuple[str, int, str]  # a block's kind, level and label; its text is kept apart
_LOOSE: _Item = (PARAGRAPH, 0, "")  # text between blocks
_ROWS: _Item = (TABLE, 0, "")  # a table's rows


class _Walker:
    def __init__(self, markers: _Markers) -> None:
        self.markers = markers
        self.items: list[_Item | MdBlock] = []  # MdBlock: a `pre`, written as it is
        self.texts: list[str] = []  # the raw text of each item ("" for a `pre`)
        self.buf: list[str] = []
        self.rows: list[list[str]] = []
        self.written: set[str] = set()

    def run(self, body: HtmlElement) -> None:
        walker = etree.iterwalk(body, events=("start", "end"))
        defs = self.markers.definitions
        items = self.items
        texts = self.texts
        buf = self.buf
        for event, el in walker:
            name = el.tag
            if not isinstance(name, str):
                continue
            if event == "end":
                if name == "table":
                    self.table()
                elif buf and name in BLOCK_TAGS:
                    self.flush()
                tail = el.tail
                if tail and (buf or not tail.isspace()) and el is not body:
                    buf.append(tail)
                continue
            if name in _SKIP:
                walker.skip_subtree()
                continue
            if name not in _CAPTURED and el not in defs:
                if name in BLOCK_TAGS:  # a container: its children are walked
                    if buf:
                        self.flush()
                    if el.text:
                        buf.append(el.text)
                else:  # inline: its whole text joins the running paragraph
                    buf.append(el.text_content())
                    walker.skip_subtree()
                continue
            if name == "table" and el not in defs:  # its rows are walked
                self.table()
                continue
            if buf:
                self.flush()
            walker.skip_subtree()
            if el in defs:
                self.written.add(defs[el])
                item: _Item = (NOTE, 0, defs[el])
            elif name in HEADINGS:
                item = (HEADING, HEADINGS[name], "")
            elif name in _PARAGRAPHS:
                item = (PARAGRAPH, 0, "")
            elif name == "li":
                item = (LIST_ITEM, 0, "-")
            elif name == "blockquote":
                item = (QUOTE, 0, "")
            elif name == "pre":
                self.pre(el)
                continue
            elif name == "tr":
                self.rows.append([c.text_content() for c in el.iterchildren("td", "th")])
                continue
            else:  # every captured tag is named above
                continue
            items.append(item)
            texts.append(el.text_content())
        self.flush()
        self.table()

    def flush(self) -> None:
        if self.buf:
            self.items.append(_LOOSE)
            self.texts.append("".join(self.buf))
            self.buf.clear()

    def pre(self, el: HtmlElement) -> None:
        lines = pre_lines(el)
        if lines:
            self.items.append(MdBlock(PRE, lines=lines))
            self.texts.append("")

    def table(self) -> None:
        """The rows collected since the last table, as one item whose cells are cleaned
        with all other text in `finish` (\x01 between cells, \x02 between rows)."""
        self.flush()
        if self.rows:
            self.items.append(_ROWS)
            self.texts.append("\x02".join("\x01".join(r) for r in self.rows))
            self.rows = []

    def finish(self) -> list[MdBlock]:
        """The blocks, with note placeholders made `[^label]` (or dropped, when the
        note's block was skipped)."""
        written = self.written
        shown = [f"[^{x}]" if x in written else "" for x in self.markers.labels]

        def put(m: re.Match[str]) -> str:
            return shown[int(m.group(1))]

        # One pass over all the text at once: white space collapsed, Markdown escaped.
        joined = _SPACE.sub(" ", "\x00".join(self.texts).translate(_DROP))
        joined = escape_inline(joined)
        if "\ue000" in joined:
            joined = _PLACEHOLDER.sub(put, joined)
        out: list[MdBlock] = []
        for item, text in zip(self.items, joined.split("\x00"), strict=True):
            if isinstance(item, MdBlock):
                if any("\ue000" in x for x in item.lines):
                    lines = tuple(_PLACEHOLDER.sub(put, x) for x in item.lines)
                    item = MdBlock(item.kind, lines=lines)
                out.append(item)
            elif item[0] == TABLE:
                out.extend(_table(text))
            elif text := text.strip():
                out.append(MdBlock(item[0], text, item[1], item[2]))
        return out


def _table(text: str) -> list[MdBlock]:
    """A table block from its rows' escaped text: a pipe table, or rows of plain cells
    (marked damaged, as the full cleaner marks them) when rows differ in width."""
    rows = [[c.strip() for c in r.split("\x01")] for r in text.split("\x02")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        lines = tuple(_UNESCAPE.sub(r"\1", " | ".join(c for c in r if c)) for r in rows)
        return [MdBlock(TABLE, info="damaged", lines=lines)]
    out = ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    out.insert(1, "|" + " --- |" * widths.pop())
    return [MdBlock(TABLE, lines=tuple(out))]
