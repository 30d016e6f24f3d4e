"""WCAG 2.x contrast maths and the palettes' promises (WCAG 1.4.3, 1.4.6, 1.4.11)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessibility.contrast import (
    AA_TEXT,
    AAA_TEXT,
    DEFAULT_PALETTE,
    HIGH_CONTRAST_PALETTE,
    NON_TEXT,
    PALETTES,
    Palette,
    contrast_ratio,
    parse_hex,
    relative_luminance,
)

rgb = st.tuples(*(st.integers(0, 255) for _ in range(3)))


def test_black_on_white_is_twenty_one_to_one() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000") == 0.0


def test_known_pairs_match_published_ratios() -> None:
    # WebAIM's checker: #767676 on white is the lightest grey passing AA (4.54:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < AA_TEXT
    # Mid-grey #595959 on white reaches AAA (7.0:1).
    assert contrast_ratio("#595959", "#FFFFFF") == pytest.approx(7.0, abs=0.01)


@pytest.mark.parametrize("bad", ["", "#12", "#GGGGGG", "blue", "#1234567"])
def test_parse_hex_rejects_what_is_not_a_colour(bad: str) -> None:
    with pytest.raises(ValueError, match="not a hex colour"):
        parse_hex(bad)


@given(rgb, rgb)
def test_contrast_is_symmetric_and_between_one_and_twenty_one(
    a: tuple[int, int, int], b: tuple[int, int, int]
) -> None:
    ratio = contrast_ratio(a, b)
    assert ratio == contrast_ratio(b, a)
    assert 1.0 <= ratio <= 21.0 + 1e-9


@given(rgb)
def test_a_colour_against_itself_has_no_contrast(a: tuple[int, int, int]) -> None:
    assert contrast_ratio(a, a) == pytest.approx(1.0)


@given(rgb)
def test_luminance_rises_when_any_channel_rises(a: tuple[int, int, int]) -> None:
    brighter = tuple(min(255, c + 1) for c in a)
    assert relative_luminance(brighter) >= relative_luminance(a)  # type: ignore[arg-type]


@pytest.mark.parametrize("palette", list(PALETTES.values()), ids=list(PALETTES))
def test_every_colour_pair_of_each_palette_meets_its_threshold(palette: Palette) -> None:
    report = [
        f"{p.foreground} on {p.background}: {ratio:.2f} < {p.minimum} ({p.kind})"
        for p, ratio in palette.failures()
    ]
    assert report == []
    assert len(palette.colour_pairs()) >= 20


def test_default_palette_promises_aa_and_high_contrast_aaa() -> None:
    assert DEFAULT_PALETTE.text_minimum == AA_TEXT
    assert HIGH_CONTRAST_PALETTE.text_minimum == AAA_TEXT
    for pair in HIGH_CONTRAST_PALETTE.colour_pairs():
        if pair.kind == "text":
            assert pair.minimum >= AAA_TEXT
        elif pair.kind == "non-text":
            assert pair.minimum >= NON_TEXT


def test_every_text_colour_of_each_palette_is_checked_against_every_background_it_sits_on() -> None:
    for palette in PALETTES.values():
        pairs = {(p.foreground, p.background) for p in palette.colour_pairs()}
        for background in ("window", "surface", "bar", "primary", "secondary", "focus_fill"):
            assert any(bg == background for _fg, bg in pairs), background
        assert ("focus_ring", "focus_fill") in pairs
        for fg, bg in pairs:
            parse_hex(palette.colour(fg))
            parse_hex(palette.colour(bg))


def test_asking_a_palette_for_an_unknown_colour_raises() -> None:
    with pytest.raises(KeyError):
        DEFAULT_PALETTE.colour("name")
    with pytest.raises(KeyError):
        DEFAULT_PALETTE.colour("sparkle")
