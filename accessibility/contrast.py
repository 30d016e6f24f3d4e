"""WCAG 2.x colour maths and the kiosk's colour palettes as plain data (no Qt).

`ui/theme.py` turns a `Palette` into a QPalette and a stylesheet; this module only knows numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

# WCAG 2.2 thresholds (success criteria 1.4.3, 1.4.6 and 1.4.11).
AA_TEXT = 4.5  # 1.4.3 Contrast (Minimum), normal text
AA_LARGE_TEXT = 3.0  # 1.4.3, text of at least 18 pt or 14 pt bold
AAA_TEXT = 7.0  # 1.4.6 Contrast (Enhanced), normal text
AAA_LARGE_TEXT = 4.5  # 1.4.6, large text
NON_TEXT = 3.0  # 1.4.11 Non-text Contrast: borders, focus ring, icons


def parse_hex(colour: str) -> tuple[int, int, int]:
    """`"#RRGGBB"` (or `"RRGGBB"`, or `"#RGB"`) as an (r, g, b) triple of 0-255 integers.

    Raises:
        ValueError: the text is not a hex colour.
    """
    text = colour.strip().removeprefix("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a hex colour: {colour!r}")
    try:
        value = int(text, 16)
    except ValueError as exc:
        raise ValueError(f"not a hex colour: {colour!r}") from exc
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def _linear(channel: int) -> float:
    c = channel / 255
    # The sRGB transfer function; WCAG 2.2 corrected the old 0.03928 knee to 0.04045.
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance, 0.0 (black) to 1.0 (white), of an sRGB colour."""
    r, g, b = parse_hex(colour) if isinstance(colour, str) else colour
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str | tuple[int, int, int], b: str | tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), 1.0 to 21.0; order does not matter."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class ColourPair:
    """A foreground drawn on a background, and the ratio it must reach (`kind` says why)."""

    foreground: str  # field name in Palette
    background: str  # field name in Palette
    minimum: float
    kind: str  # "text", "large text" or "non-text"


@dataclass(frozen=True)
class Palette:
    """The colours of one display mode, as "#RRGGBB" strings.

    `on_x` is the text colour drawn on background `x`. `focus_fill`/`on_focus`/`focus_ring`
    paint a focused control: its fill changes and a ring of `focus_ring` surrounds it. The ring
    meets 3:1 against the fill inside and the window or surface outside; on a bar, the changed
    fill itself meets 3:1 against the bar (WCAG 1.4.11).
    """

    name: str
    text_minimum: float  # normal text ratio this palette promises
    large_text_minimum: float
    window: str  # screen background
    on_window: str  # body text and headings on the screen background
    muted: str  # secondary text (dates, counts) on window and surface
    surface: str  # cards, fields, panels
    on_surface: str
    bar: str  # top and bottom bars
    on_bar: str
    primary: str  # the one primary action per screen, checked toggles
    on_primary: str
    secondary: str  # other buttons
    on_secondary: str
    border: str  # control and card outlines
    disabled: str
    on_disabled: str
    focus_fill: str
    on_focus: str
    focus_ring: str
    error: str  # error text on window and surface
    success: str  # confirmation text on window and surface
    scrim: str  # the dimmed layer under an overlay (drawn with alpha 0.7)

    def colour_pairs(self) -> list[ColourPair]:
        """Every foreground/background combination the UI draws, with its WCAG threshold."""
        text, big = self.text_minimum, self.large_text_minimum
        pairs = [
            ("on_window", "window", text, "text"),
            ("muted", "window", text, "text"),
            ("muted", "surface", text, "text"),
            ("on_surface", "surface", text, "text"),
            ("on_bar", "bar", text, "text"),
            ("on_primary", "primary", text, "text"),
            ("on_secondary", "secondary", text, "text"),
            ("on_disabled", "disabled", text, "text"),
            ("on_focus", "focus_fill", text, "text"),
            ("error", "window", text, "text"),
            ("error", "surface", text, "text"),
            ("success", "window", text, "text"),
            ("success", "surface", text, "text"),
            ("on_primary", "primary", big, "large text"),
            ("border", "window", NON_TEXT, "non-text"),
            ("border", "surface", NON_TEXT, "non-text"),
            ("secondary", "bar", NON_TEXT, "non-text"),  # buttons on a bar stand out by fill
            ("primary", "window", NON_TEXT, "non-text"),
            ("primary", "surface", NON_TEXT, "non-text"),
            ("focus_ring", "window", NON_TEXT, "non-text"),
            ("focus_ring", "surface", NON_TEXT, "non-text"),
            ("focus_ring", "focus_fill", NON_TEXT, "non-text"),
            ("focus_fill", "bar", NON_TEXT, "non-text"),  # on a bar the fill is the indicator
        ]
        return [ColourPair(*p) for p in pairs]

    def colour(self, name: str) -> str:
        """The hex colour of field `name`. Raises KeyError for an unknown name."""
        if name not in {f.name for f in fields(self)} or name in _NOT_COLOURS:
            raise KeyError(name)
        return str(getattr(self, name))

    def failures(self) -> list[tuple[ColourPair, float]]:
        """The pairs that miss their threshold, with the ratio they reach (empty when all pass)."""
        out = []
        for pair in self.colour_pairs():
            ratio = contrast_ratio(self.colour(pair.foreground), self.colour(pair.background))
            if ratio < pair.minimum:
                out.append((pair, ratio))
        return out


_NOT_COLOURS = {"name", "text_minimum", "large_text_minimum"}

# Calm, serious colours for a public office: dark ink on pale grey, a deep civic blue for actions,
# and the GOV.UK-style yellow focus state that stands out on any control.
DEFAULT_PALETTE = Palette(
    name="default",
    text_minimum=AA_TEXT,
    large_text_minimum=AA_LARGE_TEXT,
    window="#EEF1F4",
    on_window="#14181F",
    muted="#3B4452",
    surface="#FFFFFF",
    on_surface="#14181F",
    bar="#0B3A66",
    on_bar="#FFFFFF",
    primary="#0B5394",
    on_primary="#FFFFFF",
    secondary="#FFFFFF",
    on_secondary="#0B3A66",
    border="#5B6573",
    disabled="#D3D8DE",
    on_disabled="#3F4752",
    focus_fill="#FFD500",
    on_focus="#0B0C0C",
    focus_ring="#0B0C0C",
    error="#A4161A",
    success="#1B6E3A",
    scrim="#0B0C0C",
)

# Assisted mode (Mode Bantuan): WCAG 1.4.6 AAA, light text on black.
HIGH_CONTRAST_PALETTE = Palette(
    name="high-contrast",
    text_minimum=AAA_TEXT,
    large_text_minimum=AAA_LARGE_TEXT,
    window="#000000",
    on_window="#FFFFFF",
    muted="#E6E6E6",
    surface="#121212",
    on_surface="#FFFFFF",
    bar="#FFFFFF",  # white bars frame the black screen; their black buttons stand out
    on_bar="#000000",
    primary="#FFE14D",
    on_primary="#000000",
    secondary="#000000",
    on_secondary="#FFFFFF",
    border="#FFFFFF",
    disabled="#2B2B2B",
    on_disabled="#D9D9D9",
    focus_fill="#00303D",
    on_focus="#FFFFFF",
    focus_ring="#3DE0FF",
    error="#FF9C9C",
    success="#8CF0A8",
    scrim="#000000",
)

PALETTES: dict[str, Palette] = {p.name: p for p in (DEFAULT_PALETTE, HIGH_CONTRAST_PALETTE)}
