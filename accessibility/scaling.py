"""Millimetres to pixels for the kiosk's panel, and font sizes for a physical cap height (no Qt).

Sizes in the accessibility rules are physical (mm), because a resident's finger and eyes are.
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from pathlib import Path

MM_PER_INCH = 25.4
MIN_CAP_HEIGHT_MM = 6.1  # EN 301 549 clause 5.1.4: cap height at a 500 mm viewing distance
MIN_TARGET_MM = 15.0  # touch target side; WCAG 2.5.5 asks 44 CSS px, older users need more
ASSISTED_TARGET_MM = 20.0
MIN_GAP_MM = 4.0  # between neighbouring touch targets
MIN_FOCUS_RING_PX = 2  # ACCESSIBILITY.md: the focus ring is always visible and >= 2 px
DEFAULT_DIAGONAL_IN = 21.5  # the common kiosk panel: 21.5-inch, 16:9, full HD
DEFAULT_ASPECT = (16, 9)
PLAUSIBLE_WIDTH_MM = (100.0, 3000.0)  # outside this, the panel's EDID is not believed

# Noto Sans (assets/fonts): OS/2 sCapHeight 714 / unitsPerEm 1000, the same in Regular and Bold.
# tests/accessibility/test_scaling.py re-reads the bundled files to keep this number honest.
NOTO_SANS_CAP_HEIGHT_RATIO = 0.714


@dataclass(frozen=True)
class Scale:
    """How many logical pixels make one millimetre on this panel, and where that came from.

    `source` is "configured" (a diagonal set in Settings), "panel" (the size the screen reports)
    or "default" (a 21.5-inch 16:9 panel was assumed); "fitted" when it was then shrunk so the
    layout fits a small screen (see fit_layout).
    """

    px_per_mm: float
    source: str

    def px(self, mm: float) -> int:
        """Whole pixels covering at least `mm` millimetres (rounded up, so minimums hold)."""
        return math.ceil(mm * self.px_per_mm - 1e-9)

    def mm(self, px: float) -> float:
        """Millimetres covered by `px` pixels."""
        return px / self.px_per_mm


def default_panel_width_mm(
    diagonal_in: float = DEFAULT_DIAGONAL_IN, aspect: tuple[int, int] = DEFAULT_ASPECT
) -> float:
    """Physical width in mm of a panel with this diagonal (inches) and aspect ratio (w, h)."""
    w, h = aspect
    return diagonal_in * MM_PER_INCH * w / math.hypot(w, h)


def plausible_panel(width_mm: float | None, height_mm: float | None) -> bool:
    """Whether a reported physical size can be believed (EDIDs often say 0, 1 or 160 cm)."""
    if not width_mm or not height_mm or height_mm <= 0:
        return False
    low, high = PLAUSIBLE_WIDTH_MM
    return low <= width_mm <= high


def scale_for_screen(
    width_px: int,
    height_px: int,
    physical_width_mm: float | None = None,
    physical_height_mm: float | None = None,
    configured_diagonal_in: float = 0.0,
) -> Scale:
    """The mm-to-px scale of a screen `width_px` x `height_px` logical pixels.

    In order of trust: a configured diagonal in inches (Settings.screen_diagonal_in > 0, square
    pixels assumed), the physical size the panel reports if plausible, else a 21.5-inch 16:9
    panel of that pixel width.

    Raises:
        ValueError: the pixel size is not positive.
    """
    if width_px <= 0 or height_px <= 0:
        raise ValueError(f"screen size must be positive, got {width_px} x {height_px} px")
    if configured_diagonal_in > 0:
        diagonal_mm = configured_diagonal_in * MM_PER_INCH
        return Scale(math.hypot(width_px, height_px) / diagonal_mm, "configured")
    if plausible_panel(physical_width_mm, physical_height_mm):
        assert physical_width_mm is not None
        return Scale(width_px / physical_width_mm, "panel")
    return Scale(width_px / default_panel_width_mm(), "default")


# The smallest area, in millimetres at the true scale, that holds the kiosk's whole layout at
# 100 % text (top bar, the two-column job search, bottom bar): measured from the window's
# minimum size and checked by tests/ui/test_theme.py. A 21.5-inch full-HD panel is 476 x 268 mm.
LAYOUT_MIN_MM = (365.0, 205.0)


def fit_layout(
    scale: Scale, width_px: int, height_px: int, layout_mm: tuple[float, float] = LAYOUT_MIN_MM
) -> Scale:
    """`scale`, or a smaller one when the layout would not fit `width_px` x `height_px`.

    On a small panel (a 14-inch staff laptop) true millimetres would push Back and Home off the
    screen. Everything then shrinks by the same factor: targets fall below 15 mm physically,
    which the kiosk reports to staff, but nothing becomes unreachable. Kiosk panels of 19
    inches and more keep the true scale.
    """
    fitting = min(width_px / layout_mm[0], height_px / layout_mm[1])
    if fitting >= scale.px_per_mm:
        return scale
    return Scale(fitting, "fitted")


def font_px_for_cap_height(
    cap_height_mm: float, scale: Scale, cap_ratio: float = NOTO_SANS_CAP_HEIGHT_RATIO
) -> int:
    """The font pixel size (em) whose capital letters stand at least `cap_height_mm` tall."""
    if cap_ratio <= 0:
        raise ValueError("cap_ratio must be positive")
    return math.ceil(cap_height_mm / cap_ratio * scale.px_per_mm - 1e-9)


def cap_height_mm(
    font_px: float, scale: Scale, cap_ratio: float = NOTO_SANS_CAP_HEIGHT_RATIO
) -> float:
    """The physical cap height, in mm, of text set at `font_px` pixels."""
    return font_px * cap_ratio / scale.px_per_mm


def read_cap_height_ratio(font_file: Path) -> float:
    """sCapHeight / unitsPerEm read from a TrueType/OpenType file's OS/2 and head tables.

    Raises:
        ValueError: the file has no OS/2 table of version 2 or later (no cap height recorded).
    """
    data = Path(font_file).read_bytes()
    (num_tables,) = struct.unpack(">H", data[4:6])
    tables: dict[bytes, int] = {}
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag] = offset
    if b"head" not in tables or b"OS/2" not in tables:
        raise ValueError(f"{font_file}: no head or OS/2 table")
    head, os2 = tables[b"head"], tables[b"OS/2"]
    (units_per_em,) = struct.unpack(">H", data[head + 18 : head + 20])
    (version,) = struct.unpack(">H", data[os2 : os2 + 2])
    if version < 2:
        raise ValueError(f"{font_file}: OS/2 table version {version} records no cap height")
    (cap,) = struct.unpack(">h", data[os2 + 88 : os2 + 90])
    return cap / units_per_em
