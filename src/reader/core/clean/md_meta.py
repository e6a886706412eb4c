"""Metadata of foreign Markdown: front matter, marxists.org-style "Written:" blocks, title stacks.

- YAML front matter (`---` ... `---`, Jekyll, pandoc, Obsidian) is read with PyYAML's
  `safe_load` (no tags that build objects) after a size guard; TOML front matter
  (`+++` ... `+++`, Hugo) with `tomllib`. Keys map to our fields (`author`/`authors`/
  `creator` -> author, `license` -> rights, `lang` -> language, ...); empty values and
  values that are not text, numbers, dates or lists of text are ignored.
- A metadata line block ("Written: 5 June, 1920 / Source: ... / Translated: ...") is
  recognised by its labels, wherever pandoc left it (a paragraph with hard breaks, a
  heading), and becomes metadata instead of body.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import yaml

MAX_FRONT_MATTER = 64 * 1024

# Front-matter keys (lower case) -> our metadata fields, first match wins.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "author": ("author", "authors", "creator", "creators", "by"),
    "date": ("date", "published", "pubdate", "publishdate", "created", "written"),
    "source": ("source", "url", "canonical_url", "canonical", "original", "link", "permalink"),
    "rights": ("rights", "license", "licence", "copyright"),
    "language": ("language", "lang", "locale"),
    "publisher": ("publisher",),
    "translator": ("translator", "translators", "translated"),
    "work": ("work", "book", "collection", "series"),
}

_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.M)
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _text_of(value: Any) -> str:
    """A front-matter value as one line of text ("" for what is not text-like)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return " ".join(str(value).split())
    if isinstance(value, list) and all(isinstance(x, str | int) for x in value):
        return ", ".join(" ".join(str(x).split()) for x in value if str(x).strip())
    if isinstance(value, dict):  # {name: ..., url: ...} for an author
        return _text_of(value.get("name", ""))
    return ""


def map_fields(data: dict[str, Any]) -> dict[str, str]:
    """Our metadata fields from a front-matter mapping (empty values ignored)."""
    lowered = {str(k).lower().strip(): v for k, v in data.items()}
    meta: dict[str, str] = {}
    for field, keys in FIELD_KEYS.items():
        for key in keys:
            text = _text_of(lowered.get(key))
            if text:
                meta[field] = text
                break
    return meta


def split_front_matter(text: str) -> tuple[dict[str, str], str, str]:
    """(metadata, body, what was found: "yaml", "toml" or "") of a foreign Markdown text.

    A front matter that does not parse, or is not a mapping, is left in the body as it
    is (a `---` line may be a thematic break)."""
    if text.startswith("+++"):
        fence, close_re, loader = "+++", _TOML_CLOSE, "toml"
    elif text.startswith("---"):
        fence, close_re, loader = "---", _YAML_CLOSE, "yaml"
    else:
        return {}, text, ""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].strip() != fence:
        return {}, text, ""
    close = close_re.search(text, first_end + 1, first_end + 1 + MAX_FRONT_MATTER)
    if close is None:
        return {}, text, ""
    source = text[first_end + 1 : close.start()]
    try:
        data = tomllib.loads(source) if loader == "toml" else yaml.safe_load(source)
    except (tomllib.TOMLDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return {}, text, ""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text, ""
    body_start = text.find("\n", close.end())
    body = "" if body_start < 0 else text[body_start + 1 :]
    return map_fields(data), body, loader


# "Written:", "First Published:", "Source:" ... as marxists.org and similar archives write them.
INFO_LABELS: dict[str, str] = {
    "written": "date",
    "delivered": "date",
    "date": "date",
    "first published": "published",
    "published": "published",
    "source": "source",
    "translated": "translator",
    "translation": "translator",
    "translator": "translator",
    "publisher": "publisher",
    "copyleft": "rights",
    "copyright": "rights",
    "public domain": "rights",
    "license": "rights",
    "licence": "rights",
    "transcription": "",
    "transcribed": "",
    "transcription/markup": "",
    "html markup": "",
    "markup": "",
    "online version": "",
    "proofread": "",
    "proofed": "",
    "author": "author",
    "original": "",
}
_INFO_LINE = re.compile(r"^\s*([A-Z][A-Za-z/\\ ]{1,40}?)\s*:\s*(.*)$")


def info_label(line: str) -> tuple[str, str] | None:
    """(field or "", value) when `line` is a "Label: value" metadata line, else None."""
    m = _INFO_LINE.match(line)
    if not m:
        return None
    label = m.group(1).lower().replace("\\", "/").strip()
    for known, field in INFO_LABELS.items():
        if label == known or label.startswith(known + " ") or label.startswith(known + "/"):
            return field, m.group(2).strip()
    return None


def read_info_lines(lines: list[str], meta: dict[str, str]) -> bool:
    """Metadata from a block of "Label: value" lines, when most of its lines are such;
    True when the block was one (and should leave the body)."""
    found = [info_label(line) for line in lines if line.strip()]
    hits = [f for f in found if f is not None]
    if not hits or len(hits) * 2 < len(found) or (len(hits) == 1 and len(found) > 1):
        return False
    if len(hits) == 1 and hits[0][0] == "":
        return False
    for field, value in hits:
        if field == "published":
            field = "date"
        if not field or not value or field in meta:
            continue
        if field == "date":
            value = _first_date(value) or value
        meta[field] = value.rstrip(".;")
    return True


_DATE = re.compile(
    r"\b(?:\d{1,2}(?:[-\u2013]\d{1,2})?\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)?,?\s*(?:\d{1,2},?\s+)?\d{4}\b"
)


def _first_date(value: str) -> str:
    m = _DATE.search(value)
    return m.group(0).strip(" ,") if m else ""
