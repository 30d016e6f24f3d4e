"""One imported record on its way to a `Vacancy`: the raw fields any format gives, and the checks.

Each reader (job board, JobPosting, CSV) fills a `Draft`; `build_vacancy` validates and
normalises it the same way for all of them.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.formatting import rupiah
from kiosk.i18n import _
from kiosk.importer import education
from kiosk.importer.amounts import (
    check_currency,
    period_of,
    salary_amounts,
    salary_in_unit,
    whole_number_of,
)
from kiosk.importer.fields import (
    Field,
    RecordError,
    date_of,
    employment_type_of,
    kbji_code_of,
    not_text,
    skills_of,
    text_of,
    url_of,
)
from kiosk.importer.text import clean_multiline, html_to_text
from kiosk.kbji import KbjiClassifier
from kiosk.pay import PayUnit
from kiosk.region import RegionTable
from kiosk.textnorm import fold, fold_phrase
from kiosk.vacancy import Vacancy

MAX_DESCRIPTION_CHARS = 20_000
"""Longer descriptions are refused whole (and never searched with a regular expression)."""
MAX_TITLE_CHARS = 300
MAX_NAME_CHARS = 300  # employer and location
MAX_ID_CHARS = 200
MAX_EXPERIENCE_YEARS = 60
ESTIMATED_VALIDITY_DAYS = 30
"""Days a vacancy stays open when its source gives no closing date (validThrough).

This is the kiosk's own convention, not a rule from a regulation or from schema.org: most
Indonesian job boards keep an ad up for about a month. Vacancies closed this way are marked
`valid_through_estimated=True` so screens can say the date is a guess.
"""
MAX_FUTURE_POSTING_DAYS = 1
"""A posting date more than 1 day after the import's today is refused as a mistake.

The kiosk's own convention: a day of slack covers time zones and a clock set slightly wrong;
anything later is a typo (a wrong year, day and month swapped) that would pin the vacancy to
the top of "newest first" lists.
"""
MAX_VALIDITY_DAYS = 365
"""A closing date more than 365 days after the posting date is cut to posting date + 365 days
and marked estimated.

The kiosk's own convention: job ads rarely stay open a year, and a "valid through 2099" (or a
typo in the year) would otherwise keep a stale vacancy on the kiosk for ever.
"""

_CITY_ONLY = re.compile(
    r"(?:kota )?semarang(?: kota)?(?: (?:jawa tengah|jateng|central java))?(?: indonesia)?"
)


@dataclass
class Draft:
    """Raw fields of one record, each with the name its file gives it; None when absent.

    `education_flags` holds job-board flags that are set ("SMA", education.DIPLOMA, "S1",
    "S2", "S3"); `education` a credential text; `education_strict` makes unknown text an
    error (CSV). `address` is extra place text (a street address) searched for a kecamatan
    when `location` only names the city. `salary_period` is a schema.org unitText.
    """

    title: Field | None = None
    employer: Field | None = None
    location: Field | None = None
    address: Field | None = None
    description: Field | None = None
    employment_type: Field | None = None
    salary_min: Field | None = None
    salary_max: Field | None = None
    salary_period: Field | None = None
    currency: Field | None = None
    education_flags: tuple[str, ...] = ()
    education: Field | None = None
    education_strict: bool = False
    experience_years: Field | None = None
    experience_months: Field | None = None
    skills: Field | None = None
    kbji_code: Field | None = None
    kbji_hints: tuple[str, ...] = ()
    date_posted: Field | None = None
    valid_through: Field | None = None
    source_id: Field | None = None
    url: Field | None = None


def description_of(field: Field | None) -> str:
    """The description as plain text with its line breaks; "" when absent.

    Raises:
        RecordError: not text, or longer than MAX_DESCRIPTION_CHARS (checked before any
            cleaning, so a 10 MB description costs one length check).
    """
    if field is None or field.value is None:
        return ""
    if not isinstance(field.value, str):
        raise not_text(field)
    raw = field.value
    if len(raw) > 2 * MAX_DESCRIPTION_CHARS:
        raise _description_too_long(field, len(raw))
    text = clean_multiline(html_to_text(raw))
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise _description_too_long(field, len(text))
    return text


def _description_too_long(field: Field, length: int) -> RecordError:
    return RecordError(
        _("“{field}” is too long: {length} characters, at most {limit}. Shorten the "
          "description.").format(field=field.name, length=length, limit=MAX_DESCRIPTION_CHARS),
        kind="description_too_long",
    )


def kecamatan_of(
    regions: RegionTable, location: str, address: str, description: str
) -> str | None:
    """The Kemendagri kecamatan code of a place in Kota Semarang, or None.

    The location itself first ("Tembalang", "Banyumanik, Semarang"). When it only names the
    city ("Semarang", "Kota Semarang") or is an address in it ("Jl. Majapahit, Pedurungan,
    Semarang"), the one kecamatan named in the location text, else in the address, else in the
    description. A kelurahan name counts only next to the city ("Jatingaleh, Semarang"): alone
    it may be another place, as job boards' "Karanganyar" is the regency near Solo, not the
    kelurahan in Tugu.
    """
    code = regions.match_kecamatan(location) if location else None
    if code is not None:
        named = regions.find_kecamatan_in_text(location) == code
        return code if named or "semarang" in fold(f"{location} {address}") else None
    texts: tuple[str, ...] = ()
    if _CITY_ONLY.fullmatch(fold_phrase(location)):
        texts = (address, description)
    elif regions.is_in_kota(location):
        texts = (location, address, description)
    for text in texts:
        code = regions.find_kecamatan_in_text(text) if text else None
        if code is not None:
            return code
    return None


def build_vacancy(
    draft: Draft,
    *,
    source: str,
    regions: RegionTable,
    classifier: KbjiClassifier,
    today: date | None = None,
    warn: Callable[[str], None] | None = None,
) -> Vacancy:
    """Check and normalise a draft into a Vacancy (salaries in whole IDR per the unit the record
    states, experience in months).

    A record is refused when it has no title, no employer or no posting date; when it was
    posted more than MAX_FUTURE_POSTING_DAYS after `today` (not checked when `today` is None);
    when its lowest salary is above its highest (the kiosk does not guess which figure was
    meant) or a salary comes to less than MIN_MONTHLY_SALARY_IDR a month; when the salary is
    not in rupiah; when its closing date is before its posting date; or when a field holds a
    value of the wrong kind. A salary of 0, or words such as "Nego", count as not stated. The
    first problem found is the one reported. A closing date more than MAX_VALIDITY_DAYS after
    posting is cut to that, marked estimated, and `warn` is called with a localised sentence.
    Titles, employers and places lose HTML markup.

    Raises:
        RecordError: the first problem found, with a reason staff can act on.
    """
    description = description_of(draft.description)
    title = text_of(draft.title, MAX_TITLE_CHARS, html=True)
    if title is None:
        raise RecordError(_("No job title: fill in “{field}”.").format(
            field=_name(draft.title, "title")), kind="no_title")
    employer = text_of(draft.employer, MAX_NAME_CHARS, html=True)
    if employer is None:
        raise RecordError(_("No employer: fill in “{field}”.").format(
            field=_name(draft.employer, "employer")), kind="no_employer")
    location = text_of(draft.location, MAX_NAME_CHARS, html=True) or ""
    address = text_of(draft.address, 2 * MAX_NAME_CHARS, html=True) or ""
    salary_min, salary_max, salary_unit = _salaries(draft)
    date_posted = date_of(draft.date_posted)
    if date_posted is None:
        raise RecordError(_("No posting date: fill in “{field}” (YYYY-MM-DD).").format(
            field=_name(draft.date_posted, "date_posted")), kind="no_date_posted")
    if today is not None and date_posted > today + timedelta(days=MAX_FUTURE_POSTING_DAYS):
        raise RecordError(
            _("“{field}” is a posting date in the future: {date} (today is {today}). Check the "
              "date.").format(field=_name(draft.date_posted, "date_posted"),
                              date=date_posted.isoformat(), today=today.isoformat()),
            kind="posted_in_future")
    valid_through = date_of(draft.valid_through)
    if valid_through is not None and valid_through < date_posted:
        raise RecordError(_("The closing date {end} is before the posting date {start}.").format(
            end=valid_through.isoformat(), start=date_posted.isoformat()),
            kind="closes_before_posted")
    estimated = valid_through is None
    latest = date_posted + timedelta(days=MAX_VALIDITY_DAYS)
    given_end = valid_through
    if valid_through is not None and valid_through > latest:
        valid_through, estimated = latest, True
    experience_months = whole_number_of(draft.experience_months, 12 * MAX_EXPERIENCE_YEARS)
    if experience_months is None:
        years = whole_number_of(draft.experience_years, MAX_EXPERIENCE_YEARS)
        experience_months = None if years is None else years * 12
    if draft.education_flags:
        level = education.from_flags(draft.education_flags, description)
    else:
        level = education.from_text(draft.education, description, strict=draft.education_strict)
    if level is None:
        level = education.from_description(description)
    kbji = kbji_code_of(draft.kbji_code) or classifier.major_group(title, draft.kbji_hints)
    url = url_of(draft.url)
    source_id = text_of(draft.source_id, MAX_ID_CHARS) or url or _derived_id(
        title, employer, date_posted)
    vacancy = Vacancy(
        source=source,
        source_id=source_id,
        title=title,
        employer=employer,
        location=location,
        description=description,
        date_posted=date_posted,
        valid_through=valid_through or date_posted + timedelta(days=ESTIMATED_VALIDITY_DAYS),
        valid_through_estimated=estimated,
        kecamatan_code=kecamatan_of(regions, location, address, description),
        in_kota_semarang=regions.is_in_kota(location or address),
        employment_type=employment_type_of(draft.employment_type),
        salary_min=salary_min,
        salary_max=salary_max,
        salary_unit=salary_unit,
        education_min=level,
        experience_months=experience_months,
        skills=skills_of(draft.skills),
        kbji_major_group=kbji,
        url=url,
    )
    if warn is not None and given_end is not None and given_end > latest:
        warn(_("The closing date {end} is more than {days} days after the posting date, so "
               "{capped} is used (an estimate).").format(
            end=given_end.isoformat(), days=MAX_VALIDITY_DAYS, capped=latest.isoformat()))
    return vacancy


def _salaries(draft: Draft) -> tuple[int | None, int | None, PayUnit]:
    """(lowest, highest, their unit): whole IDR per the unit the record states."""
    low_amount, high_amount = salary_amounts(draft.salary_min, draft.salary_max)
    if low_amount is None and high_amount is None:
        return None, None, PayUnit.MONTH
    check_currency(draft.currency)
    period = period_of(draft.salary_period)
    unit = _name(draft.salary_period, "salary_unit")
    low, high = (None if amount is None else salary_in_unit(amount[0], period, amount[1], unit)
                 for amount in (low_amount, high_amount))
    if low is not None and high is not None and low > high:
        raise RecordError(
            _("The lowest salary ({low}) is higher than the highest ({high}): check “{low_field}” "
              "and “{high_field}”.").format(
                low=rupiah(low), high=rupiah(high), low_field=_name(draft.salary_min, "salary_min"),
                high_field=_name(draft.salary_max, "salary_max")),
            kind="salary_min_above_max",
        )
    return low, high, period


def _derived_id(title: str, employer: str, date_posted: date) -> str:
    """A stable id for a record that has none, so importing it again updates it."""
    key = "\x1f".join((fold_phrase(title), fold_phrase(employer),
                       date_posted.isoformat()))
    return "h:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _name(field: Field | None, default: str) -> str:
    return field.name if field is not None else default
