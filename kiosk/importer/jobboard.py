"""Job-board records shaped like Loker.id's (see shared/data/SOURCES.md) mapped to a Draft.

Fields: Job ID, Title, Company, Location, Category, Subcategory, Function, Type, Level,
Min Salary, Max Salary (IDR per month, empty when not stated), Salary Negotiation,
Min Experience, Max Experience (years), Fresh Graduate, the 0/1 education flags SMA/SMK/STM,
Diploma/D1/D2/D3, Sarjana/S1, Master/S2, Doctor/S3, Posted Date, Description, Skill_Set (a
Python-list literal kept as text) and Link. Every value is a string.
"""
from __future__ import annotations

from kiosk.importer.education import DIPLOMA
from kiosk.importer.fields import Field
from kiosk.importer.record import Draft

JOB_BOARD_SOURCE = "lokerid"

EDUCATION_FLAGS: dict[str, str] = {
    "SMA/SMK/STM": "SMA",
    "Diploma/D1/D2/D3": DIPLOMA,
    "Sarjana/S1": "S1",
    "Master/S2": "S2",
    "Doctor/S3": "S3",
}
"""Job-board flag field -> the level it stands for (the lowest flag set wins)."""
HINT_FIELDS = ("Function", "Subcategory", "Category")
"""Fields whose words help guess the KBJI group when the title alone does not settle it."""
_SET = {"1", "true", "ya", "yes", "y"}


def is_job_board_record(record: dict[str, object]) -> bool:
    """True when the record uses the job board's field names (Title, Company or Job ID)."""
    return any(key in record for key in ("Title", "Company", "Job ID"))


def flag_is_set(value: object) -> bool:
    """A 0/1 flag: "1", 1, true, "ya"/"yes" are set; anything else is not."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value == 1
    return isinstance(value, str) and value.strip().lower() in _SET


def draft_from_job_board(record: dict[str, object]) -> Draft:
    """The Draft of one job-board record; the field names stay the job board's own."""

    def field(name: str) -> Field | None:
        return Field(name, record[name]) if name in record else None

    hints = tuple(
        value for name in HINT_FIELDS
        if isinstance(value := record.get(name), str) and len(value) <= 200
    )
    return Draft(
        title=field("Title"),
        employer=field("Company"),
        location=field("Location"),
        description=field("Description"),
        employment_type=field("Type"),
        salary_min=field("Min Salary"),
        salary_max=field("Max Salary"),
        education_flags=tuple(
            level for name, level in EDUCATION_FLAGS.items() if flag_is_set(record.get(name))
        ),
        experience_years=field("Min Experience"),
        skills=field("Skill_Set"),
        kbji_hints=hints,
        date_posted=field("Posted Date"),
        source_id=field("Job ID"),
        url=field("Link"),
    )
