"""The vacancy (lowongan) record, its education levels and employment types."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kiosk.pay import PayUnit, monthly_equivalent


class EducationLevel(StrEnum):
    """Jenjang pendidikan, in Indonesian order.

    `rank` follows the KKNI levels of Perpres 8/2012 (D1=3 ... S3=9); SD and SMP sit below the
    framework. SMA and SMK share a rank, as do D4 and S1 (both KKNI level 6), so a resident with
    an SMK certificate sees every vacancy that asks for SMA.

    BELUM_SD ("belum tamat SD", not finished primary school) ranks below SD: a resident who
    chooses it sees only vacancies that ask for no schooling. PAKET_A, PAKET_B and PAKET_C are
    the pendidikan kesetaraan certificates, equal to SD, SMP and SMA (UU 20/2003 Sisdiknas
    art. 26(6)), and rank with them.
    """

    BELUM_SD = "BELUM_SD"
    SD = "SD"
    PAKET_A = "PAKET_A"
    PAKET_B = "PAKET_B"
    PAKET_C = "PAKET_C"
    SMP = "SMP"
    SMA = "SMA"
    SMK = "SMK"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"

    @property
    def rank(self) -> int:
        return _EDUCATION_RANK[self]


_EDUCATION_RANK = {
    EducationLevel.BELUM_SD: -1,
    EducationLevel.PAKET_A: 0,
    EducationLevel.PAKET_B: 1,
    EducationLevel.PAKET_C: 2,
    EducationLevel.SD: 0,
    EducationLevel.SMP: 1,
    EducationLevel.SMA: 2,
    EducationLevel.SMK: 2,
    EducationLevel.D1: 3,
    EducationLevel.D2: 4,
    EducationLevel.D3: 5,
    EducationLevel.D4: 6,
    EducationLevel.S1: 6,
    EducationLevel.S2: 8,
    EducationLevel.S3: 9,
}


class EmploymentType(StrEnum):
    """How the job is held. Maps to schema.org `employmentType` values.

    CONTRACT is a fixed-term contract (PKWT, PP 35/2021); FULL_TIME a permanent full-time post.
    """

    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
    CONTRACT = "CONTRACT"
    INTERNSHIP = "INTERNSHIP"
    FREELANCE = "FREELANCE"
    DAILY = "DAILY"
    OTHER = "OTHER"


@dataclass(frozen=True)
class Vacancy:
    """One vacancy as the kiosk stores it.

    `salary_min`/`salary_max` are whole IDR per `salary_unit`, the period the employer stated
    (per hour, day, week, month or year); `monthly_salary_top()` is the monthly equivalent the
    minimum-pay filter compares (kiosk.pay). `experience_months` is the work experience asked
    (0: none needed); `experience_years` is the same in whole years, rounded down, kept for
    callers that think in years (give either one and the other follows; given both, the months
    win). `kecamatan_code` is the dotted Kemendagri code
    (e.g. "33.74.07") when the location is in Kota Semarang and names a kecamatan, else None;
    `in_kota_semarang` is True for every vacancy in the city, also when only "Semarang" is known.
    `kbji_major_group` is the one-digit KBJI 2014 golongan pokok ("0"-"9") when inferred.
    `valid_through_estimated` is True when the source gave no closing date and the kiosk
    estimated one. `(source, source_id)` identifies the record across re-imports.
    """

    source: str
    source_id: str
    title: str
    employer: str
    location: str
    description: str
    date_posted: date
    valid_through: date
    valid_through_estimated: bool = False
    kecamatan_code: str | None = None
    in_kota_semarang: bool = False  # in Kota Semarang, whether or not the kecamatan is known
    employment_type: EmploymentType | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_unit: PayUnit = PayUnit.MONTH
    education_min: EducationLevel | None = None
    experience_years: int | None = None
    experience_months: int | None = None
    skills: tuple[str, ...] = field(default_factory=tuple)
    kbji_major_group: str | None = None
    url: str | None = None
    is_demo: bool = False
    id: int | None = None  # the local row id once stored; None before

    def __post_init__(self) -> None:
        months, years = self.experience_months, self.experience_years
        if months is None and years is not None:
            object.__setattr__(self, "experience_months", years * 12)
        elif months is not None and years != months // 12:
            object.__setattr__(self, "experience_years", months // 12)
        if not isinstance(self.salary_unit, PayUnit):
            object.__setattr__(self, "salary_unit", PayUnit(self.salary_unit))

    def monthly_salary_top(self) -> int | None:
        """The top of the stated pay (or its single figure) as IDR per month (kiosk.pay)."""
        top = self.salary_max if self.salary_max is not None else self.salary_min
        return monthly_equivalent(top, self.salary_unit)

    def is_open_on(self, day: date) -> bool:
        """True while residents may still apply: `day` is on or before `valid_through`."""
        return day <= self.valid_through
