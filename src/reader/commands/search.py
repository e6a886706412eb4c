"""`reader search QUERY`: search the whole library from the command line.

Readable output (Rich, matched words highlighted) for people, `--json` for scripts.
Exit code 0 when something matched, 1 when nothing did, 2 on any error (usage, query,
an index that cannot be rebuilt, a broken file). A broken glossary is a warning on
stderr: the search runs without variants.
The index is brought up to date first (built, with progress on stderr, if missing).

The `--json` schema (stable; fields may be added, never renamed or removed):

    {"query": str, "total_hits": int, "total_documents": int,
     "suggestion": str | null, "variants": [str],
     "documents": [{"id": str, "title": str, "author": str, "date": str,
                    "score": float, "hit_count": int,
                    "hits": [{"start": int, "end": int, "section": str,
                              "snippet": str, "marks": [[int, int]],
                              "variant": str}]}]}
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError, UsageError, printable
from reader.core.library import Library

if TYPE_CHECKING:
    from rich.text import Text

    from reader.core.search import SearchResults

QUERY_SYNTAX = """\
query syntax:
  lenin trotsky            every word must occur (AND is the default)
  "exact phrase"           the words next to each other, in order
  "stalin rabkrin"~5       near: at most 4 words between them
  lenin OR trotsky         either; NOT excludes; AND; (parentheses) group
  revolution*              prefix; r?bkrin wildcard
  rabkin~  trotksy~2       fuzzy: within 1 (or 2) edits
  title:testament author:cliff id:ID
  date:1923  date:[1920 TO 1923]  date:>1921
Words are matched without regard to case, accents (dzierzynski finds Dzierżyński) or
endings (inspection finds inspections). Operators are written in capitals. The
library's glossary.toml adds known variants (Rabkrin also finds RKI and Workers' and
Peasants' Inspection); words typed without quotes that spell a multi-word variant are
read as that phrase. --no-variants turns all that off.

exit status: 0 something matched, 1 nothing matched, 2 any error (usage, query, index,
a broken file); a broken glossary.toml is a warning and the search runs without variants"""


# `reader search` folds the index's small segments once there are more than this.
MERGE_AFTER = 3


def add_parser(sub: Any) -> None:
    """Register `search`."""
    p = sub.add_parser(
        "search",
        help="search the whole library",
        description="Search every text of the library; results are ranked and grouped by "
        "document, each hit shown in its sentence with its section and offsets.",
        epilog=QUERY_SYNTAX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(handler="search")
    p.add_argument("query", nargs="+", metavar="QUERY", help="the query (see below)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N documents (default 20)"
    )
    p.add_argument(
        "--hits", type=int, default=10, metavar="N", help="at most N hits per document (10)"
    )
    p.add_argument("--doc", metavar="ID", help="search only this document")
    p.add_argument("--no-variants", action="store_true", help="do not add the glossary's variants")


def run(args: argparse.Namespace, library: Library) -> int:
    """Update the index, run the query, print the results."""
    from reader.commands.index import update_index

    if args.limit < 1 or args.hits < 0:
        raise UsageError("--limit must be at least 1 and --hits at least 0")
    if args.doc and not library.has(args.doc):
        raise UsageError(f"--doc: no document {args.doc!r} in {library.texts_dir}")
    try:
        index, _ = update_index(library)
        results = index.search(
            " ".join(args.query),
            limit=args.limit,
            doc_id=args.doc,
            variants=not args.no_variants,
            hits_per_document=args.hits,
        )
    except ReaderError as exc:
        exc.exit_code = 2  # every error of a search; 1 means only "nothing matched"
        raise
    for warning in results.warnings:
        print(f"reader: warning: {printable(warning)}", file=sys.stderr)
    if args.json:
        print(json.dumps(to_json(results), ensure_ascii=False, indent=2))
    else:
        print_results(results)
    # The answer is out; small segments left by updates are folded before exiting.
    sys.stdout.flush()
    index.merge(when_more_than=MERGE_AFTER)
    return 0 if results.documents else 1


def to_json(results: SearchResults) -> dict[str, Any]:
    """The documented JSON form of search results (see the module docstring)."""
    return {
        "query": results.query,
        "total_hits": results.total_hits,
        "total_documents": results.total_documents,
        "suggestion": results.suggestion,
        "variants": list(results.variants),
        "documents": [
            {
                "id": d.doc_id,
                "title": d.title,
                "author": d.author,
                "date": d.date,
                "score": round(d.score, 4),
                "hit_count": d.hit_count,
                "hits": [
                    {
                        "start": h.start,
                        "end": h.end,
                        "section": h.section,
                        "snippet": h.snippet,
                        "marks": [list(m) for m in h.snippet_marks],
                        "variant": h.variant,
                    }
                    for h in d.hits
                ],
            }
            for d in results.documents
        ],
    }


# (text, Rich style or "") pieces of the readable output
Styled = list[tuple[str, str]]
MARK = "bold black on yellow"


def result_pieces(results: SearchResults) -> Styled:
    """The readable output as styled pieces: documents best first, each hit in its
    sentence, matched words marked."""
    out: Styled = []
    add = out.append
    # Library text is shown, never obeyed: `show` makes escape sequences visible (Rich
    # passes them through), and Text pieces are never read as markup.
    show = printable
    for doc in results.documents:
        add((show(doc.title), "bold"))
        if doc.author:
            add((f" — {show(doc.author)}", ""))
        add((f"  [{show(doc.doc_id)}]", "dim"))
        noun = "hit" if doc.hit_count == 1 else "hits"
        add((f"  {doc.hit_count} {noun}", "cyan"))
        add(("\n  ", ""))
        for number, hit in enumerate(doc.hits):
            if number:
                add(("  ", ""))
            add((f"@{hit.start}", "dim"))
            if hit.section:
                add((f" § {show(hit.section)}", "green"))
            if hit.variant:
                add((f" = {show(hit.variant)}", "magenta"))
            add(("\n    ", ""))
            last = 0
            for start, end in hit.snippet_marks:
                add((show(hit.snippet[last:start]), ""))
                add((show(hit.snippet[start:end]), MARK))
                last = end
            add((show(hit.snippet[last:]) + "\n", ""))
        if not doc.hits:
            out[-1] = ("\n", "")
        if doc.hit_count > len(doc.hits):
            add((f"    … {doc.hit_count - len(doc.hits)} more\n", "dim"))
        add(("\n", ""))
    if results.documents:
        add(
            (
                f"{results.total_hits} hits in {len(results.documents)} of "
                f"{results.total_documents} matching documents",
                "",
            )
        )
    else:
        add(("no matches", ""))
    if results.variants:
        add((" (with variants: " + show(", ".join(results.variants)) + ")", "dim"))
    if results.suggestion:
        add((f"\ndid you mean: {show(results.suggestion)}", "bold"))
    return [(text, style) for text, style in out if text]


def print_results(results: SearchResults) -> None:
    """Readable results (see `result_pieces`). Text from the library is shown literally
    (never read as markup). On a terminal Rich styles them; piped output is the same
    text, unstyled and unwrapped (one snippet per line, for grep and friends), written
    without importing Rich, which is a good part of a cold `reader search`."""
    pieces = result_pieces(results)
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
