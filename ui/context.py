"""What every screen and bar is built with: one KioskContext, handed over at construction.

The context carries the background runner (the only way to the kiosk services, which live in
its database thread), the resident's visit, the theme for the visit's mode, reference data the
screens need from the first frame (the Semarang region table), the clock and the settings;
later the speaker. Screens get what tasks may call, never the raw database.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from accessibility.contrast import DEFAULT_PALETTE, HIGH_CONTRAST_PALETTE
from accessibility.scaling import ASSISTED_TARGET_MM, MIN_TARGET_MM, Scale
from accessibility.speech import Speaker
from kiosk.region import RegionTable
from kiosk.session import Mode, Visit
from kiosk.settings import Settings
from ui.tasks import Runner
from ui.theme import Theme


@dataclass(frozen=True)
class KioskContext:
    """Everything a screen needs, for one look of the window.

    Attributes:
        runner: runs `fn(services)` in the database thread (ui.tasks).
        visit: the resident at the kiosk now (kiosk.session).
        theme: sizes, fonts and colours for the visit's mode (see `for_mode`).
        regions: the Kota Semarang kecamatan and kelurahan (Kemendagri codes).
        clock: local time now (datetime.now in the kiosk, a FakeClock in tests).
        settings: the kiosk's settings (kiosk.settings).
        base_scale: millimetres to pixels of this panel, before any mode is applied.
        speaker: the kiosk's voice (accessibility.speech); None: silent (ui.speech uses a
            SilentSpeaker).
    """

    runner: Runner
    visit: Visit
    theme: Theme
    regions: RegionTable
    clock: Callable[[], datetime]
    settings: Settings
    base_scale: Scale
    speaker: Speaker | None = None

    @classmethod
    def create(
        cls,
        runner: Runner,
        visit: Visit,
        base_scale: Scale,
        clock: Callable[[], datetime],
        settings: Settings,
        regions: RegionTable | None = None,
        speaker: Speaker | None = None,
    ) -> KioskContext:
        """A context whose theme follows `visit.mode` on a panel of `base_scale`."""
        return cls(
            runner=runner,
            visit=visit,
            theme=theme_for_mode(base_scale, visit.mode),
            regions=regions if regions is not None else RegionTable.load(),
            clock=clock,
            settings=settings,
            base_scale=base_scale,
            speaker=speaker,
        )

    def for_mode(self, mode: Mode) -> KioskContext:
        """The same context with the theme of `mode` (text size, contrast, assisted targets)."""
        return replace(self, theme=theme_for_mode(self.base_scale, mode))

    @property
    def idle_timeout_s(self) -> float:
        """Seconds of quiet before "Masih di sini?": longer in assisted mode (ACCESSIBILITY.md)."""
        s = self.settings
        return s.assisted_idle_timeout_s if self.visit.mode.assisted else s.idle_timeout_s


def theme_for_mode(scale: Scale, mode: Mode) -> Theme:
    """The theme of one mode: AAA palette for high contrast or assisted mode (WCAG 1.4.6),
    20 mm targets in assisted mode, text at `mode.text_scale` (WCAG 1.4.4)."""
    assisted, text_scale, high_contrast = mode.look
    return Theme(
        scale,
        HIGH_CONTRAST_PALETTE if high_contrast else DEFAULT_PALETTE,
        text_scale=text_scale,
        target_mm=ASSISTED_TARGET_MM if assisted else MIN_TARGET_MM,
    )
