"""schema.org JobPosting: recognising a posting and mapping it to a Draft (the documents that
hold postings are read in document.py).

Nodes referenced by "@id" inside a @graph (an Organization, a Place) are followed.
Salaries come from baseSalary (else estimatedSalary): a MonetaryAmount whose value is a number
or a QuantitativeValue with value/minValue/maxValue and unitText HOUR, DAY, WEEK, MONTH or YEAR.
"""
from __future__ import annotations

import re

from kiosk.importer.fields import Field
from kiosk.importer.record import Draft

JOBPOSTING_SOURCE = "jobposting"

Node = dict[str, object]
_EXPERIENCE = re.compile(
    r"(\d{1,3})\s*\+?\s*(tahun|thn|th|years?|yrs?|bulan|bln|months?)\b", re.IGNORECASE
)
_CODE_SET = re.compile(r"\b(?:kbji|isco)\b", re.IGNORECASE)
_CODE_IN_TEXT = re.compile(r"(?:kbji|isco)[\w\s-]{0,12}?[:\s]\s*(\d{1,4})\b", re.IGNORECASE)


def is_job_posting(node: object) -> bool:
    """True for a dict typed JobPosting (also "schema:JobPosting", a list of types), or an
    untyped dict with a title and a hiringOrganization or description."""
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting"
           for k in kinds):
        return True
    return kind is None and "title" in node and (
        "hiringOrganization" in node or "description" in node)


def _deref(value: object, index: dict[str, Node]) -> object:
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and value["@id"] in index:
        return index[value["@id"]]
    return value


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _get(node: object, key: str) -> object:
    return node.get(key) if isinstance(node, dict) else None


def draft_from_posting(node: Node, index: dict[str, Node] | None = None) -> Draft:
    """The Draft of one JobPosting object; field names in it are the schema.org property paths."""
    index = index or {}
    title_key = "name" if node.get("title") in (None, "") and "name" in node else "title"
    draft = Draft(
        title=Field(title_key, node.get(title_key)),
        description=Field("description", node.get("description")),
        employment_type=Field("employmentType", node.get("employmentType")),
        date_posted=Field("datePosted", node.get("datePosted")),
        valid_through=Field("validThrough", node.get("validThrough")),
        skills=Field("skills", node.get("skills")),
        url=Field("url", node.get("url")),
    )
    employer = _deref(node.get("hiringOrganization"), index)
    name = _get(employer, "name") if isinstance(employer, dict) else employer
    draft.employer = Field("hiringOrganization", name)
    _location(draft, _deref(_first(node.get("jobLocation")), index), index)
    _salary(draft, node)
    _education(draft, _deref(node.get("educationRequirements"), index))
    _experience(draft, node.get("experienceRequirements"))
    _occupation(draft, node)
    identifier = _first(node.get("identifier"))
    if isinstance(identifier, dict):
        draft.source_id = Field("identifier.value", identifier.get("value"))
    else:
        draft.source_id = Field("identifier", identifier)
    return draft


def _location(draft: Draft, place: object, index: dict[str, Node]) -> None:
    if isinstance(place, str):
        draft.location = Field("jobLocation", place)
        return
    address = _deref(_get(place, "address"), index)
    if isinstance(address, str):
        draft.location = Field("jobLocation.address", address)
        return
    for key in ("addressLocality", "addressRegion"):
        value = _get(address, key)
        if isinstance(value, str) and value.strip():
            draft.location = Field(f"jobLocation.address.{key}", value)
            break
    else:
        if isinstance(_get(place, "name"), str):
            draft.location = Field("jobLocation.name", _get(place, "name"))
    parts = [_get(address, "streetAddress"), _get(place, "name"), _get(address, "addressRegion")]
    street = ", ".join(p for p in parts if isinstance(p, str) and len(p) <= 300)
    draft.address = Field("jobLocation.address.streetAddress", street) if street else None


def _salary(draft: Draft, node: Node) -> None:
    key = "baseSalary" if node.get("baseSalary") is not None else "estimatedSalary"
    amount = _first(node.get(key))
    if amount is None:
        return
    if not isinstance(amount, dict):  # a bare number or text: IDR per month
        draft.salary_min = draft.salary_max = Field(key, amount)
        return
    draft.currency = Field(f"{key}.currency", amount.get("currency"))
    value = _first(amount.get("value"))
    # A QuantitativeValue inside the MonetaryAmount, or the MonetaryAmount's own value fields.
    where, holder = (f"{key}.value", value) if isinstance(value, dict) else (key, amount)
    unit = holder.get("unitText") if "unitText" in holder else amount.get("unitText")
    draft.salary_period = Field(f"{where}.unitText", unit)
    low, high, single = holder.get("minValue"), holder.get("maxValue"), holder.get("value")
    if low is None and high is None and single is not None:
        draft.salary_min = draft.salary_max = Field(f"{where}.value", single)
        return
    if low is not None:
        draft.salary_min = Field(f"{where}.minValue", low)
    if high is not None:
        draft.salary_max = Field(f"{where}.maxValue", high)


def _credential_texts(value: object, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value]
    if depth > 3:
        return []
    if isinstance(value, list):
        return [t for item in value[:20] for t in _credential_texts(item, depth + 1)]
    if isinstance(value, dict):
        for key in ("credentialCategory", "name", "educationalLevel", "description"):
            texts = _credential_texts(value.get(key), depth + 1)
            if texts:
                return texts
    return []


def _education(draft: Draft, value: object) -> None:
    texts = [t for t in _credential_texts(value) if len(t) <= 500]
    if texts:
        draft.education = Field("educationRequirements", ", ".join(texts)[:500])


def _experience(draft: Draft, value: object) -> None:
    if isinstance(value, dict):
        draft.experience_months = Field(
            "experienceRequirements.monthsOfExperience", value.get("monthsOfExperience"))
    elif isinstance(value, str) and len(value) <= 2000:
        match = _EXPERIENCE.search(value)
        if match:
            is_months = match[2].lower().startswith(("bulan", "bln", "month"))
            field = Field("experienceRequirements", int(match[1]))
            if is_months:
                draft.experience_months = field
            else:
                draft.experience_years = field


def _occupation(draft: Draft, node: Node) -> None:
    hints: list[str] = []
    for value in (node.get("occupationalCategory"), node.get("industry")):
        value = _first(value)
        if isinstance(value, dict):
            code_set = value.get("inCodeSet")
            code_set = _get(code_set, "name") if isinstance(code_set, dict) else code_set
            if isinstance(code_set, str) and _CODE_SET.search(code_set[:200]) \
                    and value.get("codeValue") is not None and draft.kbji_code is None:
                draft.kbji_code = Field("occupationalCategory.codeValue", value["codeValue"])
            value = value.get("name")
        if isinstance(value, str) and len(value) <= 200:
            match = _CODE_IN_TEXT.match(value.strip())
            if match and draft.kbji_code is None:
                draft.kbji_code = Field("occupationalCategory", match[1])
            else:
                hints.append(value)
    draft.kbji_hints = tuple(hints)
