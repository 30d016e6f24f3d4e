"""`siker-kiosk search`: the kiosk's own search on the command line, as lines or as JSON. No Qt."""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime
from typing import Any

from kiosk.i18n import _, ngettext
from kiosk.places import band_label, home_kecamatan
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.search import SearchQuery, SearchResult
from kiosk.services import open_services
from kiosk.settings import Settings
from kiosk.textnorm import fold_phrase
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy

# Indonesian names staff type for employment types, besides the enum names themselves.
_TYPE_WORDS = {
    "penuh waktu": EmploymentType.FULL_TIME, "tetap": EmploymentType.FULL_TIME,
    "paruh waktu": EmploymentType.PART_TIME, "kontrak": EmploymentType.CONTRACT,
    "magang": EmploymentType.INTERNSHIP, "lepas": EmploymentType.FREELANCE,
    "freelance": EmploymentType.FREELANCE, "harian": EmploymentType.DAILY,
    "lainnya": EmploymentType.OTHER,
}


class _UsageError(Exception):
    """An option the search cannot use; the message says which and what it takes."""


def kecamatan_code(regions: RegionTable, text: str) -> str:
    """The filter code for a typed place: a kecamatan (name, "33.74.10" or "337410"), or
    KOTA_CODE for "Kota Semarang" / "Semarang" / "33.74".

    Raises:
        _UsageError: no kecamatan of Kota Semarang has that name or code.
    """
    digits = re.sub(r"\D", "", text)
    if text.strip() and not re.sub(r"[\d.\s]", "", text):
        dotted = ".".join(digits[i:i + 2] for i in range(0, len(digits), 2))
        if dotted == KOTA_CODE or regions.by_code(dotted):
            return dotted
    if fold_phrase(text) in {"kota semarang", "semarang"}:
        return KOTA_CODE
    code = regions.match_kecamatan(text)
    if code is None:
        names = ", ".join(k.name for k in regions.kecamatan)
        raise _UsageError(_("Unknown kecamatan “{name}”. Choose one of: {names}").format(
            name=text, names=names))
    return code


def _query(args: argparse.Namespace, regions: RegionTable, settings: Settings
           ) -> tuple[SearchQuery, date | None]:
    # The kiosk's default scope is the whole city; --everywhere lifts it (issue 9).
    kecamatan = kecamatan_code(regions, args.kecamatan) if args.kecamatan else (
        None if getattr(args, "everywhere", False) else KOTA_CODE)
    try:
        near = home_kecamatan(regions, getattr(args, "near", None) or settings.kiosk_kelurahan)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    education = None
    if args.education:
        try:
            education = EducationLevel(args.education.strip().upper())
        except ValueError:
            raise _UsageError(_("Unknown education level “{value}”. Use one of: {levels}").format(
                value=args.education, levels=", ".join(e.value for e in EducationLevel))) from None
    employment_type = None
    if args.employment_type:
        word = fold_phrase(args.employment_type)
        employment_type = _TYPE_WORDS.get(word)
        if employment_type is None:
            try:
                employment_type = EmploymentType(word.upper().replace(" ", "_"))
            except ValueError:
                raise _UsageError(_("Unknown employment type “{value}”. Use one of: {types}")
                                  .format(value=args.employment_type,
                                          types=", ".join(t.value for t in EmploymentType))
                                  ) from None
    today = None
    if args.as_of:
        try:
            today = date.fromisoformat(args.as_of)
        except ValueError:
            raise _UsageError(_("“{value}” is not a date; write it as YYYY-MM-DD.").format(
                value=args.as_of)) from None
    query = SearchQuery(
        text=args.text, kecamatan_code=kecamatan, education=education,
        employment_type=employment_type, min_salary=args.min_salary or None, near=near,
    )
    return query, today


def _as_json(v: Vacancy, regions: RegionTable) -> dict[str, Any]:
    return {
        "id": v.id, "source": v.source, "source_id": v.source_id, "title": v.title,
        "employer": v.employer, "kecamatan": regions.name_of(v.kecamatan_code),
        "kecamatan_code": v.kecamatan_code, "location": v.location,
        "employment_type": v.employment_type.value if v.employment_type else None,
        "salary_min": v.salary_min, "salary_max": v.salary_max,
        "salary_unit": v.salary_unit.value, "experience_months": v.experience_months,
        "education_min": v.education_min.value if v.education_min else None,
        "date_posted": v.date_posted.isoformat(), "valid_through": v.valid_through.isoformat(),
        "is_demo": v.is_demo,
    }


def _widening(query: SearchQuery, result: SearchResult, regions: RegionTable) -> list[str]:
    """What to change when nothing was found (SearchResult.outside_scope / without_filters)."""
    lines = []
    if result.outside_scope:
        place = (_("Kota Semarang") if query.kecamatan_code == KOTA_CODE else
                 _("Kecamatan {name}").format(name=regions.name_of(query.kecamatan_code)))
        # The count is of everywhere else; --kecamatan wins over --everywhere (_query).
        action = (_("add {option}").format(option="--everywhere")
                  if query.kecamatan_code == KOTA_CODE else
                  _("use {option} instead of {other}").format(option="--everywhere",
                                                             other="--kecamatan"))
        lines.append(ngettext(
            "None in {place}; {count} vacancy elsewhere: {action}",
            "None in {place}; {count} vacancies elsewhere: {action}", result.outside_scope,
        ).format(place=place, count=result.outside_scope, action=action))
    if result.without_filters:
        lines.append(ngettext(
            "{count} vacancy without the filters (--education, --type, --min-salary): "
            "leave them out",
            "{count} vacancies without the filters (--education, --type, --min-salary): "
            "leave them out", result.without_filters).format(count=result.without_filters))
    return lines


def search(settings: Settings, args: argparse.Namespace) -> int:
    """Print the results of one search; 0 when it ran (also with no results), 2 on a bad option.

    `--json` prints `{"results": [...], "total": N, "soft", "suggestions", "outside_scope",
    "without_filters"}` in rank order (kiosk.search.SearchResult says what each means).
    """
    services = open_services(settings.data_dir, datetime.now)
    try:
        try:
            query, today = _query(args, services.regions, settings)
        except _UsageError as exc:
            print(exc, file=sys.stderr)
            return 2
        result = services.search.search(query, limit=args.limit, today=today)
        near_name = services.regions.name_of(query.near)
        bands = [band_label(b, near_name) for b in result.bands]
        if args.json:
            results = [{**_as_json(v, services.regions), "band": int(b), "band_text": text}
                       for v, b, text in zip(result.vacancies, result.bands, bands,
                                             strict=True)]
            print(json.dumps({"results": results, "total": result.total,
                              "soft": result.soft, "suggestions": list(result.suggestions),
                              "outside_scope": result.outside_scope,
                              "without_filters": result.without_filters},
                             ensure_ascii=False))
            return 0
        if result.soft:
            print(_("No vacancy matches every word. These are the closest:"))
        if not result.total and result.suggestions:
            print(_("Did you mean: {words}").format(words=", ".join(result.suggestions)))
        for line in _widening(query, result, services.regions):
            print(line)
        print(_("{shown} of {total} vacancies").format(
            shown=len(result.vacancies), total=result.total))
        for rank, (v, band) in enumerate(zip(result.vacancies, bands, strict=True), 1):
            place = services.regions.name_of(v.kecamatan_code) or v.location
            print(f"{rank:3}. {v.title} | {v.employer} | {place} | {band}")
        return 0
    finally:
        services.close()
