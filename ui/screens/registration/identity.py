"""Step 2: the NIK on the number pad, then what it encodes (birth date, sex) shown to confirm,
never typed twice; the KTP's own birth date where it differs (marked for staff); the full name
as on the KTP (one field: one-word names are normal); place of birth; religion; marital status.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from kiosk import formatting as fmt
from kiosk.i18n import N_, _
from kiosk.registration.nik import NikResult, check_nik
from ui.personal import mark_personal
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.checks import nik_problem
from ui.screens.registration.frame import Problem, StepScreen
from ui.theme import set_role
from ui.widgets.date_entry import DateEntry
from ui.widgets.form_fields import ChoiceField, TextField
from ui.widgets.wrapping_button import WrappingCheckBox
from ui.widgets.wrapping_label import WrappingLabel

RELIGIONS = (
    ("islam", N_("Islam")), ("kristen", N_("Protestant Christian")),
    ("katolik", N_("Catholic")), ("hindu", N_("Hindu")), ("buddha", N_("Buddhist")),
    ("khonghucu", N_("Confucian")), ("kepercayaan", N_("Kepercayaan")),
)
MARITAL = (
    ("belum_kawin", N_("Not married")), ("kawin", N_("Married")),
    ("cerai_hidup", N_("Divorced")), ("cerai_mati", N_("Widowed")),
)


def _options(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, Any]]:
    return [(value, (lambda t=text: _(t))) for value, text in pairs]


class IdentityScreen(StepScreen):
    """Step 2; every field here is personal (ui.personal)."""

    route = Route.REG_IDENTITY
    step = 2
    next_route = Route.REG_ADDRESS
    demo_states = (DemoState("registration-2-identity"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        self.nik = TextField(theme, lambda: _("NIK (16 digits on your KTP)"), digits=True,
                             personal=True, max_length=24, parent=self)
        self.nik.edited.connect(self._on_nik_edited)
        self.reading = WrappingLabel(self)
        set_role(self.reading, "success")
        mark_personal(self.reading)
        self.differs = WrappingCheckBox(theme, self)
        self.differs.setMinimumHeight(theme.target_px)
        mark_personal(self.differs)
        self.differs.toggled.connect(self._on_differs_toggled)
        self.ktp_date = DateEntry(theme, lambda: _("Birth date as written on your KTP"),
                                  personal=True, parent=self)
        self.ktp_date.changed.connect(self._on_ktp_date_changed)
        self.full_name = TextField(theme, lambda: _("Full name as on your KTP"),
                                   hint=lambda: _("One name is fine, exactly as on the card."),
                                   personal=True, parent=self)
        self.full_name.edited.connect(lambda t: answers.put(self._visit, "full_name", t))
        self.birth_place = TextField(theme, lambda: _("Place of birth"), personal=True,
                                     parent=self)
        self.birth_place.edited.connect(lambda t: answers.put(self._visit, "birth_place", t))
        self.religion = ChoiceField(theme, lambda: _("Religion"), _options(RELIGIONS),
                                    columns=4, personal=True, parent=self)
        self.religion.changed.connect(
            lambda: answers.put(self._visit, "religion", self.religion.value()))
        self.marital = ChoiceField(theme, lambda: _("Marital status"), _options(MARITAL),
                                   columns=4, personal=True, parent=self)
        self.marital.changed.connect(
            lambda: answers.put(self._visit, "marital_status", self.marital.value()))
        for widget in (self.nik, self.reading, self.differs, self.ktp_date, self.full_name,
                       self.birth_place, self.religion, self.marital):
            body.addWidget(widget)

    def heading(self) -> str:
        return _("Who you are")

    def instruction(self) -> str:
        return _("Type your NIK with the number pad. The kiosk reads your birth date from it: "
                 "check that it is right. Then write your name as on your KTP.")

    def _today(self) -> date:
        return self.ctx.clock().date()

    def _reading(self) -> NikResult:
        return check_nik(self.nik.text(), self._today(),
                         min_age=int(self.ctx.settings.registration_min_age))

    def load(self) -> None:
        visit = self._visit
        self.nik.set_text(answers.get(visit, "nik", ""))
        self.full_name.set_text(answers.get(visit, "full_name", ""))
        self.birth_place.set_text(answers.get(visit, "birth_place", ""))
        self.religion.set_value(answers.get(visit, "religion"))
        self.marital.set_value(answers.get(visit, "marital_status"))
        differs = bool(answers.get(visit, "birth_date_differs", False))
        self.differs.blockSignals(True)
        self.differs.setChecked(differs)
        self.differs.blockSignals(False)
        self.ktp_date.set_value(answers.get(visit, "ktp_birth_date"))
        self._show_reading()

    def _show_reading(self) -> None:
        reading = self._reading()
        if reading.birth_date is not None and reading.sex is not None:
            sex = _("woman") if reading.sex == "P" else _("man")
            self.reading.setText(
                _("Your NIK says: born {day}, {sex}. Is that right?").format(
                    day=fmt.day_text(reading.birth_date), sex=sex)
            )
            self.reading.show()
            self.differs.show()
        else:
            self.reading.setText("")
            self.reading.hide()
            self.differs.hide()
        self.ktp_date.setVisible(self.differs.isChecked() and self.differs.isVisibleTo(self))

    def retranslate_fields(self) -> None:
        self.differs.setText(_("The birth date on my KTP is different"))
        self.differs.setAccessibleName(self.differs.text())
        for field in (self.nik, self.full_name, self.birth_place, self.religion, self.marital,
                      self.ktp_date):
            field.retranslate()
        self._show_reading()

    def items(self) -> list[str]:
        # Personal values are never read aloud in public: names of the fields only.
        return [self.nik.title(), self.full_name.title(), self.birth_place.title(),
                self.religion.title(), self.marital.title()]

    def _on_nik_edited(self, text: str) -> None:
        answers.put(self._visit, "nik", text)
        self.nik.set_error(None)
        self._show_reading()

    def _on_differs_toggled(self, checked: bool) -> None:
        answers.put(self._visit, "birth_date_differs", checked)
        if not checked:
            self.ktp_date.set_value(None)
            answers.put(self._visit, "ktp_birth_date", None)
        self._show_reading()

    def _on_ktp_date_changed(self) -> None:
        answers.put(self._visit, "ktp_birth_date", self.ktp_date.value())

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        problem = nik_problem(self._reading())
        if problem is not None:
            found.append((self.nik, problem))
        if self.differs.isChecked() and self.ktp_date.value() is None:
            found.append((self.ktp_date, lambda: _(
                "Enter the day, month and year written on your KTP.")))
        if not self.full_name.text().strip():
            found.append((self.full_name, lambda: _("Write your name as on your KTP.")))
        if not self.birth_place.text().strip():
            found.append((self.birth_place, lambda: _("Write the town where you were born.")))
        if self.religion.value() is None:
            found.append((self.religion, lambda: _("Tap the religion on your KTP.")))
        if self.marital.value() is None:
            found.append((self.marital, lambda: _("Tap your marital status.")))
        return found
