"""What `reader search` prints: readable results, the `--json` form, the concordance.

Readable output is one entry per sentence, every match in it marked, under its
document (with the document's count) and its citable place. `--json` keeps the old
fields (one record per hit in `hits`) and adds `sentences` (one per sentence, with the
offsets of every match in it). Library text is printed literally: `printable` makes
escape sequences visible, and styled pieces are never read as markup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reader.core.errors import printable
from reader.core.search.summary import count_line, plural

if TYPE_CHECKING:
    from rich.text import Text

    from reader.core.concordance import KwicLine
    from reader.core.search import SearchResults
    from reader.core.search.sentences import DocumentSentences, SentenceEntry

# (text, Rich style or "") pieces of the readable output
Styled = list[tuple[str, str]]
MARK = "bold black on yellow"


def sentence_json(entry: SentenceEntry) -> dict[str, Any]:
    """One sentence of `--json`: where it is, its text, marks and every match's offsets."""
    return {
        "start": entry.start,
        "end": entry.end,
        "section": entry.section,
        "place": entry.place,
        "text": entry.text,
        "marks": [list(m) for m in entry.marks],
        "spans": [list(s) for s in entry.spans],
        "variants": list(entry.variants),
    }


def to_json(results: SearchResults, grouped: Sequence[DocumentSentences]) -> dict[str, Any]:
    """The documented JSON form of search results (see `reader.commands.search`)."""
    documents = []
    for item in grouped:
        d = item.result
        hits = [h for entry in item.sentences for h in entry.hits]
        documents.append(
            {
                "id": d.doc_id,
                "title": d.title,
                "author": d.author,
                "date": d.date,
                "score": round(d.score, 4),
                "hit_count": d.hit_count,
                "sentence_count": len(item.sentences),
                "hits": [
                    {
                        "start": h.start,
                        "end": h.end,
                        "section": h.section,
                        "snippet": h.snippet,
                        "marks": [list(m) for m in h.snippet_marks],
                        "variant": h.variant,
                    }
                    for h in hits
                ],
                "sentences": [sentence_json(e) for e in item.sentences],
            }
        )
    return {
        "query": results.query,
        "total_hits": results.total_hits,
        "total_documents": results.total_documents,
        "suggestion": results.suggestion if not results.documents else None,
        "variants": list(results.variants),
        "documents": documents,
    }


def result_pieces(
    results: SearchResults, grouped: Sequence[DocumentSentences], per_document: int
) -> Styled:
    """The readable output as styled pieces: documents best first, at most
    `per_document` sentences each, every match marked."""
    out: Styled = []
    add = out.append
    show = printable
    for item in grouped:
        doc = item.result
        add((show(doc.title), "bold"))
        if doc.author:
            add((f" — {show(doc.author)}", ""))
        add((f"  [{show(doc.doc_id)}]", "dim"))
        count = plural(doc.hit_count, "hit")
        if not doc.hit_count:
            count = "matched by its title, author, date or id"
        elif item.sentences and len(item.sentences) != doc.hit_count:
            count += f" in {plural(len(item.sentences), 'sentence')}"
        add((f"  {count}\n", "cyan"))
        shown = item.sentences[:per_document]
        for entry in shown:
            add(("  ", ""))
            add((" ".join(f"@{s}" for s, _ in entry.spans), "dim"))
            if entry.place or entry.section:
                add((f" · {show(entry.place or entry.section)}", "green"))
            if entry.variants:
                add((" = " + show(", ".join(entry.variants)), "magenta"))
            add(("\n    ", ""))
            last = 0
            for start, end in entry.marks:
                add((show(entry.text[last:start]), ""))
                add((show(entry.text[start:end]), MARK))
                last = end
            add((show(entry.text[last:]) + "\n", ""))
        rest = item.sentences[per_document:]
        if rest:
            hits = sum(len(e.hits) for e in rest)
            add((f"    … {plural(len(rest), 'more sentence')} ({plural(hits, 'hit')})\n", "dim"))
        add(("\n", ""))
    sentences = sum(len(item.sentences) for item in grouped)
    add((count_line(results, sentences), ""))
    if results.variants:
        add((" Variants: " + show(", ".join(results.variants)) + ".", "dim"))
    if results.suggestion and not results.documents:
        add((f"\ndid you mean: {show(results.suggestion)}", "bold"))
    return [(text, style) for text, style in out if text]


def kwic_pieces(lines: Sequence[KwicLine], width: int) -> Styled:
    """Concordance lines aligned on the match (the match marked), then the count."""
    from reader.core.concordance import aligned

    longest = max((len(ln.match) for ln in lines), default=0)
    side = max(10, (width - longest - 2) // 2)
    out: Styled = []
    for line in lines:
        left, match, right = aligned(line, side)
        out += [(printable(left) + " ", ""), (printable(match), MARK)]
        out.append((" " + printable(right) + "\n", ""))
    return out


def write(pieces: Styled) -> None:
    """Print pieces. On a terminal Rich styles them; piped output is the same text,
    unstyled and unwrapped (one entry per line, for grep and friends), written without
    importing Rich, which is a good part of a cold `reader search`."""
    if not _styled_output():
        sys.stdout.write("".join(text for text, _ in pieces) + "\n")
        return
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    # One Text printed once: Rich's per-call overhead dominates small outputs.
    console.print(rich_text(pieces), soft_wrap=not console.is_terminal)


def rich_text(pieces: Styled) -> Text:
    """The pieces as one Rich Text (plain text with styles, never markup)."""
    from rich.text import Text

    out = Text()
    for text, style in pieces:
        out.append(text, style=style or None)
    return out


def _styled_output() -> bool:
    """Whether Rich would style the output: a terminal, or colour forced."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_INTERACTIVE"):
        return True
    return sys.stdout.isatty()
