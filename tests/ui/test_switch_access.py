"""Switch access (ui/switch_access.py): the highlight's path, the two keys, automatic scanning,
holding the switch to turn it on, speech in assisted mode, the sheet as the only thing scanned."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.session import Mode
from tests.fakes import FakeMonotonic
from tests.switching import scan_to_and_press
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.switch_access import HIGHLIGHT_MM, HOLD_TO_TOGGLE_S, SwitchScanner
from ui.switch_groups import StepKind

SPACE, ENTER = Qt.Key.Key_Space, Qt.Key.Key_Return


def _key(window: MainWindow, kind: QEvent.Type, key: Qt.Key, repeat: bool = False) -> None:
    event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, " ", repeat)
    QApplication.sendEvent(window, event)


def test_the_highlight_goes_through_the_controls_in_tab_order_and_wraps(
    kiosk_window: MainWindow,
) -> None:
    scanner = kiosk_window.switch
    scanner.set_mode("two")
    items = scanner.items()
    top = kiosk_window.top_bar
    assert items[:4] == [top.language_buttons["id"], top.language_buttons["en"],
                         top.assisted_button, top.look_button]
    assert all(w.isVisible() and w.isEnabled() for w in items)
    assert scanner.current is items[0]
    for expected in [*items[1:], items[0]]:
        scanner.advance()
        assert scanner.current is expected
    highlight = scanner._highlight
    assert highlight is not None and highlight.isVisible()
    line = kiosk_window.theme.px(HIGHLIGHT_MM)
    assert highlight.width() >= items[0].width() + line  # a frame around, not inside, it


def test_the_two_switch_keys_move_and_press_and_nothing_else_sees_them(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    scanner = kiosk_window.switch
    scanner.install()
    scanner.set_mode("two")
    home = kiosk_window.navigator.screen(Route.HOME)
    while scanner.current is not home.job_search_tile:
        qtbot.keyClick(kiosk_window, SPACE)
    qtbot.keyClick(home.job_search_tile, SPACE)  # Space on a focused button: moves only
    assert kiosk_window.navigator.current_route is Route.HOME
    while scanner.current is not home.job_search_tile:
        qtbot.keyClick(kiosk_window, SPACE)
    qtbot.keyClick(kiosk_window, ENTER)
    assert kiosk_window.navigator.current_route is Route.JOB_SEARCH
    scanner.uninstall()


def test_a_modal_sheet_is_all_that_is_scanned_while_open(kiosk_window: MainWindow) -> None:
    scanner = kiosk_window.switch
    scanner.set_mode("two")
    kiosk_window.idle.start_warning()
    assert scanner.items() == [kiosk_window.idle_overlay.continue_button]
    scanner.advance()
    assert scanner.current is kiosk_window.idle_overlay.continue_button
    assert scanner._highlight is not None
    assert scanner._highlight.parentWidget() is kiosk_window.idle_overlay
    scanner.select()
    assert not kiosk_window.idle_overlay.isVisible()


def test_automatic_scanning_moves_by_itself_at_its_pace(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    scanner = SwitchScanner(kiosk_window, "auto", interval_s=0.02, parent=kiosk_window)
    assert scanner.current is scanner.items()[0]  # on at once, on the first control
    moves: list[object] = []
    scanner.moved.connect(moves.append)
    qtbot.waitUntil(lambda: len(moves) >= 2, timeout=2_000)
    assert moves[:2] == scanner.items()[1:3]
    scanner.set_mode("off")
    assert scanner.current is None


def test_holding_the_switch_turns_automatic_scanning_on_and_off(
    kiosk_window: MainWindow,
) -> None:
    clock = FakeMonotonic()
    scanner = SwitchScanner(kiosk_window, clock=clock, parent=kiosk_window)
    scanner.install()
    try:
        for expected in ("auto", "off"):
            _key(kiosk_window, QEvent.Type.KeyPress, SPACE)
            clock.now += HOLD_TO_TOGGLE_S / 2
            _key(kiosk_window, QEvent.Type.KeyPress, SPACE, repeat=True)
            assert scanner.mode != expected  # not yet
            clock.now += HOLD_TO_TOGGLE_S / 2
            _key(kiosk_window, QEvent.Type.KeyPress, SPACE, repeat=True)
            assert scanner.mode == expected
            _key(kiosk_window, QEvent.Type.KeyPress, SPACE, repeat=True)  # still held: once
            assert scanner.mode == expected
            _key(kiosk_window, QEvent.Type.KeyRelease, SPACE)
    finally:
        scanner.uninstall()


def test_the_highlighted_control_is_spoken_in_assisted_mode_only(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window()
    spoken: list[str] = []
    window.speech_requested.connect(spoken.append)
    window.switch.set_mode("two")
    window.switch.advance()
    assert spoken == []
    with qtbot.waitSignal(window.rebuilt, timeout=5_000):
        window.ctx.visit.mode = Mode(assisted=True, text_scale=2.0)
    window.switch.advance()
    assert spoken and spoken[-1] == window.switch.current.accessibleName()


def test_the_kiosks_setting_starts_every_visit_and_a_residents_choice_ends_with_it(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window()
    assert window.switch.mode == window.ctx.settings.switch_access == "off"
    window.switch.set_mode("auto")
    window.end_visit()
    assert window.switch.mode == "off"
    with pytest.raises(ValueError, match="switch access mode"):
        window.switch.set_mode("three")
    with pytest.raises(ValueError, match="interval"):
        SwitchScanner(window, interval_s=0)


def _presses_to_type(qtbot: QtBot, window: MainWindow, word: str) -> int:
    search = window.navigator.screen(Route.JOB_SEARCH)
    presses = 0
    for letter in word:
        key = search.keyboard.key(letter)
        presses += scan_to_and_press(qtbot, window, lambda w, k=key: w is k)
    assert search.search_field.text() == word
    return presses


def test_the_keyboard_is_scanned_by_rows_then_keys_with_a_way_out_of_each(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window()
    window.navigator.go(Route.JOB_SEARCH)
    window.switch.install()
    window.switch.set_mode("two")
    search = window.navigator.screen(Route.JOB_SEARCH)
    keyboard = search.keyboard
    steps = window.switch.steps()
    [group] = [s for s in steps if s.kind is StepKind.GROUP]
    assert group.frame is keyboard and set(group.widgets) >= {keyboard.key("s")}
    assert not any(s.frame in group.widgets for s in steps)  # the keys are not scanned one by one
    grouped = _presses_to_type(qtbot, window, "sopir")
    # The same word key by key, as the scan went before groups: from the first control, on
    # through every control (wrapping round), the highlight staying on each key pressed.
    flat = window.switch.items()
    search.search_field.clear()
    linear, at = 0, 0
    for letter in "sopir":
        index = flat.index(keyboard.key(letter))
        linear += (index - at) % len(flat) + 1
        at = index
    assert grouped * 2 < linear, (grouped, linear)
    # After a key the scan is back on the keyboard's rows; EXIT of the rows leaves the group.
    assert window.switch.current_step.kind is StepKind.ROW
    while window.switch.current_step.kind is not StepKind.EXIT:
        window.switch.advance()
    window.switch.select()
    assert window.switch.current is keyboard  # back at the top level, on the keyboard
    window.switch.uninstall()


def test_rows_and_groups_are_spoken_in_assisted_mode(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window()
    window.navigator.go(Route.JOB_SEARCH)
    with qtbot.waitSignal(window.rebuilt, timeout=5_000):
        window.ctx.visit.mode = Mode(assisted=True, text_scale=2.0)
    spoken: list[str] = []
    window.speech_requested.connect(spoken.append)
    window.switch.set_mode("two")
    while window.switch.current_step.kind is not StepKind.GROUP:
        window.switch.advance()
    assert spoken[-1] == "Papan ketik layar: tekan untuk masuk"
    window.switch.select()
    assert spoken[-1].startswith("Baris: Q, W, E")
