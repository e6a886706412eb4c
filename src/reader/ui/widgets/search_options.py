"""The search results as options of the results list: sentences, notes, concordance.

`sentence_options` lists the suggestion (when nothing matched), the highlights and notes
that match, then each document's header and its sentences (the first
`SHOWN_SENTENCES`, then a "+ N more" row unless expanded); `kwic_options` lists the
concordance under its title. Each returns the options and what each option's id stands
for (the panel acts on it when chosen). How each entry looks is `search_entries`'s job;
`error_line` shows a query the language cannot read with its place marked, and
`count_line` the counts above the results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from reader.ui.display import safe, safe_aligned
from reader.ui.widgets import search_entries as look

if TYPE_CHECKING:
    from reader.core.annotations import AnnotationHit
    from reader.core.concordance import KwicLine
    from reader.core.search import SearchHit, SearchResults
    from reader.core.search.sentences import DocumentSentences
    from reader.core.search.syntax import QuerySyntaxError

SHOWN_SENTENCES = 10
"""Sentences shown per document before its "+ N more" row."""
SUGGESTION_ID = "suggestion"
NOTE_HIT_PREFIX = "note-"
SORT_NAMES = {
    "position": "as found",
    "left": "by the words to the left",
    "right": "by the words to the right",
}

Targets = dict[str, object]
"""What each option's id stands for: a sentence, a note, a concordance line, a
document to expand, or the suggested query."""


def sentence_options(
    suggestion: str | None,
    notes: list[AnnotationHit],
    grouped: list[DocumentSentences],
    expanded: set[str],
    width: int,
) -> tuple[list[Option], Targets]:
    """The results as sentences (and the matching notes first), for `width` columns."""
    targets: Targets = {}
    options: list[Option] = []
    if suggestion:
        prompt = Content.assemble(
            "Did you mean ", safe(suggestion, "bold underline"), "? (Enter searches for it)"
        )
        options.append(Option(prompt, id=SUGGESTION_ID))
        targets[SUGGESTION_ID] = suggestion
    if notes:
        options.append(Option(look.notes_header(len(notes), width), disabled=True))
        for number, note in enumerate(notes):
            key = f"{NOTE_HIT_PREFIX}{number}"
            options.append(Option(look.annotation_entry(note, width), id=key))
            targets[key] = note
    for d, item in enumerate(grouped):
        header = look.document_header(item.result, len(item.sentences), width)
        options.append(Option(header, disabled=True))
        shown = item.sentences
        if item.result.doc_id not in expanded:
            shown = shown[:SHOWN_SENTENCES]
        for s, entry in enumerate(shown):
            key = f"s-{d}-{s}"
            options.append(Option(look.sentence_entry(entry, width), id=key))
            targets[key] = entry
        rest = item.sentences[len(shown) :]
        if rest:
            key = f"more-{d}"
            hidden = sum(len(e.hits) for e in rest)
            options.append(Option(look.more_row(len(rest), hidden), id=key))
            targets[key] = item.result.doc_id
    return options, targets


def kwic_options(lines: list[KwicLine], sort: str, width: int) -> tuple[list[Option], Targets]:
    """The concordance `lines` (already in the `sort` order), for `width` columns."""
    targets: Targets = {}
    side = look.kwic_side(lines, width)
    title = Content.assemble(
        ("Concordance", look.TITLE_STYLE),
        f"  {len(lines)} line{'s' if len(lines) != 1 else ''}, {SORT_NAMES[sort]}",
        ("  o sort · x export · c sentences", "$text-muted"),
    )
    options = [Option(Content("\n").join(title.wrap(max(20, width))), disabled=True)]
    for number, line in enumerate(lines):
        key = f"k-{number}"
        options.append(Option(look.kwic_row(line, side, width), id=key))
        targets[key] = line
    return options, targets


def error_line(query: str, error: QuerySyntaxError) -> Content:
    """The parser's message, then the query with the place of the error marked."""
    at = error.position
    return Content.assemble(
        safe(str(error)),
        "\n",
        safe_aligned(query[:at]),
        safe_aligned(query[at:] or " ").stylize("bold reverse $text-error"),
    )


def count_line(
    results: SearchResults | None, grouped: list[DocumentSentences], notes: list[AnnotationHit]
) -> str:
    """The line above the results: counts, variants searched too, and warnings."""
    from reader.core.search.summary import count_line as counts

    if results is None:
        return ""
    sentences = sum(len(item.sentences) for item in grouped)
    text = counts(results, sentences, len(notes))
    if results.variants:
        text += " Variants: " + ", ".join(results.variants) + "."
    for warning in results.warnings:
        text += f" Warning: {warning}"
    return text


def hit_at(results: SearchResults | None, doc_id: str, start: int) -> SearchHit | None:
    """The hit of `results` in `doc_id` starting at `start` (a concordance line's)."""
    if results is None:
        return None
    for document in results.documents:
        if document.doc_id == doc_id:
            return next((h for h in document.hits if h.start == start), None)
    return None
