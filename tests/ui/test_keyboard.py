"""The on-screen keyboard: typing by taps, key sizes, accessible names, the number pad."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import set_language
from ui.theme import Theme
from ui.widgets.keyboard import KeyboardLayout, OnScreenKeyboard

LEFT = Qt.MouseButton.LeftButton


Make = Callable[..., tuple[QLineEdit, OnScreenKeyboard]]


@pytest.fixture
def make_keyboard(qtbot: QtBot, theme: Theme) -> Make:
    """Builds a field with a keyboard docked below it, shown at 1200 x 800."""
    hosts: list[QWidget] = []  # pytest-qt holds widgets weakly; keep them for the test

    def make(layout: KeyboardLayout = KeyboardLayout.LETTERS) -> tuple[QLineEdit, OnScreenKeyboard]:
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        field = QLineEdit(host)
        keyboard = OnScreenKeyboard(theme, layout, parent=host)
        keyboard.set_target(field)
        box = QVBoxLayout(host)
        box.addWidget(field)
        box.addWidget(keyboard)
        host.resize(1200, 800)
        host.show()
        qtbot.waitExposed(host)
        return field, keyboard

    return make


def _tap(qtbot: QtBot, keyboard: OnScreenKeyboard, *keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(keyboard.key(key), LEFT)


def test_tapping_letters_types_lower_case_at_the_cursor(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, keyboard = make_keyboard()
    _tap(qtbot, keyboard, "s", "o", "p", "i", "r")
    assert field.text() == "sopir"
    field.setCursorPosition(0)
    _tap(qtbot, keyboard, "a", "space")
    assert field.text() == "a sopir"
    assert field.cursorPosition() == 2


def test_delete_removes_the_letter_before_the_cursor_and_clear_empties_the_field(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, keyboard = make_keyboard()
    field.setText("admin")
    field.setCursorPosition(3)
    _tap(qtbot, keyboard, "backspace")
    assert (field.text(), field.cursorPosition()) == ("adin", 2)
    _tap(qtbot, keyboard, "clear")
    assert field.text() == ""
    field.undo()  # clearing is an ordinary edit, so the resident's text can come back
    assert field.text() == "adin"


def test_a_tap_leaves_the_focus_and_the_cursor_in_the_field(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, keyboard = make_keyboard()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    _tap(qtbot, keyboard, "k")
    assert field.hasFocus()
    assert all(key.focusPolicy() == Qt.FocusPolicy.TabFocus for key in keyboard.keys())


def test_keys_are_at_least_15_mm_square_with_4_mm_gaps(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    _field, keyboard = make_keyboard()
    for key in keyboard.keys():
        assert theme.scale.mm(key.width()) >= 15.0, key.objectName()
        assert theme.scale.mm(key.height()) >= 15.0, key.objectName()
    q, w, a = keyboard.key("q"), keyboard.key("w"), keyboard.key("a")
    assert theme.scale.mm(w.geometry().left() - q.geometry().right() - 1) >= 4.0
    assert theme.scale.mm(a.geometry().top() - q.geometry().bottom() - 1) >= 4.0


def test_the_qwerty_rows_and_the_words_fit_their_keys(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    _field, keyboard = make_keyboard()
    row = [keyboard.key(c) for c in "QWERTYUIOP"]
    assert [k.text() for k in row] == list("QWERTYUIOP")
    assert sorted(row, key=lambda k: k.x()) == row
    for key in keyboard.keys():
        text_width = key.fontMetrics().horizontalAdvance(key.text())
        assert text_width < key.width() - 2 * theme.focus_ring_px, key.text()


def test_every_key_has_an_accessible_name_in_the_current_language(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    _field, keyboard = make_keyboard()
    assert keyboard.key("a").accessibleName() == "huruf A"
    assert keyboard.key("7").accessibleName() == "angka 7"
    assert keyboard.key("space").accessibleName() == "spasi"
    assert keyboard.key("backspace").accessibleName() == "hapus"
    assert keyboard.key("clear").accessibleName() == "kosongkan"
    assert all(key.accessibleName() for key in keyboard.keys())
    set_language("en")
    keyboard.retranslate()
    assert keyboard.key("a").accessibleName() == "letter A"
    assert keyboard.key("clear").text() == "Clear"


def test_enter_and_space_press_a_key_reached_with_tab(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, keyboard = make_keyboard()
    key = keyboard.key("m")
    key.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(key.hasFocus)
    qtbot.keyClick(key, Qt.Key.Key_Space)
    qtbot.keyClick(key, Qt.Key.Key_Return)
    assert field.text() == "mm"


def test_the_number_pad_has_twelve_keys_in_phone_order_and_obeys_the_field(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, pad = make_keyboard(KeyboardLayout.NUMBER_PAD)
    assert [k.objectName().removeprefix("key_") for k in pad.keys()] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "backspace",
    ]
    field.setMaxLength(4)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*")))
    _tap(qtbot, pad, "3", "3", "7", "4", "0")
    assert field.text() == "3374"  # a NIK-style field stops at its length
    widths = {k.width() for k in pad.keys()}
    assert len(widths) == 1 and theme.scale.mm(widths.pop()) >= 15.0


def test_private_fields_echo_only_the_kind_of_key(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    _field, pad = make_keyboard(KeyboardLayout.NUMBER_PAD)
    with qtbot.waitSignal(pad.key_activated) as blocker:
        _tap(qtbot, pad, "5")
    assert blocker.args == ["angka 5"]
    pad.private = True  # NIK and phone: ACCESSIBILITY.md forbids speaking the digits
    with qtbot.waitSignal(pad.key_activated) as blocker:
        _tap(qtbot, pad, "5")
    assert blocker.args == ["angka"]


def test_without_a_target_every_key_is_disabled(
    qtbot: QtBot, theme: Theme, make_keyboard: Make
) -> None:
    field, keyboard = make_keyboard()
    keyboard.set_target(None)
    assert not any(key.isEnabled() for key in keyboard.keys())
    _tap(qtbot, keyboard, "a")
    assert field.text() == ""
    keyboard.set_target(field)
    assert all(key.isEnabled() for key in keyboard.keys())


def test_the_search_keyboard_can_leave_out_the_digits_row(qtbot: QtBot, theme: Theme) -> None:
    keyboard = OnScreenKeyboard(theme, digits=False)
    qtbot.addWidget(keyboard)
    names = {k.objectName() for k in keyboard.keys()}
    assert "key_1" not in names and "key_Q" in names


def test_with_200_percent_text_the_keys_grow_so_no_word_is_cut_off(
    qtbot: QtBot, qapp: QApplication
) -> None:
    big = Theme.for_size(1920, 1080, text_scale=2.0)  # assisted mode (WCAG 1.4.4)
    big.apply(qapp)
    try:
        keyboard = OnScreenKeyboard(big)
        qtbot.addWidget(keyboard)
        keyboard.show()
        qtbot.waitExposed(keyboard)
        for key in keyboard.keys():
            metrics = key.fontMetrics()
            assert metrics.horizontalAdvance(key.text()) < key.width() - 2 * big.focus_ring_px
            assert metrics.height() <= key.height() - 2 * big.focus_ring_px
    finally:
        Theme.for_size(1920, 1080).apply(qapp)  # later tests expect the default text size


def test_the_search_keyboard_switches_to_digits_and_back_in_the_same_height(
    qtbot: QtBot, theme: Theme
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    field = QLineEdit(host)
    keyboard = OnScreenKeyboard(theme, digits=False, switch=True, parent=host)
    keyboard.set_target(field)
    box = QVBoxLayout(host)
    box.addWidget(field)
    box.addWidget(keyboard)
    host.resize(1200, 800)
    host.show()
    qtbot.waitExposed(host)
    height = keyboard.height()
    switch = keyboard.key("switch")
    assert switch.text() == "123" and switch.accessibleName() == "angka dan tanda baca"
    assert not keyboard.key("1").isVisible()
    _tap(qtbot, keyboard, "s", "i", "m", "space", "b", "switch", "1")
    assert field.text() == "sim b1"
    assert keyboard.showing_digits() and switch.text() == "ABC"
    assert not keyboard.key("q").isVisible() and keyboard.key("-").isVisible()
    assert keyboard.key("/").accessibleName() == "garis miring"
    _tap(qtbot, keyboard, "clear", "3", "switch", "space", "s", "h", "i", "f", "t")
    assert field.text() == "3 shift" and not keyboard.showing_digits()
    assert keyboard.height() == height  # nothing below the keyboard moves
    for key in keyboard.keys():
        assert theme.scale.mm(key.width()) >= 15.0 and theme.scale.mm(key.height()) >= 15.0
