"""Lamar (apply) from vacancy detail: the application is queued in the outbox, tied to this
visit's registration, or to an AK1 card the resident already has (NIK and birth date); the
screen says it is queued, not yet sent. Without either, it offers the registration first."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.registration.nik import check_nik
from kiosk.services import KioskServices
from kiosk.vacancy import Vacancy
from ui.context import KioskContext
from ui.screens.base import DemoState, Route, Screen
from ui.screens.registration import answers
from ui.screens.registration.checks import nik_problem
from ui.theme import set_role
from ui.widgets.date_entry import DateEntry
from ui.widgets.form_fields import TextField
from ui.widgets.keyboard import KeyboardLayout, OnScreenKeyboard
from ui.widgets.reflow_grid import ReflowGrid
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.wrapping_button import WrappingButton
from ui.widgets.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)


def accepts_kiosk_applications(vacancy: Vacancy) -> bool:
    """Disnaker takes applications for the vacancies it mediates: those with no website to
    apply on (their "how to apply" is the Disnaker office). Demo vacancies never."""
    return not vacancy.is_demo and not vacancy.url


@dataclass(frozen=True)
class ApplicationOutcome:
    queued: bool
    problem: str | None = None


def queue(services: KioskServices, vacancy_id: int, reference: str | None, nik: str | None,
          birth_date: date | None) -> ApplicationOutcome:
    """Runs in the db thread: KioskServices.queue_application (kiosk.registration) writes the
    application and its outbox entry in one transaction.

    Raises:
        RuntimeError: this kiosk's core cannot queue applications.
    """
    queue_application = getattr(services, "queue_application", None)
    if queue_application is None:
        raise RuntimeError("KioskServices has no queue_application")
    result = queue_application(vacancy_id=vacancy_id, reference=reference, nik=nik,
                               birth_date=birth_date)
    problem = getattr(result, "problem", None)
    return ApplicationOutcome(queued=not problem, problem=str(problem) if problem else None)


class ApplyScreen(Screen):
    """`enter(vacancy_id=...)`. States: choose (no registration in this visit), card (NIK and
    birth date of an existing AK1 card), sending, queued, failed."""

    route = Route.REG_APPLY
    demo_states = (DemoState("registration-apply"),)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self._vacancy_id: int | None = None
        self._state = "choose"
        self._message = ""
        self.title_label = WrappingLabel(self)
        set_role(self.title_label, "title")
        self.text_label = WrappingLabel(self)
        self.status_label = WrappingLabel(self)
        set_role(self.status_label, "success")
        # Words that wrap: "Saya sudah punya kartu AK1" at 200 % text is wider than a
        # portrait panel (WCAG 1.4.10).
        self.register_button = WrappingButton(theme, "primary", self)
        self.register_button.clicked.connect(
            lambda: self.request_navigation(Route.REG_CONSENT, from_review=False))
        self.card_button = WrappingButton(theme, "", self)
        self.card_button.clicked.connect(self._on_card_button_clicked)
        self.send_button = WrappingButton(theme, "primary", self)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.nik = TextField(theme, lambda: _("NIK (16 digits on your KTP)"), digits=True,
                             personal=True, max_length=24, parent=self)
        self.birth = DateEntry(theme, lambda: _("Birth date as written on your KTP"),
                               personal=True, parent=self)
        self.pad = OnScreenKeyboard(theme, KeyboardLayout.NUMBER_PAD, parent=self)
        self.pad.set_target(self.nik.edit)
        for field in (self.nik.edit, self.birth.day.edit, self.birth.year.edit):
            field.installEventFilter(self)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(theme.px(4))
        large = theme.text_scale > 1.0
        if large:  # one scrolling column, the title and the number pad in it (WCAG 1.4.10)
            column.addWidget(self.title_label)
        for widget in (self.text_label, self.status_label, self.nik, self.birth):
            column.addWidget(widget)
        if large:
            column.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = ReflowGrid(theme.gap_px, 3, theme.px(40), body)
        for button in (self.register_button, self.card_button, self.send_button):
            buttons.add(button)
        column.addWidget(buttons)
        column.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(theme.px(8))
        row.addWidget(vertical_scroll_area(body, self), 1)
        if not large:
            row.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        m = theme.margin_px
        layout.setContentsMargins(m, theme.px(4), m, theme.px(3))
        if not large:
            layout.addWidget(self.title_label)
        layout.addLayout(row, 1)
        self.retranslate()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusIn:
            self.pad.set_target(watched)
            self.pad.private = True
        return super().eventFilter(watched, event)

    def title(self) -> str:
        return _("Apply for this vacancy")

    def _reference(self) -> str:
        return str(answers.get(self._visit, "submitted_reference", "") or "")

    def enter(self, vacancy_id: int | None = None, **params: Any) -> None:
        if vacancy_id is not None and vacancy_id != self._vacancy_id:
            self._vacancy_id = vacancy_id
            self._state = "choose"
        self._message = ""
        self.retranslate()

    def reset(self) -> None:
        self._vacancy_id, self._state, self._message = None, "choose", ""
        self.nik.set_text("")
        self.birth.set_value(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.title())
        has_registration = bool(self._reference())
        texts = {
            "choose": _("The application goes with the registration you made today.")
            if has_registration else _("To apply you need an AK1 card. Register now (about "
                                       "ten minutes), or use the card you already have."),
            "card": _("Type the NIK and the birth date of your AK1 card."),
            "sending": _("Saving your application…"),
            "queued": _("Your application is saved on this kiosk and waits to be sent to "
                        "Disnaker. It is not sent yet."),
            "failed": self._message or _("The application could not be saved. Ask the staff."),
        }
        self.text_label.setText(texts[self._state])
        self.status_label.setVisible(self._state == "queued")
        self.status_label.setText(_("Waiting to be sent to Disnaker"))
        self.register_button.setText(_("Register for AK1 first"))
        self.card_button.setText(_("I already have an AK1 card"))
        self.send_button.setText(_("Send the application"))
        choosing = self._state == "choose" and not has_registration
        self.register_button.setVisible(choosing)
        self.card_button.setVisible(choosing)
        card = self._state in ("card", "failed") and not has_registration
        self.nik.setVisible(card)
        self.birth.setVisible(card)
        self.pad.setVisible(card)
        self.send_button.setVisible(card or (has_registration and self._state == "choose"))
        for button in (self.register_button, self.card_button, self.send_button):
            button.setAccessibleName(button.text())
        self.nik.retranslate()
        self.birth.retranslate()

    def _on_card_button_clicked(self) -> None:
        self._state = "card"
        self.retranslate()
        self.nik.edit.setFocus()

    def _on_send_button_clicked(self) -> None:
        if self._vacancy_id is None:
            return
        reference = self._reference() or None
        nik = birth = None
        if reference is None:
            reading = check_nik(self.nik.text(), self.ctx.clock().date(),
                                min_age=int(self.ctx.settings.registration_min_age))
            problem = nik_problem(reading)
            self.nik.set_error(problem)
            birth = self.birth.value()
            self.birth.set_error(None if birth else (lambda: _(
                "Enter the day, month and year written on your KTP.")))
            if problem is not None or birth is None:
                return
            nik = reading.nik
        vacancy_id = self._vacancy_id
        self._state = "sending"
        self.retranslate()
        self._runner.db(lambda s: queue(s, vacancy_id, reference, nik, birth),
                        on_done=self._on_queued, on_error=self._on_failed)

    def _on_queued(self, outcome: ApplicationOutcome) -> None:
        self._state = "queued" if outcome.queued else "failed"
        self._message = outcome.problem or ""
        self.retranslate()

    def _on_failed(self, exc: Exception) -> None:
        log.error("Queueing an application failed: %s", type(exc).__name__)
        self._state = "failed"
        self._message = ""
        self.retranslate()

    def narration(self) -> Any:
        """accessibility.narration.Narration: the title and what to do in the current state."""
        from accessibility.narration import Narration  # lands with the speech work

        error = self.text_label.text() if self._state == "failed" else None
        return Narration(self.title(), "" if error else self.text_label.text(), (), error)

    def speak_summary(self) -> str:
        return " ".join((self.title() + ".", self.text_label.text()))
