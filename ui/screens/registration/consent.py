"""Step 1: what the kiosk collects, why, who receives it, how long it is kept and the resident's
rights under UU PDP 27/2022 (art. 20: consent as the lawful basis; art. 5-13: the rights), then
"Saya setuju". The version of the text and the time of consent are kept with the record."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from kiosk.i18n import N_, _
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.frame import Problem, StepScreen
from ui.theme import set_role
from ui.widgets.wrapping_button import WrappingCheckBox
from ui.widgets.wrapping_label import WrappingLabel

CONSENT_VERSION = "ak1-consent-2026-12"  # change it whenever the text below changes
_SECTIONS = (
    (N_("What we collect"),
     N_("Your NIK, full name, place and date of birth, sex, religion, marital status, address, "
        "mobile number and email, education, skills, languages, work experience, the work you "
        "are looking for and, only if you choose to tell us, a disability.")),
    (N_("Why"),
     N_("To issue your job-seeker card AK1 (Permenaker 39/2016), to offer you vacancies and "
        "training that fit you, and for the city's labour statistics.")),
    (N_("Who receives it"),
     N_("Only Disnaker Kota Semarang, through the kiosk's link to the city's labour system. "
        "Nobody else, unless a law requires it.")),
    (N_("How long it is kept"),
     N_("On this kiosk, locked (encrypted), only until Disnaker has received it; then it is "
        "deleted here. At Disnaker, as long as your AK1 card is valid and the archive rules "
        "require.")),
    (N_("Your rights (UU PDP 27/2022)"),
     N_("You may ask what is kept about you and how it is used, see it, have it corrected or "
        "deleted, stop its use, and withdraw this consent at any time: ask the staff or come to "
        "Disnaker Kota Semarang.")),
)


class _ConsentBox:
    """The tick box as a checked field (set_error, title, error_text) for the frame."""

    def __init__(self, box: QCheckBox, error: WrappingLabel) -> None:
        self.box, self.error = box, error

    def set_error(self, message: Problem | None) -> None:
        self.error.setText(message() if message else "")
        self.error.setVisible(message is not None)

    def title(self) -> str:
        return self.box.text()

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() else ""

    def findChild(self, _kind: Any) -> QCheckBox:  # noqa: N802 (the frame focuses the control)
        return self.box


class ConsentScreen(StepScreen):
    """Step 1. "Lanjut" needs the tick; the time and CONSENT_VERSION go into the draft."""

    route = Route.REG_CONSENT
    step = 1
    next_route = Route.REG_IDENTITY
    uses_keyboard = False
    demo_states = (DemoState("registration-1-consent"),)

    def build(self, body: QVBoxLayout) -> None:
        self._headings: list[WrappingLabel] = []
        self._texts: list[WrappingLabel] = []
        for _heading, _text in _SECTIONS:
            heading = WrappingLabel(self)
            set_role(heading, "heading")
            text = WrappingLabel(self)
            body.addWidget(heading)
            body.addWidget(text)
            self._headings.append(heading)
            self._texts.append(text)
        self.agree = WrappingCheckBox(self.ctx.theme, self)
        self.agree.setMinimumHeight(self.ctx.theme.target_px)
        self.agree.toggled.connect(self._on_agree_toggled)
        self.agree_error = WrappingLabel(self)
        set_role(self.agree_error, "error")
        self.agree_error.hide()
        self._agree_field = _ConsentBox(self.agree, self.agree_error)
        body.addWidget(self.agree)
        body.addWidget(self.agree_error)

    def heading(self) -> str:
        return _("Register for the AK1 card: your data")

    def instruction(self) -> str:
        return _("Read how your data is used. Tick “I agree” to start. It takes about ten "
                 "minutes; nothing is sent until the last step.")

    def retranslate_fields(self) -> None:
        for (heading, text), h, t in zip(_SECTIONS, self._headings, self._texts, strict=True):
            h.setText(_(heading))
            t.setText(_(text))
        self.agree.setText(_("I agree that my data is used as written above"))
        self.agree.setAccessibleName(self.agree.text())

    def items(self) -> list[str]:
        return [f"{_(h)}. {_(t)}" for h, t in _SECTIONS] + [self.agree.text()]

    def load(self) -> None:
        given = answers.get(self._visit, "consent_version") == CONSENT_VERSION
        self.agree.blockSignals(True)
        self.agree.setChecked(given)
        self.agree.blockSignals(False)

    def problems(self) -> list[tuple[Any, Problem]]:
        if self.agree.isChecked():
            return []
        return [(self._agree_field,
                 lambda: _("Tick “I agree” to register. Without it the kiosk keeps nothing."))]

    def _on_agree_toggled(self, checked: bool) -> None:
        answers.put(self._visit, "consent_version", CONSENT_VERSION if checked else None)
        answers.put(self._visit, "consent_at", self.ctx.clock().astimezone() if checked else None)
