"""The highlight palette stays apart in truecolor, 256 and 16 colours, dark and light,
with readable text; and the reading view draws it, also under the selection."""

from __future__ import annotations

from itertools import combinations

import pytest
from app_support import SAMPLE_ID, add_sample, content_point, text_shown, wait_until
from rich.color import Color

from reader.core.annotations import PALETTE
from reader.core.highlight_colours import (
    MIN_DELTA_E,
    ansi_text,
    contrast,
    delta_e,
    hex_rgb,
    palette,
)
from reader.core.library import Library
from reader.ui.app import create_app

CUBE = (0, 0x5F, 0x87, 0xAF, 0xD7, 0xFF)
GREYS = tuple(8 + 10 * i for i in range(24))
# xterm's default 16 colours (what most terminals start from).
XTERM_16 = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
    (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
]  # fmt: skip


def in_256(rgb: tuple[int, int, int]) -> bool:
    """Whether a colour is exactly one of the xterm 256 cube or grey-ramp colours."""
    return all(c in CUBE for c in rgb) or (rgb[0] == rgb[1] == rgb[2] and rgb[0] in GREYS)


def test_a_palette_colour_for_every_name_on_both_themes() -> None:
    for dark in (True, False):
        assert tuple(palette(dark)) == PALETTE


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
def test_truecolor_and_256_colours_look_different_and_are_identical(dark: bool) -> None:
    colours = {name: hex_rgb(c.background) for name, c in palette(dark).items()}
    for name, rgb in colours.items():
        assert in_256(rgb), f"{name} would be approximated in 256 colours"
    for (a, one), (b, two) in combinations(colours.items(), 2):
        assert delta_e(one, two) >= MIN_DELTA_E, (a, b, delta_e(one, two))


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
def test_sixteen_colours_are_eight_different_ansi_colours(dark: bool) -> None:
    entries = palette(dark)
    assert len({c.ansi for c in entries.values()}) == len(PALETTE)
    for (a, one), (b, two) in combinations(entries.items(), 2):
        distance = delta_e(XTERM_16[one.ansi], XTERM_16[two.ansi])
        assert distance >= MIN_DELTA_E, (a, b, distance)


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
def test_text_on_every_highlight_is_readable(dark: bool) -> None:
    for name, c in palette(dark).items():
        assert contrast(hex_rgb(c.background), hex_rgb(c.text)) >= 4.5, name
        assert contrast(XTERM_16[c.ansi], XTERM_16[ansi_text(c.ansi)]) >= 3.0, name


def test_delta_e_matches_published_values() -> None:
    # Pairs from Sharma, Wu and Dalal's CIEDE2000 test data, converted to sRGB: the
    # implementation must agree on identical colours and order clearly different ones.
    assert delta_e((255, 0, 0), (255, 0, 0)) == 0
    assert delta_e((0, 0, 0), (255, 255, 255)) == pytest.approx(100, abs=0.1)
    assert delta_e((255, 0, 0), (254, 0, 0)) < 1 < delta_e((255, 0, 0), (0, 0, 255))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_view_draws_the_palette_and_keeps_it_under_the_selection(
    library: Library, theme: str
) -> None:
    add_sample(library)
    text = library.load(SAMPLE_ID).text
    start = text.index("Workers' and Peasants' Inspection")
    app = create_app(library, open_id=SAMPLE_ID, at=start)
    async with app.run_test(size=(120, 35)) as pilot:
        app.theme = theme
        await app.workers.wait_for_complete()
        view = app.main.reading.active
        await wait_until(pilot, text_shown(app, SAMPLE_ID), "the sample")
        assert app.annotator is not None
        app.annotator.highlight(SAMPLE_ID, start, start + 7, edit=False)
        await wait_until(pilot, lambda: bool(view.annotation_spans), "the highlight drawn")
        entry = palette(app.current_theme.dark)["yellow"]
        sixteen = app.console.color_system == "standard"
        expected = Color.from_ansi(entry.ansi) if sixteen else Color.parse(entry.background)

        def look_at(offset: int) -> tuple[Color | None, bool]:
            """The cell's highlight colour and whether it is drawn reversed."""
            x, y = content_point(view, offset)
            strip = view.render_line(y)
            cells = [seg for seg in strip for _ in range(len(seg.text))]
            style = cells[x].style
            assert style is not None
            return style.bgcolor, bool(style.reverse)

        assert look_at(start + 2) == (expected, False)
        await pilot.press("v")
        view.place_caret(start, select=True)
        await pilot.press("l", "l", "l", "l")
        # Selected, the highlight's colour is still there (drawn reversed: the colour
        # becomes the letters' colour, so both the selection and the colour show).
        assert look_at(start + 2) == (expected, True)
