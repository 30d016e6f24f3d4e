"""Parsing one imported field: text, dates, job types, skills, links and KBJI codes.

Every parser takes a `Field` (the value and the name the source file gives it) and either
returns a clean value, None for "not stated", or raises `RecordError` with a reason to show staff.
Money and other amounts are parsed in amounts.py.
"""
from __future__ import annotations

import ast
import re
from datetime import date
from typing import NamedTuple

from kiosk.i18n import _
from kiosk.importer.text import clean_line, html_to_line, shorten
from kiosk.textnorm import fold_phrase
from kiosk.vacancy import EmploymentType

MAX_SKILLS_CHARS = 10_000
MAX_SKILLS = 50
MAX_SKILL_CHARS = 200

_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "agustus": 8,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "nopember": 11, "des": 12,
    "desember": 12, "dec": 12, "december": 12,
}
# A date, optionally with a time and a UTC offset written Z, +07, +0700 or +07:00 (ISO 8601).
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::[\d.]+)?"
                       r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?", re.IGNORECASE)
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_NAMED_MONTH = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})")
_EMPLOYMENT_WORDS = {
    EmploymentType.FULL_TIME: ("full time", "fulltime", "penuh waktu", "tetap", "permanent",
                               "karyawan tetap", "pkwtt"),
    EmploymentType.PART_TIME: ("part time", "parttime", "paruh waktu"),
    EmploymentType.CONTRACT: ("contract", "kontrak", "pkwt", "temporary", "sementara"),
    EmploymentType.INTERNSHIP: ("internship", "intern", "magang", "pkl"),
    EmploymentType.FREELANCE: ("freelance", "contractor", "lepas", "pekerja lepas", "borongan"),
    EmploymentType.DAILY: ("daily", "harian", "per diem", "harian lepas", "pekerja harian"),
    EmploymentType.OTHER: ("other", "lainnya", "volunteer", "relawan"),
}
_EMPLOYMENT = {word: kind for kind, words in _EMPLOYMENT_WORDS.items() for word in words}


class RecordError(Exception):
    """A record cannot be imported; `reason` (localised, one line) says what to fix.

    `kind` is the report.SKIP_KINDS key of the reason's template, for the report's summary.
    """

    def __init__(self, reason: str, *, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class Field(NamedTuple):
    """A raw value and the name its source file gives it ("Min Salary", "baseSalary", ...)."""

    name: str
    value: object


def text_of(field: Field | None, limit: int, *, html: bool = False) -> str | None:
    """One-line text of a text or number field; None when empty or absent.

    With `html` (titles, names, places) HTML entities are decoded and tags dropped, as job
    boards often send "PT Maju &amp; Jaya" or "<b>Kasir</b>".

    Raises:
        RecordError: the value is not text or a number, or longer than `limit` characters.
    """
    if field is None or field.value is None:
        return None
    value = field.value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise not_text(field)
    raw = value if isinstance(value, str) else str(value)
    if len(raw) > 2 * limit:  # checked before any cleaning touches a huge value
        raise _too_long(field, len(raw), limit)
    text = clean_line(html_to_line(raw) if html else raw)
    if len(text) > limit:
        raise _too_long(field, len(text), limit)
    return text or None


def not_text(field: Field) -> RecordError:
    """The error for a field that holds a list, an object or a boolean where text belongs."""
    return RecordError(_("“{field}” should be text.").format(field=field.name), kind="not_text")


def _too_long(field: Field, length: int, limit: int) -> RecordError:
    return RecordError(
        _("“{field}” is too long: {length} characters, at most {limit}.").format(
            field=field.name, length=length, limit=limit
        ),
        kind="too_long",
    )


def date_of(field: Field | None) -> date | None:
    """A date written 2025-07-09 (with or without a time and offset: 2025-07-09T09:00+07),
    09/07/2025 (day first) or 9 Juli 2025. The date is the one written; an offset is not applied.

    Raises:
        RecordError: anything else, or a year outside 2000-2099.
    """
    text = text_of(field, 60)
    if text is None or field is None:
        return None
    folded = text.lower()
    parts: tuple[int, int, int] | None = None
    if match := _ISO_DATE.fullmatch(folded):
        parts = int(match[1]), int(match[2]), int(match[3])
    elif match := _DAY_FIRST.fullmatch(folded):
        parts = int(match[3]), int(match[2]), int(match[1])
    elif (match := _NAMED_MONTH.fullmatch(folded)) and match[2] in _MONTHS:
        parts = int(match[3]), _MONTHS[match[2]], int(match[1])
    try:
        if parts is None or not 2000 <= parts[0] <= 2099:
            raise ValueError(text)
        return date(*parts)
    except ValueError:
        raise RecordError(
            _("“{field}” is not a date: {value}. Write it as YYYY-MM-DD.").format(
                field=field.name, value=shorten(text)
            ),
            kind="bad_date",
        ) from None


def employment_type_of(field: Field | None) -> EmploymentType | None:
    """The employment type named by a job-board Type or schema.org employmentType (text or list).

    The first recognised value of a list wins; text that names no known type gives OTHER.
    """
    if field is None:
        return None
    values = field.value if isinstance(field.value, list) else [field.value]
    seen_text = False
    for value in values[:20]:
        if isinstance(value, str) and value.strip() and len(value) <= 100:
            seen_text = True
            kind = _EMPLOYMENT.get(fold_phrase(value))
            if kind is not None:
                return kind
    return EmploymentType.OTHER if seen_text else None


def skills_of(field: Field | None) -> tuple[str, ...]:
    """Skills from a list, a Python-list literal ("['Excel', 'SAP']", read with ast.literal_eval,
    never eval) or text separated by semicolons or commas. Duplicates and non-text items go.

    Raises:
        RecordError: the text is longer than MAX_SKILLS_CHARS.
    """
    if field is None or field.value is None:
        return ()
    value = field.value
    items: list[object]
    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        if len(value) > MAX_SKILLS_CHARS:
            raise _too_long(field, len(value), MAX_SKILLS_CHARS)
        items = _split_skills(value)
    else:
        return ()
    skills: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str) or len(item) > 4 * MAX_SKILL_CHARS:
            continue
        skill = clean_line(html_to_line(item)).strip(" -•*")
        if len(skill) > MAX_SKILL_CHARS:
            skill = skill[: MAX_SKILL_CHARS - 1].rstrip() + "…"
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            skills.append(skill)
        if len(skills) >= MAX_SKILLS:
            break
    return tuple(skills)


def _split_skills(text: str) -> list[object]:
    stripped = text.strip()
    if stripped.startswith(("[", "(")):
        try:
            parsed = ast.literal_eval(stripped)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            parsed = None
        if isinstance(parsed, list | tuple):
            return list(parsed)
        stripped = stripped.strip("[]()")
    separator = ";" if ";" in stripped else ","
    return [part.strip().strip("'\"") for part in stripped.split(separator)]


def url_of(field: Field | None) -> str | None:
    """An http(s) link ("www.example.id/..." gets https://); None for anything else."""
    if field is None or not isinstance(field.value, str) or len(field.value) > 2000:
        return None
    text = field.value.strip()
    if text.lower().startswith("www."):
        text = "https://" + text
    if re.fullmatch(r"https?://[^\s/]+\.[^\s]*", text, flags=re.IGNORECASE):
        return text
    return None


def kbji_code_of(field: Field | None) -> str | None:
    """The major group (first digit) of a KBJI 2014 code such as "5", "52", "5223" or "5223.01".

    Raises:
        RecordError: the value is not such a code.
    """
    text = text_of(field, 20)
    if text is None or field is None:
        return None
    if not re.fullmatch(r"\d{1,4}(?:\.\d{2})?", text):
        raise RecordError(
            _("“{field}” is not a KBJI 2014 code: {value}.").format(
                field=field.name, value=shorten(text)
            ),
            kind="bad_kbji",
        )
    return text[0]
