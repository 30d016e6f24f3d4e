"""How a vacancy is stored: its `vacancy` table row, its rank key, its packed description, the
fingerprint of the words the search index holds, what an upsert did. kiosk.catalog writes with
these."""
from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from kiosk.pay import PayUnit
from kiosk.search_tags import place_tags, tags_fingerprint, title_tags
from kiosk.textnorm import Stemmer
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy

_ID_BITS = 24  # vacancy ids below 16.7 million; the posting day fills the bits above


def rank_key(date_posted: date, vacancy_id: int) -> int:
    """A sort key that orders vacancies newest first when read in descending order.

    The posting day (proleptic ordinal) in the high bits, the vacancy id in the low 24 bits, so
    vacancies posted the same day come newest-imported first and every key is unique.
    """
    return (date_posted.toordinal() << _ID_BITS) | (vacancy_id & ((1 << _ID_BITS) - 1))


COMPARED = (
    "title", "employer", "location", "kecamatan_code", "in_kota", "description", "employment_type",
    "salary_min", "salary_max", "salary_unit", "education_min", "experience_months", "skills",
    "kbji_major_group", "date_posted", "valid_through", "valid_through_estimated", "url", "is_demo",
)
_DESCRIPTION = COMPARED.index("description")
INDEXED = tuple(COMPARED.index(name) for name in (
    "title", "employer", "skills", "description", "location", "kecamatan_code", "in_kota"))
_FINGERPRINT_PROBE = (
    "Dibutuhkan Pengemudi / Sopir SIM B1 & kurir pengiriman; menjahit, pemasaran, akuntansi. "
    "Naïve café Staff-Admin 3 shift, kurir"
)
"""A text whose indexed words stand for how the Stemmer folds and stems (index_fingerprint)."""


def pack_text(text: str) -> str | bytes:
    """A description as stored: zlib-compressed UTF-8 from 200 characters on (about half the
    size: the catalog's largest column), shorter text as is. `unpack_text` reverses it."""
    if len(text) < 200:
        return text
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_text(stored: str | bytes | None) -> str:
    """The text `pack_text` stored (rows stored before migration m006 hold plain text)."""
    if stored is None:
        return ""
    if isinstance(stored, bytes):
        return zlib.decompress(stored).decode("utf-8")
    return stored


def index_fingerprint(stemmer: Stemmer) -> str:
    """A short hash of the words `stemmer` indexes for a fixed probe text. The contentless
    search index can delete a vacancy's row only with exactly the words it indexed, so when
    this changes (a new folding or stemming rule) the index is rebuilt before the next write."""
    # The tags (KBJI group, place: kiosk.search_tags) are indexed words too.
    # The description column holds stems only (Stemmer.index_stems): its own probe.
    words = (stemmer.index_text(_FINGERPRINT_PROBE) + " " + tags_fingerprint() + " | "
             + stemmer.index_stems(_FINGERPRINT_PROBE + " dan yang di"))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class UpsertCounts:
    """What one upsert did: vacancies new to the catalog, changed, and identical to before."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.added + other.added, self.updated + other.updated, self.unchanged + other.unchanged
        )


class Prepared(NamedTuple):
    """A vacancy ready to be written: its `vacancy` table row, its indexed words (one string a
    search index column) and the top of its pay in IDR per month (kiosk.pay), or None."""

    vacancy: Vacancy
    row: dict[str, Any]
    words: tuple[str, ...]
    salary_top: int | None


def indexed_words(
    stemmer: Stemmer, title: str, employer: str, skills: Iterable[str], description: str,
    place: tuple[str, str | None, Any],
) -> tuple[str, str, str, str]:
    """The indexed words of each search index column: folded words and their stems
    (Stemmer.index_text), in the description the stems only (Stemmer.index_stems); the title
    carries its KBJI tag and the skills the place tags (kiosk.search_tags), `place` being
    (location, kecamatan_code, in_kota) as stored."""
    location, kecamatan_code, in_kota = place
    return (stemmer.index_text(title) + " " + title_tags(title), stemmer.index_text(employer),
            stemmer.index_many(skills) + " " + place_tags(location, kecamatan_code,
                                                          bool(in_kota)),
            stemmer.index_stems(description))


def prepare_batch(stemmer: Stemmer, vacancies: Iterable[Vacancy]) -> list[Prepared]:
    """Each vacancy with its table row, indexed words and monthly pay top: everything a write
    needs that needs no database, so it can run in another thread or process
    (kiosk.catalog_prepare)."""
    return [
        # A missing title or employer is refused by the table (NOT NULL) when written.
        Prepared(v, row, indexed_words(
            stemmer, v.title or "", v.employer or "", v.skills, v.description or "",
            (row["location"], row["kecamatan_code"], row["in_kota"])), v.monthly_salary_top())
        for v, row in ((v, vacancy_to_row(v)) for v in vacancies)
    ]


def vacancy_to_row(v: Vacancy) -> dict[str, Any]:
    """The `vacancy` table row for a record (without id and updated_at)."""
    has_pay = v.salary_min is not None or v.salary_max is not None
    return {
        "source": v.source,
        "source_id": v.source_id,
        "title": v.title,
        "employer": v.employer,
        "location": v.location,
        "kecamatan_code": v.kecamatan_code,
        "in_kota": int(v.in_kota_semarang or v.kecamatan_code is not None),
        "description": pack_text(v.description),
        "employment_type": v.employment_type.value if v.employment_type else None,
        "salary_min": v.salary_min,
        "salary_max": v.salary_max,
        "salary_unit": v.salary_unit.value if has_pay else None,
        "education_min": v.education_min.value if v.education_min else None,
        "education_rank": v.education_min.rank if v.education_min else None,
        "experience_months": v.experience_months,
        "skills": json.dumps(list(v.skills), ensure_ascii=False),
        "kbji_major_group": v.kbji_major_group,
        "date_posted": v.date_posted.isoformat(),
        "valid_through": v.valid_through.isoformat(),
        "valid_through_estimated": int(v.valid_through_estimated),
        "url": v.url,
        "is_demo": int(v.is_demo),
    }


def row_to_vacancy(row: dict[str, Any]) -> Vacancy:
    """Rebuild a stored vacancy (with its id) from a `vacancy` table row."""
    return Vacancy(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        title=row["title"],
        employer=row["employer"],
        location=row["location"] or "",
        kecamatan_code=row["kecamatan_code"],
        in_kota_semarang=bool(row["in_kota"]),
        description=unpack_text(row["description"]),
        employment_type=EmploymentType(row["employment_type"]) if row["employment_type"] else None,
        salary_min=row["salary_min"],
        salary_max=row["salary_max"],
        salary_unit=PayUnit(row["salary_unit"] or PayUnit.MONTH),
        education_min=EducationLevel(row["education_min"]) if row["education_min"] else None,
        experience_months=row["experience_months"],
        skills=tuple(json.loads(row["skills"] or "[]")),
        kbji_major_group=row["kbji_major_group"],
        date_posted=date.fromisoformat(row["date_posted"]),
        valid_through=date.fromisoformat(row["valid_through"]),
        valid_through_estimated=bool(row["valid_through_estimated"]),
        url=row["url"],
        is_demo=bool(row["is_demo"]),
    )


def same_as_stored(stored: tuple[Any, ...], row: dict[str, Any], vacancy: Vacancy) -> bool:
    """Whether the stored COMPARED columns equal a new row (a description stored as plain
    text before migration m006 compares by its text)."""
    for i, name in enumerate(COMPARED):
        if i == _DESCRIPTION:
            if unpack_text(stored[i]) != vacancy.description:
                return False
        elif stored[i] != row[name]:
            return False
    return True
