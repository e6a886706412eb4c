"""Inline wikitext to inline Markdown, with references turned into footnote markers.

`InlineRenderer.render` walks a parsed fragment (mwparserfromhell nodes) and writes the
text a reader of the article sees: a link shows its label, an image disappears, `''x''`
becomes emphasis, an external link keeps its label (and its URL as a Markdown link), and
every kind of reference (`<ref>`, `{{sfn}}`, `{{efn}}`, `{{r}}`, `{{refn}}`) becomes a
footnote marker whose text goes to the `NoteBook`. Citation templates render as readable
citations (see `wikitext_cite`). Templates with no reading value (hatnotes, maintenance
tags) are dropped and counted; so are templates this module does not know. Which
template or tag a node is, is `wikitext_nodes`' part.

Block structure (headings, quotations, list items, paragraphs) is not handled here but in
`wikitext_blocks`; inside a footnote a block quotation reads as a quoted sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from reader.core.clean.wikitext_cite import autolink, citation, short_citation
from reader.core.clean.wikitext_guard import literal
from reader.core.clean.wikitext_nodes import (
    EFN_GROUPS,
    HARV_TEMPLATES,
    HATNOTE_TEMPLATES,
    QUOTE_TEMPLATES,
    SFN_TEMPLATES,
    SILENT_TEMPLATES,
    SPACE,
    is_blank,
    is_citation,
    is_embed,
    param,
    safe_argument,
    tag_attr,
    tag_name,
    template_name,
    words_beside,
)
from reader.core.clean.wikitext_notes import DEFAULT_GROUP, NoteBook
from reader.core.clean.wikitext_templates import (
    CIRCA_TEMPLATES,
    CONVERT_TEMPLATES,
    DATE_TEMPLATES,
    as_of,
    circa,
    convert,
    date_template,
    ipa,
    template_table,
)
from reader.core.inline import escape_inline, marker

_LINK_URL = re.compile(r"^(?:https?|ftp)://[^\s()<>\[\]]*(?:\([^\s()<>\[\]]*\)[^\s()<>\[\]]*)*$")
_STRAY_QUOTES = re.compile(r"''+")


def _emphasis(inner: str, delim: str) -> str:
    """Inline Markdown emphasis, keeping edge spaces outside the delimiters."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{delim}{stripped}{delim}{trail}"


class InlineRenderer:
    """Renders inline wikitext to inline Markdown and files notes in a NoteBook.

    `definitions` maps (group, name) to the content of a named reference wherever it is
    defined in the page, so that a reuse before the definition still finds the text.
    `dropped` tallies templates left out, by name, for the import report.
    """

    def __init__(self, notes: NoteBook, definitions: dict[tuple[str, str], Wikicode]) -> None:
        self.notes = notes
        self.definitions = definitions
        self.dropped: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()  # unknown templates shown as their argument
        self._in_prose = False  # the template being rendered has words beside it on its line
        self.images = 0
        self.hatnotes = 0
        self._depth = 0

    # --- entry points -------------------------------------------------------------
    def render(self, code: Wikicode | Iterable[Node], *, in_note: bool = False) -> str:
        """Inline Markdown of a fragment."""
        nodes = code.nodes if isinstance(code, Wikicode) else list(code)
        outer = self._in_prose
        try:
            return self._render(nodes, in_note=in_note)
        finally:
            self._in_prose = outer

    def _render(self, nodes: list[Node], *, in_note: bool) -> str:
        out: list[str] = []
        after_citation = False
        for i, n in enumerate(nodes):
            if isinstance(n, Template):
                self._in_prose = words_beside(nodes, i)
            text = self.node(n, in_note=in_note)
            if after_citation and text[:1] in (";", ",", ".") and out and out[-1].endswith("."):
                # A citation ends with a full stop; text that goes on after it with
                # its own punctuation ("...2023.; the letter") should not double it.
                out[-1] = out[-1][:-1]
            out.append(text)
            after_citation = isinstance(n, Template) and is_citation(template_name(n))
        return "".join(out)

    def plain(self, code: Wikicode) -> str:
        """A fragment as collapsed Markdown on one line (for headings, fields, labels)."""
        return SPACE.sub(" ", self.render(code)).strip()

    # --- nodes --------------------------------------------------------------------
    def node(self, node: Node, *, in_note: bool = False) -> str:
        if isinstance(node, Text):
            # The parser leaves runs of apostrophes it could not pair (as in two italic
            # runs written back to back) as text; they are emphasis markup, never prose.
            return escape_inline(literal(_STRAY_QUOTES.sub("", node.value)))
        if isinstance(node, Wikilink):
            return self.wikilink(node)
        if isinstance(node, ExternalLink):
            return self.external_link(node)
        if isinstance(node, Template):
            return self.template(node, in_note=in_note)
        if isinstance(node, Tag):
            return self.tag(node, in_note=in_note)
        if isinstance(node, HTMLEntity):
            char = node.normalize()
            return " " if char in ("\u00a0", "\u2009", "\u202f") else escape_inline(char)
        if isinstance(node, Heading):
            return self.render(node.title)
        if isinstance(node, Comment):
            return ""
        return ""  # template arguments ({{{x}}}) and anything unknown show nothing

    def wikilink(self, link: Wikilink) -> str:
        if is_embed(link):
            self.images += 1
            return ""
        if link.text is not None and str(link.text).strip():
            return self.render(link.text)
        title = str(link.title).strip().lstrip(":")
        if link.text is not None:  # the "pipe trick": [[Foo (bar)|]] shows "Foo"
            title = re.sub(r"\s*\([^)]*\)$", "", title.split(":", 1)[-1])
        if title.startswith("#"):
            title = title[1:]
        return escape_inline(title)

    def external_link(self, link: ExternalLink) -> str:
        url = str(link.url).strip()
        if link.title is None or not str(link.title).strip():
            return autolink(url)
        label = self.render(link.title).strip()
        return f"[{label}]({url})" if _LINK_URL.match(url) else label

    def tag(self, node: Tag, *, in_note: bool) -> str:
        name = tag_name(node)
        if name == "ref":
            return self.ref(node)
        if name in ("references", "gallery", "timeline", "graph", "templatestyles"):
            return ""
        if name == "br":
            return " "
        if name == "nowiki":
            return escape_inline(str(node.contents)) if node.contents is not None else ""
        inner = self.render(node.contents, in_note=in_note) if node.contents is not None else ""
        if name == "i" or name == "em":
            return _emphasis(inner, "*")
        if name == "b" or name == "strong":
            return _emphasis(inner, "**")
        if name in ("q", "blockquote", "poem"):
            return f"\u201c{SPACE.sub(' ', inner).strip()}\u201d"
        return inner

    def template(self, node: Template, *, in_note: bool) -> str:
        name = template_name(node)
        if is_citation(name):
            return self.citation(node, name.removeprefix("cite").strip())
        if name in SFN_TEMPLATES:
            return self.sfn(node)
        if name in EFN_GROUPS:
            return self.efn(node, EFN_GROUPS[name])
        if name == "refn":
            group = str(param(node, "group") or "").strip()
            return self.efn(node, group)
        if name == "r":
            return "".join(self.reuse(DEFAULT_GROUP, str(p.value).strip()) for p in node.params)
        if name in HARV_TEMPLATES:
            return short_citation(*self._short_args(node)).removesuffix(".")
        if name == "webarchive":
            return self.webarchive(node)
        if name in ("isbn", "issn"):
            values = [self.plain(p.value) for p in node.params if not p.showkey]
            return f"{name.upper()} {', '.join(values)}"
        if name in QUOTE_TEMPLATES:
            text = param(node, "1") or param(node, "text") or param(node, "quote")
            return f"\u201c{self.plain(text)}\u201d" if text is not None else ""
        if name in HATNOTE_TEMPLATES:
            self.hatnotes += 1
            return ""
        return self.content_template(node, name, in_note=in_note)

    def content_template(self, node: Template, name: str, *, in_note: bool) -> str:
        """A template that carries text, by the table in `wikitext_templates`; an unknown
        one in running prose keeps its one short argument and is reported."""
        table = template_table()
        if name in table.text:
            return escape_inline(table.text[name])
        positional = [p.value for p in node.params if not p.showkey]
        if name in table.show or name.startswith(("lang-", "ipa-")):
            key = table.show.get(name, "1")
            if name in ("ill", "interlanguage link") and node.has("lt"):
                key = "lt"
            if key == "last":
                return self.render(positional[-1], in_note=in_note) if positional else ""
            if key == "all":
                return " ".join(self.plain(v) for v in positional)
            value = param(node, key)
            return self.render(value, in_note=in_note) if value is not None else ""
        if name in table.prefix:
            value = param(node, "1")
            return escape_inline(table.prefix[name]) + (self.plain(value) if value else "")
        texts = [self.plain(v) for v in positional]
        named = {str(p.name).strip().lower(): self.plain(p.value) for p in node.params if p.showkey}
        if name in CONVERT_TEMPLATES:
            return escape_inline(convert(texts, named))
        if name in DATE_TEMPLATES:
            return escape_inline(date_template(name, texts, named))
        if name in CIRCA_TEMPLATES:
            return escape_inline(circa(texts))
        if name == "as of":
            return escape_inline(as_of(texts, named))
        if name.startswith("ipac-") or name.startswith("ipa"):
            return escape_inline(ipa(texts))
        if name == "sic":
            shown = texts[-1] if texts else ""
            return (escape_inline(shown) + " \\[sic\\]").strip()
        if name in SILENT_TEMPLATES or table.is_silent(name):
            return ""
        if self._in_prose and len(positional) == 1 and not named and safe_argument(positional[0]):
            self.kept[name] += 1
            return self.render(positional[0], in_note=in_note)
        self.dropped[name] += 1
        return ""

    # --- notes --------------------------------------------------------------------
    def ref(self, node: Tag) -> str:
        group = tag_attr(node, "group")
        name = tag_attr(node, "name")
        contents = node.contents
        if contents is None or is_blank(contents):
            if not name:
                return ""  # an empty anonymous <ref></ref> shows nothing on Wikipedia
            return self.reuse(group, name)
        return self._note(group, name or None, contents)

    def reuse(self, group: str, name: str) -> str:
        """The marker of a named reference (rendered from wherever it is defined)."""
        content = self.definitions.get((group, name))
        if content is None:
            # Cited by name but defined nowhere in this text: keep the marker, say so.
            label = self.notes.cite(group, name, lambda: escape_inline(f"(Reference {name!r})"))
            return marker(label)
        return self._note(group, name, content)

    def _note(self, group: str, name: str | None, content: Wikicode) -> str:
        def text() -> str:
            self._depth += 1
            try:
                return self.plain_note(content) or self.bare_note(content)
            finally:
                self._depth -= 1

        if self._depth > 8:  # a reference that cites itself: stop rather than recurse
            return ""
        return marker(self.notes.cite(group, name, text))

    def bare_note(self, content: Wikicode) -> str:
        """What a reference says when nothing in it renders (a template this module does
        not know): its templates' names and arguments, so that no note is ever empty."""
        parts = []
        for node in content.filter_templates(recursive=False):
            args = [
                (f"{str(p.name).strip()}=" if p.showkey else "")
                + SPACE.sub(" ", str(p.value)).strip()
                for p in node.params
                if str(p.value).strip()
            ]
            parts.append(", ".join([str(node.name).strip(), *args]))
        text = "; ".join(parts) or SPACE.sub(" ", content.strip_code()).strip()
        return escape_inline(text or "(a reference with no text in the source)")

    def plain_note(self, content: Wikicode) -> str:
        return SPACE.sub(" ", self.render(content, in_note=True)).strip()

    def sfn(self, node: Template) -> str:
        positional, fields = self._short_args(node)
        text = short_citation(positional, fields)
        # Identical short citations share one note, as they do on Wikipedia.
        key = "sfn:" + "|".join(positional) + "|" + repr(sorted(fields.items()))
        return marker(self.notes.cite(DEFAULT_GROUP, key, lambda: text))

    def _short_args(self, node: Template) -> tuple[list[str], dict[str, str]]:
        positional = [self.plain(p.value) for p in node.params if not p.showkey]
        fields = {
            str(p.name).strip().lower(): self.plain(p.value) for p in node.params if p.showkey
        }
        return positional, fields

    def efn(self, node: Template, group: str) -> str:
        name = str(param(node, "name") or "").strip()
        content = param(node, "1")
        if content is None:
            content = param(node, "content")
        if content is None or not str(content).strip():
            return self.reuse(group, name) if name else ""
        return self._note(group, name or None, content)

    # --- citations ----------------------------------------------------------------
    def citation(self, node: Template, kind: str) -> str:
        fields: dict[str, str] = {}
        for p in node.params:
            key = str(p.name).strip().lower()
            if key in ("url", "chapter-url", "archive-url", "contribution-url"):
                fields[key] = autolink(str(p.value).strip()) if str(p.value).strip() else ""
            else:
                fields[key] = self.plain(p.value)
        return citation(kind, fields)

    def webarchive(self, node: Template) -> str:
        url = str(param(node, "url") or "").strip()
        date = self.plain(param(node, "date") or mwparserfromhell.parse(""))
        label = f"archived {date}" if date else "archived copy"
        return f"({label}: {autolink(url)})" if url else ""
