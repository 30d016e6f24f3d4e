"""The kiosk-wide input rules: no tap-through after a change, Enter presses, modal idle warning."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.search_filters import SearchFilter
from ui.input_guard import InputGuard
from ui.main_window import MainWindow
from ui.screens.base import Route

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def guarded(
    make_kiosk_window: Callable[..., MainWindow],
) -> Iterator[tuple[MainWindow, InputGuard]]:
    window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=60)
    guard = InputGuard(window, hold_s=0.3)
    guard.install()
    yield window, guard
    guard.uninstall()


def _wait_out_the_hold(qtbot: QtBot, guard: InputGuard, widget=None) -> None:
    qtbot.waitUntil(
        lambda: not (guard.ignores(widget) if widget is not None else guard.holding()),
        timeout=2_000,
    )


def test_a_double_tap_on_a_filter_does_not_choose_the_option_under_the_finger(
    qtbot: QtBot, guarded
) -> None:
    window, guard = guarded
    home = window.navigator.screen(Route.HOME)
    search = window.navigator.screen(Route.JOB_SEARCH)
    qtbot.mouseClick(home.job_search_tile, LEFT)
    button = search.filter_buttons[SearchFilter.EDUCATION]
    _wait_out_the_hold(qtbot, guard, button)
    qtbot.mouseClick(button, LEFT)
    assert search.pages.currentWidget() is search.choice_panel
    # the second tap of the double tap lands where an option now is
    option = search.choice_panel.option_buttons()[3]
    qtbot.mouseClick(option, LEFT)
    assert search.pages.currentWidget() is search.choice_panel
    assert search.query().education is None
    _wait_out_the_hold(qtbot, guard, option)
    qtbot.mouseClick(option, LEFT)  # a deliberate tap a moment later counts
    assert search.query().education == option.value


def test_a_double_tap_on_the_tile_types_nothing(qtbot: QtBot, guarded) -> None:
    window, _guard = guarded
    home = window.navigator.screen(Route.HOME)
    search = window.navigator.screen(Route.JOB_SEARCH)
    qtbot.mouseClick(home.job_search_tile, LEFT)
    qtbot.mouseClick(search.keyboard.key("v"), LEFT)
    assert search.search_field.text() == ""


def test_a_double_tap_on_back_goes_back_once(qtbot: QtBot, guarded) -> None:
    window, guard = guarded
    search = window.navigator.screen(Route.JOB_SEARCH)
    qtbot.mouseClick(window.navigator.screen(Route.HOME).job_search_tile, LEFT)
    qtbot.waitUntil(lambda: len(search.cards()) > 0)
    # Wait out the hold of the card and of Kembali themselves, not only the overlay's: how
    # soon the cards come decides whether the first tap lands inside the hold.
    _wait_out_the_hold(qtbot, guard, search.cards()[0])
    qtbot.mouseClick(search.cards()[0], LEFT)
    qtbot.waitUntil(lambda: window.navigator.current_route is Route.VACANCY_DETAIL)
    _wait_out_the_hold(qtbot, guard, window.nav_bar.back_button)
    qtbot.mouseClick(window.nav_bar.back_button, LEFT)
    qtbot.mouseClick(window.nav_bar.back_button, LEFT)
    assert window.navigator.stack.currentWidget() is search


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_and_space_press_the_focused_button(qtbot: QtBot, guarded, key) -> None:
    window, _guard = guarded
    tile = window.navigator.screen(Route.HOME).job_search_tile
    tile.setFocus()
    QTest.keyClick(tile, key)
    assert window.navigator.stack.currentWidget() is window.navigator.screen(Route.JOB_SEARCH)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Space])
def test_the_idle_warning_holds_the_keyboard_and_its_keys_continue(
    qtbot: QtBot, guarded, key
) -> None:
    window, _guard = guarded
    search = window.navigator.screen(Route.JOB_SEARCH)
    window.navigator.go(Route.JOB_SEARCH)
    window.idle.install()
    window.idle.start_warning()
    qtbot.waitUntil(window.idle_overlay.isVisible)
    search.search_field.setFocus()
    QTest.keyClick(search.search_field, Qt.Key.Key_A)
    assert search.search_field.text() == ""  # nothing behind the warning hears the keys
    QTest.keyClick(search.search_field, Qt.Key.Key_Tab)
    QTest.keyClick(search.search_field, key)
    qtbot.waitUntil(lambda: not window.idle_overlay.isVisible())
    assert window.navigator.stack.currentWidget() is search  # the session goes on


def test_the_hold_lasts_about_the_set_time(qtbot: QtBot, guarded) -> None:
    _window, guard = guarded
    clock = QElapsedTimer()
    clock.start()
    guard.hold()
    assert guard.holding()
    qtbot.waitUntil(lambda: not guard.holding(), timeout=2_000)
    assert clock.elapsed() >= 290
