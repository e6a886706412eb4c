"""`reader open LOCATOR [--print]`: start the reader at a place named by a locator.

A locator is a document id with a quote (`ID#"some words"`, optionally `ID#§2¶3"..."`)
or its `reader://` link form (see `reader.core.locator`). The quote is found in the
current text by anchoring, so a locator written before the text was re-cleaned still
lands on its words. `--print` prints where it lands instead of starting the app.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.core import locator as locators
from reader.core.errors import ReaderError, printable
from reader.core.library import Library


def add_parser(sub: Any) -> None:
    """Register `open`."""
    p = sub.add_parser("open", help='open the reader at a locator (ID#"quote" or reader://)')
    p.set_defaults(handler="open_")
    p.add_argument("locator", metavar="LOCATOR")
    p.add_argument(
        "--print", action="store_true", help="print where it lands instead of opening the app"
    )


def run(args: argparse.Namespace, library: Library) -> int:
    """Resolve the locator and open the app there (or print the place)."""
    target = locators.parse(args.locator)
    document = library.load(target.doc_id)
    place = locators.resolve(target, document)
    if place is None:
        raise ReaderError(
            f"the quote of {printable(str(target))[:120]} is no longer in {target.doc_id}"
        )
    if args.print:
        location = document.location(place.start)
        quote = " ".join(document.text[place.start : place.end].split())
        print(
            printable(f"{document.id} {place.start}-{place.end} [{place.state.value}] {location}")
        )
        print(printable(f"  > {quote[:200]}"))
        return 0
    from reader.commands.tui import run_tui

    return run_tui(library, document.id, place.start)
