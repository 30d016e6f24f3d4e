"""The theme: bundled fonts, sizes from millimetres, palette colours and the focus ring."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from accessibility.contrast import HIGH_CONTRAST_PALETTE, NON_TEXT, contrast_ratio
from accessibility.scaling import MIN_CAP_HEIGHT_MM, MIN_FOCUS_RING_PX, cap_height_mm
from ui.theme import Theme, set_role


def test_the_bundled_noto_sans_is_what_widgets_draw_with(qtbot: QtBot, theme: Theme) -> None:
    assert "Noto Sans" in QFontDatabase.families()
    label = QLabel("Lowongan 10 Il1 O0")
    qtbot.addWidget(label)
    label.ensurePolished()
    assert QFontInfo(label.font()).family() == "Noto Sans"


def test_every_text_size_has_capitals_of_at_least_6_1_mm(theme: Theme) -> None:
    for size in (theme.small_px, theme.body_px, theme.heading_px, theme.title_px):
        assert cap_height_mm(size, theme.scale, theme.cap_ratio) >= MIN_CAP_HEIGHT_MM
    assert theme.small_px < theme.body_px < theme.heading_px < theme.title_px


def test_assisted_mode_doubles_the_text(theme: Theme) -> None:
    double = Theme(theme.scale, HIGH_CONTRAST_PALETTE, text_scale=2.0)
    assert double.body_px >= 2 * theme.body_px - 1


def test_targets_and_gaps_are_15_and_4_mm(theme: Theme) -> None:
    assert theme.scale.mm(theme.target_px) >= 15.0
    assert theme.scale.mm(theme.gap_px) >= 4.0
    assert theme.px(15) == theme.target_px == 61  # about 4 px per mm on a 21.5-inch panel


def test_the_focus_ring_is_thick_and_contrasts_with_what_surrounds_it(theme: Theme) -> None:
    assert theme.focus_ring_px >= MIN_FOCUS_RING_PX
    sheet = theme.stylesheet()
    rule = re.search(r"QAbstractButton:focus \{([^}]*)\}", sheet)
    assert rule and f"{theme.focus_ring_px}px solid {theme.palette.focus_ring}" in rule.group(1)
    p = theme.palette
    for around in (p.window, p.surface, p.focus_fill):
        assert contrast_ratio(p.focus_ring, around) >= NON_TEXT


def test_roles_restyle_widgets_from_the_palette(qtbot: QtBot, theme: Theme) -> None:
    button = QPushButton("Cari")
    qtbot.addWidget(button)
    set_role(button, "primary")
    title = QLabel("Judul")
    qtbot.addWidget(title)
    set_role(title, "title")
    title.ensurePolished()
    assert title.font().pixelSize() == theme.title_px and title.font().bold()
    assert button.property("role") == "primary"


def test_the_application_palette_uses_the_theme_colours(qapp: QApplication, theme: Theme) -> None:
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.Window).name().upper() == theme.palette.window
    assert palette.color(QPalette.ColorRole.WindowText).name().upper() == theme.palette.on_window
    assert qapp.font().pixelSize() == theme.body_px


@pytest.mark.parametrize(
    ("width", "height", "diagonal_in"),
    [(1366, 768, 14.0), (1920, 1080, 15.6), (1280, 800, 13.3), (1920, 1080, 21.5),
     (1920, 1080, 0.0), (1080, 1920, 21.5)],
)
def test_the_whole_layout_fits_the_screen_of_a_laptop_or_kiosk(
    qtbot, qapp, sample_services, clock, settings, width, height, diagonal_in
) -> None:
    from kiosk.session import Visit
    from ui.app import build_window
    from ui.context import KioskContext
    from ui.tasks import SyncRunner

    theme = Theme.for_size(width, height, diagonal_in)
    theme.apply(qapp)
    try:
        window = build_window(KioskContext.create(
            SyncRunner(sample_services), Visit("id"), theme.scale, clock, settings))
        qtbot.addWidget(window)
        needed = window.minimumSizeHint()
        assert needed.width() <= width and needed.height() <= height
        # A kiosk panel of 21.5 inches keeps true millimetres: 15 mm targets stay 15 mm.
        if diagonal_in >= 19 and width > height:
            assert theme.scale.source != "fitted"
    finally:
        Theme.for_size(1920, 1080).apply(qapp)


def test_layout_min_mm_holds_the_window_at_the_true_scale(
    qtbot, theme, sample_services, clock, settings
) -> None:
    from accessibility.scaling import LAYOUT_MIN_MM
    from kiosk.session import Visit
    from ui.app import build_window
    from ui.context import KioskContext
    from ui.tasks import SyncRunner

    window = build_window(KioskContext.create(
        SyncRunner(sample_services), Visit("id"), theme.scale, clock, settings))
    qtbot.addWidget(window)
    needed = window.minimumSizeHint()
    assert theme.scale.mm(needed.width()) <= LAYOUT_MIN_MM[0]
    assert theme.scale.mm(needed.height()) <= LAYOUT_MIN_MM[1]


@pytest.mark.parametrize("chosen", [False, True], ids=["unchosen", "chosen"])
def test_a_bar_button_shows_the_focus_ring_whether_chosen_or_not(
    qtbot: QtBot, theme: Theme, chosen: bool
) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    set_role(bar, "bar")
    layout = QHBoxLayout(bar)
    other = QPushButton("English", bar)
    button = QPushButton("Bahasa Indonesia", bar)
    for widget in (other, button):
        set_role(widget, "on-bar")
        widget.setCheckable(True)
        layout.addWidget(widget)
    button.setChecked(chosen)
    bar.show()
    bar.activateWindow()
    qtbot.waitActive(bar)

    def left_edge() -> list[str]:
        """The colours across the button's left edge at half height: border, then fill."""
        image = bar.grab(button.geometry()).toImage()
        y = image.height() // 2
        return [image.pixelColor(x, y).name().upper() for x in range(theme.focus_ring_px + 2)]

    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(other.hasFocus)
    unfocused = left_edge()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    focused = left_edge()
    p, ring = theme.palette, theme.focus_ring_px
    assert focused == [p.focus_ring] * ring + [p.focus_fill] * 2
    # The ring's pixels change by at least 3:1 when focus arrives (WCAG 1.4.11, 2.4.13).
    assert contrast_ratio(unfocused[0], focused[0]) >= NON_TEXT
