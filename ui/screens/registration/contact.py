"""Steps 4 and 5: how Disnaker reaches the resident (mobile number, optional email) and their
schooling (level, major, school, graduation year)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from kiosk.formatting import EDUCATION_LABELS
from kiosk.i18n import _
from kiosk.registration.draft import EDUCATION_LEVELS
from kiosk.vacancy import EducationLevel
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.checks import email_problem, phone_problem
from ui.screens.registration.frame import Problem, StepScreen
from ui.widgets.form_fields import ChoiceField, TextField


def education_label(level: str) -> str:
    """The words for a level of kiosk.registration.draft.EDUCATION_LEVELS."""
    if level == "TIDAK_SEKOLAH":
        return _("No schooling")
    return _(EDUCATION_LABELS[EducationLevel(level)])


class ContactScreen(StepScreen):
    """Step 4: a mobile number (needed: Disnaker sends the card's news by SMS or WhatsApp) and
    an email if the resident has one."""

    route = Route.REG_CONTACT
    step = 4
    next_route = Route.REG_EDUCATION
    demo_states = (DemoState("registration-4-contact"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        self.phone = TextField(theme, lambda: _("Mobile number"),
                               hint=lambda: _("For example 0812 3456 7890."), digits=True,
                               personal=True, max_length=20, parent=self)
        self.phone.edited.connect(lambda t: answers.put(self._visit, "phone", t))
        self.email = TextField(theme, lambda: _("Email (if you have one)"),
                               hint=lambda: _("You may leave this empty."), personal=True,
                               parent=self)
        self.email.edited.connect(lambda t: answers.put(self._visit, "email", t))
        body.addWidget(self.phone)
        body.addWidget(self.email)

    def heading(self) -> str:
        return _("How we can reach you")

    def instruction(self) -> str:
        return _("Disnaker tells you about your card and about jobs on this number.")

    def load(self) -> None:
        self.phone.set_text(answers.get(self._visit, "phone", ""))
        self.email.set_text(answers.get(self._visit, "email", ""))

    def retranslate_fields(self) -> None:
        self.phone.retranslate()
        self.email.retranslate()

    def items(self) -> list[str]:
        return [self.phone.title(), self.email.title()]

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        for field, check in ((self.phone, phone_problem), (self.email, email_problem)):
            problem = check(field.text())
            if problem is not None:
                found.append((field, problem))
        return found


class EducationScreen(StepScreen):
    """Step 5: the highest level finished, and for SMK and above the major and the school."""

    route = Route.REG_EDUCATION
    step = 5
    next_route = Route.REG_EXPERIENCE
    demo_states = (DemoState("registration-5-education"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        options = [(level, (lambda lv=level: education_label(lv))) for level in EDUCATION_LEVELS]
        self.level = ChoiceField(theme, lambda: _("Highest schooling you finished"), options,
                                 columns=4, parent=self)
        self.level.changed.connect(
            lambda: answers.put(self._visit, "education_level", self.level.value()))
        self.major = TextField(theme, lambda: _("Major or subject (if any)"), parent=self)
        self.major.edited.connect(lambda t: answers.put(self._visit, "major", t))
        self.school = TextField(theme, lambda: _("Name of the school or college"), parent=self)
        self.school.edited.connect(lambda t: answers.put(self._visit, "school", t))
        self.year = TextField(theme, lambda: _("Year you finished"), digits=True, max_length=4,
                              parent=self)
        self.year.edit.setMaximumWidth(theme.px(40))
        self.year.edited.connect(lambda t: answers.put(self._visit, "graduation_year", t))
        for widget in (self.level, self.major, self.school, self.year):
            body.addWidget(widget)

    def heading(self) -> str:
        return _("Your schooling")

    def instruction(self) -> str:
        return _("Tap the highest schooling you finished. Bring its diploma to the office.")

    def load(self) -> None:
        visit = self._visit
        self.level.set_value(answers.get(visit, "education_level"))
        self.major.set_text(answers.get(visit, "major", ""))
        self.school.set_text(answers.get(visit, "school", ""))
        self.year.set_text(answers.get(visit, "graduation_year", ""))

    def retranslate_fields(self) -> None:
        for field in (self.level, self.major, self.school, self.year):
            field.retranslate()

    def items(self) -> list[str]:
        return [self.level.title(), self.major.title(), self.school.title(), self.year.title()]

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        if self.level.value() is None:
            found.append((self.level, lambda: _("Tap the highest schooling you finished.")))
        year = self.year.text()
        this_year = self.ctx.clock().year
        if year and not (year.isdigit() and 1940 <= int(year) <= this_year):
            found.append((self.year, lambda: _(
                "Type the year with four digits, for example 2015.")))
        return found
