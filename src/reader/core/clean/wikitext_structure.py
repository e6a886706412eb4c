"""Finding the wikitext in a saved edit page, and restoring its lost line structure.

A MediaWiki edit page saved as text is mostly the editor's chrome (menus, warnings,
buttons), one short line each, around the content of the edit box. The page is known by
the editor's header ("Editing <page>", with "(section)" for a section edit); its content
is found by its features (links, templates, references, headings), not by its position:
it is the run of lines from the first to the last line that carries wiki markup. Text
without that header is taken as bare wikitext, all of it content.

Some dumps collapse the edit box's newlines into spaces, so headings (`== x ==`) sit
inline and MediaWiki's parser no longer sees them. `restore_lines` puts a newline before
and after every heading and every block quotation template (`{{Blockquote}}` stands on
its own line in an article's source; left inline after a bullet it would be read as part
of that list item), and before every list bullet that follows the end of a sentence,
looking only at the page's top-level text: a template, link or reference is masked first
(`skeleton`), so an `=` or `*` inside a citation is never mistaken for markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Heading, Node, Tag, Template, Text

from reader.core.clean.wikitext_nodes import QUOTE_TEMPLATES, template_name

# Signals of wiki markup on a line (a chrome line has none of them).
_FEATURES = (
    re.compile(r"\[\[[^\[\]\n]+\]\]"),  # cannot run over another "[": linear
    re.compile(r"\{\{[^}\n]+"),
    re.compile(r"<ref[\s>/]", re.I),
    re.compile(r"(?:^|\s)={2,6}[^=\n]+={2,6}(?:\s|$)"),
    re.compile(r"''[^'\n]+''"),
)
_EDITING = re.compile(r"^Editing\s+(.+?)(\s+\(section\))?\s*$")
# Masked nodes in the skeleton (sanitised input has neither character): links and the
# like are LINK_MASK; templates and tags are BLOCK_MASK (a heading never holds a
# quotation or a reference, so a heading title may hold links but no BLOCK_MASK).
LINK_MASK = "\x00"
BLOCK_MASK = "\x01"

# A heading in collapsed text: == Title == with the same run of = on both sides. The
# title cannot hold "=" and is at most 300 characters, so a "==" that never closes costs
# one bounded scan (no nested quantifiers to backtrack); its being more than spaces is
# checked in code.
_INLINE_HEADING = re.compile(r"(?:^|(?<=\s))(={2,6})(?!=)([^=\n\x01]{1,300})\1(?=\s|$)")
# The end of a sentence, possibly followed by masked references, then the next sentence.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*[\x00\x01]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])")
# A list bullet after the end of a sentence or a colon.
_INLINE_BULLET = re.compile(r"(?<=[.:;!?\"\u201d)\x00\x01])[ \t]+([*#]+)[ \t]+(?=\S)")
# A list item longer than this, with no next bullet, ends at its first sentence.
MAX_ITEM_CHARS = 400


@dataclass(frozen=True)
class EditPage:
    """The parts of a saved edit page: chrome lines, the content, and what chrome says."""

    content: str
    chrome_lines: int
    page_title: str = ""
    section_edit: bool = False


def _has_features(line: str) -> bool:
    return any(p.search(line) for p in _FEATURES)


def split_edit_page(text: str) -> EditPage:
    """The content of the edit box and the page title the chrome states."""
    lines = text.split("\n")
    marked = [i for i, line in enumerate(lines) if _has_features(line)]
    if not marked:
        return EditPage(text, 0)
    first, last = marked[0], marked[-1]
    chrome = lines[:first] + lines[last + 1 :]
    title, section = _page_title(chrome)
    if not title:
        # No editor's header: this is bare wikitext, every line of it content.
        return EditPage(text, 0)
    return EditPage("\n".join(lines[first : last + 1]), len(chrome), title, section)


def _page_title(chrome: list[str]) -> tuple[str, bool]:
    """The page named by the editor's "Editing <title> (section)" header, split or not."""
    stripped = [c.strip() for c in chrome]
    for i, line in enumerate(stripped):
        m = _EDITING.match(line)
        if m:
            return m.group(1), bool(m.group(2))
        if line == "Editing" and i + 1 < len(stripped) and stripped[i + 1]:
            section = i + 2 < len(stripped) and stripped[i + 2] == "(section)"
            return stripped[i + 1], section
    return "", False


def skeleton(nodes: list[Node]) -> str:
    """The parsed text with every top-level node other than plain text replaced by mask
    characters (same length, so positions carry over)."""
    return _mask(nodes)


def _mask(nodes: list[Node]) -> str:
    parts: list[str] = []
    for node in nodes:
        s = str(node)
        if isinstance(node, Text):
            parts.append(s)
        elif isinstance(node, Heading):
            # On a collapsed line the parser may take the whole line for one unbalanced
            # heading; its delimiters and title are top-level text all the same.
            inner = _mask(node.title.nodes)
            rest = len(s) - len(inner)
            parts.append(s[: node.level] + inner + s[node.level + len(inner) :] if rest >= 0 else s)
        elif isinstance(node, (Template, Tag)):
            parts.append(BLOCK_MASK * len(s))
        else:
            parts.append(LINK_MASK * len(s))
    return "".join(parts)


def quotation_spans(nodes: list[Node], offset: int = 0) -> list[tuple[int, int]]:
    """Where the top-level block quotation templates are: (start, end) offsets.

    Walks the nodes as `_mask` does, into a heading's title (on a collapsed line the
    parser may take the rest of the line for one unbalanced heading)."""
    spans: list[tuple[int, int]] = []
    pos = offset
    for node in nodes:
        s = str(node)
        if isinstance(node, Template) and template_name(node) in QUOTE_TEMPLATES:
            spans.append((pos, pos + len(s)))
        elif isinstance(node, Heading):
            spans.extend(quotation_spans(node.title.nodes, pos + node.level))
        pos += len(s)
    return spans


def _headings(mask: str) -> list[re.Match[str]]:
    return [m for m in _INLINE_HEADING.finditer(mask) if m.group(2).strip(" \t")]


def is_collapsed(text: str, nodes: list[Node]) -> bool:
    """True when headings sit inside lines: the newlines of the wikitext were lost.
    `nodes` are the parsed `text`'s top-level nodes."""
    return any(m.start() > 0 and text[m.start() - 1] != "\n" for m in _headings(skeleton(nodes)))


def restore_lines(text: str, nodes: list[Node]) -> tuple[str, int, int]:
    """Newlines around inline headings and block quotations, and before inline bullets.
    `nodes` are the parsed `text`'s top-level nodes.

    Returns the text and the numbers of headings and list items put on their own lines.
    """
    mask = skeleton(nodes)
    cuts: set[int] = set()
    headings = 0
    for m in _headings(mask):
        cuts.add(m.start())
        cuts.add(m.end())
        headings += 1
    for start, end in quotation_spans(nodes):
        cuts.add(start)
        cuts.add(end)
    bullets = [m for m in _INLINE_BULLET.finditer(mask)]
    for n, m in enumerate(bullets):
        start = m.start(1)
        cuts.add(start)
        following = bullets[n + 1].start(1) if n + 1 < len(bullets) else len(mask)
        nearest_cut = min((c for c in cuts if c > start), default=len(mask))
        end = min(following, nearest_cut)
        if end - start > MAX_ITEM_CHARS or end == nearest_cut:
            # The last item of a list: its text runs into the next paragraph, which
            # starts after the item's first sentence.
            first = _SENTENCE_END.search(mask, start, end)
            if first:
                cuts.add(first.end())
    pieces: list[str] = []
    prev = 0
    for cut in sorted(c for c in cuts if 0 < c < len(text)):
        piece = text[prev:cut].rstrip(" \t")
        if piece:
            pieces.append(piece)
        prev = cut
        while prev < len(text) and text[prev] in " \t":
            prev += 1
    pieces.append(text[prev:])
    return "\n".join(pieces), headings, len(bullets)
