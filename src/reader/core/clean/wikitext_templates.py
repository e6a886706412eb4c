"""Templates that carry content: the table that says how each is rendered, and the
renderers of the few that compute their text (convert, dates, circa, as of, IPA).

The table is `reader/data/wikitext_templates.toml` (see its header for the sections),
extended by `wikitext_templates.toml` in the user's config folder when there is one. The
functions here take a template's parameters already rendered to plain text and return
the text a reader of the article sees; `None` means "not a template of this kind".
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from reader.core.paths import config_dir

USER_FILE = "wikitext_templates.toml"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE_TEMPLATES = frozenset(
    {
        "birth date",
        "death date",
        "birth date and age",
        "death date and age",
        "birth-date",
        "death-date",
        "start date",
        "end date",
        "start date and age",
        "dob",
        "birth year and age",
        "death year and age",
        "date",
    }
)
CONVERT_TEMPLATES = frozenset({"convert", "cvt"})
CIRCA_TEMPLATES = frozenset({"circa", "c.", "ca."})
IPA_WORDS = frozenset({"pron", "lang", "local", "us", "uk", "audio", "ipa", "-"})
_RANGE_WORDS = frozenset({"to", "-", "–", "and", "or", "by", "x", "×", "+/-", "±", "and(-)"})


@dataclass(frozen=True)
class TemplateTable:
    """The rendering rules by template name (lower case, spaces)."""

    show: dict[str, str]
    text: dict[str, str]
    prefix: dict[str, str]
    silent: frozenset[str]
    silent_prefixes: tuple[str, ...]
    silent_suffixes: tuple[str, ...]
    units: dict[str, tuple[str, float, str]]
    convert_to: dict[str, str]

    def is_silent(self, name: str) -> bool:
        return (
            name in self.silent
            or name.startswith(self.silent_prefixes)
            or name.endswith(self.silent_suffixes)
        )


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for section, values in extra.items():
        if isinstance(values, dict) and isinstance(base.get(section), dict):
            for key, value in values.items():
                if isinstance(value, list) and isinstance(base[section].get(key), list):
                    base[section][key] = [*base[section][key], *value]
                else:
                    base[section][key] = value


@functools.cache
def template_table() -> TemplateTable:
    """The packaged table, extended by the user's file (a broken user file is ignored)."""
    raw = resources.files("reader").joinpath("data", "wikitext_templates.toml").read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(raw)
    user = config_dir() / USER_FILE
    try:
        if user.is_file():
            _merge(data, tomllib.loads(user.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass
    silent = data.get("silent", {})
    return TemplateTable(
        show={k.lower(): str(v) for k, v in data.get("show", {}).items()},
        text={k.lower(): str(v) for k, v in data.get("text", {}).items()},
        prefix={k.lower(): str(v) for k, v in data.get("prefix", {}).items()},
        silent=frozenset(str(x).lower() for x in silent.get("names", [])),
        silent_prefixes=tuple(str(x).lower() for x in silent.get("prefixes", [])),
        silent_suffixes=tuple(str(x).lower() for x in silent.get("suffixes", [])),
        units={k: (str(v[0]), float(v[1]), str(v[2])) for k, v in data.get("units", {}).items()},
        convert_to={k: str(v) for k, v in data.get("convert_to", {}).items()},
    )


# --- convert -------------------------------------------------------------------------------


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("\u2212", "-").strip())
    except ValueError:
        return None


def _format(value: float, like: str, precision: int | None) -> str:
    if precision is not None:
        digits = max(0, precision)
        return f"{value:,.{digits}f}"
    significant = sum(c.isdigit() for c in like.lstrip("0.,-")) or 1
    significant = max(2, significant)
    rounded = float(f"{value:.{significant}g}")
    if rounded == int(rounded) and abs(rounded) >= 1:
        return f"{int(rounded):,}"
    return f"{rounded:,}"


def _to_base(value: float, unit: tuple[str, float, str], shown: str) -> float:
    if unit[2] == "C":  # temperatures are offset, not scaled
        if shown == "°F":
            return (value - 32) * 5 / 9
        if shown == "K":
            return value - 273.15
        return value
    return value * unit[1]


def _from_base(value: float, unit: tuple[str, float, str]) -> float:
    if unit[2] == "C":
        if unit[0] == "°F":
            return value * 9 / 5 + 32
        if unit[0] == "K":
            return value + 273.15
        return value
    return value / unit[1]


def convert(positional: list[str], named: dict[str, str]) -> str:
    """{{convert|630|km2|sqmi|0}} -> "630 km² (243 sq mi)"; ranges too."""
    table = template_table()
    args = [a.strip() for a in positional]
    if not args:
        return ""
    values = [args[0]]
    seps: list[str] = []
    i = 1
    while i + 1 < len(args) and args[i].lower() in _RANGE_WORDS:
        seps.append(args[i])
        values.append(args[i + 1])
        i += 2
    unit_name = args[i] if i < len(args) else ""
    target_name = args[i + 1] if i + 1 < len(args) else ""
    precision = _number(args[i + 2]) if i + 2 < len(args) else None
    unit = table.units.get(unit_name)
    shown_unit = unit[0] if unit else unit_name

    def joined(items: list[str], suffix: str) -> str:
        out = items[0]
        for sep, item in zip(seps, items[1:], strict=False):
            out += f" {sep} " if sep.isalpha() else sep
            out += item
        return f"{out} {suffix}".strip()

    original = joined(values, shown_unit)
    if unit is None:
        return original
    if target_name not in table.units or _number(target_name) is not None:
        if target_name and _number(target_name) is not None:
            precision = _number(target_name)
        target_name = table.convert_to.get(unit[2], "")
        if target_name == unit_name or target_name not in table.units:
            target_name = next(
                (k for k, v in table.units.items() if v[2] == unit[2] and v[0] != unit[0]), ""
            )
    target = table.units.get(target_name)
    numbers = [_number(v) for v in values]
    if target is None or any(n is None for n in numbers) or named.get("disp") == "output only":
        return original
    digits = int(precision) if precision is not None else None
    converted = [
        _format(_from_base(_to_base(n, unit, unit[0]), target), v, digits)
        for n, v in zip(numbers, values, strict=True)
        if n is not None
    ]
    return f"{original} ({joined(converted, target[0])})"


# --- dates, circa, as of, IPA --------------------------------------------------------------


def _date_text(year: str, month: str = "", day: str = "", day_first: bool = False) -> str:
    y = year.strip()
    m = _number(month) if month else None
    d = _number(day) if day else None
    if m is None or not 1 <= m <= 12:
        return y
    name = _MONTHS[int(m) - 1]
    if d is None:
        return f"{name} {y}"
    return f"{int(d)} {name} {y}" if day_first else f"{name} {int(d)}, {y}"


def _ymd(args: list[str]) -> tuple[str, str, str]:
    year, month, day = [*args[:3], "", ""][:3]
    return year, month, day


def _age(born: list[str], died: list[str]) -> int | None:
    try:
        start = datetime.date(*(int(x or 1) for x in _ymd(born)))
        end = datetime.date(*(int(x or 1) for x in _ymd(died)))
    except (ValueError, TypeError):
        return None
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def date_template(name: str, positional: list[str], named: dict[str, str]) -> str:
    """Birth and death dates: "December 25, 1856", "25 December 1856" with df=y."""
    args = [a.strip() for a in positional if a.strip()]
    if not args:
        return ""
    day_first = named.get("df", "").lower() in ("y", "yes", "1", "true")
    if name in ("birth year and age", "death year and age"):
        return args[0]
    if not args[0].isdigit():  # {{birth date|text}}: a free-form date
        return args[0]
    first = _date_text(*_ymd(args), day_first=day_first)
    if name == "death date and age" and len(args) >= 4:
        age = _age(born=args[3:6], died=args[:3])
        return f"{first} (aged {age})" if age is not None else first
    return first


def circa(positional: list[str]) -> str:
    """{{circa|1840}} -> "c. 1840"; {{c.|1840|1850}} -> "c. 1840 – c. 1850"."""
    values = [v.strip() for v in positional if v.strip()]
    return " – ".join(f"c. {v}" for v in values) if values else "c."


def as_of(positional: list[str], named: dict[str, str]) -> str:
    """{{as of|2011|5}} -> "As of May 2011" (lc=y: "as of")."""
    if named.get("alt"):
        return named["alt"]
    args = [a.strip() for a in positional if a.strip()]
    word = "as of" if named.get("lc", "").lower() in ("y", "yes", "on") else "As of"
    if not args:
        return word
    day_first = named.get("df", "").lower() in ("y", "yes")
    when = _date_text(*_ymd(args), day_first=day_first)
    return f"{word} {when}"


def ipa(positional: list[str]) -> str:
    """{{IPAc-en|ˈ|t|ɒ|r|ɒ|n|t|oʊ}} -> "/ˈtɒrɒntoʊ/"."""
    parts = [p.strip() for p in positional if p.strip().lower() not in IPA_WORDS]
    sound = "".join(parts).replace("_", " ")
    return f"/{sound}/" if sound else ""
