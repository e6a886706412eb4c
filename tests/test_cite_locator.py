"""`reader cite` (BibTeX, CSL-JSON validated against the CSL schema, text) and locators
(`reader open`): on a copy of the bundled library."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from reader.cli import main
from reader.core import locator as locators
from reader.core.cite import cite
from reader.core.errors import UsageError
from reader.core.library import Library

SCHEMA = Path(__file__).resolve().parent / "fixtures" / "interop" / "csl-data.json"
CLIFF = "cliff-1990-trotsky-and-the-triumvirate"


def test_csl_json_of_every_bundled_text_is_valid(
    library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(library.root), "cite", "--all", "--format", "csl-json"]) == 0
    items = json.loads(capsys.readouterr().out)
    jsonschema.validate(items, json.loads(SCHEMA.read_text(encoding="utf-8")))
    by_id = {i["id"]: i for i in items}
    assert len(by_id) == 5
    cliff = by_id[CLIFF]
    assert cliff["type"] == "chapter"
    assert cliff["author"] == [{"family": "Cliff", "given": "Tony"}]
    assert cliff["container-title"] == "Trotsky: The Sword of the Revolution 1917-1923"
    assert (cliff["publisher"], cliff["publisher-place"]) == ("Bookmarks", "London")
    assert cliff["issued"] == {"date-parts": [[1990]]}
    mcaloon = by_id["mcaloon-2001-trotsky-struggle-for-power"]
    assert mcaloon["type"] == "thesis" and mcaloon["issued"] == {"date-parts": [[2001, 4, 16]]}
    assert mcaloon["URL"] == "https://scholarship.richmond.edu/honors-theses/246"
    iv = by_id["iv-2017-lenin-trotsky-confronting-bureaucracy"]
    assert iv["type"] == "article-magazine" and "author" not in iv  # the text names none
    assert iv["translator"][0] == {"family": "De Sarkar", "given": "Suchandra"}
    wiki = by_id["wikipedia-leon-trotsky-revolution-aftermath"]
    assert wiki["type"] == "entry-encyclopedia"
    assert wiki["author"] == [{"literal": "Wikipedia contributors"}]


def test_bibtex_entries(library: Library) -> None:
    cliff = cite(library.load(CLIFF), "bibtex")
    assert cliff.startswith("@incollection{cliff1990trotsky,\n")
    for line in (
        "  author = {Cliff, Tony},",
        "  booktitle = {Trotsky: The Sword of the Revolution 1917-1923},",
        "  publisher = {Bookmarks},",
        "  address = {London},",
        "  year = {1990},",
    ):
        assert line in cliff
    wiki = cite(library.load("wikipedia-leon-trotsky-revolution-aftermath"), "bibtex")
    assert "  author = {{Wikipedia contributors}}," in wiki  # an organisation, kept whole
    thesis = cite(library.load("mcaloon-2001-trotsky-struggle-for-power"), "bibtex")
    assert thesis.startswith("@thesis{mcaloon2001leon,") and "type = {Honors thesis}" in thesis
    text = cite(library.load(CLIFF), "text")
    assert text == (
        "Tony Cliff (1990). “Trotsky and the triumvirate”. In Trotsky: The Sword of the "
        "Revolution 1917-1923, chapter 16. Bookmarks, London.\n"
    )


def test_locator_forms_round_trip() -> None:
    loc = locators.Locator(CLIFF, 'the "bomb" for Stalin', 2, 1)
    assert str(loc) == f'{CLIFF}#§2¶1"the ""bomb"" for Stalin"'
    assert locators.parse(str(loc)) == loc
    assert locators.parse(loc.uri) == loc
    assert loc.uri.startswith(f"reader://{CLIFF}?q=the%20%22bomb%22")
    assert locators.parse(CLIFF) == locators.Locator(CLIFF)
    for bad in ("../etc#x", f"{CLIFF}#rotten", "reader://Bad Id", f"{CLIFF}#"):
        with pytest.raises(UsageError):
            locators.parse(bad)


def test_locator_lands_on_the_quote_after_recleaning(library: Library) -> None:
    doc = library.load(CLIFF)
    start = doc.text.index("rotten compromise")
    loc = locators.make(doc, start, start + len("rotten compromise"))
    assert str(loc) == f'{CLIFF}#§2¶5"rotten compromise"'
    # The text is re-cleaned: a paragraph put in before it, a word changed in the quote.
    path = library.text_path(CLIFF)
    source = path.read_text(encoding="utf-8")
    source = source.replace("## Trotsky procrastinates\n", "## Trotsky procrastinates\n\nNew.\n")
    path.write_text(source.replace("rotten compromise", "rotten  compromise"), encoding="utf-8")
    doc = library.load(CLIFF)
    place = locators.resolve(loc, doc)
    assert place is not None
    assert " ".join(doc.text[place.start : place.end].split()) == "rotten compromise"


def test_reader_open_print(library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(library.root)
    uri = f"reader://{CLIFF}?q=a%20bomb%20for%20Stalin"
    assert main(["--library", root, "open", uri, "--print"]) == 0
    out = capsys.readouterr().out
    assert (
        "16. Trotsky and the triumvirate › Trotsky procrastinates, ¶1" in out
        and "> a bomb for Stalin" in out
    )
    assert main(["--library", root, "open", f'{CLIFF}#"not in the text at all"', "--print"]) == 1
    assert "no longer in" in capsys.readouterr().err
