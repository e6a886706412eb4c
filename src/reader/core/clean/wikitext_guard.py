"""Making wikitext safe to parse: half-escaped markup, unbalanced and runaway constructs.

mwparserfromhell backtracks on constructs that never close: ten thousand unclosed
`{{x|` or `<ref name=a>` take minutes, since every opener is retried against the rest of
the text (unclosed links `[[` cost it nothing). `balance` pairs the openers and closers
of templates (`{{ }}`), tables (`{| |}`) and paired tags (`<ref> </ref>`, `<b> </b>`
...) in one pass with a stack, and turns every opener that has no closer, or that nests
deeper than MediaWiki would render, into literal text (its first character becomes a
placeholder that `literal` turns back into the character when the text is rendered).
What stays is markup the parser reads in linear time.

`unescape_markup` undoes one level of XML escaping when a page was saved with its markup
half escaped (`&lt;ref&gt;...&lt;/ref&gt;` beside raw `{{cite}}`): `&amp;nbsp;` becomes
`&nbsp;`, and `&lt;ref&gt;` a real reference.
"""

from __future__ import annotations

import re

MAX_DEPTH = 30  # deeper nesting is not rendered by MediaWiki either

# Tags that come in pairs (an unclosed one makes the parser backtrack).
_PAIRED = frozenset(
    [
        "ref",
        "b",
        "i",
        "u",
        "s",
        "small",
        "big",
        "sup",
        "sub",
        "div",
        "span",
        "blockquote",
        "center",
        "code",
        "poem",
        "nowiki",
        "pre",
        "math",
        "gallery",
        "font",
        "references",
        "syntaxhighlight",
        "source",
        "tt",
        "em",
        "strong",
        "del",
        "ins",
        "abbr",
        "cite",
        "q",
        "ol",
        "ul",
        "dl",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strike",
        "var",
        "kbd",
        "samp",
        "mark",
        "score",
        "timeline",
        "chem",
    ]
)
_TOKEN = re.compile(
    r"\{\{|\}\}|(?m:^[ \t:]*\{\|)|(?m:^[ \t]*\|\})"
    r"|<(/?)([A-Za-z][A-Za-z0-9]{0,20})(?=[\s/>])[^<>]{0,2000}?(/?)>"
    r"|<!--|-->"
)
_ESCAPED_SIGNAL = re.compile(r"&lt;(?:/?ref\b|!--|/?(?:small|sup|sub|br|span|div)\b)")
_ONE_LEVEL = re.compile(r"&(lt|gt|quot|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "quot": '"', "amp": "&"}
# A neutralised opener's first character becomes a noncharacter that the parser reads as
# plain text (an entity would be one node per opener); `literal` turns it back.
_NEUTRAL = {"{": "\ufdd0", "<": "\ufdd1"}
_BACK = str.maketrans({"\ufdd0": "{", "\ufdd1": "<"})


def literal(text: str) -> str:
    """Neutralised openers shown as the characters they were."""
    return text.translate(_BACK)


def is_half_escaped(text: str) -> bool:
    """True when markup is written XML-escaped (`&lt;ref&gt;`) in the wikitext itself."""
    return _ESCAPED_SIGNAL.search(text) is not None


def unescape_markup(text: str) -> str:
    """One level of `&lt; &gt; &quot; &amp;` undone (only in half-escaped pages)."""
    return _ONE_LEVEL.sub(lambda m: _ENTITIES[m.group(1)], text)


def _kind(m: re.Match[str]) -> tuple[str, str]:
    """(role, key): role is open, close or other; key pairs openers with closers."""
    tok = m.group(0)
    if tok == "{{":
        return "open", "{{"
    if tok == "}}":
        return "close", "{{"
    if tok.endswith("{|"):
        return "open", "{|"
    if tok.endswith("|}"):
        return "close", "{|"
    if tok in ("<!--", "-->"):
        return "comment", tok
    name = (m.group(2) or "").lower()
    if name not in _PAIRED or m.group(3):  # a void or self-closing tag
        return "other", ""
    return ("close" if m.group(1) else "open"), "<" + name


MAX_HEADING_RUNS = 5000  # a line starting with "=" and holding more "==" is not a heading
MAX_LIST_DEPTH = 8  # list markers beyond this depth are literal text
_LIST_CHARS = {"*": "&#42;", "#": "&#35;", ":": "&#58;", ";": "&#59;"}


def guard_lines(text: str) -> tuple[str, int]:
    """Literal text for a runaway heading line (mwparserfromhell recurses into a heading's
    title and crashes on a line of 100,000 `== `; a page whose newlines were lost has a
    few hundred at most) and for list markers nested too deep; a table indented with
    colons (`:{|`) made a plain table."""
    lines = text.split("\n")
    changed = 0
    for i, line in enumerate(lines):
        first = line[:1]
        if first == ":" and line.lstrip(": \t").startswith("{|"):
            lines[i] = line.lstrip(": \t")  # a colon-indented table is a table
            changed += 1
            continue
        if first == "=" and line.count("==", 0, 20 * MAX_HEADING_RUNS) > MAX_HEADING_RUNS:
            lines[i] = "&#61;" + line[1:]
            changed += 1
        elif first in _LIST_CHARS and len(line) > MAX_LIST_DEPTH:
            run = len(line) - len(line.lstrip("*#:;"))
            if run > MAX_LIST_DEPTH:
                rest = "".join(_LIST_CHARS[c] for c in line[MAX_LIST_DEPTH:run])
                lines[i] = line[:MAX_LIST_DEPTH] + rest + line[run:]
                changed += 1
        if "''" in lines[i]:
            fixed = "".join(
                part if n % 2 else _pair_quotes(part)
                for n, part in enumerate(_REF_TAG.split(lines[i]))
            )
            if fixed != lines[i]:
                lines[i] = fixed
                changed += 1
    return ("\n".join(lines), changed) if changed else (text, 0)


_QUOTE_RUN = re.compile(r"'{2,}")
# Quotes pair within a reference or between references, never across their tags.
_REF_TAG = re.compile(r"(</?ref\b[^<>]{0,300}>)", re.I)


def _pair_quotes(line: str) -> str:
    """A line whose italic (2 quotes) or bold (3) marks do not pair, without its last
    stray mark: MediaWiki ends both at the end of the line, but mwparserfromhell lets an
    unpaired mark run on over the following paragraphs and headings."""
    runs = list(_QUOTE_RUN.finditer(line))
    italic = [m for m in runs if len(m.group(0)) == 2 or len(m.group(0)) >= 5]
    bold = [m for m in runs if len(m.group(0)) >= 3]
    drop: dict[int, int] = {}  # start of a run -> quotes to take out of it
    if len(italic) % 2:
        drop[italic[-1].start()] = 2
    if len(bold) % 2:
        drop[bold[-1].start()] = drop.get(bold[-1].start(), 0) + 3
    if not drop:
        return line
    out: list[str] = []
    prev = 0
    for m in runs:
        if m.start() in drop:
            out.append(line[prev : m.start()])
            out.append("'" * max(0, len(m.group(0)) - drop[m.start()]))
            prev = m.end()
    out.append(line[prev:])
    return "".join(out)


def make_safe(text: str) -> tuple[str, int]:
    """Both guards: runaway lines, then unbalanced and too-deep constructs."""
    text, lines = guard_lines(text)
    text, constructs = balance(text)
    return text, lines + constructs


def balance(text: str) -> tuple[str, int]:
    """`text` with unmatched and too-deep openers made literal; and how many were.

    A reference tag that never pairs (`<ref>` without `</ref>`, or a stray `</ref>`) is
    taken out instead: its words stay, the tag itself means nothing to a reader."""
    stack: list[tuple[str, int, int]] = []  # (key, start and end of the opener)
    bad: list[tuple[int, int, str]] = []
    in_comment = False
    for m in _TOKEN.finditer(text):
        role, key = _kind(m)
        if in_comment:
            in_comment = key != "-->"
            continue
        if role == "comment":
            in_comment = key == "<!--"
            continue
        if role == "open":
            start = m.start() + (len(m.group(0)) - 2 if key == "{|" else 0)
            if len(stack) >= MAX_DEPTH:
                bad.append((start, m.end(), key))
            else:
                stack.append((key, start, m.end()))
        elif role == "close":
            # Close the nearest opener of the same kind; openers above it never closed.
            for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_DEPTH), -1):
                if stack[depth][0] == key:
                    bad.extend((s, e, k) for k, s, e in stack[depth + 1 :])
                    del stack[depth:]
                    break
            else:
                if key == "<ref":
                    bad.append((m.start(), m.end(), "</ref"))
    bad.extend((s, e, k) for k, s, e in stack)
    if not bad:
        return text, 0
    out: list[str] = []
    prev = 0
    for start, end, key in sorted(set(bad)):
        if start < prev:
            continue
        out.append(text[prev:start])
        if key in ("<ref", "</ref"):
            prev = end
        else:
            out.append(_NEUTRAL[text[start]])
            prev = start + 1
    out.append(text[prev:])
    return "".join(out), len(set(bad))
