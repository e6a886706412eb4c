"""Whether an image's alt text says something worth keeping in the text.

Images are dropped from cleaned texts; their alt text stays only when it carries
meaning ("Portrait of Karl Marx, 1875"), never when it is a placeholder a converter
or publisher left ("Illo1", "image", "cover", "i001_th.jpg", "*", "[Pg 4]").
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"^(?:illo|illus|illustration|img|image|picture|pic|photo|figure|fig|plate|cover|"
    r"logo|icon|banner|spacer|decoration|ornament|divider|title|front(?:is|ispiece)?|"
    r"graphic|drawing|map|chart|button|arrow|bullet|separator|line|rule|dropcap|"
    r"unnamed|untitled|alt|blank|space|pg|page|return|back|next|prev|previous|home|top|up|"
    r"index|contents|toc|menu|search|close|open|more|link|download|print|email|share)"
    r"[\s_.:#-]*[0-9ivxlc]*[a-z]?$",
    re.I,
)
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|svg|webp|bmp|tiff?)$", re.I)
_CODE = re.compile(r"^[\w-]*\d[\w-]*$")  # i001_th, IMG_2034, fig-3b


def meaningful_alt(alt: str) -> bool:
    """True when `alt` describes something (not empty, a placeholder or a file name)."""
    text = " ".join(alt.split()).strip(" []().:*-_")
    if len(text) < 3 or not any(ch.isalpha() for ch in text):
        return False
    if _PLACEHOLDER.match(text) or _FILE_NAME.match(text) or _CODE.match(text):
        return False
    return not re.fullmatch(r"(?i)(?:pg|page|p)\.?\s*[0-9ivxlc]+", text)
