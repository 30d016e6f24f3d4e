"""`siker-kiosk screenshots`: every screen rendered offscreen to a full-HD PNG."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.settings import Settings
from ui.screenshots import MODES, render_screenshots

STATES = [
    "01-home.png",
    "02-job-search.png",
    "03-job-search-results.png",
    "04-job-search-filter.png",
    "05-job-search-soft.png",
    "06-job-search-suggest.png",
    "07-vacancy-detail.png",
    "08-registration-1-consent.png",
    "09-registration-2-identity.png",
    "10-registration-3-address.png",
    "11-registration-4-contact.png",
    "12-registration-5-education.png",
    "13-registration-6-experience.png",
    "14-registration-7-wishes.png",
    "15-registration-8-disability.png",
    "16-registration-9-review.png",
    "17-registration-10-receipt.png",
    "18-registration-apply.png",
    "19-idle-warning.png",
    "20-look-panel.png",
]
EXPECTED = sorted(prefix + name for prefix in MODES for name in STATES)


def distinct_colours(image: QImage, step: int = 24) -> int:
    return len({
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    })


def test_render_screenshots_writes_a_full_hd_png_of_every_screen(
    qapp, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "shots"
    assert render_screenshots(settings, out) == 0
    assert sorted(p.name for p in out.iterdir()) == EXPECTED
    images = {}
    for name in EXPECTED:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (1920, 1080), name
        assert distinct_colours(image) > 5, f"{name} looks blank"
        images[name] = image
    # Each step really changed what is on screen.
    assert len({bytes(img.constBits()) for img in images.values()}) == len(EXPECTED)
