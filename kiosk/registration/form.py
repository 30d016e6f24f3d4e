"""The whole draft checked at once (review and submit), and the record it becomes.

`check_draft` runs every validator over a RegistrationDraft and, when nothing refuses it,
builds the payload in the central server's Registration wire shape (sync/records.py; a test
validates every payload with sync.protocol.validate_payload, since the kiosk layer may not
import sync). It never raises, whatever the draft holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kiosk.i18n import N_
from kiosk.kbji import MAJOR_GROUPS
from kiosk.region import RegionTable
from kiosk.registration import validators as v
from kiosk.registration.draft import (
    DISABILITIES,
    EDUCATION_LEVELS,
    LOCATIONS,
    MARITAL_STATUSES,
    RELIGIONS,
    RegistrationDraft,
)
from kiosk.registration.nik import check_nik
from kiosk.registration.problems import Problem

MAX_SKILLS, MAX_LANGUAGES, MAX_JOBS = 30, 20, 20


@dataclass(frozen=True)
class DraftCheck:
    """`problems` refuse the draft (each names its field); `warnings` only ask to check.
    `payload` is the wire record (JSON-able; no None values) when there are no problems;
    `nik` the normalised NIK; the flags are what staff must look at."""

    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    payload: dict[str, Any] | None
    nik: str = ""
    birth_date_check: bool = False
    outside_kota: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _p(rule: str, message: str, field: str) -> Problem:
    return Problem(rule, message, {}, field=field)


def _choice(value: object, allowed: tuple[str, ...], field: str
            ) -> tuple[str | None, list[Problem]]:
    if value in (None, ""):
        return None, []
    if value not in allowed:
        return None, [_p("choice_unknown", N_("Choose one of the buttons."), field)]
    return str(value), []


def check_draft(draft: RegistrationDraft, *, today: date, min_age: int,
                regions: RegionTable) -> DraftCheck:
    """Every problem of `draft` on `today`, and its wire payload when it has none."""
    try:
        return _check(draft, today, min_age, regions)
    except Exception:  # noqa: BLE001 - a draft a screen filled wrongly must not crash the kiosk
        return DraftCheck((_p("draft_unreadable", N_(
            "Some answers could not be read. Please check every step again."), "draft"),), (),
            None)


def _check(d: RegistrationDraft, today: date, min_age: int, regions: RegionTable) -> DraftCheck:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    out: dict[str, Any] = {}
    consent_at = d.consent_at
    # A naive time is the kiosk's local time (the UI's clock is datetime.now).
    if not d.consent_version or not isinstance(consent_at, datetime):
        problems.append(_p("consent_missing", N_(
            "Please read the consent page and agree before registering."), "consent_version"))
    else:
        out["consent_version"] = d.consent_version[:40]
        out["consent_at"] = consent_at.astimezone(UTC).isoformat(timespec="seconds")
    reading = check_nik(d.nik, today, min_age=min_age)
    problems += reading.problems
    warnings += reading.warnings
    born = reading.birth_date
    birth_date_check = False
    if d.birth_date_differs:
        if isinstance(d.ktp_birth_date, date):
            born, birth_date_check = d.ktp_birth_date, True
            problems += v.check_age(born, today, min_age)[1]
        else:
            problems.append(_p("ktp_birth_date_missing", N_(
                "Enter the birth date printed on your KTP."), "ktp_birth_date"))
    if reading.valid and born is not None and reading.sex:
        out.update(nik=reading.nik, birth_date=born.isoformat(), sex=reading.sex)
    for field, (value, found) in (("full_name", v.check_name(d.full_name)),
                                  ("birth_place", v.check_free_text(d.birth_place, "birth_place",
                                                                    required=True)),
                                  ("phone", v.check_phone(d.phone)),
                                  ("email", v.check_email(d.email)),
                                  ("rt", v.check_rt_rw(d.rt, "rt")),
                                  ("rw", v.check_rt_rw(d.rw, "rw")),
                                  ("education_major", v.check_free_text(d.major, "major",
                                                                        required=False)),
                                  ("school", v.check_free_text(d.school, "school",
                                                               required=False)),
                                  ("graduation_year", v.check_graduation_year(
                                      d.graduation_year, today, born)),
                                  ("expected_pay_idr_month", v.check_pay(d.expected_pay))):
        problems += found
        if value is not None:
            out[field] = value
    outside = bool(d.outside_semarang)
    street = d.outside_address if outside else d.street
    address, found = v.check_free_text(street, "outside_address" if outside else "street",
                                       required=True, limit=300)
    problems += found
    if address is not None and len(address) < 3:
        problems.append(_p("address_short", N_("Write your street and house number."),
                           "outside_address" if outside else "street"))
    elif address is not None:
        out["address"] = address
    if outside:
        out["outside_kota"] = True
    else:
        code = d.kecamatan_code
        kecamatan = regions.by_code(code) if isinstance(code, str) else None
        if kecamatan is None:
            problems.append(_p("kecamatan_missing", N_("Choose your kecamatan."), "kecamatan_code"))
        elif d.kelurahan_code not in {k.code for k in kecamatan.kelurahan}:
            problems.append(_p("kelurahan_missing", N_("Choose your kelurahan."), "kelurahan_code"))
        else:
            out.update(kecamatan_code=kecamatan.code, kelurahan_code=d.kelurahan_code)
    education, chosen_problems = _choice(d.education_level, EDUCATION_LEVELS, "education_level")
    if education is None and not chosen_problems:
        chosen_problems = [_p("education_missing", N_("Choose the highest schooling you finished."),
                    "education_level")]
    problems += chosen_problems
    if education:
        out["education"] = education
    for field, value, allowed in (("religion", d.religion, RELIGIONS),
                                  ("marital_status", d.marital_status, MARITAL_STATUSES),
                                  ("preferred_location", d.preferred_location or None, LOCATIONS)):
        chosen, chosen_problems = _choice(value, allowed, field)
        problems += chosen_problems
        if chosen:
            out[field] = chosen
    problems += _lists(d, out)
    if problems:
        return DraftCheck(tuple(problems), tuple(warnings), None, reading.nik, birth_date_check,
                          outside)
    if birth_date_check:
        out["birth_date_check"] = True
    return DraftCheck((), tuple(warnings), out, reading.nik, birth_date_check, outside)


def _lists(d: RegistrationDraft, out: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for field, entries, limit in (("skills", d.skills, MAX_SKILLS),
                                  ("languages", d.languages, MAX_LANGUAGES)):
        kept = []
        for entry in tuple(entries)[:limit]:
            text, found = v.check_free_text(entry, field, required=False, limit=80)
            problems += found
            if text:
                kept.append(text)
        if kept:
            out[field] = kept
    jobs = []
    for job_entry in tuple(d.experience)[:MAX_JOBS]:
        job, employer, years = (tuple(job_entry) + ("", "", ""))[:3]
        title, found = v.check_free_text(job, "experience", required=True)
        boss, more = v.check_free_text(employer, "experience", required=False)
        problems += found + more
        years_text = str(years).strip()
        if years_text and not (years_text.isascii() and years_text.isdigit()
                               and int(years_text) <= 60):
            problems.append(_p("years_invalid", N_(
                "Write the years of a job as a number, for example 3."), "experience"))
        elif title:
            jobs.append({k: x for k, x in (("job", title), ("employer", boss),
                                           ("years", int(years_text) if years_text else None))
                         if x is not None})
    if jobs:
        out["experience"] = jobs
    groups = [g for g in d.kbji_groups if g in MAJOR_GROUPS]
    if len(groups) != len(tuple(d.kbji_groups)):
        problems.append(_p("choice_unknown", N_("Choose one of the buttons."), "kbji_groups"))
    if groups:
        out["kbji_wishes"] = sorted(set(groups))[:10]
    kinds = [k for k in d.disabilities if k in DISABILITIES]
    if len(kinds) != len(tuple(d.disabilities)):
        problems.append(_p("choice_unknown", N_("Choose one of the buttons."), "disabilities"))
    if kinds:
        out["disabilities"] = sorted(set(kinds))
        out["disability"] = ", ".join(out["disabilities"])
    return problems
