"""Step 9: everything entered on one screen, part by part, with "Ubah" beside each part, and
"Kirim pendaftaran", which saves the registration off the GUI thread (ctx.runner.db)."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import formatting as fmt
from kiosk.i18n import _
from kiosk.kbji import MAJOR_GROUPS
from kiosk.services import KioskServices
from ui.accessible import mark_data
from ui.personal import mark_personal
from ui.screens.base import DemoSetup, DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.contact import education_label
from ui.screens.registration.demo import demo_draft
from ui.screens.registration.experience import describe_job
from ui.screens.registration.frame import Problem, StepScreen
from ui.screens.registration.identity import MARITAL, RELIGIONS
from ui.screens.registration.submit import SubmitOutcome, submit_draft
from ui.screens.registration.wishes import DISABILITIES, LOCATIONS
from ui.theme import set_role
from ui.widgets.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)
# (part name, the step that edits it)
PARTS: tuple[tuple[str, Route], ...] = (
    ("identity", Route.REG_IDENTITY), ("address", Route.REG_ADDRESS),
    ("contact", Route.REG_CONTACT), ("education", Route.REG_EDUCATION),
    ("experience", Route.REG_EXPERIENCE), ("wishes", Route.REG_WISHES),
    ("disability", Route.REG_DISABILITY),
)


def _label(pairs: tuple[tuple[str, str], ...], value: Any) -> str:
    return next((_(text) for key, text in pairs if key == value), "")


def _demo_review(_services: KioskServices) -> DemoSetup:
    return DemoSetup(registration=demo_draft())


class ReviewScreen(StepScreen):
    """Step 9. Every value shown here is personal and marked so (never read aloud in public)."""

    route = Route.REG_REVIEW
    step = 9
    next_route = Route.REG_RECEIPT
    uses_keyboard = False
    demo_states = (DemoState("registration-9-review", _demo_review),)

    def build(self, body: QVBoxLayout) -> None:
        self._busy = False
        self._failure = ""
        self.part_titles: dict[str, WrappingLabel] = {}
        self.part_values: dict[str, WrappingLabel] = {}
        self.change_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.ctx.theme.px(6))
        grid.setVerticalSpacing(self.ctx.theme.px(4))
        for row, (part, route) in enumerate(PARTS):
            title = WrappingLabel(self)
            set_role(title, "heading")
            value = WrappingLabel(self)
            mark_personal(value)
            mark_data(value)  # the resident's own answers: the same in every language
            button = QPushButton(self)
            button.setAutoDefault(True)
            button.clicked.connect(lambda _c=False, r=route: self.request_navigation(
                r, from_review=True))
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(value)
            grid.addWidget(holder, row, 0)
            grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.part_titles[part], self.part_values[part] = title, value
            self.change_buttons[part] = button
        grid.setColumnStretch(0, 1)
        body.addLayout(grid)
        self.status = WrappingLabel(self)
        set_role(self.status, "error")
        self.status.hide()
        body.addWidget(self.status)

    def heading(self) -> str:
        return _("Check your answers")

    def instruction(self) -> str:
        return _("Is everything right? Tap “Change” beside a part to correct it. Then tap "
                 "“Send registration”.")

    def load(self) -> None:
        self._busy = False
        self._failure = ""
        self._fill()

    def _fill(self) -> None:
        v = self._visit
        a = answers.get
        birth = a(v, "ktp_birth_date")
        nik = a(v, "nik", "")
        identity = [
            a(v, "full_name", ""),
            _("NIK {nik}").format(nik=nik) if nik else "",
            ", ".join(x for x in (a(v, "birth_place", ""),
                                  fmt.day_text(birth) if birth else "") if x),
            _label(RELIGIONS, a(v, "religion")), _label(MARITAL, a(v, "marital_status")),
        ]
        if a(v, "outside_semarang", False):
            region = a(v, "outside_address", "")
        else:
            region = self._region_text(a(v, "kecamatan_code"), a(v, "kelurahan_code"))
        rt, rw = a(v, "rt", ""), a(v, "rw", "")
        address = [a(v, "street", ""), f"RT {rt} / RW {rw}" if rt or rw else "", region]
        contact = [a(v, "phone", ""), a(v, "email", "")]
        level = a(v, "education_level")
        education = [
            education_label(level) if level else "",
            a(v, "major", ""), a(v, "school", ""), a(v, "graduation_year", ""),
        ]
        experience = [
            _("Skills: {items}").format(items=", ".join(a(v, "skills", ())) or "-"),
            _("Languages: {items}").format(items=", ".join(a(v, "languages", ())) or "-"),
            *[describe_job(job) for job in a(v, "experience", ())],
        ]
        pay = a(v, "expected_pay", "")
        wishes = [
            ", ".join(MAJOR_GROUPS[g] for g in a(v, "kbji_groups", ()) if g in MAJOR_GROUPS),
            _label(LOCATIONS, a(v, "preferred_location")),
            fmt.rupiah(int(pay)) + " " + _("per month") if pay.isdigit() else "",
        ]
        disability = [_label(DISABILITIES, d) for d in a(v, "disabilities", ())]
        values = {
            "identity": identity, "address": address, "contact": contact,
            "education": education, "experience": experience, "wishes": wishes,
            "disability": disability or [_("Nothing said")],
        }
        for part, lines in values.items():
            self.part_values[part].setText("\n".join(x for x in lines if x) or "-")

    def _region_text(self, kecamatan: str | None, kelurahan: str | None) -> str:
        found = self.ctx.regions.by_code(kecamatan) if kecamatan else None
        if found is None:
            return ""
        kel = next((k.name for k in found.kelurahan if k.code == kelurahan), "")
        return ", ".join(x for x in (kel, found.name, "Kota Semarang") if x)

    def retranslate_fields(self) -> None:
        titles = {
            "identity": _("Who you are"), "address": _("Where you live"),
            "contact": _("How we can reach you"), "education": _("Your schooling"),
            "experience": _("What you can do"), "wishes": _("The work you are looking for"),
            "disability": _("Disability"),
        }
        for part, label in self.part_titles.items():
            label.setText(titles[part])
            button = self.change_buttons[part]
            button.setText(_("Change"))
            button.setAccessibleName(_("Change: {part}").format(part=titles[part]))
        self.next_button.setText(_("Sending…") if self._busy else _("Send registration"))
        self.next_button.setAccessibleName(self.next_button.text())
        self.next_button.setEnabled(not self._busy)
        self.status.setText(self._failure)
        self.status.setVisible(bool(self._failure))
        self._fill()

    def items(self) -> list[str]:
        return [label.text() for label in self.part_titles.values()]

    def problems(self) -> list[tuple[Any, Problem]]:
        return []

    # -- sending ------------------------------------------------------------------------------

    def try_next(self) -> bool:
        """Send the draft once (a second tap while it is being saved does nothing)."""
        if self._busy:
            return False
        self._busy = True
        self._failure = ""
        self.retranslate()
        draft = answers.draft_of(self._visit)
        self._runner.db(lambda s: submit_draft(s, draft),
                        on_done=self._on_submitted, on_error=self._on_submit_failed)
        return True

    def _on_submitted(self, outcome: SubmitOutcome) -> None:
        self._busy = False
        if outcome.problem is not None:
            # The core refused a value (a rule the steps do not check): say which part.
            self._failure = outcome.problem
            self.retranslate()
            return
        answers.remember(self._visit, "submitted_reference", outcome.reference)
        self.request_navigation(Route.REG_RECEIPT, reference=outcome.reference,
                                existing=outcome.existing)

    def _on_submit_failed(self, exc: Exception) -> None:
        log.error("Saving a registration failed: %s", type(exc).__name__)
        self._busy = False
        self._failure = _("The kiosk could not save your registration. Nothing was lost: "
                          "tap “Send registration” again, or ask the staff.")
        self.retranslate()
