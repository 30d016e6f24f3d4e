"""Steps 7 and 8: the work wanted (KBJI 2014 major groups as big tick buttons, where, expected
pay in rupiah per month) and an optional, self-declared disability (UU 8/2016 art. 4)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout

from kiosk import formatting as fmt
from kiosk.i18n import N_, _
from ui.screens.base import DemoState, Route
from ui.screens.registration import answers
from ui.screens.registration.frame import Problem, StepScreen
from ui.widgets.form_fields import ChoiceField, MultiChoiceField, TextField

LOCATIONS = (
    ("kota_semarang", N_("Kota Semarang")), ("jawa_tengah", N_("Anywhere in Central Java")),
    ("indonesia", N_("Anywhere in Indonesia")), ("luar_negeri", N_("Abroad")),
)
# UU 8/2016 art. 4(1): penyandang disabilitas fisik, intelektual, mental and sensorik; the
# sensory kinds are told apart because vacancies say which they suit.
DISABILITIES = (
    ("fisik", N_("Physical")), ("intelektual", N_("Intellectual")), ("mental", N_("Mental")),
    ("sensorik_netra", N_("Sight (netra)")), ("sensorik_rungu", N_("Hearing (rungu)")),
    ("sensorik_wicara", N_("Speech (wicara)")),
)
# KBJI 2014 golongan pokok 1-9 in words that fit a button (the official titles are in
# kiosk.kbji.MAJOR_GROUPS; the review shows those).
KBJI_SHORT = (
    ("1", N_("Managers")), ("2", N_("Professionals")),
    ("3", N_("Technicians and assistants")), ("4", N_("Office and clerical work")),
    ("5", N_("Services and sales")), ("6", N_("Farming, forestry, fishing")),
    ("7", N_("Crafts and processing trades")), ("8", N_("Machine operators")),
    ("9", N_("Manual labour")),
)
MAX_PAY_IDR = 1_000_000_000  # a month; more is a typing slip


def _options(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, Any]]:
    return [(value, (lambda t=text: _(t))) for value, text in pairs]


class WishesScreen(StepScreen):
    """Step 7. Groups are KBJI 2014 golongan pokok 1-9 (0 is TNI/POLRI, not recruited here)."""

    route = Route.REG_WISHES
    step = 7
    next_route = Route.REG_DISABILITY
    demo_states = (DemoState("registration-7-wishes"),)

    def build(self, body: QVBoxLayout) -> None:
        theme = self.ctx.theme
        groups = [(code, (lambda t=title: _(t))) for code, title in KBJI_SHORT]
        self.groups = MultiChoiceField(theme, lambda: _("Kinds of work you want"), groups,
                                       columns=3, hint=lambda: _("Tap one or more."),
                                       parent=self)
        self.groups.changed.connect(
            lambda: answers.put(self._visit, "kbji_groups", self.groups.values_chosen()))
        self.location = ChoiceField(theme, lambda: _("Where you want to work"),
                                    _options(LOCATIONS), columns=4, parent=self)
        self.location.changed.connect(
            lambda: answers.put(self._visit, "preferred_location", self.location.value()))
        self.pay = TextField(theme, lambda: _("Pay you expect, rupiah per month"),
                             hint=lambda: _("Digits only, for example 3000000. You may leave "
                                            "it empty."), digits=True, max_length=10,
                             parent=self)
        self.pay.edit.setMaximumWidth(theme.px(80))
        self.pay.edited.connect(self._on_pay_edited)
        for widget in (self.groups, self.location, self.pay):
            body.addWidget(widget)

    def heading(self) -> str:
        return _("The work you are looking for")

    def instruction(self) -> str:
        return _("Tap the kinds of work you want and where. The kiosk uses this to show you "
                 "vacancies.")

    def load(self) -> None:
        visit = self._visit
        self.groups.set_values_chosen(answers.get(visit, "kbji_groups", ()))
        self.location.set_value(answers.get(visit, "preferred_location") or None)
        self.pay.set_text(answers.get(visit, "expected_pay", ""))
        self._show_pay()

    def _on_pay_edited(self, text: str) -> None:
        answers.put(self._visit, "expected_pay", text)
        self._show_pay()

    def _show_pay(self) -> None:
        text = self.pay.text()
        hint = _("Digits only, for example 3000000. You may leave it empty.")
        if text.isdigit() and 0 < int(text) <= MAX_PAY_IDR:
            hint = fmt.rupiah(int(text)) + " " + _("per month")
        self.pay.hint.setText(hint)

    def retranslate_fields(self) -> None:
        for field in (self.groups, self.location, self.pay):
            field.retranslate()
        self._show_pay()

    def items(self) -> list[str]:
        chosen = [self.groups.button(v).text() for v in self.groups.values_chosen()]
        return [self.groups.title() + ": " + (", ".join(chosen) or _("none yet")) + ".",
                self.location.title(), self.pay.title()]

    def problems(self) -> list[tuple[Any, Problem]]:
        found: list[tuple[Any, Problem]] = []
        if not self.groups.values_chosen():
            found.append((self.groups, lambda: _("Tap at least one kind of work.")))
        pay = self.pay.text()
        if pay and not (pay.isdigit() and 0 < int(pay) <= MAX_PAY_IDR):
            found.append((self.pay, lambda: _(
                "Type the amount in digits, for example 3000000, or leave it empty.")))
        return found


class DisabilityScreen(StepScreen):
    """Step 8, optional: nothing ticked is a full answer. Used only to show vacancies that
    welcome the resident (UU 8/2016 art. 53: quotas for workers with disabilities)."""

    route = Route.REG_DISABILITY
    step = 8
    next_route = Route.REG_REVIEW
    uses_keyboard = False
    demo_states = (DemoState("registration-8-disability"),)

    def build(self, body: QVBoxLayout) -> None:
        self.kinds = MultiChoiceField(self.ctx.theme, lambda: _("Disability (optional)"),
                                      _options(DISABILITIES), columns=3,
                                      hint=lambda: _("Leave all empty if none, or if you "
                                                     "prefer not to say."),
                                      personal=True, parent=self)
        self.kinds.changed.connect(
            lambda: answers.put(self._visit, "disabilities", self.kinds.values_chosen()))
        body.addWidget(self.kinds)

    def heading(self) -> str:
        return _("Disability (you may skip this)")

    def instruction(self) -> str:
        return _("If you have a disability and want vacancies that welcome you, tap it. "
                 "Only Disnaker sees this.")

    def load(self) -> None:
        self.kinds.set_values_chosen(answers.get(self._visit, "disabilities", ()))

    def retranslate_fields(self) -> None:
        self.kinds.retranslate()

    def items(self) -> list[str]:
        return [self.kinds.title()]
