"""Pay as employers state it (per hour, day, week, month or year) and its monthly equivalent.

A vacancy keeps its pay in the employer's own unit ("Rp 20.000 per jam"); only the minimum-pay
filter compares pay across units, through its monthly equivalent. The conversions follow
Indonesian payroll rules:
- hour: x 173, the divisor of Kepmenakertrans KEP.102/MEN/VI/2004 art. 8 (hourly wage =
  1/173 of the monthly wage), kept in PP 35/2021 art. 31;
- day: x 25, Kepmenakertrans KEP.102/MEN/VI/2004 art. 9(1) for a 6-day working week (x 21 for a
  5-day week). Daily-paid jobs residents see (factories, building sites, shops) mostly work six
  days, and the filter must not hide a daily job that pays the UMK;
- week: x 52/12 (about 4.33 weeks in a month);
- year: / 12.
The city's minimum wage (UMK) comes from assets/upah/umk_semarang.json, a dated file naming
the Governor's decree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from functools import cache
from pathlib import Path

from assets import ASSETS_DIR

UMK_FILE = ASSETS_DIR / "upah" / "umk_semarang.json"
HOURS_PER_MONTH = 173
DAYS_PER_MONTH = 25
WEEKS_PER_MONTH = Fraction(52, 12)


class PayUnit(StrEnum):
    """The period a stated pay figure covers (schema.org unitText values)."""

    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


MONTHLY_FACTOR: dict[PayUnit, Fraction] = {
    PayUnit.HOUR: Fraction(HOURS_PER_MONTH),
    PayUnit.DAY: Fraction(DAYS_PER_MONTH),
    PayUnit.WEEK: WEEKS_PER_MONTH,
    PayUnit.MONTH: Fraction(1),
    PayUnit.YEAR: Fraction(1, 12),
}
"""Pay per unit x factor = the monthly equivalent (see the module docstring for the sources)."""


def monthly_equivalent(amount: int | None, unit: PayUnit) -> int | None:
    """`amount` IDR per `unit` as whole IDR per month (rounded half up); None stays None."""
    if amount is None:
        return None
    monthly = amount * MONTHLY_FACTOR[unit]
    return int(monthly + Fraction(1, 2)) if monthly >= 0 else int(monthly)


@dataclass(frozen=True)
class MinimumWage:
    """One year's UMK: IDR per month, the first day it applies, and the decree that set it."""

    year: int
    amount: int
    in_force_from: date
    decree: str


@cache
def _umk_table(path: Path = UMK_FILE) -> tuple[MinimumWage, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    wages = [
        MinimumWage(int(e["year"]), int(e["amount_idr"]), date.fromisoformat(e["in_force_from"]),
                    str(e["decree"]))
        for e in data["entries"]
    ]
    return tuple(sorted(wages, key=lambda w: w.in_force_from))


def umk_on(day: date | None = None, path: Path = UMK_FILE) -> MinimumWage:
    """The newest UMK of Kota Semarang in force on `day` (the newest known when None, or the
    oldest known when `day` is before every entry).

    Raises:
        OSError, ValueError, KeyError: the data file is missing or malformed.
    """
    table = _umk_table(path)
    if day is None:
        return table[-1]
    in_force = [w for w in table if w.in_force_from <= day]
    return in_force[-1] if in_force else table[0]
