"""Wikitext too large to parse in time: its words, headings and paragraphs, markup off.

mwparserfromhell and the renderer take about two seconds a megabyte, so a page over
`PARSE_LIMIT` would take longer than an import may (no input up to 32 MB over 10 s).
Such a page is read by one linear pass instead: templates, references, comments, tables
and tags are taken out (paired with a stack, as `wikitext_guard` pairs them), links keep
their labels, emphasis marks go, `== x ==` lines are headings and the rest paragraphs.
The report says so: its notes and templates are not rendered.
"""

from __future__ import annotations

import re

from reader.core.document import HEADING, PARAGRAPH
from reader.core.inline import escape_inline
from reader.core.markdown import MdBlock

PARSE_LIMIT = 2 * 1024 * 1024  # characters
_SPAN = re.compile(
    r"\{\{|\}\}|\{\||\|\}|<!--|-->|<ref\b[^<>]{0,300}/>|<ref\b[^<>]{0,300}>|</ref>", re.I
)
_OPEN = {"{{": "}}", "{|": "|}", "<!--": "-->"}
_LINK = re.compile(r"\[\[(?:[^\[\]|\n]{0,300}\|)?([^\[\]\n]{0,300})\]\]")
_EXTERNAL = re.compile(r"\[(?:https?|ftp)://[^\s\]]{1,2000}(?: ([^\]\n]{0,300}))?\]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}\b[^<>\n]{0,300}/?>")
_QUOTES = re.compile(r"'{2,5}")
_HEADING = re.compile(r"^(={1,6})[ \t]*([^=\n]{1,300}?)[ \t]*\1[ \t]*$")
_SPACE = re.compile(r"[ \t]+")


def _strip_spans(text: str) -> str:
    """Text without templates, tables, comments and references (paired with a stack)."""
    out: list[str] = []
    stack: list[str] = []
    prev = 0
    for m in _SPAN.finditer(text):
        tok = m.group(0)
        low = tok.lower()
        if low.startswith("<ref") and low.endswith("/>"):
            if not stack:
                out.append(text[prev : m.start()])
            prev = m.end() if not stack else prev
            continue
        opener = "<ref" if low.startswith("<ref") else tok if tok in _OPEN else ""
        if opener:
            if not stack:
                out.append(text[prev : m.start()])
            stack.append("</ref>" if opener == "<ref" else _OPEN[opener])
            continue
        if stack and low == stack[-1]:
            stack.pop()
            if not stack:
                prev = m.end()
    if not stack:
        out.append(text[prev:])
    return "".join(out)


def clean_large(text: str) -> list[MdBlock]:
    """Headings and paragraphs of a very large wikitext page, by one linear pass."""
    text = _strip_spans(text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EXTERNAL.sub(lambda m: m.group(1) or "", text)
    text = _TAG.sub("", text)
    text = _QUOTES.sub("", text)
    blocks: list[MdBlock] = []
    for line in text.split("\n"):
        line = _SPACE.sub(" ", line).strip()
        if not line:
            continue
        m = _HEADING.match(line)
        if m:
            level = min(max(len(m.group(1)) - 1, 1), 6)
            blocks.append(MdBlock(HEADING, escape_inline(m.group(2).strip()), level=level))
        elif not line.startswith(("[[", "__")):
            blocks.append(MdBlock(PARAGRAPH, escape_inline(line.lstrip("*#:; "))))
    return blocks
