"""The stack of headings a converted web page starts with: author, work, title, subtitle.

Pages converted from archives (marxists.org above all) open with several headings that
are not sections: `### Leon Trotsky` / `## The First Five Years ...` / `#### Volume 1` /
`# On l'Humanité ...`, or a title split over headings (`### Draft Theses on` /
`# National and Colonial Questions`). The highest heading (the first of the smallest
level) is the title and stays as the text's first heading; a heading just before it
that ends with a joining word ("on", "of", "the") is the start of the title; a short
name before it is the author; the rest before it names the work. Headings after the
title stay as they are. Metadata already known (front matter) wins.
"""

from __future__ import annotations

import re

from reader.core.clean.md_inline import Rendered
from reader.core.clean.model import Report
from reader.core.document import HEADING
from reader.core.markdown import MdBlock

_JOINING = re.compile(r"(?i)\b(?:on|of|the|and|to|for|in|a|an|with|about|from|by)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’\-]+|[A-Z]\.(?:[A-Z]\.)*|[a-z]{1,3}|[A-Z]{2,})$")


def looks_like_name(text: str) -> bool:
    """A person's name: two to five words, capitalised or initials ("V. I. Lenin")."""
    words = text.replace(".", ". ").split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= 2 and all(_NAME_WORD.match(w) for w in words)


def take_title_stack(
    titles: list[tuple[int, Rendered]], meta: dict[str, str], report: Report
) -> list[MdBlock]:
    """The blocks left of the leading headings; fills title, author and work in `meta`."""
    if not titles:
        return []
    if len(titles) == 1:
        level, only = titles[0]
        meta.setdefault("title", only.plain)
        return [MdBlock(HEADING, only.markdown, level=level)]
    top = min(level for level, _ in titles)
    at = next(n for n, (level, _) in enumerate(titles) if level == top)
    before = titles[:at]
    title_md, title_plain = titles[at][1].markdown, titles[at][1].plain
    if before and _JOINING.search(before[-1][1].plain.strip()):
        title_md = f"{before[-1][1].markdown} {title_md}"
        title_plain = f"{before[-1][1].plain} {title_plain}"
        before = before[:-1]
    if before and looks_like_name(before[0][1].plain):
        meta.setdefault("author", before[0][1].plain.strip())
        before = before[1:]
    if before:
        meta.setdefault("work", ", ".join(r.plain.strip() for _, r in before))
    meta.setdefault("title", " ".join(title_plain.split()))
    dropped = len(titles) - len(titles[at:])
    report.removed("title-block headings made metadata", dropped, example=titles[0][1].plain)
    blocks = [MdBlock(HEADING, title_md, level=top)]
    blocks += [MdBlock(HEADING, r.markdown, level=level) for level, r in titles[at + 1 :]]
    return blocks
