"""Recognising wikitext nodes: template and tag names, parameters, and what a node is.

The names Wikipedia matches templates by (`template_name`), their parameters (`param`),
tags and their attributes, and the families of templates the inline renderer
(`wikitext_inline`) and the block reader (`wikitext_blocks`) treat alike: quotations,
hatnotes, silent templates, the footnote families (`sfn`, `efn`, `harv`), embeds and
interlanguage links.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Comment, HTMLEntity, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from reader.core.clean.wikitext_notes import LOWER_ALPHA, LOWER_ROMAN, UPPER_ALPHA

# Namespaces whose links embed or classify rather than link (their text is not prose).
EMBED_NAMESPACES = frozenset({"file", "image", "media", "category"})
# Interlanguage links: "[[ru:...]]" (no leading colon) lists the article in another language.
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]+)?:")
SPACE = re.compile(r"\s+")

QUOTE_TEMPLATES = frozenset(
    {"blockquote", "quote", "quotation", "cquote", "quote box", "block quote", "bq"}
)
HATNOTE_TEMPLATES = frozenset(
    {
        "main",
        "main article",
        "see also",
        "further",
        "further information",
        "details",
        "about",
        "for",
        "other uses",
        "redirect",
        "distinguish",
        "see",
        "broader",
    }
)
# Templates Wikipedia shows as nothing a reader needs (layout, maintenance, metadata).
SILENT_TEMPLATES = frozenset(
    {
        "reflist",
        "notelist",
        "clear",
        "clr",
        "short description",
        "use dmy dates",
        "use mdy dates",
        "use british english",
        "use american english",
        "citation needed",
        "cn",
        "fact",
        "dead link",
        "better source needed",
        "when",
        "who",
        "clarify",
        "toc",
        "portal",
        "commons category",
        "anchor",
        "pp",
        "pp-semi-indef",
        "good article",
        "featured article",
    }
)
# Notes of the efn family and the group (label style) each belongs to.
EFN_GROUPS = {
    "efn": LOWER_ALPHA,
    "efn-la": LOWER_ALPHA,
    "notetag": LOWER_ALPHA,
    "efn-ua": UPPER_ALPHA,
    "efn-lr": LOWER_ROMAN,
}
SFN_TEMPLATES = frozenset({"sfn", "sfnp", "sfnm"})
HARV_TEMPLATES = frozenset({"harvnb", "harv", "harvp", "harvtxt", "harvcoltxt"})


def template_name(node: Template) -> str:
    """A template's name as Wikipedia matches it: case-insensitive, `_` as space."""
    name = str(node.name).split("<!--", 1)[0]
    return SPACE.sub(" ", name.replace("_", " ")).strip().lower()


def param(node: Template, name: str) -> Wikicode | None:
    """The value of a template parameter (None when absent)."""
    if node.has(name):
        value: Wikicode = node.get(name).value
        return value
    return None


def tag_name(node: Tag) -> str:
    return str(node.tag).strip().lower()


def tag_attr(node: Tag, name: str) -> str:
    """An attribute of an HTML-like tag, unquoted and stripped ("" when absent)."""
    if not node.has(name):
        return ""
    value = node.get(name).value
    return str(value).strip() if value is not None else ""


def is_embed(link: Wikilink) -> bool:
    """True for an image, media or category link (no prose of its own)."""
    title = str(link.title).strip()
    if title.startswith(":"):
        return False
    namespace = title.split(":", 1)[0].strip().lower() if ":" in title else ""
    return namespace in EMBED_NAMESPACES or bool(_INTERLANGUAGE.match(title))


def is_note(node: Node) -> bool:
    """True for a node that becomes a footnote marker."""
    if isinstance(node, Tag):
        return tag_name(node) == "ref"
    if isinstance(node, Template):
        name = template_name(node)
        return name in SFN_TEMPLATES or name in EFN_GROUPS or name in ("r", "refn")
    return False


def is_blank(code: Wikicode) -> bool:
    """True for content with nothing to show: white space and comments only."""
    return all(
        isinstance(n, Comment) or (isinstance(n, Text) and not n.value.strip()) for n in code.nodes
    )


def words_beside(nodes: list[Node], i: int) -> bool:
    """True when the node at `i` has words of running text beside it on its own line."""
    before = nodes[i - 1] if i > 0 else None
    after = nodes[i + 1] if i + 1 < len(nodes) else None
    if isinstance(before, Text) and before.value.split("\n")[-1].strip():
        return True
    return isinstance(after, Text) and bool(after.value.split("\n")[0].strip(" \t.,;:"))


def safe_argument(value: Wikicode) -> bool:
    """A template argument that reads as words of the sentence: short, one line, plain
    text and links only (no template, table, tag or URL)."""
    text = str(value).strip()
    if not text or len(text) > 80 or "\n" in text or "://" in text or "=" in text:
        return False
    return all(isinstance(n, (Text, Wikilink, HTMLEntity)) for n in value.nodes)


def is_citation(name: str) -> bool:
    return name.startswith("cite ") or name in ("citation", "cite")
