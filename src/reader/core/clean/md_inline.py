"""Inline tokens of foreign Markdown (markdown-it) turned into our inline Markdown.

What is kept: text (escaped), emphasis and strong emphasis, code, links to the web (as
`[text](url)`), footnote references and pandoc-style note markers (as `[^label]`). What
goes: attributes and bracketed spans (their text stays), raw HTML tags, images (their
alt text stays only when it says something), links inside the site (their text stays),
layout code spans made of spaces. Hard breaks split a block into lines: the caller
decides whether those lines are paragraphs, list items or a metadata block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from markdown_it.token import Token

from reader.core.clean.images import meaningful_alt
from reader.core.clean.model import Report
from reader.core.inline import escape_inline, marker

_WIKILINK = re.compile(r"!?\[\[([^\[\]\n|]{1,300})(?:\|([^\[\]\n]{1,300}))?\]\]")
_EMBED = re.compile(r"[ \t]*!\[\[[^\[\]\n]{1,300}\]\]")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]{1,300}?)(?<=\S)==")
_SEPARATORS = re.compile(r"[\s|·•>«»<\-–—\[\]()/:.,;*]+")
_LABEL = re.compile(
    r"^[\[(]?\s*([0-9]{1,4}[a-z]?\*?|\*{1,4}|[a-zA-Z]{1,2}|[ivxlc]{1,6})\s*\.?[\])]?\.?$"
)
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.I)


def note_label(text: str) -> str:
    """The label of a note marker or definition ("[1]" -> "1", "3." -> "3", "[8a]" ->
    "8a", "*" -> "*"), or "" when `text` does not look like one."""
    m = _LABEL.match(text.strip())
    return m.group(1) if m else ""


def pandoc_text(text: str) -> str:
    """Plain text from a Markdown text token: Obsidian wikilinks and highlights read as
    their text, pandoc's `---`/`--` as dashes."""
    if "[[" in text:
        text = _EMBED.sub("", text)  # an embedded file goes, with the space before it
        text = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    if "==" in text:
        text = _HIGHLIGHT.sub(r"\1", text)
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    return text


@dataclass
class Line:
    """One line of a rendered block (blocks split at hard breaks). While it is being
    rendered its text grows in `parts` (joined once at the end: no quadratic copying)."""

    markdown: str = ""
    plain: str = ""
    parts: list[str] = field(default_factory=list)
    plain_parts: list[str] = field(default_factory=list)
    has_text: bool = False
    soft_at: list[int] = field(default_factory=list)  # plain parts before each soft break
    soft_lines: list[str] = field(default_factory=list)  # the plain text between them
    indented: bool = False  # began with a layout code span of spaces (a faked list)
    linked: int = 0  # characters inside links
    unlinked: int = 0  # characters outside links (separators not counted)
    links: int = 0
    site_links: int = 0  # links to pages of the same site (relative)


@dataclass
class Rendered:
    """A block's inline content: its lines and whether it was only an image."""

    lines: list[Line] = field(default_factory=list)
    image_alt: str = ""

    @property
    def markdown(self) -> str:
        return " ".join(x.markdown.strip() for x in self.lines if x.markdown.strip())

    @property
    def plain(self) -> str:
        return " ".join(x.plain.strip() for x in self.lines if x.plain.strip())

    def soft_lines(self) -> list[str]:
        """The plain text line by line as the source wrote it (soft breaks too)."""
        return [x for line in self.lines for x in line.soft_lines if x]

    def is_navigation(self) -> bool:
        """Only links (and separators): a navigation bar, a "back to index" line."""
        links = sum(x.links for x in self.lines)
        if not links or any(x.unlinked for x in self.lines):
            return False
        site = sum(x.site_links for x in self.lines)
        return site == links or links >= 2


class InlineRenderer:
    """Renders inline token lists; `markers` maps a link target to a note label."""

    def __init__(self, report: Report, markers: dict[str, str]) -> None:
        self.report = report
        self.markers = markers

    def render(self, tokens: list[Token], *, skip_first_link: bool = False) -> Rendered:
        out = Rendered([Line()])
        open_marks: list[tuple[str, int, int]] = []  # (syntax, line index, part index)
        link: list[str] = []  # the link being read: "marker", "web:<url>", "site", "skip"
        link_start = 0
        images = 0
        other = 0
        for tok in tokens:
            line = out.lines[-1]
            t = tok.type
            if link and link[-1] in ("marker", "skip") and t != "link_close":
                continue
            if t == "text":
                self._add_text(line, pandoc_text(tok.content), bool(link))
            elif t == "softbreak":
                line.soft_at.append(len(line.plain_parts))
                self._add_text(line, " ", bool(link))
            elif t == "hardbreak" or (t == "html_inline" and _BREAK_TAG.match(tok.content)):
                out.lines.append(Line())
            elif t == "code_inline":
                if not tok.content.strip():
                    line.indented = line.indented or not line.has_text
                elif "`" in tok.content:
                    self._add_text(line, tok.content, bool(link))
                else:
                    self._add(line, f"`{tok.content}`", tok.content)
                    line.unlinked += 0 if link else len(tok.content)
            elif t in ("em_open", "strong_open"):
                mark = "*" if t == "em_open" else "**"
                open_marks.append((mark, len(out.lines) - 1, len(line.parts)))
            elif t in ("em_close", "strong_close") and open_marks:
                mark, at_line, pos = open_marks.pop()
                if at_line == len(out.lines) - 1:
                    line.parts[pos:] = [_wrap("".join(line.parts[pos:]), mark)]
            elif t == "link_open":
                href = str(tok.attrs.get("href", ""))
                if skip_first_link and not link and not line.has_text:
                    link.append("skip")
                    skip_first_link = False
                elif href.startswith("#") and href[1:] in self.markers:
                    link.append("marker")
                    label = self.markers[href[1:]]
                    self._add(line, marker(label), f"[{label}]")
                elif re.match(r"(?i)(?:https?|ftp)://[^\s()<>]+$", href):
                    link.append("web:" + href)
                    link_start = len(line.parts)
                    line.links += 1
                else:
                    link.append("site")
                    line.links += 1
                    line.site_links += 1
            elif t == "link_close" and link:
                kind = link.pop()
                text = "".join(line.parts[link_start:]) if kind.startswith("web:") else ""
                if text.strip():
                    line.parts[link_start:] = [f"[{text}]({kind[4:]})"]
            elif t == "footnote_ref":
                label = str(tok.meta.get("label", "")) or str(tok.meta.get("id", ""))
                self._add(line, marker(label), f"[{label}]")
                line.unlinked += 1
            elif t == "image":
                images += 1
                alt = "".join(c.content for c in tok.children or [] if c.type == "text")
                if meaningful_alt(alt):
                    out.image_alt = alt
            elif t == "html_inline":
                other += 1
            elif t in ("math_inline", "math_single", "math_inline_double"):
                self._add_text(line, tok.content, bool(link))
        self.report.removed("images", images, example=out.image_alt)
        self.report.removed("raw HTML tags", other)
        for line in out.lines:
            line.markdown = "".join(line.parts).strip()
            line.plain = "".join(line.plain_parts)
            cuts = [0, *line.soft_at, len(line.plain_parts)]
            line.soft_lines = ["".join(line.plain_parts[a:b]).strip() for a, b in pairwise(cuts)]
            line.parts, line.plain_parts = [], []
        return out

    @staticmethod
    def _add(line: Line, markdown: str, plain: str) -> None:
        line.parts.append(markdown)
        line.plain_parts.append(plain)
        line.has_text = line.has_text or bool(plain.strip())

    def _add_text(self, line: Line, text: str, in_link: bool) -> None:
        self._add(line, escape_inline(text), text)
        counted = len(_SEPARATORS.sub("", text))
        if in_link:
            line.linked += counted
        else:
            line.unlinked += counted


def _wrap(inner: str, mark: str) -> str:
    """`inner` wrapped in `mark`, spaces kept outside; unchanged when it is empty."""
    core = inner.strip()
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return lead + mark + core + mark + trail
