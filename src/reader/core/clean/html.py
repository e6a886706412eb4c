"""The `html` cleaner: a web page saved as HTML (or fetched from a URL) to a reader text.

Steps, each shared by every page (site knowledge only where a site marks itself):

1. parse with lxml (`html_tree.parse_html`); a page with no body text is refused;
2. metadata the page states (`html_meta.page_meta`: JSON-LD, Open Graph, Dublin Core,
   `<meta>`, `<html lang>`, canonical URL, licence link, `<title>`);
3. Project Gutenberg's header and licence removed, its header fields kept as metadata;
4. notes found on the whole page (`html_notes`), so no later step loses them;
5. information blocks (marxists.org's Written / Source / Transcription ...) become
   metadata; chrome removed (`html_chrome`);
6. the main content chosen: a MediaWiki article, the element a page marks as its
   content (`article`, `main`, CMS body classes), else, when the page is mostly links,
   what readability-lxml picks, else the whole body;
7. converted to blocks (`html_blocks`); the leading title stack (the title, the
   author, a bare date, a running title) becomes metadata, not headings; a bare
   numeral heading followed at once by a title heading of the same level become one
   heading (`I. What is hoped`); a notes heading repeated in every chapter is dropped;
   heading levels are shifted so the top one is `##`.

A page over `html_large.LARGE_PAGE` characters (3 MB) skips steps 3-6 and the per-element
converter: `html_large` reads it in one linear pass (headings, paragraphs, lists,
quotations, tables as text, notes), and the report says so.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.clean.html_blocks import html_to_blocks, normalize_levels
from reader.core.clean.html_chrome import remove_chrome
from reader.core.clean.html_large import LARGE_PAGE, large_blocks, parse_large
from reader.core.clean.html_meta import info_blocks, page_meta
from reader.core.clean.html_notes import Notes, find_notes
from reader.core.clean.html_sites import gutenberg, main_content, mediawiki
from reader.core.clean.html_tree import drop, parse_html, tag, text_of
from reader.core.clean.model import Cleaned, Report
from reader.core.document import HEADING, LIST_ITEM, PARAGRAPH, TABLE
from reader.core.errors import ReaderError
from reader.core.inline import parse_inline
from reader.core.markdown import MdBlock

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset({"by", "the", "of", "and", "a", "an", "in", "on", "to", "s"})
_DATE_ONLY = re.compile(r"^\(?\s*((?:[A-Za-z]+\s+)?(?:\d{1,2}\s+)?[A-Za-z]*\s*\d{4})\s*\)?\.?$")
_PUBLISHED = re.compile(
    r"^\(?\s*(?:first\s+published|published|reprinted|all\s+rights\s+reserved|copyright)\b",
    re.I,
)
_MONTH = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_DATE_IN = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+"
    rf"|(?:{_MONTH}\s*[-\u2013]\s*)?{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    r"(?<!\d)1[5-9]\d\d(?!\d)|(?<!\d)20\d\d(?!\d)"
)
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$")
_LANGUAGES = {
    "english": "en", "french": "fr", "german": "de", "russian": "ru", "spanish": "es",
    "italian": "it", "portuguese": "pt", "dutch": "nl", "latin": "la", "greek": "el",
    "chinese": "zh", "japanese": "ja", "polish": "pl", "swedish": "sv", "danish": "da",
    "finnish": "fi", "norwegian": "no", "czech": "cs", "hungarian": "hu", "esperanto": "eo",
}  # fmt: skip
_NUMERAL = re.compile(r"^(?:[IVXLC]{1,7}|\d{1,3})\.?$")
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents\.?$", re.I)
_NOTES_HEADING = re.compile(
    r"^(?:foot|end|author'?s?|editorial|translator'?s?)?\s*notes?\s*:?$|^footnotes?:?$", re.I
)
_SITE_SUFFIX = re.compile(r"^(.+?)\s+[|\-\u2013\u2014:]{1,2}\s+([^|\-\u2013\u2014]{2,60})$")
LINK_LIST_MIN = 8  # links in a block that is nothing but links: navigation
LINK_HEAVY = 0.4  # share of a page's text inside links above which chrome is hunted
FRONT_BLOCKS = 20  # the title stack is looked for among the first blocks only


def clean(text: str, report: Report, *, base_url: str | None = None) -> Cleaned:
    """Clean an HTML page; `base_url` is where it was fetched from, when it was."""
    if len(text) > LARGE_PAGE:
        return _clean_large(text, report, base_url)
    root = parse_html(text)
    body = root.find("body")
    if body is None or not text_of(body):
        raise ReaderError("the HTML page has no body text")
    meta = page_meta(root)
    meta.update({k: v for k, v in gutenberg(root, body, report).items() if k not in meta})
    url = base_url or meta.get("source")
    wiki, wiki_title = mediawiki(root)
    notes = find_notes(root)
    for el, fields in info_blocks(body):
        for key, value in fields.items():
            meta.setdefault(f"info_{key}", value)
        drop(el)
        report.count("information block lines kept as metadata", len(fields))
    remove_chrome(body, report, set(notes.definitions))
    _drop_orphan_notes(root, notes, report)
    main = wiki if wiki is not None else main_content(body)
    if main is None:
        _drop_link_lists(body, report, LINK_LIST_MIN)
    if main is None and _link_share(body) > LINK_HEAVY:
        # A page that is mostly links: every block made of links goes, then
        # readability-lxml picks the main content among what is left.
        _drop_link_lists(body, report, 1)
        main = _readability(body, report)
    if main is None:
        main = body
    extra = [d for d in notes.definitions if not _inside(d, main) and _inside(d, body)]
    blocks = html_to_blocks(main, report, notes=notes, base_url=url, extra=extra)
    h1 = wiki_title or _single_h1(root)
    title = _title(meta, blocks, h1)
    blocks = _front_matter(blocks, meta, title, report)
    blocks = _join_numeral_headings(blocks)
    blocks = _drop_repeated_notes_headings(blocks, report)
    blocks = _drop_contents(blocks, report)
    blocks = normalize_levels(blocks)
    if not any(b.kind != HEADING for b in blocks):
        raise ReaderError("the HTML page has no body text left after removing its chrome")
    return Cleaned(blocks, _final_meta(meta, title, base_url))


def _clean_large(text: str, report: Report, base_url: str | None) -> Cleaned:
    """A page too large for the steps above: `html_large`'s linear pass."""
    root = parse_large(text)
    report.note(
        f"{len(text) / 2**20:.1f} MB of HTML is over the {LARGE_PAGE // 2**20} MB the full "
        "cleaner reads in time: read by the large-page path (headings, paragraphs, lists, "
        "quotations, tables as text, notes); chrome, links and emphasis not kept"
    )
    meta = page_meta(root)
    blocks = large_blocks(root)
    if not any(b.kind != HEADING for b in blocks):
        raise ReaderError("the HTML page has no body text")
    title = _title(meta, blocks, _single_h1(root))
    blocks = _front_matter(blocks, meta, title, report)
    blocks = normalize_levels(_join_numeral_headings(blocks))
    return Cleaned(blocks, _final_meta(meta, title, base_url))


def _drop_orphan_notes(root: HtmlElement, notes: Notes, report: Report) -> None:
    """Notes whose every marker was in removed chrome (an infobox, a caption) go too."""
    live = {label for marker, label in notes.markers.items() if _inside(marker, root)}
    for block, label in list(notes.definitions.items()):
        if label not in live:
            del notes.definitions[block]
            drop(block)
            report.count("notes whose markers were in removed chrome dropped")


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    cur: HtmlElement | None = el
    while cur is not None:
        if cur is container:
            return True
        cur = cur.getparent()
    return False


def _drop_link_lists(body: HtmlElement, report: Report, minimum: int) -> None:
    """On a page that marks no main content: blocks that are nothing but many links (a
    menu in a layout table, a list of other pages) are navigation."""
    for el in list(body.iter("ul", "ol", "div", "td", "table", "p", "center", "dl", "li")):
        links = [a for a in el.iter("a") if not (a.get("href") or "#").startswith("#")]
        if len(links) < minimum or el.getparent() is None or _inside_dropped(el):
            continue
        total = len("".join(el.text_content().split()))
        linked = sum(len("".join(a.text_content().split())) for a in links)
        if (
            total
            and linked / total >= 0.8
            and not any(
                tag(d) in ("h1", "h2", "h3", "h4", "h5", "h6", "blockquote") for d in el.iter()
            )
        ):
            report.removed("link lists", example=text_of(el))
            drop(el)


def _inside_dropped(el: HtmlElement) -> bool:
    return any(a.getparent() is None for a in el.iterancestors() if tag(a) != "html")


def _link_share(body: HtmlElement) -> float:
    total = len(body.text_content())
    linked = sum(len(a.text_content()) for a in body.iter("a"))
    return linked / total if total else 0.0


def _readability(body: HtmlElement, report: Report) -> HtmlElement | None:
    """The main content as readability-lxml finds it, parsed back into a tree."""
    from lxml import html as lxml_html
    from readability import Document

    markup = lxml_html.tostring(body, encoding="unicode")
    try:
        summary = Document(markup).summary(html_partial=True)
    except Exception:  # the library gives up on some pages: keep the whole body
        return None
    found = parse_html(f"<html><body>{summary}</body></html>").find("body")
    if found is None or len(text_of(found)) < 200:
        return None
    report.count("main content chosen by readability")
    return found


def _single_h1(root: HtmlElement) -> str | None:
    h1s = [text_of(h) for h in root.iter("h1") if text_of(h)]
    return h1s[0] if len(h1s) == 1 else None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP]


def _plain(block: MdBlock) -> str:
    return " ".join(parse_inline(block.text).text.split())


def _title(meta: dict[str, str], blocks: list[MdBlock], h1: str | None) -> str | None:
    if meta.get("title"):
        return _without_site(meta["title"], meta)
    page = meta.get("page_title", "")
    page_words = set(_words(page))
    if h1 and set(_words(h1)) <= page_words and _words(h1):
        return h1
    author = set(_words(meta.get("author", "")))
    for block in _front(blocks):
        words = set(_words(_plain(block)))
        if block.kind == HEADING and words and words <= page_words and not words <= author:
            return _plain(block)  # the first heading the page title repeats
    if h1:
        return h1
    return _without_site(page, meta) or None


def _without_site(title: str, meta: dict[str, str]) -> str:
    """`Post title – Site name` without the site's name (when the page names its site)."""
    m = _SITE_SUFFIX.match(title)
    site = meta.get("publisher", "").casefold()
    if m and site and m.group(2).strip().casefold() == site:
        return m.group(1).strip()
    return title


def _front(blocks: list[MdBlock]) -> list[MdBlock]:
    """The leading run of headings and short lines before the first prose."""
    out: list[MdBlock] = []
    for block in blocks[:FRONT_BLOCKS]:
        if block.kind not in (HEADING, PARAGRAPH) or (
            block.kind == PARAGRAPH and len(_plain(block)) > 100
        ):
            break
        out.append(block)
    return out


def _front_matter(
    blocks: list[MdBlock], meta: dict[str, str], title: str | None, report: Report
) -> list[MdBlock]:
    """Remove the title stack: blocks that only repeat the title, author, date or page
    title (`Karl Marx: The Civil War in France`, `By Bertrand Russell`, `(1898)`)."""
    front = _front(blocks)
    author = _words(meta.get("author", ""))
    known = set(_words(title or "")) | set(author)
    removed = 0
    for block in front:
        text = _plain(block)
        words = _words(text)
        date = _DATE_ONLY.match(text)
        if date and not _NUMERAL.match(text):
            meta.setdefault("front_date", date.group(1))
        elif _PUBLISHED.match(text):
            if (year := re.search(r"\d{4}", text)) and text.lower().startswith("first"):
                meta.setdefault("front_date", text.split("published", 1)[-1].strip(" .,:"))
                del year
        elif not words or _NUMERAL.match(text):
            continue  # nothing to compare, or a section numeral ("I" is not "V. I. Lenin")
        elif not set(words) <= known and not (
            block.kind == HEADING and author and len(words) <= 5 and words[-1] == author[-1]
        ):
            continue  # neither the title, the author, nor both (a running title)
        blocks = [b for b in blocks if b is not block]
        removed += 1
    if removed:
        report.count("title lines kept as metadata", removed)
    return _demote_title_page(blocks)


def _demote_title_page(blocks: list[MdBlock]) -> list[MdBlock]:
    """In the leading run of headings, one followed by a higher-ranked heading is a
    title-page line (a subtitle, an imprint), not a section: it becomes a paragraph."""
    run = 0
    while run < len(blocks) and blocks[run].kind == HEADING:
        run += 1
    out = list(blocks)
    for i in range(run - 1):
        if out[i + 1].level < out[i].level:
            out[i] = MdBlock(PARAGRAPH, out[i].text)
    return out


def _drop_contents(blocks: list[MdBlock], report: Report) -> list[MdBlock]:
    """A printed table of contents (a "Contents" heading over a table or a list): the app
    builds its own from the headings."""
    out: list[MdBlock] = []
    skipping = False
    for block in blocks:
        if block.kind == HEADING:
            skipping = bool(_CONTENTS.match(_plain(block)))
            if skipping:
                report.count("printed tables of contents removed")
                continue
        elif skipping and block.kind in (TABLE, LIST_ITEM):
            continue
        else:
            skipping = False
        out.append(block)
    return out


def _join_numeral_headings(blocks: list[MdBlock]) -> list[MdBlock]:
    out: list[MdBlock] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == HEADING
            and block.kind == HEADING
            and prev.level == block.level
            and _NUMERAL.match(_plain(prev))
            and not _NUMERAL.match(_plain(block))
        ):
            numeral = prev.text.rstrip(".").rstrip("\\")
            out[-1] = MdBlock(HEADING, f"{numeral}. {block.text}", level=block.level)
            continue
        out.append(block)
    return out


def _drop_repeated_notes_headings(blocks: list[MdBlock], report: Report) -> list[MdBlock]:
    """A notes heading repeated in every chapter, or one left with nothing under it."""
    blocks = [
        b
        for i, b in enumerate(blocks)
        if not (
            b.kind == HEADING
            and _NOTES_HEADING.match(_plain(b))
            and (
                i + 1 == len(blocks)
                or (blocks[i + 1].kind == HEADING and blocks[i + 1].level <= b.level)
            )
        )
    ]
    texts = [_plain(b) for b in blocks if b.kind == HEADING]
    repeated = {t for t in texts if _NOTES_HEADING.match(t) and texts.count(t) > 1}
    if not repeated:
        return blocks
    out = [b for b in blocks if not (b.kind == HEADING and _plain(b) in repeated)]
    report.count("repeated notes headings dropped", len(blocks) - len(out))
    return out


def _date_in(text: str) -> str:
    """The date a line states (`5 June, 1920`, `March 1871`, `1898`), or ''."""
    m = _DATE_IN.search(text)
    return m.group(0).strip(" ,.") if m else ""


def _final_meta(meta: dict[str, str], title: str | None, base_url: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if title:
        out["title"] = title
    out["author"] = meta.get("author", "")
    date = meta.get("date") or next(
        (
            found
            for key in ("info_written", "info_published", "front_date")
            if (found := _date_in(meta.get(key, "")))
        ),
        "",
    )
    iso = _ISO_DATE.match(date)
    out["date"] = iso.group(1) if iso else date
    source = base_url or meta.get("source") or meta.get("info_source", "")
    out["source"] = source
    language = meta.get("language", "")
    out["language"] = _LANGUAGES.get(language.strip().lower(), language)
    out["publisher"] = meta.get("info_publisher") or meta.get("publisher", "")
    out["translator"] = meta.get("info_translator") or meta.get("translator", "")
    rights = meta.get("info_rights") or meta.get("rights", "")
    rights = "https:" + rights if rights.startswith("//") else rights
    out["rights"] = "" if rights.startswith(("#", "/")) else rights
    if not out["author"] and meta.get("author"):
        out["author"] = meta["author"]
    return {k: v for k, v in out.items() if v}
