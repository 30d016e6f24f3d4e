"""A pulled vacancy (the change log's "vacancy" data, see sync/central/vacancies.py) as the
kiosk's Vacancy record."""
from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.pay import PayUnit
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy


def vacancy_from_wire(data: dict[str, Any]) -> Vacancy:
    """Raises KeyError/ValueError/TypeError for data the kiosk cannot read."""
    kind = data.get("employment_type")
    education = data.get("education_min")
    return Vacancy(
        source=str(data["source"]), source_id=str(data["source_id"]),
        title=str(data["title"]), employer=str(data["employer"]),
        location=str(data.get("location") or ""), description=str(data.get("description") or ""),
        date_posted=date.fromisoformat(data["date_posted"]),
        valid_through=date.fromisoformat(data["valid_through"]),
        valid_through_estimated=bool(data.get("valid_through_estimated")),
        kecamatan_code=data.get("kecamatan_code"),
        in_kota_semarang=bool(data.get("in_kota_semarang")),
        employment_type=EmploymentType(kind) if kind else None,
        salary_min=data.get("salary_min"), salary_max=data.get("salary_max"),
        salary_unit=PayUnit(data.get("salary_unit") or "MONTH"),
        education_min=EducationLevel(education) if education else None,
        experience_months=data.get("experience_months"),
        skills=tuple(data.get("skills") or ()), kbji_major_group=data.get("kbji_major_group"),
        url=data.get("url"),
    )
