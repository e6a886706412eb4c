"""Kindle's `My Clippings.txt`: entries separated by `==========` lines.

Each entry is a title line (`Title (Author)`), a header line, a blank line and the
clipped text. The header names the kind (highlight, note, bookmark), the page and the
location, and the time; Kindle writes it in the device's language:

    - Your Highlight on page 12 | Location 150-152 | Added on Monday, 21 April 2014 22:08:07
    - Ihre Markierung auf Seite 12 | Position 150-152 | Hinzugefügt am Montag, 21. April 2014
    - Votre surlignement sur la page 12 | emplacement 150-152 | Ajouté le lundi 21 avril 2014
    - Tu subrayado en la página 12 | posición 150-152 | Añadido el lunes, 21 de abril de 2014
    - La tua evidenziazione a pagina 12 | posizione 150-152 | Aggiunto in data lunedì ...
    - Seu destaque na página 12 | posição 150-152 | Adicionado: segunda-feira, ...
    - 12ページ|位置No. 150-152のハイライト |作成日: 2014年4月21日月曜日 22:08:07
    - 您在第 12 页（位置 #150-152）的标注 | 添加于 2014年4月21日星期一 下午10:08:07

(also Dutch, Russian, Swedish, Korean and the old `Highlight Loc. 150-52` form). A note is
its own entry placed at the end location of the highlight it belongs to: it is joined
to that highlight. Bookmarks carry no text and are skipped. The time the clipping was
added is read from the header's last part (month names of those languages, or the
CJK `2024年3月9日` form, with PM/下午/午後). The kind is told by the
words listed below; when no word is known, an entry with text counts as a highlight.
"""

from __future__ import annotations

import re

from reader.core.interop.model import Foreign, clean_text, origin_id

SEPARATOR = re.compile(r"^=+\s*$", re.MULTILINE)
_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")

HIGHLIGHT_WORDS = (
    "highlight", "markierung", "surlignement", "subrayado", "evidenziazione", "destaque",
    "markering", "выделен", "ハイライト", "标注", "標註", "하이라이트", "understrykning",
)  # fmt: skip
NOTE_WORDS = (
    "note", "notiz", "nota", "notitie", "заметк", "メモ", "笔记", "筆記", "메모", "anteckning",
)  # fmt: skip
BOOKMARK_WORDS = (
    "bookmark", "lesezeichen", "signet", "marcador", "segnalibro", "bladwijzer", "закладк",
    "ブックマーク", "书签", "書籤", "북마크", "bokmärke",
)  # fmt: skip
LOCATION_WORDS = (
    "location", "loc.", "position", "emplacement", "posición", "posizione", "posição",
    "locatie", "место", "位置", "위치", "plats",
)  # fmt: skip


def read(text: str) -> list[Foreign]:
    """The highlights of a clippings file (notes joined to their highlights)."""
    entries: list[tuple[str, str, str, str, int]] = []  # kind, title line, header, body, end
    for chunk in SEPARATOR.split(text):
        lines = chunk.strip("\n\ufeff ").split("\n")
        if len(lines) < 2:
            continue
        title_line, header = lines[0].strip("\ufeff "), lines[1].strip()
        body = clean_text("\n".join(lines[2:]).strip())
        kind = _kind(header)
        if kind == "bookmark" or not body:
            continue
        entries.append((kind, title_line, header, body, _end_location(header)))
    out: list[Foreign] = []
    notes: dict[tuple[str, int], list[str]] = {}
    for kind, title_line, _header, body, end in entries:
        if kind == "note":
            notes.setdefault((title_line, end), []).append(body)
    used: set[tuple[str, int]] = set()
    for kind, title_line, header, body, end in entries:
        if kind != "highlight":
            continue
        title, author = split_title(title_line)
        key = (title_line, end)
        note = "\n\n".join(notes.get(key, []))
        if note:
            used.add(key)
        out.append(
            Foreign(
                format="kindle",
                origin=origin_id("kindle", title_line, _location_text(header), body),
                quote=body,
                note=note,
                title=title,
                author=author,
                where=_where(header),
                created=added_time(header),
            )
        )
    for kind, title_line, header, body, end in entries:
        if kind == "note" and (title_line, end) not in used:
            title, author = split_title(title_line)  # a note without its highlight
            out.append(
                Foreign(
                    format="kindle",
                    origin=origin_id("kindle", title_line, _location_text(header), "note", body),
                    quote="",
                    note=body,
                    title=title,
                    author=author,
                    where=_where(header),
                )
            )
    return out


def looks_like(text: str) -> bool:
    """Whether `text` reads as a clippings file."""
    return bool(SEPARATOR.search(text[:20000])) and "\n- " in text[:20000]


def split_title(line: str) -> tuple[str, str]:
    """`Title (Author)` as (title, author); the last parenthesised part is the author."""
    line = clean_text(line).strip()
    if line.endswith(")") and "(" in line:
        at = line.rfind("(")
        return line[:at].strip(), line[at + 1 : -1].strip()
    return line, ""


def _kind(header: str) -> str:
    low = header.lower()
    part = low.split("|")[0] if "|" in low else low
    for kind, words in (
        ("bookmark", BOOKMARK_WORDS),
        ("highlight", HIGHLIGHT_WORDS),
        ("note", NOTE_WORDS),
    ):
        if any(w in part for w in words):
            return kind
    for kind, words in (("highlight", HIGHLIGHT_WORDS), ("note", NOTE_WORDS)):
        if any(w in low for w in words):
            return kind
    return "highlight"


def _location_text(header: str) -> str:
    """The part of the header that says where (page and location, without the time)."""
    parts = [p.strip(" -") for p in header.split("|")]
    return " | ".join(parts[:-1]) if len(parts) > 1 else parts[0]


def _where(header: str) -> str:
    return " ".join(_location_text(header).split())[:120]


def _end_location(header: str) -> int:
    """The last number of the location range (where Kindle puts a note), else of the
    page, else -1."""
    where = _location_text(header).lower()
    for word in LOCATION_WORDS:
        at = where.find(word)
        if at >= 0:
            match = _RANGE.search(where, at)
            if match:
                return _range_end(match)
    matches = list(_RANGE.finditer(where))
    return _range_end(matches[-1]) if matches else -1


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january januar janvier enero gennaio janeiro januari",
            "february februar février febrero febbraio fevereiro februari",
            "march märz mars marzo março maart",
            "april avril abril aprile",
            "may mai mayo maggio maio mei",
            "june juni juin junio giugno junho",
            "july juli juillet julio luglio julho",
            "august août agosto augustus",
            "september septembre septiembre settembre setembro",
            "october oktober octobre octubre ottobre outubro",
            "november novembre noviembre novembro",
            "december dezember décembre diciembre dicembre dezembro",
        ),
        1,
    )
    for name in names.split()
}
_CJK_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_TIME = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})")


def added_time(header: str) -> str:
    """The time a clipping was made, as ISO 8601 (taken as UTC: Kindle writes local time
    without a zone), from the header's last part; "" if it cannot be read."""
    part = header.split("|")[-1].lower()
    year = month = day = 0
    cjk = _CJK_DATE.search(part)
    if cjk:
        year, month, day = (int(g) for g in cjk.groups())
    else:
        words = re.findall(r"[^\W\d_]+|\d+", part)
        for word in words:
            if word in _MONTHS:
                month = _MONTHS[word]
            elif word.isdigit() and len(word) == 4:
                year = int(word)
        numbers = [int(w) for w in words if w.isdigit() and len(w) <= 2]
        day = numbers[0] if numbers else 0
    clock = _TIME.search(part)
    if not (year and 1 <= month <= 12 and 1 <= day <= 31 and clock):
        return ""
    hour, minute, second = (int(g) for g in clock.groups())
    if hour < 12 and ("pm" in part or "下午" in part or "午後" in part):
        hour += 12
    if hour == 12 and ("am" in part.split() or "上午" in part or "午前" in part):
        hour = 0
    if hour > 23:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"


def _range_end(match: re.Match[str]) -> int:
    start, end = match.group(1), match.group(2)
    if end is None:
        return int(start)
    if len(end) < len(start):  # the old short form: 150-52 means 150-152
        end = start[: len(start) - len(end)] + end
    return int(end)
