"""Millimetres to pixels and font sizes for a physical cap height (EN 301 549 5.1.4)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessibility.scaling import (
    MIN_CAP_HEIGHT_MM,
    NOTO_SANS_CAP_HEIGHT_RATIO,
    Scale,
    cap_height_mm,
    default_panel_width_mm,
    font_px_for_cap_height,
    read_cap_height_ratio,
    scale_for_screen,
)
from assets import ASSETS_DIR

FONTS = ASSETS_DIR / "fonts"


def test_a_full_hd_panel_of_unknown_size_is_taken_as_21_5_inch_with_about_4_px_per_mm() -> None:
    scale = scale_for_screen(1920, 1080)
    assert scale.source == "default"
    assert default_panel_width_mm() == pytest.approx(476.0, abs=0.1)
    assert scale.px_per_mm == pytest.approx(4.03, abs=0.01)


def test_a_plausible_reported_panel_size_is_trusted() -> None:
    scale = scale_for_screen(1920, 1080, 527.0, 296.0)  # a 23.8-inch panel
    assert scale.source == "panel"
    assert scale.px_per_mm == pytest.approx(1920 / 527.0)


@pytest.mark.parametrize(
    "width_mm, height_mm",
    [(0, 0), (None, None), (60.0, 34.0), (1600.0, 0.0), (3500.0, 1970.0), (99.9, 60.0)],
)
def test_nonsense_panel_sizes_fall_back_to_the_default_panel(
    width_mm: float | None, height_mm: float | None
) -> None:
    assert scale_for_screen(1920, 1080, width_mm, height_mm).source == "default"


def test_a_configured_diagonal_wins_over_the_panel_report() -> None:
    scale = scale_for_screen(1920, 1080, 527.0, 296.0, configured_diagonal_in=32.0)
    assert scale.source == "configured"
    assert scale.px_per_mm == pytest.approx(math.hypot(1920, 1080) / (32.0 * 25.4))


def test_an_empty_screen_is_refused() -> None:
    with pytest.raises(ValueError, match="must be positive"):
        scale_for_screen(0, 1080)


@given(st.floats(1.0, 10.0), st.floats(0.1, 200.0))
def test_px_rounds_up_so_a_minimum_in_mm_is_never_undershot(px_per_mm: float, mm: float) -> None:
    scale = Scale(px_per_mm, "configured")
    assert scale.mm(scale.px(mm)) >= mm - 1e-6


def test_the_cap_height_ratio_in_code_is_the_one_in_the_bundled_fonts() -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        assert read_cap_height_ratio(FONTS / name) == pytest.approx(NOTO_SANS_CAP_HEIGHT_RATIO)


def test_a_file_without_font_tables_is_refused(tmp_path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"\x00\x01\x00\x00\x00\x00" + b"\x00" * 64)
    with pytest.raises(ValueError, match="no head or OS/2 table"):
        read_cap_height_ratio(fake)


def test_body_text_on_a_21_5_inch_panel_needs_about_35_px_for_6_1_mm_capitals() -> None:
    scale = scale_for_screen(1920, 1080)
    size = font_px_for_cap_height(MIN_CAP_HEIGHT_MM, scale)
    assert size == 35
    assert cap_height_mm(size, scale) >= MIN_CAP_HEIGHT_MM
    assert cap_height_mm(size - 1, scale) < MIN_CAP_HEIGHT_MM


@given(st.floats(2.0, 8.0), st.floats(3.0, 20.0))
def test_font_size_for_a_cap_height_is_the_smallest_that_reaches_it(
    px_per_mm: float, cap_mm: float
) -> None:
    scale = Scale(px_per_mm, "configured")
    size = font_px_for_cap_height(cap_mm, scale)
    assert cap_height_mm(size, scale) >= cap_mm - 1e-6
    assert cap_height_mm(size - 1, scale) < cap_mm


def test_bundled_fonts_and_their_licence_are_present_and_modest() -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        size = (FONTS / name).stat().st_size
        assert 100_000 < size < 2_000_000
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Google" in licence
