"""Driving the registration form the way a resident does: taps on the screen's own buttons and
on the on-screen keyboard and number pad (real widgets), never by setting values directly."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screens.registration.frame import StepScreen
from ui.widgets.form_fields import TextField


@dataclass
class Answers:
    """One resident's answers (the NIK encodes 12 May 1990, a woman: day 52 = 12 + 40)."""

    nik: str = "3374015205900003"
    name: str = "SITI AMINAH"
    birth_place: str = "SEMARANG"
    street: str = "JL PEMUDA 12"
    rt: str = "003"
    rw: str = "005"
    phone: str = "081234567890"
    skill: str = "MENJAHIT"
    language: str = "INGGRIS"
    job: str = "PENJAHIT"
    employer: str = "CV MAJU"
    years: str = "3"
    school: str = "SMK N 1"
    pay: str = "3500000"


class Resident:
    """Taps through `window` with `qtbot`."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    @property
    def screen(self) -> StepScreen:
        screen = self.window.navigator.current_screen
        assert isinstance(screen, StepScreen), screen
        return screen

    def route(self) -> Route | None:
        return self.window.navigator.current_route

    def tap(self, button: QAbstractButton) -> None:
        assert button.isVisibleTo(self.window) and button.isEnabled(), button.text()
        self._into_view(button)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def _into_view(self, widget: QWidget) -> None:
        """Scroll the step's column to `widget`, as a finger would, before tapping it."""
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            QApplication.processEvents()  # the column's layout and scroll range are current
            parent.ensureWidgetVisible(widget)

    def type_into(self, field: TextField | QLineEdit, text: str) -> None:
        """Tap the field, then each key; the frame docks the letters or the number pad."""
        edit = field.edit if isinstance(field, TextField) else field
        self._into_view(edit)
        self.qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
        if QApplication.focusWidget() is not edit:  # an inactive offscreen window
            edit.setFocus()
            self.screen._dock(edit)
        screen = self.screen
        pad = edit.property("sikerKeypad") == "digits"
        keyboard = screen.number_pad if pad else screen.letters
        assert keyboard.target() is edit
        for char in text:
            self.tap(keyboard.key("space" if char == " " else char))

    def clear(self, field: TextField) -> None:
        self._into_view(field.edit)
        self.qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
        if QApplication.focusWidget() is not field.edit:
            field.edit.setFocus()
            self.screen._dock(field.edit)
        pad = field.edit.property("sikerKeypad") == "digits"
        keyboard = self.screen.number_pad if pad else self.screen.letters
        self.tap(keyboard.key("clear"))

    def next(self) -> None:
        self.tap(self.screen.next_button)

    def back(self) -> None:
        self.tap(self.window.nav_bar.back_button)  # the one way back (the bottom bar's Kembali)

    # -- the steps ----------------------------------------------------------------------------

    def start(self) -> None:
        self.tap(self.window.navigator.screen(Route.HOME).register_tile)  # type: ignore[attr-defined]
        assert self.route() is Route.REG_CONSENT

    def consent(self) -> None:
        self.tap(self.screen.agree)  # type: ignore[attr-defined]
        self.next()

    def identity(self, a: Answers) -> None:
        s = self.screen
        self.type_into(s.nik, a.nik)  # type: ignore[attr-defined]
        self.type_into(s.full_name, a.name)  # type: ignore[attr-defined]
        self.type_into(s.birth_place, a.birth_place)  # type: ignore[attr-defined]
        self.tap(s.religion.button("islam"))  # type: ignore[attr-defined]
        self.tap(s.marital.button("belum_kawin"))  # type: ignore[attr-defined]
        self.next()

    def address(self, a: Answers, kecamatan: str, kelurahan: str) -> None:
        s = self.screen
        self.type_into(s.street, a.street)  # type: ignore[attr-defined]
        self.type_into(s.rt, a.rt)  # type: ignore[attr-defined]
        self.type_into(s.rw, a.rw)  # type: ignore[attr-defined]
        self.tap(s.kecamatan.button(kecamatan))  # type: ignore[attr-defined]
        self.tap(s.kelurahan.button(kelurahan))  # type: ignore[attr-defined]
        self.next()

    def contact(self, a: Answers) -> None:
        self.type_into(self.screen.phone, a.phone)  # type: ignore[attr-defined]
        self.next()

    def education(self, a: Answers) -> None:
        s = self.screen
        self.tap(s.level.button("SMK"))  # type: ignore[attr-defined]
        self.type_into(s.school, a.school)  # type: ignore[attr-defined]
        self.next()

    def experience(self, a: Answers) -> None:
        s = self.screen
        self.type_into(s.skills.inputs[0], a.skill)  # type: ignore[attr-defined]
        self.tap(s.skills.add_button)  # type: ignore[attr-defined]
        self.type_into(s.languages.inputs[0], a.language)  # type: ignore[attr-defined]
        self.tap(s.languages.add_button)  # type: ignore[attr-defined]
        jobs = s.jobs  # type: ignore[attr-defined]
        self.type_into(jobs.inputs[0], a.job)
        self.type_into(jobs.inputs[1], a.employer)
        self.type_into(jobs.inputs[2], a.years)
        self.tap(jobs.add_button)
        self.next()

    def wishes(self, a: Answers) -> None:
        s = self.screen
        self.tap(s.groups.button("7"))  # type: ignore[attr-defined]
        self.tap(s.location.button("kota_semarang"))  # type: ignore[attr-defined]
        self.type_into(s.pay, a.pay)  # type: ignore[attr-defined]
        self.next()

    def disability(self) -> None:
        self.next()

    def everything(self, a: Answers, kecamatan: str, kelurahan: str) -> None:
        """From Home to the review screen."""
        self.start()
        self.consent()
        self.identity(a)
        self.address(a, kecamatan, kelurahan)
        self.contact(a)
        self.education(a)
        self.experience(a)
        self.wishes(a)
        self.disability()
        assert self.route() is Route.REG_REVIEW
