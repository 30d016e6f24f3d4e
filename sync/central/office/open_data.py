"""Open data out: the published vacancies as a schema.org JobPosting JSON-LD feed (no sign-in).

GET /api/v1/open/vacancies.jsonld answers {"@context": "https://schema.org", "@graph": [...]}
with one JobPosting per published vacancy (https://schema.org/JobPosting): identifier (source
and source id), title, description, datePosted, validThrough, employmentType,
hiringOrganization, jobLocation (PostalAddress with the kecamatan's Kemendagri code when known),
baseSalary (MonetaryAmount in IDR per MONTH), educationRequirements, experienceRequirements,
skills, occupationalCategory (KBJI 2014 major group) and url. The kiosk's importer reads the
feed back as the same vacancies, so one city's feed can fill another's kiosks.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from sync.central import vacancies
from sync.central.office.web import office

router = APIRouter(prefix="/api/v1/open", tags=["open data"])
MEDIA_TYPE = "application/ld+json"


@router.get(
    "/vacancies.jsonld",
    summary="Published vacancies as schema.org JobPosting JSON-LD",
    response_class=JSONResponse,
    responses={200: {"content": {MEDIA_TYPE: {"schema": {"type": "object"}}},
                     "description": 'A JSON-LD document: {"@context", "@graph": [JobPosting]}'}},
)
def vacancies_feed(request: Request) -> JSONResponse:
    """Every published vacancy as a JobPosting; unpublished ones are left out. No sign-in:
    vacancies are public information."""
    with office(request).engine.connect() as conn:
        rows = vacancies.list_all(conn)
    graph = [jobposting(row["data"]) for row in rows]
    return JSONResponse({"@context": "https://schema.org", "@graph": graph},
                        media_type=MEDIA_TYPE,
                        headers={"Cache-Control": "public, max-age=300"})


def jobposting(data: dict[str, Any]) -> dict[str, Any]:
    """One vacancy's wire dict (publishing.vacancy_to_wire) as a schema.org JobPosting."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": data.get("location"),
                               "addressCountry": "ID"}
    if data.get("kecamatan_code"):
        address["identifier"] = {"@type": "PropertyValue", "propertyID": "kode wilayah Kemendagri",
                                 "value": data["kecamatan_code"]}
    node: dict[str, Any] = {
        "@type": "JobPosting",
        "@id": f"urn:siker:vacancy:{data['id']}",
        "identifier": {"@type": "PropertyValue", "name": data.get("source"),
                       "value": data.get("source_id")},
        "title": data.get("title"),
        "description": data.get("description"),
        "datePosted": data.get("date_posted"),
        "validThrough": data.get("valid_through"),
        "hiringOrganization": {"@type": "Organization", "name": data.get("employer")},
        "jobLocation": {"@type": "Place", "address": address},
    }
    if data.get("employment_type"):
        node["employmentType"] = data["employment_type"]
    if data.get("salary_min") is not None or data.get("salary_max") is not None:
        # Pay in the unit the employer stated (kiosk.pay.PayUnit); records from before the
        # unit was carried are monthly.
        value: dict[str, Any] = {"@type": "QuantitativeValue",
                                 "unitText": data.get("salary_unit") or "MONTH"}
        if data.get("salary_min") is not None:
            value["minValue"] = data["salary_min"]
        if data.get("salary_max") is not None:
            value["maxValue"] = data["salary_max"]
        node["baseSalary"] = {"@type": "MonetaryAmount", "currency": "IDR", "value": value}
    if data.get("education_min"):
        node["educationRequirements"] = {"@type": "EducationalOccupationalCredential",
                                         "credentialCategory": data["education_min"]}
    months = data.get("experience_months")
    if months is None and data.get("experience_years") is not None:
        months = data["experience_years"] * 12
    if months is not None:
        node["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                          "monthsOfExperience": months}
    if data.get("skills"):
        node["skills"] = ", ".join(data["skills"])
    if data.get("kbji_major_group"):
        node["occupationalCategory"] = {"@type": "CategoryCode", "inCodeSet": "KBJI 2014",
                                        "codeValue": data["kbji_major_group"]}
    if data.get("url"):
        node["url"] = data["url"]
    return node
