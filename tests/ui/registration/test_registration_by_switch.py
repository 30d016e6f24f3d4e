"""An AK1 registration with switch access alone: the same resident as the tap test
(tests/ui/registration/driver.py), but every tap is "move the highlight there, press", with
the two switch keys only (Space moves, Enter presses), through every step to the review.

What a tap on a text field does (focus, dock the keyboard) is a select of the scanner; the
offscreen window may not be active, so the frame is told to dock it as the tap driver does.
"""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from tests.switching import scan_to_and_press
from tests.ui.registration.driver import Answers, Resident
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screens.registration import answers
from ui.widgets.form_fields import TextField


class SwitchResident(Resident):
    """A resident whose only input is two switches."""

    presses = 0

    def tap(self, button: QAbstractButton) -> None:
        assert button.isVisibleTo(self.window) and button.isEnabled(), button.text()
        self.presses += scan_to_and_press(self.qtbot, self.window, lambda w: w is button)

    def type_into(self, field: TextField | QLineEdit, text: str) -> None:
        edit = field.edit if isinstance(field, TextField) else field
        self.presses += scan_to_and_press(self.qtbot, self.window, lambda w: w is edit)
        if QApplication.focusWidget() is not edit:  # an inactive offscreen window
            self.screen._dock(edit)
        pad = edit.property("sikerKeypad") == "digits"
        keyboard = self.screen.number_pad if pad else self.screen.letters
        assert keyboard.target() is edit
        for char in text:
            self.tap(keyboard.key("space" if char == " " else char))


@pytest.fixture
def resident(qtbot, kiosk_window: MainWindow) -> SwitchResident:
    kiosk_window.activateWindow()
    kiosk_window.switch.install()
    kiosk_window.switch.set_mode("two")
    yield SwitchResident(qtbot, kiosk_window)
    kiosk_window.switch.uninstall()


def test_an_ak1_registration_reaches_the_review_with_two_switches_alone(
    resident: SwitchResident,
) -> None:
    a = Answers()
    window = resident.window
    first = window.ctx.regions.kecamatan[0]
    resident.everything(a, first.code, first.kelurahan[0].code)
    assert resident.route() is Route.REG_REVIEW
    visit = window.ctx.visit
    assert answers.get(visit, "nik") == a.nik
    assert answers.get(visit, "kelurahan_code") == first.kelurahan[0].code
    assert answers.get(visit, "experience") == ((a.job, a.employer, a.years),)
    assert resident.presses > 100  # every letter and choice took its presses
