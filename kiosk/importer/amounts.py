"""Amounts and counts as job ads write them, salary periods and currency, and IDR per month.

Conversions to a month follow Indonesian wage rules where they have one (see the constants).
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from kiosk.i18n import _
from kiosk.importer.fields import Field, RecordError, text_of
from kiosk.importer.text import shorten
from kiosk.textnorm import fold

MAX_SALARY_IDR = 1_000_000_000
"""Monthly salaries above Rp 1 billion are taken for typing mistakes, not vacancies."""
HOURS_PER_MONTH = 173
"""Hourly wage x 173 = monthly wage: the 1/173 hourly divisor of PP 35/2021 art. 31 (earlier
Kepmenakertrans 102/2004), which Indonesian wage rules use to convert between the two."""
WORKDAYS_PER_MONTH = 21
"""Daily wage x 21 = monthly wage, assuming a 5-day working week (about 21.7 working days a
month, rounded down so the estimate does not overstate pay)."""
SALARY_PERIODS: dict[str, Fraction] = {
    "HOUR": Fraction(HOURS_PER_MONTH),
    "DAY": Fraction(WORKDAYS_PER_MONTH),
    "WEEK": Fraction(52, 12),
    "MONTH": Fraction(1),
    "YEAR": Fraction(1, 12),
}
"""Factor that turns a salary per schema.org unitText period into a salary per month."""

_PERIOD_WORDS = {
    "hour": "HOUR", "hourly": "HOUR", "jam": "HOUR", "per jam": "HOUR",
    "day": "DAY", "daily": "DAY", "hari": "DAY", "harian": "DAY", "per hari": "DAY",
    "week": "WEEK", "weekly": "WEEK", "minggu": "WEEK", "mingguan": "WEEK", "per minggu": "WEEK",
    "month": "MONTH", "monthly": "MONTH", "bulan": "MONTH", "bulanan": "MONTH",
    "per bulan": "MONTH",
    "year": "YEAR", "yearly": "YEAR", "annual": "YEAR", "annually": "YEAR", "tahun": "YEAR",
    "tahunan": "YEAR", "per tahun": "YEAR",
}
_RUPIAH = {"idr", "rp", "rupiah"}
_AMOUNT_MULTIPLIERS = {
    "juta": 1_000_000, "jt": 1_000_000, "ribu": 1_000, "rb": 1_000, "k": 1_000,
}
_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")

def amount_of(field: Field | None) -> Decimal | None:
    """A non-negative amount: a number, or text such as "3000000", "Rp 3.500.000", "3,5 juta".

    Indonesian grouping is understood: "3.000" is three thousand, "3,5" three and a half.

    Raises:
        RecordError: not a number, negative, or not finite.
    """
    if field is None or field.value is None:
        return None
    value = field.value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _not_a_number(field)
    if isinstance(value, str):
        amount = _parse_amount_text(value, field)
        if amount is None:
            return None
    else:
        try:
            amount = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        except InvalidOperation:
            raise _not_a_number(field) from None
    if not amount.is_finite():
        raise _not_a_number(field)
    if amount < 0:
        raise RecordError(
            _("“{field}” is negative: {value}.").format(field=field.name, value=shorten(value))
        )
    return amount


def _parse_amount_text(value: str, field: Field) -> Decimal | None:
    text = value.strip()
    if not text:
        return None
    if len(text) > 40:
        raise _not_a_number(field)
    text = "".join(text.lower().split())  # also drops no-break spaces
    for prefix in ("idr", "rp"):
        if text.startswith(prefix):
            text = text[len(prefix):].lstrip(".:")
    multiplier = 1
    for word, factor in _AMOUNT_MULTIPLIERS.items():
        if text.endswith(word) and text[: -len(word)][-1:].isdigit():
            text, multiplier = text[: -len(word)], factor
            break
    text = _normalise_separators(text)
    if not _AMOUNT.fullmatch(text):
        raise _not_a_number(field)
    return Decimal(text) * multiplier


def _normalise_separators(text: str) -> str:
    """Grouping marks out, decimal mark ".": "3.000.000" -> "3000000", "3,5" -> "3.5",
    "3,000.50" -> "3000.50", "3.500,75" -> "3500.75"."""
    if "." in text and "," in text:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        return text.replace(group_mark, "").replace(decimal_mark, ".")
    for mark in (".", ","):
        if mark in text:
            head, _sep, tail = text.rpartition(mark)
            if text.count(mark) > 1 or (len(tail) == 3 and head.lstrip("-")):
                return text.replace(mark, "")
            return text.replace(mark, ".")
    return text


def _not_a_number(field: Field) -> RecordError:
    return RecordError(
        _("“{field}” is not a number: {value}.").format(
            field=field.name, value=shorten(field.value)
        )
    )


def whole_number_of(field: Field | None, limit: int) -> int | None:
    """A count such as years of experience, rounded down; None when not stated.

    Raises:
        RecordError: not a number, negative, or above `limit`.
    """
    amount = amount_of(field)
    if amount is None or field is None:
        return None
    if amount > limit:
        raise RecordError(
            _("“{field}” is too large: {value} (at most {limit}).").format(
                field=field.name, value=shorten(field.value), limit=limit
            )
        )
    return int(amount)


def monthly_salary(amount: Decimal | None, period: str, field: Field) -> int | None:
    """A salary per `period` (a SALARY_PERIODS key) as whole IDR per month; 0 counts as not stated.

    Raises:
        RecordError: the monthly amount is above MAX_SALARY_IDR.
    """
    if amount is None or amount == 0:
        return None
    factor = SALARY_PERIODS[period]
    monthly = amount * factor.numerator / factor.denominator
    if monthly > MAX_SALARY_IDR:  # checked before rounding, which fails on huge numbers
        raise RecordError(
            _("“{field}” is more than Rp 1 billion a month: {value}. Check the amount.").format(
                field=field.name, value=shorten(field.value)
            )
        )
    return int(monthly.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or None


def period_of(field: Field | None) -> str:
    """The SALARY_PERIODS key a unitText names ("HOUR", "per jam", ...); MONTH when absent.

    Raises:
        RecordError: an unknown period.
    """
    text = text_of(field, 40)
    if text is None or field is None:
        return "MONTH"
    period = _PERIOD_WORDS.get(" ".join(fold(text).split()))
    if period is None:
        raise RecordError(
            _("Unknown salary period “{unit}”: use HOUR, DAY, WEEK, MONTH or YEAR.").format(
                unit=shorten(text)
            )
        )
    return period


def check_currency(field: Field | None) -> None:
    """Accepts IDR (or "Rp", "rupiah") or no currency at all.

    Raises:
        RecordError: another currency; the kiosk shows rupiah only.
    """
    text = text_of(field, 40)
    if text is not None and fold(text).strip() not in _RUPIAH:
        raise RecordError(
            _("The salary is in {currency}; the kiosk shows salaries in rupiah (IDR) only.")
            .format(currency=shorten(text))
        )


