"""Turning vacancy facts into the short texts residents read: money, dates, job types, schooling.

Qt-free. Numbers and dates follow the current kiosk language through Babel (id_ID or en_US).
"""
from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from kiosk.i18n import N_, _, current_language, ngettext
from kiosk.pay import PayUnit, umk_on
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy

_BABEL_LOCALE = {"id": "id_ID", "en": "en_US"}

EMPLOYMENT_LABELS: dict[EmploymentType, str] = {
    EmploymentType.FULL_TIME: N_("Full time"),
    EmploymentType.PART_TIME: N_("Part time"),
    EmploymentType.CONTRACT: N_("Contract"),
    EmploymentType.INTERNSHIP: N_("Internship"),
    EmploymentType.FREELANCE: N_("Freelance"),
    EmploymentType.DAILY: N_("Daily paid work"),
    EmploymentType.OTHER: N_("Other kind of work"),
}

EDUCATION_LABELS: dict[EducationLevel, str] = {
    EducationLevel.BELUM_SD: N_("Did not finish primary school"),
    EducationLevel.PAKET_A: N_("Paket A (equal to SD)"),
    EducationLevel.PAKET_B: N_("Paket B (equal to SMP)"),
    EducationLevel.PAKET_C: N_("Paket C (equal to SMA)"),
    EducationLevel.SD: N_("Primary school (SD)"),
    EducationLevel.SMP: N_("Junior high school (SMP)"),
    EducationLevel.SMA: N_("Senior high school (SMA)"),
    EducationLevel.SMK: N_("Vocational high school (SMK)"),
    EducationLevel.D1: N_("Diploma 1 (D1)"),
    EducationLevel.D2: N_("Diploma 2 (D2)"),
    EducationLevel.D3: N_("Diploma 3 (D3)"),
    EducationLevel.D4: N_("Applied bachelor (D4)"),
    EducationLevel.S1: N_("Bachelor's degree (S1)"),
    EducationLevel.S2: N_("Master's degree (S2)"),
    EducationLevel.S3: N_("Doctorate (S3)"),
}


def babel_locale() -> str:
    """The Babel locale of the current kiosk language ("id_ID" or "en_US")."""
    return _BABEL_LOCALE.get(current_language(), "id_ID")


def number(value: int) -> str:
    """A whole number with the language's digit grouping: "2.000" / "2,000"."""
    return format_decimal(value, format="#,##0", locale=babel_locale())


def rupiah(amount: int) -> str:
    """An amount in IDR with the language's digit grouping: "Rp 3.000.000" / "Rp 3,000,000"."""
    return "Rp " + format_decimal(amount, format="#,##0", locale=babel_locale())


def rupiah_millions(amount: int) -> str:
    """A round amount in millions of IDR, for filter buttons: "Rp 7,5 juta" / "Rp 7.5 million"."""
    millions = format_decimal(amount / 1_000_000, format="#,##0.#", locale=babel_locale())
    return _("Rp {amount} million").format(amount=millions)


# Per unit: (range, single figure, "from", "up to"). The monthly forms are the old msgids.
_SALARY_FORMS: dict[PayUnit, tuple[str, str, str, str]] = {
    PayUnit.HOUR: (N_("{low} – {high} per hour"), N_("{amount} per hour"),
                   N_("From {amount} per hour"), N_("Up to {amount} per hour")),
    PayUnit.DAY: (N_("{low} – {high} per day"), N_("{amount} per day"),
                  N_("From {amount} per day"), N_("Up to {amount} per day")),
    PayUnit.WEEK: (N_("{low} – {high} per week"), N_("{amount} per week"),
                   N_("From {amount} per week"), N_("Up to {amount} per week")),
    PayUnit.MONTH: (N_("{low} – {high} per month"), N_("{amount} per month"),
                    N_("From {amount} per month"), N_("Up to {amount} per month")),
    PayUnit.YEAR: (N_("{low} – {high} per year"), N_("{amount} per year"),
                   N_("From {amount} per year"), N_("Up to {amount} per year")),
}


def salary_text(
    salary_min: int | None, salary_max: int | None, unit: PayUnit = PayUnit.MONTH
) -> str:
    """The pay a vacancy offers, in the unit the employer stated (kiosk.pay.PayUnit).

    Both bounds: "Rp 3.000.000 – Rp 4.000.000 per bulan", "Rp 20.000 per jam"; one bound:
    "Mulai ..." / "Sampai ...";
    none (or nonsense such as zero or negative): a plain "salary not stated".
    """
    low = salary_min if salary_min and salary_min > 0 else None
    high = salary_max if salary_max and salary_max > 0 else None
    if low and high and high < low:
        low, high = high, low
    ranged, single, from_, up_to = _SALARY_FORMS[PayUnit(unit)]
    if low and high and low != high:
        return _(ranged).format(low=rupiah(low), high=rupiah(high))
    if low and high:
        return _(single).format(amount=rupiah(low))
    if low:
        return _(from_).format(amount=rupiah(low))
    if high:
        return _(up_to).format(amount=rupiah(high))
    return _("Salary not stated")


def vacancy_salary_text(vacancy: Vacancy) -> str:
    """`salary_text` of a vacancy, in its own pay unit."""
    return salary_text(vacancy.salary_min, vacancy.salary_max, vacancy.salary_unit)


def day_text(day: date) -> str:
    """A calendar date written out: "9 Juli 2025" / "July 9, 2025"."""
    return format_date(day, format="long", locale=babel_locale())


def employment_label(kind: EmploymentType | None) -> str:
    """The localised name of an employment type; a plain "not stated" when unknown."""
    if kind is None:
        return _("Type of work not stated")
    return _(EMPLOYMENT_LABELS[kind])


def education_label(level: EducationLevel) -> str:
    """The localised name of a jenjang pendidikan, keeping its usual abbreviation."""
    return _(EDUCATION_LABELS[level])


def education_text(level: EducationLevel | None) -> str:
    """The minimum schooling a vacancy asks: "Pendidikan minimal SMA" or "not stated"."""
    if level is None:
        return _("Education not stated")
    return _("Minimum education: {level}").format(level=education_label(level))


def experience_text(months: int | None) -> str:
    """The work experience asked, kept in months: none needed, at least N years (a whole
    number of years), at least N months ("6 bulan" is not "no experience"), or not stated."""
    if months is None or months < 0:
        return _("Experience not stated")
    if months == 0:
        return _("No experience needed")
    if months % 12 == 0:
        years = months // 12
        return ngettext(
            "At least {years} year of experience", "At least {years} years of experience", years
        ).format(years=years)
    return ngettext(
        "At least {months} month of experience", "At least {months} months of experience",
        months,
    ).format(months=months)


def closing_text(vacancy: Vacancy) -> str:
    """The last day to apply, marked "(perkiraan)" when the kiosk estimated it."""
    day = day_text(vacancy.valid_through)
    if vacancy.valid_through_estimated:
        return _("Open until {day} (estimated)").format(day=day)
    return _("Open until {day}").format(day=day)


def posted_text(vacancy: Vacancy) -> str:
    """The day the vacancy was posted."""
    return _("Posted on {day}").format(day=day_text(vacancy.date_posted))


def place_text(vacancy: Vacancy, regions: RegionTable) -> str:
    """Where the work is: "Kecamatan Tembalang, Kota Semarang" inside the city, else the source's
    own location text ("Jakarta Barat"), else "not stated"."""
    name = regions.name_of(vacancy.kecamatan_code)
    if name:
        return _("Kecamatan {name}, Kota Semarang").format(name=name)
    if vacancy.location.strip():
        return vacancy.location.strip()
    return _("Location not stated")


# The resident's highest schooling, as the Pendidikan filter offers it. SMA and SMK share a KKNI
# rank, as do D4 and S1, so one button each covers both (kiosk/vacancy.py, Perpres 8/2012).
# "Belum tamat SD" comes first; each Paket (kesetaraan) follows the school it equals, so a
# resident finds the name printed on their certificate.
EDUCATION_CHOICES: tuple[tuple[EducationLevel, str], ...] = (
    (EducationLevel.BELUM_SD, EDUCATION_LABELS[EducationLevel.BELUM_SD]),
    (EducationLevel.SD, EDUCATION_LABELS[EducationLevel.SD]),
    (EducationLevel.PAKET_A, EDUCATION_LABELS[EducationLevel.PAKET_A]),
    (EducationLevel.SMP, EDUCATION_LABELS[EducationLevel.SMP]),
    (EducationLevel.PAKET_B, EDUCATION_LABELS[EducationLevel.PAKET_B]),
    (EducationLevel.SMA, N_("Senior or vocational high school (SMA / SMK)")),
    (EducationLevel.PAKET_C, EDUCATION_LABELS[EducationLevel.PAKET_C]),
    (EducationLevel.D1, EDUCATION_LABELS[EducationLevel.D1]),
    (EducationLevel.D2, EDUCATION_LABELS[EducationLevel.D2]),
    (EducationLevel.D3, EDUCATION_LABELS[EducationLevel.D3]),
    (EducationLevel.S1, N_("Applied bachelor or bachelor (D4 / S1)")),
    (EducationLevel.S2, EDUCATION_LABELS[EducationLevel.S2]),
    (EducationLevel.S3, EDUCATION_LABELS[EducationLevel.S3]),
)

# Minimum monthly salaries the Gaji filter offers, IDR per month (pay in other units compares
# by its monthly equivalent, kiosk.pay), with Kota Semarang's minimum wage (UMK) among them.
ROUND_SALARY_CHOICES: tuple[int, ...] = (2_000_000, 3_000_000, 4_000_000, 5_000_000, 7_500_000)


def salary_choices() -> tuple[int, ...]:
    """The Gaji filter's minimums, low to high: the round steps and the newest known UMK
    (assets/upah/umk_semarang.json)."""
    return tuple(sorted({*ROUND_SALARY_CHOICES, umk_on().amount}))


def min_salary_label(amount: int) -> str:
    """The Gaji filter's label for a minimum: "Paling sedikit Rp 3 juta", or for the UMK
    "Paling sedikit UMK Kota Semarang 2025 (Rp 3.454.827)"."""
    umk = umk_on()
    if amount == umk.amount:
        return _("At least the minimum wage (UMK {year}, {amount})").format(
            year=umk.year, amount=rupiah(amount))
    return _("At least {amount}").format(amount=rupiah_millions(amount))


_LONG_WORD = re.compile(r"\S{25,}")
_ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str, every: int = 20) -> str:
    """`text` with an invisible break chance every `every` characters inside words of 25
    characters or more (a URL, a code, a typo without spaces), so that a wrapping label can
    fold them instead of cutting them off at the screen's edge. Shorter words are untouched."""

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return _ZERO_WIDTH_SPACE.join(word[i:i + every] for i in range(0, len(word), every))

    return _LONG_WORD.sub(split, text)
