"""Reading and checking a NIK (Nomor Induk Kependudukan), as the kiosk concludes it.

Layout (UU 24/2013 Administrasi Kependudukan; Permendagri 72/2019): 16 digits; 1-2 province,
3-4 kabupaten/kota, 5-6 kecamatan of the place where the NIK was issued (the codes of then);
7-12 the birth date DDMMYY, with 40 added to the day for women; 13-16 a serial, never 0000.

The century is not in the NIK: the kiosk takes the latest one that gives an age of the
working-age rule (the registration minimum, a setting, up to MAX_AGE); when none does, the
latest past date, so that the age check can say "too young". A province code that never
existed is a refusal; a kabupaten/kota or kecamatan code missing from today's table is only a
"please check" warning (codes change when regions split; SOURCES.md of the shared data).
`check_nik` never raises, whatever it is given.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kiosk.i18n import N_
from kiosk.registration.problems import Problem
from kiosk.registration.wilayah import wilayah_table

MIN_AGE_DEFAULT = 18
MAX_AGE = 100  # an older age is taken as the wrong century, never as a resident
_SEPARATORS = re.compile(r"[\s\-.\u2010-\u2015_/]")


@dataclass(frozen=True)
class NikResult:
    """What a NIK says. `nik` is the normalised text (digits when well-formed); `birth_date`,
    `sex` ("L" laki-laki / "P" perempuan) and region names are None when unreadable.
    `problems` refuse the NIK; `warnings` only ask the resident to check."""

    nik: str
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    birth_date: date | None = None
    sex: str | None = None
    province: str | None = None
    kabupaten_kota: str | None = None
    kecamatan: str | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def region_code(self) -> str:
        """The dotted kecamatan code the NIK encodes ("33.74.01"), "" when not 16 digits."""
        n = self.nik
        return (f"{n[0:2]}.{n[2:4]}.{n[4:6]}" if len(n) == 16 and n.isascii() and n.isdigit()
                else "")


def normalise_nik(text: object) -> str:
    """The NIK without the spaces, dashes, dots and slashes people type between its groups,
    its digits as ASCII: NFKC turns fullwidth digits (０３３７, from a CJK input method or a
    copied PDF) into 0337, so they are read as the same NIK, not refused and decoded apart."""
    if not isinstance(text, str):
        return ""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def _p(rule: str, message: str, **params: object) -> Problem:
    return Problem(rule, message, params, field="nik")


def check_nik(text: object, today: date, *, min_age: int = MIN_AGE_DEFAULT) -> NikResult:
    """Everything the kiosk concludes of `text` as a NIK on `today` (never raises)."""
    nik = normalise_nik(text)
    if not nik:
        return NikResult(nik, (_p("nik_empty", N_("Type the 16 digits of your NIK.")),))
    if not nik.isascii() or not nik.isdigit():
        return NikResult(nik, (_p("nik_not_digits", N_("A NIK has digits only.")),))
    if len(nik) != 16:
        return NikResult(nik, (_p("nik_length", N_("A NIK has 16 digits; you typed {count}."),
                                  count=len(nik)),))
    problems: list[Problem] = []
    warnings: list[Problem] = []
    table = wilayah_table()
    province = table.get(nik[0:2])
    kabupaten = table.get(f"{nik[0:2]}.{nik[2:4]}")
    kecamatan = table.get(f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}")
    if province is None or province.level != "provinsi":
        problems.append(_p("nik_province", N_(
            "The first two digits of a NIK are a province code, and {code} is none. Check "
            "the digits."), code=nik[0:2]))
    elif kabupaten is None:
        warnings.append(_p("nik_region_unknown", N_(
            "The kiosk does not know the region code in this NIK. Please check the first six "
            "digits; if they are right, go on.")))
    elif kecamatan is None:
        warnings.append(_p("nik_kecamatan_unknown", N_(
            "The kiosk does not know the kecamatan code in this NIK. Please check digits 5 and "
            "6; if they are right, go on.")))
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    born = birth_date_from(day - 40 if day > 40 else day, month, yy, today, min_age)
    if born is None:
        problems.append(_p("nik_birth_date", N_(
            "The birth date inside this NIK is not a real date. Check the digits.")))
    elif not birth_date_is_working_age(born, today, min_age):
        problems.append(Problem("age_minimum", N_(
            "Registration is for people aged {age} and over."), {"age": min_age}, field="nik"))
    if nik[12:] == "0000":
        problems.append(_p("nik_serial", N_(
            "The last four digits of a NIK are never 0000. Check the digits.")))
    return NikResult(
        nik, tuple(problems), tuple(warnings), born, sex if born else None,
        province.name if province and province.level == "provinsi" else None,
        kabupaten.name if kabupaten else None, kecamatan.name if kecamatan else None)


def age_on(born: date, today: date) -> int:
    """Whole years between `born` and `today` (negative when born later)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def birth_date_is_working_age(born: date, today: date, min_age: int) -> bool:
    return min_age <= age_on(born, today) <= MAX_AGE


def birth_date_from(day: int, month: int, yy: int, today: date, min_age: int) -> date | None:
    """The birth date of DD, MM, YY by the working-age rule, or None when no century makes a
    real date. Prefers the latest century giving an age from `min_age` to MAX_AGE, else the
    latest date not in the future."""
    real: list[date] = []
    for century in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        try:
            real.append(date(century + yy, month, day))
        except ValueError:
            continue
    for candidate in real:
        if birth_date_is_working_age(candidate, today, min_age):
            return candidate
    past = [d for d in real if d <= today]
    return past[0] if past else (real[0] if real else None)
