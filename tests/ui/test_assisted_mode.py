"""Mode Bantuan and the look panel on every screen, and the idle question as a modal dialog with
a spoken countdown (issue 6 items 3 and 6; ACCESSIBILITY.md)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton
from pytestqt.qtbot import QtBot

from accessibility.contrast import HIGH_CONTRAST_PALETTE, contrast_ratio
from accessibility.scaling import ASSISTED_TARGET_MM
from kiosk.session import Mode
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screenshots import show_demo_state
from ui.widgets.top_bar import TopBar

LEFT = Qt.MouseButton.LeftButton
STATES = [(route, state) for route in Route for state in route.screen_class().demo_states]


def _rebuilt_by(qtbot: QtBot, window: MainWindow, action: Callable[[], None]) -> None:
    with qtbot.waitSignal(window.rebuilt, timeout=5_000):
        action()


def test_mode_bantuan_is_one_button_on_every_screen_and_brings_the_whole_assisted_look(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    kiosk_window = make_kiosk_window(idle_timeout_s=90, idle_warning_s=30)
    for route, state in STATES:
        show_demo_state(kiosk_window, kiosk_window.ctx.runner, route, state)
        assert kiosk_window.top_bar.assisted_button.isVisible(), state.name
        assert kiosk_window.top_bar.look_button.isVisible(), state.name
    route = Route.VACANCY_DETAIL
    detail = route.screen_class().demo_states[0]
    show_demo_state(kiosk_window, kiosk_window.ctx.runner, route, detail)
    button = kiosk_window.top_bar.assisted_button
    assert button.text() == "Mode Bantuan"
    _rebuilt_by(qtbot, kiosk_window, lambda: qtbot.mouseClick(button, LEFT))
    mode, theme = kiosk_window.ctx.visit.mode, kiosk_window.theme
    assert mode.assisted and mode.text_scale == 2.0
    assert theme.text_scale == 2.0 and theme.palette is HIGH_CONTRAST_PALETTE
    assert theme.scale.mm(theme.target_px) >= ASSISTED_TARGET_MM
    assert contrast_ratio(theme.palette.on_window, theme.palette.window) >= 7.0
    assert kiosk_window.ctx.idle_timeout_s == 180
    assert kiosk_window.idle.timeout_s == 180
    assert kiosk_window.navigator.current_route is route  # the resident stays where they were
    again = kiosk_window.top_bar.assisted_button
    assert again.isChecked()
    _rebuilt_by(qtbot, kiosk_window, lambda: qtbot.mouseClick(again, LEFT))
    assert kiosk_window.ctx.visit.mode == Mode()
    assert kiosk_window.idle.timeout_s == 90


def test_mode_bantuan_keeps_its_size_when_switched_so_nothing_moves_under_a_finger(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    theme = kiosk_window.theme
    sizes = []
    for on in (False, True):
        bar = TopBar(theme, kiosk_window.ctx.clock, mode=Mode(assisted=on))
        qtbot.addWidget(bar)
        sizes.append(bar.assisted_button.sizeHint())
    assert sizes[0] == sizes[1]


def test_the_look_panel_offers_text_size_and_contrast_as_radio_groups_applied_at_once(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    qtbot.mouseClick(kiosk_window.top_bar.look_button, LEFT)
    panel = kiosk_window.look_panel
    qtbot.waitUntil(panel.isVisible)
    assert QApplication.activeModalWidget() is panel
    assert panel.size_group.exclusive() and panel.contrast_group.exclusive()
    assert all(isinstance(b, QRadioButton) for b in panel.size_buttons.values())
    assert panel.size_buttons[1.0].isChecked()
    _rebuilt_by(qtbot, kiosk_window, lambda: qtbot.mouseClick(panel.size_buttons[1.5], LEFT))
    assert kiosk_window.ctx.visit.mode == Mode(text_scale=1.5)
    panel = kiosk_window.look_panel  # rebuilt with the window, and open again
    assert panel.isVisible() and panel.size_buttons[1.5].isChecked()
    _rebuilt_by(qtbot, kiosk_window,
                lambda: qtbot.mouseClick(panel.contrast_buttons[True], LEFT))
    assert kiosk_window.ctx.visit.mode == Mode(text_scale=1.5, high_contrast=True)
    assert kiosk_window.theme.palette is HIGH_CONTRAST_PALETTE
    panel = kiosk_window.look_panel
    qtbot.mouseClick(panel.close_button, LEFT)
    assert not panel.isVisible()


def test_the_look_panels_headings_keep_one_line_each_at_200_percent(
    qtbot: QtBot, make_context: Callable[..., KioskContext]
) -> None:
    """A window built in assisted mode builds its panel before it has its width (the audit,
    the screenshots); the headings' heights must follow the card's final width (they kept
    the height of a narrow card: tall gaps between them)."""
    ctx = make_context()
    ctx.visit.mode = Mode(assisted=True, text_scale=2.0)
    window = MainWindow(ctx.for_mode(ctx.visit.mode))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.open_look_panel()
    panel = window.look_panel
    qtbot.waitUntil(panel.isVisible)
    for label in (panel.heading, panel.size_heading, panel.contrast_heading):
        line = label.fontMetrics().lineSpacing()
        assert label.fontMetrics().horizontalAdvance(label.text()) < panel.text_width
        assert label.minimumHeight() < 1.6 * line, (label.text(), label.minimumHeight(), line)
    window.close()


def test_the_end_of_the_visit_resets_mode_panel_and_switch_access(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.open_look_panel()
    panel = kiosk_window.look_panel
    qtbot.mouseClick(panel.switch_buttons["two"], LEFT)
    assert kiosk_window.switch.mode == "two"
    _rebuilt_by(qtbot, kiosk_window,
                lambda: qtbot.mouseClick(panel.size_buttons[2.0], LEFT))
    _rebuilt_by(qtbot, kiosk_window, kiosk_window.end_visit)
    assert kiosk_window.ctx.visit.mode == Mode()
    assert kiosk_window.theme.text_scale == 1.0
    assert not kiosk_window.look_panel.isVisible()
    assert kiosk_window.switch.mode == "off"
    assert kiosk_window.navigator.current_route is Route.HOME


def test_the_idle_question_is_a_modal_dialog_whose_countdown_is_spoken(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=30)
    spoken: list[str] = []
    window.speech_requested.connect(spoken.append)
    window.navigator.go(Route.JOB_SEARCH)
    window.idle.start_warning()
    overlay = window.idle_overlay
    assert overlay.isVisible()
    assert QApplication.activeModalWidget() is overlay
    assert overlay.geometry() == window.geometry()  # the whole window, nothing readable behind
    assert spoken == [f"{overlay.heading.text()} {overlay.countdown.text()}"]
    assert "30 detik" in spoken[0]
    # Tab stays inside the question: nothing behind it takes the focus.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is overlay, timeout=2_000)
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert overlay.isAncestorOf(QApplication.focusWidget())
    for seconds in (29, 21, 20, 11, 10, 6, 5, 4):
        overlay.show_countdown(seconds)
    assert [text.split(" detik")[0].rsplit(" ", 1)[1] for text in spoken[1:]] == [
        "20", "10", "5", "4"]
    qtbot.mouseClick(overlay.continue_button, LEFT)
    assert not overlay.isVisible() and QApplication.activeModalWidget() is None
