"""The checks the registration screens show beside their fields, as sentences in the screen's
language. The rules themselves belong to kiosk.registration (REG-CORE); where it is present its
validators decide, and the few lines below only say what the screens need until it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.i18n import _

Problem = Callable[[], str]
MIN_AGE_DEFAULT = 18  # the working-age rule's default minimum (a setting in kiosk.settings)
_SEPARATORS = re.compile(r"[\s\-.]")


@dataclass(frozen=True)
class NikReading:
    """What the screen shows of a NIK: the digits kept, what they encode, the first problem."""

    nik: str
    birth_date: date | None
    sex: str | None  # "L" or "P"
    problem: Problem | None


def _min_age(settings: Any) -> int:
    return int(getattr(settings, "registration_min_age", MIN_AGE_DEFAULT))


def normalise_nik(text: str) -> str:
    """The NIK without the spaces, dashes and dots people type between its groups."""
    return _SEPARATORS.sub("", text)


def read_nik(text: str, today: date, settings: Any = None) -> NikReading:
    """Read `text` as a NIK (Permendagri 72/2019 layout: 6 region digits, DDMMYY with day + 40
    for women, 4 serial digits). The century is the later one that still gives a working age."""
    nik = normalise_nik(text)
    if not nik:
        return NikReading(nik, None, None, lambda: _("Type the 16 digits of your NIK."))
    if not nik.isdigit():
        return NikReading(nik, None, None, lambda: _("A NIK has digits only."))
    if len(nik) != 16:
        count = len(nik)
        return NikReading(nik, None, None, lambda: _(
            "A NIK has 16 digits; you typed {count}.").format(count=count))
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    day = day - 40 if day > 40 else day
    min_age = _min_age(settings)
    birth = None
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            break
        if _age(candidate, today) >= min_age:
            birth = candidate
            break
    if birth is None:
        try:
            date(2000 + yy, month, day)
        except ValueError:
            return NikReading(nik, None, None, lambda: _(
                "The birth date inside this NIK is not a real date. Check the digits."))
        return NikReading(nik, None, sex, lambda: _(
            "Registration is for people aged {age} and over.").format(age=min_age))
    if nik[12:] == "0000":
        return NikReading(nik, birth, sex, lambda: _(
            "The last four digits of a NIK are never 0000. Check the digits."))
    return NikReading(nik, birth, sex, None)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def phone_problem(text: str) -> Problem | None:
    """A mobile number in Indonesia (08..., +628..., 628...), 10 to 13 digits from the 0."""
    digits = re.sub(r"[\s\-()]", "", text)
    if not digits:
        return lambda: _("Type your mobile number, for example 0812 3456 7890.")
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    if not digits.isdigit() or not digits.startswith("08") or not 10 <= len(digits) <= 13:
        return lambda: _("This is not a mobile number in Indonesia. It starts with 08.")
    return None


def email_problem(text: str) -> Problem | None:
    """An email is optional; when given it must look like name@domain."""
    value = text.strip()
    if not value:
        return None
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return lambda: _("This email address is not complete, for example nama@gmail.com.")
    return None
