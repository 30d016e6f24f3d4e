"""Step 3: where the resident lives: street, RT/RW, then the kecamatan and the kelurahan picked
from Kota Semarang's table (ctx.regions, Kemendagri codes) with big buttons. An address outside
the city is allowed: it is written in one field and marked for staff."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.i18n import _
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.frame import Problem, StepScreen
from ui.widgets.form_fields import ChoiceField, TextField

OUTSIDE = "outside"  # the kecamatan choice for an address outside Kota Semarang


def _fixed(name: str) -> Callable[[], str]:
    """A region's own name: the same in every language."""
    return lambda: name


class AddressScreen(StepScreen):
    """Step 3. Choosing another kecamatan forgets the kelurahan chosen in the old one."""

    route = Route.REG_ADDRESS
    step = 3
    next_route = Route.REG_CONTACT
    demo_states = (DemoState("registration-3-address"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        self.street = TextField(theme, lambda: _("Street, house number"), personal=True,
                                parent=self)
        self.street.edited.connect(lambda t: answers.put(self._visit, "street", t))
        self.rt = TextField(theme, lambda: _("RT"), digits=True, personal=True, max_length=3,
                            parent=self)
        self.rw = TextField(theme, lambda: _("RW"), digits=True, personal=True, max_length=3,
                            parent=self)
        self.rt.edited.connect(lambda t: answers.put(self._visit, "rt", t))
        self.rw.edited.connect(lambda t: answers.put(self._visit, "rw", t))
        for field in (self.rt, self.rw):
            field.edit.setMaximumWidth(theme.px(30))
        options: list[tuple[Any, Any]] = [
            (k.code, _fixed(k.name)) for k in self.ctx.regions.kecamatan
        ]
        options.append((OUTSIDE, lambda: _("Outside the city")))
        self.kecamatan = ChoiceField(theme, lambda: _("Kecamatan"), options, columns=4,
                                     personal=True, data=True, parent=self)
        self.kecamatan.changed.connect(self._on_kecamatan_changed)
        self.kelurahan = ChoiceField(theme, lambda: _("Kelurahan"), [], columns=4,
                                     personal=True, data=True, parent=self)
        self.kelurahan.changed.connect(
            lambda: answers.put(self._visit, "kelurahan_code", self.kelurahan.value()))
        self.outside = TextField(
            theme, lambda: _("Kelurahan, kecamatan and city or regency"),
            hint=lambda: _("Staff will check an address outside Kota Semarang."),
            personal=True, parent=self)
        self.outside.edited.connect(lambda t: answers.put(self._visit, "outside_address", t))
        rtrw = QHBoxLayout()
        rtrw.setSpacing(theme.px(8))
        rtrw.addWidget(self.rt)
        rtrw.addWidget(self.rw)
        rtrw.addStretch(1)
        body.addWidget(self.street)
        body.addLayout(rtrw)
        for widget in (self.kecamatan, self.kelurahan, self.outside):
            body.addWidget(widget)

    def heading(self) -> str:
        return _("Where you live")

    def instruction(self) -> str:
        return _("Write your street and RT/RW, then tap your kecamatan and your kelurahan.")

    def _show_kelurahan(self, kecamatan_code: str | None) -> None:
        found = self.ctx.regions.by_code(kecamatan_code) if kecamatan_code else None
        if found is None:
            self.kelurahan.set_options([])
        elif self.kelurahan.values() != [k.code for k in found.kelurahan]:
            self.kelurahan.set_options([(k.code, _fixed(k.name)) for k in found.kelurahan])
        self.kelurahan.setVisible(found is not None)
        self.outside.setVisible(kecamatan_code == OUTSIDE)

    def load(self) -> None:
        visit = self._visit
        self.street.set_text(answers.get(visit, "street", ""))
        self.rt.set_text(answers.get(visit, "rt", ""))
        self.rw.set_text(answers.get(visit, "rw", ""))
        outside = bool(answers.get(visit, "outside_semarang", False))
        code = OUTSIDE if outside else answers.get(visit, "kecamatan_code")
        self.kecamatan.set_value(code)
        self._show_kelurahan(code)
        self.kelurahan.set_value(answers.get(visit, "kelurahan_code"))
        self.outside.set_text(answers.get(visit, "outside_address", ""))

    def _on_kecamatan_changed(self) -> None:
        code = self.kecamatan.value()
        visit = self._visit
        if code != (OUTSIDE if answers.get(visit, "outside_semarang") else
                    answers.get(visit, "kecamatan_code")):
            answers.put(visit, "kelurahan_code", None)
        answers.put(visit, "outside_semarang", code == OUTSIDE)
        answers.put(visit, "kecamatan_code", None if code == OUTSIDE else code)
        self._show_kelurahan(code)
        self.kelurahan.set_value(answers.get(visit, "kelurahan_code"))

    def retranslate_fields(self) -> None:
        for field in (self.street, self.rt, self.rw, self.kecamatan, self.kelurahan,
                      self.outside):
            field.retranslate()

    def items(self) -> list[str]:
        return [self.street.title(), "RT/RW", self.kecamatan.title(), self.kelurahan.title()]

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        if not self.street.text().strip():
            found.append((self.street, lambda: _("Write your street and house number.")))
        for field in (self.rt, self.rw):
            if not field.text().isdigit():
                found.append((field, lambda: _("Type the number written on your KTP.")))
        code = self.kecamatan.value()
        if code is None:
            found.append((self.kecamatan, lambda: _("Tap your kecamatan.")))
        elif code == OUTSIDE:
            if not self.outside.text().strip():
                found.append((self.outside, lambda: _("Write where you live.")))
        elif self.kelurahan.value() is None:
            found.append((self.kelurahan, lambda: _("Tap your kelurahan.")))
        return found
