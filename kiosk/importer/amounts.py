"""Amounts and counts as job ads write them, salary periods and currency.

Pay is kept in the unit the record states; conversions to a month (for plausibility and the
pay filter) are kiosk.pay's, after Indonesian payroll rules.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kiosk.formatting import rupiah
from kiosk.i18n import _
from kiosk.importer.fields import Field, RecordError, text_of
from kiosk.importer.text import shorten
from kiosk.pay import MONTHLY_FACTOR, PayUnit
from kiosk.textnorm import fold, fold_phrase

MAX_SALARY_IDR = 100_000_000
"""A salary whose monthly equivalent is above Rp 100 million is refused as implausible.

The kiosk's own convention: the vacancies residents look for at a labour office pay a few
million rupiah a month, and even senior posts on Indonesian job boards stay well below
Rp 100 million; a larger figure is almost surely a yearly salary entered as monthly or a few
zeros too many, which would otherwise top every "highest pay" list and pass every pay filter.
"""
MIN_MONTHLY_SALARY_IDR = 100_000
"""A stated salary that comes to less than Rp 100,000 a month is refused as a unit mistake.

The kiosk's own convention, not a legal threshold: every UMK (regional minimum wage) in
Indonesia is above Rp 2 million a month, so such a figure is almost surely an hourly or daily
wage entered as monthly, or "3500" written for Rp 3.5 million. Rp 100,000 leaves room for
genuine part-time pay.
"""
NOT_STATED_SALARY_WORDS = frozenset({
    "nego", "negotiable", "negosiasi", "bisa nego", "gaji nego", "umr", "umk", "ump",
    "sesuai umr", "sesuai umk", "dirahasiakan", "rahasia", "confidential", "kompetitif",
    "competitive", "gaji kompetitif", "menarik", "gaji menarik", "tba", "n a", "na",
})
"""Salary texts that mean "not stated" (compared case-folded, punctuation as spaces): the
amount is left empty and the record kept. "UMR"/"UMK" name no figure, so none is guessed."""
SALARY_PERIODS: dict[str, PayUnit] = {unit.value: unit for unit in PayUnit}
"""schema.org unitText periods the kiosk keeps pay in; conversions to a month are kiosk.pay's."""

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
_NO_DECIMALS = re.compile(r"\s*[.,]\s*-+\s*$")  # "Rp 3.500.000,-": no cents
_RANGE = re.compile(
    r"(.*?\d.*?)\s*(?:-|\u2013|\u2014|~|s\.?\s?d\.?|s/d|sampai|hingga|to)\s*(\D*\d.*)",
    re.IGNORECASE,
)
Amount = tuple[Decimal, Field]
"""An amount and the field it was read from (named in error messages)."""


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
    _check_not_negative(amount, field)
    return amount


def _check_not_negative(amount: Decimal, field: Field) -> None:
    if amount < 0:
        raise RecordError(
            _("“{field}” is negative: {value}.").format(
                field=field.name, value=shorten(field.value)),
            kind="negative_number",
        )


def _parse_amount_text(value: str, field: Field) -> Decimal | None:
    text = value.strip()
    if not text:
        return None
    number, multiplier = _split_amount(text, field)
    return number * multiplier


def _split_amount(text: str, field: Field) -> tuple[Decimal, int]:
    """("3,5 juta" ->) the number 3.5 and its multiplier 1,000,000; the multiplier is 1 when
    no word follows the number."""
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
    return Decimal(text), multiplier


def salary_amounts(low: Field | None, high: Field | None) -> tuple[Amount | None, Amount | None]:
    """The lowest and highest salary amounts (per the record's period) of a record.

    Besides what `amount_of` reads, each field may say "not stated" in words (see
    NOT_STATED_SALARY_WORDS, or only punctuation such as "-"), end in ",-" ("Rp 3.500.000,-",
    no cents) or, when the other field is empty, hold a range: "Rp 3-5 juta", "3 - 5 jt",
    "Rp 2.500.000 s.d. Rp 3.000.000". A bare first number takes the unit word of the second
    when it is below 1,000 ("3-5 juta" is 3 to 5 million). One value given for both ends (a
    bare schema.org baseSalary) is read once.

    Raises:
        RecordError: not a number, negative, or a range in one field while the other is filled.
    """
    if low is not None and high is not None and (low is high or low.value == high.value):
        both = _salary_value(low)
        if isinstance(both, tuple):
            return (both[0], low), (both[1], low)
        return (None, None) if both is None else ((both, low), (both, high))
    low_value, high_value = _salary_value(low), _salary_value(high)
    if isinstance(low_value, tuple) and low is not None:
        return _range_alone(low, low_value, high, high_value)
    if isinstance(high_value, tuple) and high is not None:
        return _range_alone(high, high_value, low, low_value)
    return _amount(low_value, low), _amount(high_value, high)


_Value = Decimal | tuple[Decimal, Decimal] | None


def _amount(value: _Value, field: Field | None) -> Amount | None:
    return (value, field) if isinstance(value, Decimal) and field is not None else None


def _range_alone(
    ranged: Field, value: tuple[Decimal, Decimal], other: Field | None, other_value: _Value
) -> tuple[Amount, Amount]:
    if other is not None and other_value is not None:
        raise RecordError(
            _("“{field}” holds a range ({value}) but “{other}” is filled in too: write one "
              "figure in each.").format(
                field=ranged.name, value=shorten(ranged.value), other=other.name),
            kind="range_and_other_figure",
        )
    return (value[0], ranged), (value[1], ranged)


def _salary_value(field: Field | None) -> _Value:
    """One salary field: an amount, a (low, high) range, or None when not stated."""
    if field is None or not isinstance(field.value, str):
        return amount_of(field)
    text = field.value.strip()
    if len(text) > 100:
        raise _not_a_number(field)
    words = " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())
    if not words or words in NOT_STATED_SALARY_WORDS:
        return None
    text = _NO_DECIMALS.sub("", text)
    match = _RANGE.fullmatch(text)
    if match is None or not match[1].strip().lstrip("-"):  # "-2500000" is a negative number
        amount, unit = _split_amount(text, field)
        _check_not_negative(amount, field)
        return amount * unit
    (first, first_unit), (second, second_unit) = (
        _split_amount(part, field) for part in match.groups())
    if first_unit == 1 and first < 1000:
        first_unit = second_unit
    low, high = first * first_unit, second * second_unit
    _check_not_negative(low, field)
    _check_not_negative(high, field)
    return low, high


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
        ),
        kind="not_a_number",
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
            ),
            kind="number_too_large",
        )
    return int(amount)


def salary_in_unit(
    amount: Decimal | None, unit: PayUnit, field: Field, unit_field: str = "salary_unit"
) -> int | None:
    """A salary per `unit` as whole IDR per that unit; 0 counts as not stated.

    Plausibility is judged on the monthly equivalent (kiosk.pay.MONTHLY_FACTOR: 173 hours,
    25 days, 52/12 weeks a month). `unit_field` names the record's period field in the message
    for a too-small salary.

    Raises:
        RecordError: the monthly equivalent is above MAX_SALARY_IDR or below
            MIN_MONTHLY_SALARY_IDR.
    """
    if amount is None or amount == 0:
        return None
    factor = MONTHLY_FACTOR[unit]
    monthly = amount * factor.numerator / factor.denominator
    if monthly > MAX_SALARY_IDR:  # checked before rounding, which fails on huge numbers
        raise RecordError(
            _("“{field}” comes to more than Rp 100 million a month ({value}): not a plausible "
              "salary for this kiosk. Check the unit (“{unit}”) or the number of zeros.").format(
                field=field.name, value=shorten(field.value), unit=unit_field),
            kind="salary_too_high",
        )
    if monthly < MIN_MONTHLY_SALARY_IDR:
        whole_month = int(monthly.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        raise RecordError(
            _("“{field}” comes to {amount} a month: too small for a monthly salary. Check the "
              "unit (“{unit}”) or the number of zeros.").format(
                field=field.name, amount=rupiah(whole_month), unit=unit_field),
            kind="salary_too_low",
        )
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def period_of(field: Field | None) -> PayUnit:
    """The pay unit a unitText names ("HOUR", "per jam", ...); MONTH when absent.

    Raises:
        RecordError: an unknown period.
    """
    text = text_of(field, 40)
    if text is None or field is None:
        return PayUnit.MONTH
    period = _PERIOD_WORDS.get(fold_phrase(text))
    if period is None:
        raise RecordError(
            _("Unknown salary period “{unit}”: use HOUR, DAY, WEEK, MONTH or YEAR.").format(
                unit=shorten(text)
            ),
            kind="unknown_salary_period",
        )
    return PayUnit(period)


def check_currency(field: Field | None) -> None:
    """Accepts IDR (or "Rp", "rupiah") or no currency at all.

    Raises:
        RecordError: another currency; the kiosk shows rupiah only.
    """
    text = text_of(field, 40)
    if text is not None and fold(text).strip() not in _RUPIAH:
        raise RecordError(
            _("The salary is in {currency}; the kiosk shows salaries in rupiah (IDR) only.")
            .format(currency=shorten(text)),
            kind="foreign_currency",
        )


