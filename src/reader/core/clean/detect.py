"""Guessing what kind of source an input is, from its content (never its file name).

Containers are told by their magic bytes (`sniff_file`: `%PDF-`, an EPUB zip). Text is
told by its markup: HTML by its tags, our own cleaned texts by their `+++` front matter
with an id, other Markdown by YAML/TOML front matter or enough Markdown syntax. The
rest (web dumps, wikitext, PDF text) gets a score from cheap signals each; the highest
wins, `plain` when nothing stands out. `--kind` on the command line (or `kind` in a
sidecar) overrides the guess.
"""

from __future__ import annotations

import re
import tomllib
import zipfile
from io import BytesIO

from reader.core.errors import ReaderError
from reader.core.markdown import META_ORDER

_WIKI_SIGNALS = (
    re.compile(r"\[\[[^\]]+\]\]"),
    re.compile(r"\{\{[^}]+\}\}"),
    re.compile(r"(?:^|\s)={2,5}[^=\n]+={2,5}(?:\s|$)"),
    re.compile(r"<ref[ >]"),
)
_PDF_SIGNALS = (
    re.compile(r"^<https?://[^>\s]+>$", re.M),  # extractor's autolinks on their own line
    re.compile(r"\]\(#\)"),  # link residue "[text](#)"
    re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]"),  # superscript note markers
    re.compile(r"^- .+$", re.M),
)
_WEB_SIGNALS = (
    re.compile(r"\A[^\n]{0,200}\|[^\n]{0,200}\|"),  # a navigation line "A | B | C" first
    re.compile(r"Home ?Page", re.I),
    re.compile(r"\u00a0"),
)


def _score(text: str, signals: tuple[re.Pattern[str], ...]) -> int:
    return sum(1 for s in signals if s.search(text))


_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*"
    r"<(?:!doctype\s+html|html[\s>]|head[\s>])",
    re.I | re.S,
)
_HTML_TAG = re.compile(
    r"<(?:p|div|span|a|br|h[1-6]|li|td|table|body|script|meta)\b[^>]{0,400}>", re.I
)
_YAML_FRONT = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_YAML_KEY = re.compile(r"^[A-Za-z_][\w -]{0,40}:(?:[ \t]|$)", re.M)
_MD_SIGNALS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),  # ATX headings
    re.compile(r"^:::", re.M),  # pandoc fenced divs, containers
    re.compile(r"\]\{[#.][^}\n]{0,200}\}|\{#[\w-]+\}"),  # pandoc attributes
    re.compile(r"^\[\^[^\]\s]+\]:", re.M),  # footnote definitions
    re.compile(r"\]\((?:https?://|#|\.{0,2}/)[^)\s]*\)"),  # inline links
    re.compile(r"^(?:```|~~~)", re.M),  # fenced code
    re.compile(r"\*\*\S[^*\n]{0,80}\*\*"),  # strong emphasis
    re.compile(r"\[\[[^\[\]\n|]{1,200}(?:\|[^\[\]\n]{0,200})?\]\](?!\])"),  # wikilinks
    re.compile(r"^-{3,}[ \t]*$|^\*{3,}[ \t]*$", re.M),  # thematic breaks
)
_EPUB_MIME = b"application/epub+zip"
OWN_TEXT_KEYS = frozenset(META_ORDER)


def sniff_file(data: bytes) -> str | None:
    """`pdf` or `epub` when the bytes are that container, None for anything else.

    A zip that is not an EPUB, or one too damaged to list, is refused here with one line."""
    if data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-") or (
        b"%PDF-" in data[:1024] and not data[:1024].isascii()
    ):
        return "pdf"
    if data[:4] != b"PK\x03\x04":
        return None
    if data[30:38] == b"mimetype" and _EPUB_MIME in data[38:100]:
        return "epub"
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReaderError("a zip archive that is damaged or truncated; cannot read it") from None
    if "META-INF/container.xml" in names or any(n.endswith(".opf") for n in names):
        return "epub"
    raise ReaderError("a zip archive that is not an EPUB book; unpack it and import its files")


def is_own_text(text: str) -> bool:
    """True for one of our cleaned texts: `+++` TOML front matter with an `id` and only
    the fields we write (a Hugo page's `+++` front matter has others, or no id)."""
    if not text.startswith("+++"):
        return False
    close = re.compile(r"^\+\+\+[ \t]*$", re.M).search(text, 3)
    first_end = text.find("\n")
    if close is None or first_end < 0 or text[:first_end].strip() != "+++":
        return False
    try:
        meta = tomllib.loads(text[first_end + 1 : close.start()])
    except tomllib.TOMLDecodeError:
        return False
    if "id" not in meta or not isinstance(meta["id"], str):
        return False
    return "source_sha256" in meta or set(meta) <= OWN_TEXT_KEYS


def looks_like_html(text: str) -> bool:
    """True when the text starts as an HTML document or is mostly HTML tags."""
    head = text[:100_000]
    if _HTML_START.match(text[:20_000]):
        return True
    tags = len(_HTML_TAG.findall(head))
    return tags >= 10 and tags * 40 > len(head.split("\n")) and "<" in head[:2000]


def markdown_score(text: str) -> int:
    """How Markdown-like a text is: 10 for YAML/TOML front matter, else one point for
    each kind of Markdown syntax it uses."""
    head = text[:200_000]
    yaml = _YAML_FRONT.match(head)
    if yaml and _YAML_KEY.search(yaml.group(0)):
        return 10
    if head.startswith("+++\n") and re.search(r"^\+\+\+[ \t]*$", head[4:20_000], re.M):
        return 10
    return _score(head, _MD_SIGNALS)


def detect_text_kind(text: str) -> str:
    """The kind of a decoded text: `markdown` (ours or foreign), `html`, or what
    `detect_kind` finds. Markdown that quotes HTML tags (in code spans) stays Markdown;
    a text that is mostly tags is HTML."""
    if is_own_text(text) or markdown_score(text) >= 10:
        return "markdown"
    kind = detect_kind(text)
    if kind in ("wikitext", "html"):
        return kind
    md = markdown_score(text)
    if md >= 4 and md > _score(text[:200_000], _WEB_SIGNALS) + 1:
        return "markdown"
    if looks_like_html(text):
        return "html"
    return "markdown" if md >= 3 and kind == "plain" else kind


_LIGATURE_SPLIT = re.compile(r"[a-z] (?:fi|fl|ff|ffi|ffl) [a-z]")
_LINE_HYPHEN = re.compile(r"[a-z]-\n[a-z]")
_PAGE_NUMBER_LINE = re.compile(r"^[ \t]*\d{1,4}[ \t]*$", re.M)
_STAMP_LINE = re.compile(
    r"^(?:Downloaded|Retrieved|Accessed|Printed) (?:from|on|by)\b", re.M | re.I
)


def _pdf_damage(head: str) -> int:
    """What a PDF extraction leaves: form feeds between pages, ligature splits
    (`bene fi ciary`), page stamps, line-end hyphenation, bare page-number lines."""
    score = 2 if head.count("\f") >= 3 else 0
    if len(_LIGATURE_SPLIT.findall(head, 0, 200_000)) >= 3:
        score += 2
    if len(_STAMP_LINE.findall(head)) >= 2:
        score += 2
    if len(_LINE_HYPHEN.findall(head)) >= 5:
        score += 1
    if len(_PAGE_NUMBER_LINE.findall(head)) >= 3:
        score += 1
    return score


def detect_kind(text: str) -> str:
    """`html`, `wikitext`, `pdf`, `web` or `plain`."""
    if _HTML_START.match(text[:20_000]):
        return "html"
    head = text[:200_000]
    scores = {
        "wikitext": _score(head, _WIKI_SIGNALS) * 2,
        # Form feeds between pages are what PDF extractors write (pdftotext, OCR dumps).
        "pdf": _score(head, _PDF_SIGNALS) + _pdf_damage(head),
        "web": _score(head, _WEB_SIGNALS),
    }
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 2 else "plain"
