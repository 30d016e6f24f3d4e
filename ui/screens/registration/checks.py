"""The checks the registration screens show beside their fields, as sentences in the screen's
language: kiosk.registration's validators decide (NIK rules, phonenumbers, email-validator);
this module only turns their answers into what a screen shows."""
from __future__ import annotations

from collections.abc import Callable

from kiosk.registration.nik import NikResult
from kiosk.registration.validators import check_email, check_phone

Problem = Callable[[], str]


def nik_problem(found: NikResult) -> Problem | None:
    """The first problem of a checked NIK (kiosk.registration.nik.check_nik) as the sentence
    the field shows, or None when the NIK is accepted."""
    return found.problems[0].text if found.problems else None


def phone_problem(text: str) -> Problem | None:
    """A mobile number in Indonesia (phonenumbers), or the sentence saying what is wrong."""
    _e164, problems = check_phone(text)
    return problems[0].text if problems else None


def email_problem(text: str) -> Problem | None:
    """An email is optional; when given it must be a complete address (email-validator)."""
    _normalised, problems = check_email(text)
    return problems[0].text if problems else None
