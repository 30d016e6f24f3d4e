"""The checks the registration screens show beside their fields, as sentences in the screen's
language: kiosk.registration's validators decide (NIK rules, phonenumbers, email-validator);
this module only turns their answers into what a screen shows."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.registration.nik import check_nik
from kiosk.registration.validators import check_email, check_phone

Problem = Callable[[], str]
MIN_AGE_DEFAULT = 18  # the working-age rule's default (kiosk.settings registration_min_age)


@dataclass(frozen=True)
class NikReading:
    """What the screen shows of a NIK: the digits kept, what they encode, the first problem
    (its `code` too), and a region warning that only asks the resident to check."""

    nik: str
    birth_date: date | None
    sex: str | None  # "L" or "P"
    problem: Problem | None
    code: str = ""
    warning: Problem | None = None


def read_nik(text: str, today: date, settings: Any = None) -> NikReading:
    """Read `text` as a NIK (kiosk.registration.nik.check_nik)."""
    min_age = int(getattr(settings, "registration_min_age", MIN_AGE_DEFAULT))
    found = check_nik(text, today, min_age=min_age)
    first = found.problems[0] if found.problems else None
    warning = found.warnings[0] if found.warnings else None
    return NikReading(
        found.nik, found.birth_date, found.sex,
        first.text if first else None, first.code if first else "",
        warning.text if warning else None,
    )


def phone_problem(text: str) -> Problem | None:
    """A mobile number in Indonesia (phonenumbers), or the sentence saying what is wrong."""
    _e164, problems = check_phone(text)
    return problems[0].text if problems else None


def email_problem(text: str) -> Problem | None:
    """An email is optional; when given it must be a complete address (email-validator)."""
    _normalised, problems = check_email(text)
    return problems[0].text if problems else None
