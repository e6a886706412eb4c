"""The highlight palette's actual colours, chosen to stay apart wherever it is drawn.

A highlight colour must be told apart from the seven others in a truecolor terminal, in
256 colours (tmux's default) and in 16, on a dark and on a light theme, with the text on
it readable. Blending a theme colour over the background (the first look) collapses in
256 colours: green and blue both became colour 23. So the colours are fixed here:

- truecolor and 256 colours: colours of the xterm 6x6x6 cube and grey ramp, so that
  the 256-colour terminal shows exactly the colour a truecolor one does;
- 16 colours: the terminal's own ANSI colours (by number), eight different ones.

`delta_e` (CIEDE2000) measures how far apart two colours look; the test suite checks
every pair of every palette against `MIN_DELTA_E`, and the contrast of the text on each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_DELTA_E = 10.0
"""The smallest CIEDE2000 distance allowed between two highlight colours."""


@dataclass(frozen=True, slots=True)
class HighlightColour:
    """One palette colour's background and text, for one theme brightness."""

    background: str
    """A hex colour (truecolor and 256-colour terminals)."""
    ansi: int
    """The ANSI colour number (0-15) used in a 16-colour terminal."""
    text: str
    """The text colour drawn on it (hex)."""


DARK: dict[str, HighlightColour] = {
    "yellow": HighlightColour("#5f5f00", 3, "#ffffff"),
    "green": HighlightColour("#005f00", 2, "#ffffff"),
    "blue": HighlightColour("#005fd7", 4, "#ffffff"),
    "pink": HighlightColour("#af005f", 13, "#ffffff"),
    "purple": HighlightColour("#8700af", 5, "#ffffff"),
    "orange": HighlightColour("#af5f00", 9, "#ffffff"),
    "red": HighlightColour("#870000", 1, "#ffffff"),
    "grey": HighlightColour("#585858", 8, "#ffffff"),
}
"""The palette on a dark theme: deep colours under light text."""

LIGHT: dict[str, HighlightColour] = {
    "yellow": HighlightColour("#ffff5f", 11, "#000000"),
    "green": HighlightColour("#87ff87", 10, "#000000"),
    "blue": HighlightColour("#87d7ff", 14, "#000000"),
    "pink": HighlightColour("#ffafd7", 13, "#000000"),
    "purple": HighlightColour("#af87ff", 12, "#000000"),
    "orange": HighlightColour("#ffaf5f", 3, "#000000"),
    "red": HighlightColour("#ff5f5f", 9, "#000000"),
    "grey": HighlightColour("#bcbcbc", 7, "#000000"),
}
"""The palette on a light theme: pale colours under dark text."""


DARK_TEXT_ON_ANSI = frozenset({2, 3, 6, 7, 9, 10, 11, 13, 14, 15})
"""ANSI background colours that take black text (ANSI 0); the others take white (15)."""


def ansi_text(background: int) -> int:
    """The ANSI text colour readable on ANSI background colour `background`."""
    return 0 if background in DARK_TEXT_ON_ANSI else 15


def palette(dark: bool) -> dict[str, HighlightColour]:
    """The palette for a dark or a light theme."""
    return DARK if dark else LIGHT


# --- measuring -------------------------------------------------------------------------


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """ "#rrggbb" as three 0-255 numbers."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """sRGB to CIELAB (D65)."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """How different two sRGB colours look: the CIEDE2000 colour difference."""
    l1, a1, b1 = lab(one)
    l2, a2, b2 = lab(two)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhp / sh) ** 2 + rt * (dc / sc) * (dhp / sh)
    )


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        r, g, b = (_linear(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
