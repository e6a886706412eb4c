"""`reader search QUERY`: search the whole library from the command line.

Readable output (Rich, matched words highlighted) for people, `--json` for scripts,
`--kwic` for a concordance (aligned text, `--format csv` or `markdown`). `@name` runs
a saved search; `--save NAME` saves the query. Exit code 0 when something matched, 1
when nothing did, 2 on any error (usage, a query the language cannot read, an index
that cannot be rebuilt, a broken file). A broken glossary is a warning on stderr: the
search runs without variants. The index is brought up to date first (built, with
progress on stderr, if missing).

The `--json` schema (stable; fields may be added, never renamed or removed):

    {"query": str, "total_hits": int, "total_documents": int,
     "suggestion": str | null, "variants": [str],
     "documents": [{"id": str, "title": str, "author": str, "date": str,
                    "score": float, "hit_count": int, "sentence_count": int,
                    "hits": [{"start": int, "end": int, "section": str,
                              "snippet": str, "marks": [[int, int]],
                              "variant": str}],
                    "sentences": [{"start": int, "end": int, "section": str,
                                   "place": str, "text": str,
                                   "marks": [[int, int]], "spans": [[int, int]],
                                   "variants": [str]}]}]}

`hits` holds every hit of the sentences listed; `sentences` one entry per sentence,
`spans` the projection offsets of each of its matches, `marks` their ranges in `text`.
With `--kwic --json`: {"query": str, "sort": str, "lines": [{"document", "place",
"start", "end", "left", "match", "right"}]}.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from contextlib import closing
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError, UsageError, printable
from reader.core.library import Library
from reader.core.paths import Folders

if TYPE_CHECKING:
    from reader.core.search import SearchResults
    from reader.core.search.sentences import DocumentSentences

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
        "document, one entry per sentence with every match marked, its place and offsets. "
        "QUERY may be @NAME, a saved search.",
        epilog=QUERY_SYNTAX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(handler="search")
    p.add_argument("query", nargs="+", metavar="QUERY", help="the query (see below), or @NAME")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N documents (default 20)"
    )
    p.add_argument(
        "--hits", type=int, default=10, metavar="N", help="at most N sentences per document (10)"
    )
    p.add_argument("--doc", metavar="ID", help="search only this document")
    p.add_argument("--no-variants", action="store_true", help="do not add the glossary's variants")
    p.add_argument(
        "--kwic", action="store_true", help="a concordance: one line per hit, aligned on it"
    )
    p.add_argument(
        "--sort",
        choices=("position", "left", "right"),
        default="position",
        help="--kwic order: as found (default), by the words to the left or to the right",
    )
    p.add_argument(
        "--format",
        choices=("text", "csv", "markdown"),
        default="text",
        help="--kwic output: aligned text (default), CSV or a Markdown table",
    )
    p.add_argument("--save", metavar="NAME", help="also save the query as @NAME")


def _query(args: argparse.Namespace, folders: Folders) -> str:
    """The query to run: as typed, or the saved search @NAME (saving it with --save)."""
    from reader.core.searches import Searches

    query = " ".join(args.query)
    if not (query.startswith("@") or args.save):
        return query
    searches = Searches.in_folder(folders.state)
    if searches.problem:
        raise UsageError(searches.problem)
    if query.startswith("@") and " " not in query:
        query = searches.query_of(query)
    if args.save:
        name = searches.save_as(args.save, query)
        print(f"reader: saved as @{name}", file=sys.stderr)
    return query


def run(args: argparse.Namespace, library: Library) -> int:
    """Update the index, run the query, print the results."""
    from reader.commands.index import update_index
    from reader.core.search.syntax import check_query

    if args.limit < 1 or args.hits < 0:
        raise UsageError("--limit must be at least 1 and --hits at least 0")
    if args.doc and not library.has(args.doc):
        raise UsageError(f"--doc: no document {args.doc!r} in {library.texts_dir}")
    folders = Folders.for_library(library.root)
    query = _query(args, folders)
    problem = check_query(query)
    if problem is not None:
        print(printable(problem.query), file=sys.stderr)
        print(" " * problem.position + "^", file=sys.stderr)
        problem.exit_code = 2
        raise problem
    try:
        index, _ = update_index(library, folders)
    except ReaderError as exc:
        exc.exit_code = 2  # every error of a search; 1 means only "nothing matched"
        raise
    with closing(index):  # its searcher's open files
        return _answer(args, library, index, query)


def _answer(args: argparse.Namespace, library: Library, index: Any, query: str) -> int:
    """Run the query on the updated index and print the results."""
    try:
        results = index.search(
            query,
            limit=args.limit,
            doc_id=args.doc,
            variants=not args.no_variants,
            hits_per_document=None,
        )
    except ReaderError as exc:
        exc.exit_code = 2
        raise
    for warning in results.warnings:
        print(f"reader: warning: {printable(warning)}", file=sys.stderr)
    if args.kwic:
        print_kwic(args, library, results, index)
    else:
        grouped = _grouped(library, results, index.projection)
        if args.json:
            from reader.commands.search_output import to_json

            print(
                json.dumps(
                    to_json(results, _trim(grouped, args.hits)), ensure_ascii=False, indent=2
                )
            )
        else:
            from reader.commands.search_output import result_pieces, write

            write(result_pieces(results, grouped, args.hits))
    # The answer is out; small segments left by updates are folded before exiting.
    sys.stdout.flush()
    index.merge(when_more_than=MERGE_AFTER)
    return 0 if results.documents else 1


def _grouped(library: Library, results: SearchResults, indexed: Any) -> list[DocumentSentences]:
    """The results' hits grouped by sentence, cut from the indexed projections, each
    document read from the library for the citable places."""
    from reader.core.search.sentences import group_results

    def load(doc_id: str) -> Any:
        try:
            return library.load(doc_id)
        except ReaderError:
            return None

    return group_results(results, load, indexed)


def _trim(grouped: list[DocumentSentences], per_document: int) -> list[DocumentSentences]:
    """At most `per_document` sentences of each document."""
    from dataclasses import replace

    return [replace(item, sentences=item.sentences[:per_document]) for item in grouped]


def print_kwic(
    args: argparse.Namespace, library: Library, results: SearchResults, index: Any
) -> None:
    """The concordance of every hit, sorted and formatted as asked."""
    from reader.commands.search_output import kwic_pieces, write
    from reader.core.concordance import kwic_lines, sort_lines, to_csv, to_markdown

    lines = sort_lines(kwic_lines(results, library.load, index.projection), args.sort)
    if args.json:
        data = {
            "query": results.query,
            "sort": args.sort,
            "lines": [
                {
                    "document": ln.doc_id,
                    "place": ln.place,
                    "start": ln.start,
                    "end": ln.end,
                    "left": ln.left,
                    "match": ln.match,
                    "right": ln.right,
                }
                for ln in lines
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(printable_lines(to_csv(lines)))
    elif args.format == "markdown":
        sys.stdout.write(printable_lines(to_markdown(lines)))
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        write(kwic_pieces(lines, width))


def printable_lines(text: str) -> str:
    """`text` with every line made printable (the line ends kept)."""
    return "".join(printable(line) + "\n" for line in text.splitlines())
