"""Checks of the AK1 answers other than the NIK. Each returns (clean value or None, problems)
and never raises, whatever it is given (tests/core/registration: hypothesis over each).

Sources: mobile numbers through `phonenumbers` (Google's libphonenumber metadata for
Indonesia), stored as E.164 ("+6281234567890"); email through `email-validator` (RFC 5321/
5322 syntax, no DNS lookup: the kiosk is offline); RT/RW are 1-3 digit numbers of the
neighbourhood units (Permendagri 18/2018); pay in IDR per month.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from kiosk.i18n import N_
from kiosk.registration.nik import MAX_AGE, age_on
from kiosk.registration.problems import Problem

Checked = tuple[object, tuple[Problem, ...]]
_MOBILE = (phonenumbers.PhoneNumberType.MOBILE,
           phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
# Letters of any script, with the spaces and punctuation real names use (Sri W., O'Neil,
# Al-Amin); the same rule as the central server's (sync/records.py).
_NAME = re.compile(r"^[^\W\d_]+(?:[ .,'\-][^\W\d_]*)*$")
_FORBIDDEN = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_PAY = 1_000_000_000


def _one(rule: str, message: str, field: str, **params: object) -> tuple[Problem, ...]:
    return (Problem(rule, message, params, field=field),)


def _text(value: object) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else ""


def check_phone(text: object) -> tuple[str | None, tuple[Problem, ...]]:
    """An Indonesian mobile number as E.164, or the problem."""
    raw = _text(text)
    if not raw:
        return None, _one("phone_empty", N_(
            "Type your mobile number, for example 0812 3456 7890."), "phone")
    try:
        number = phonenumbers.parse(raw, "ID")
        ok = (number.country_code == 62 and phonenumbers.is_valid_number(number)
              and phonenumbers.number_type(number) in _MOBILE)
    except (phonenumbers.NumberParseException, ValueError, TypeError, IndexError):
        ok = False
    if not ok:
        return None, _one("phone_not_mobile", N_(
            "This is not a mobile number in Indonesia. It starts with 08."), "phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ()


def check_email(text: object) -> tuple[str | None, tuple[Problem, ...]]:
    """An optional email, normalised (domain lower-cased); None and no problem when empty."""
    raw = _text(text)
    if not raw:
        return None, ()
    try:
        found = validate_email(raw, check_deliverability=False)
        if len(found.normalized) > 254:
            raise EmailNotValidError("too long")
        return found.normalized, ()
    except (EmailNotValidError, ValueError, TypeError, UnicodeError):
        return None, _one("email_invalid", N_(
            "This email address is not complete, for example nama@gmail.com."), "email")


def check_age(born: object, today: date, min_age: int) -> tuple[int | None, tuple[Problem, ...]]:
    """The age on `today` when from `min_age` to MAX_AGE (the working-age rule), else why."""
    if not isinstance(born, date):
        return None, _one("birth_date_missing", N_("Enter your birth date."), "birth_date")
    age = age_on(born, today)
    if age < min_age:
        return None, _one("age_minimum", N_("Registration is for people aged {age} and over."),
                          "birth_date", age=min_age)
    if age > MAX_AGE:
        return None, _one("age_implausible", N_(
            "This birth date is too long ago. Check the year."), "birth_date")
    return age, ()


def check_name(text: object) -> tuple[str | None, tuple[Problem, ...]]:
    """A full name as on the KTP: one field, one word is fine, 2 to 100 characters."""
    name = _text(text)
    if not name:
        return None, _one("name_empty", N_("Type your full name as on your KTP."), "full_name")
    if len(name) < 2 or len(name) > 100 or not _NAME.match(name):
        return None, _one("name_invalid", N_(
            "A name has letters, spaces, dots, commas, apostrophes and hyphens only."),
            "full_name")
    return name, ()


def check_free_text(text: object, field: str, *, required: bool, limit: int = 100
                    ) -> tuple[str | None, tuple[Problem, ...]]:
    """Place of birth, street, school, major, a skill: plain text up to `limit` characters."""
    value = _text(text)
    if not value:
        return None, (_one("text_empty", N_("Please fill this in."), field) if required else ())
    if len(value) > limit or _FORBIDDEN.search(value):
        return None, _one("text_invalid", N_(
            "Use at most {limit} letters and digits here, without < or >."), field, limit=limit)
    return value, ()


def check_rt_rw(text: object, field: str) -> tuple[str | None, tuple[Problem, ...]]:
    """An RT or RW number ("3" or "003"), returned as three digits ("003"); optional."""
    value = _text(text)
    if not value:
        return None, ()
    if not value.isascii() or not value.isdigit() or len(value) > 3 or int(value) == 0:
        return None, _one("rt_rw_invalid", N_(
            "RT and RW are numbers of one to three digits, for example 005."), field)
    return f"{int(value):03d}", ()


def check_graduation_year(text: object, today: date, born: date | None = None
                          ) -> tuple[int | None, tuple[Problem, ...]]:
    """An optional year from 1950 (or the birth year + 5) to this year."""
    value = _text(text)
    if not value:
        return None, ()
    low = max(1950, born.year + 5) if isinstance(born, date) else 1950
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= today.year:
        return None, _one("graduation_year_invalid", N_(
            "Type the year you finished school, for example 2015."), "graduation_year")
    return int(value), ()


def check_pay(text: object) -> tuple[int | None, tuple[Problem, ...]]:
    """Expected pay in IDR per month: digits (Rp, dots, commas and spaces allowed); optional."""
    value = re.sub(r"[\s.,]", "", _text(text))
    value = re.sub(r"^(?i:rp)", "", value)
    if not value:
        return None, ()
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_PAY:
        return None, _one("pay_invalid", N_(
            "Type the pay in rupiah per month as digits, for example 3000000."), "expected_pay")
    return int(value), ()
