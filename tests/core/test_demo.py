"""The shipped demo catalog reads cleanly, covers the city, and seeds an empty kiosk only."""
from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog, row_to_vacancy, upsert_in_batches
from kiosk.demo import DEMO_CATALOG, DEMO_SOURCE, read_demo_catalog, seed_demo_catalog
from kiosk.importer import SkippedRecord, read_vacancies
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from tests.fakes import FakeClock

DISCLAIMER = "Lowongan contoh untuk demonstrasi kiosk — bukan lowongan sungguhan."




@pytest.fixture(scope="module")
def as_read(regions: RegionTable) -> list[Vacancy | SkippedRecord]:
    """The demo file exactly as the importer reads it, before seeding touches it."""
    return list(read_vacancies(DEMO_CATALOG, regions, source=DEMO_SOURCE))


@pytest.fixture
def demo(regions: RegionTable, clock: FakeClock) -> list[Vacancy]:
    return read_demo_catalog(regions, clock().date())




@pytest.fixture
def catalog(db: Database, clock: FakeClock) -> VacancyCatalog:
    return VacancyCatalog(db, clock)


def _stored(db: Database) -> list[Vacancy]:
    return [row_to_vacancy(row) for row in db["vacancy"].rows]


def test_demo_file_is_read_by_the_importer_without_a_single_skip(
    as_read: list[Vacancy | SkippedRecord],
) -> None:
    skipped = [item for item in as_read if isinstance(item, SkippedRecord)]
    assert skipped == []
    assert len(as_read) >= 40


def test_demo_file_declares_itself_a_demo_written_by_the_team() -> None:
    doc = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    assert "SIKER Kiosk" in doc["description"]
    assert "demo" in doc["description"].lower()
    assert all(node["@type"] == "JobPosting" for node in doc["@graph"])
    assert not any("url" in node for node in doc["@graph"])  # demo vacancies have no web page


def test_every_kecamatan_has_at_least_two_demo_vacancies(
    regions: RegionTable, demo: list[Vacancy]
) -> None:
    per_kecamatan = Counter(v.kecamatan_code for v in demo)
    assert None not in per_kecamatan
    assert {k.code for k in regions.kecamatan} == set(per_kecamatan)
    assert min(per_kecamatan.values()) >= 2


def test_every_demo_vacancy_is_marked_as_demo_and_says_so(demo: list[Vacancy]) -> None:
    for vacancy in demo:
        assert vacancy.is_demo
        assert vacancy.source == DEMO_SOURCE
        assert vacancy.source_id.startswith("DEMO-")
        assert vacancy.employer.endswith("(Contoh)"), vacancy.employer
        assert vacancy.description.splitlines()[0] == DISCLAIMER
        assert vacancy.url is None
    assert len({v.source_id for v in demo}) == len(demo)


def test_demo_mixes_education_levels_including_sd_and_smp(demo: list[Vacancy]) -> None:
    levels = Counter(v.education_min for v in demo)
    assert {EducationLevel.SD, EducationLevel.SMP, EducationLevel.SMA, EducationLevel.SMK,
            EducationLevel.D3, EducationLevel.S1} <= set(levels)
    assert levels[None] >= 1  # some ask for no schooling at all
    # Most demo jobs suit residents with school-level education, as most walk-in residents have.
    school = sum(n for level, n in levels.items() if level is None or level.rank <= 2)
    assert school >= len(demo) * 3 // 4


def test_demo_mixes_employment_types(demo: list[Vacancy]) -> None:
    kinds = Counter(v.employment_type for v in demo)
    assert {EmploymentType.FULL_TIME, EmploymentType.PART_TIME, EmploymentType.CONTRACT,
            EmploymentType.INTERNSHIP, EmploymentType.DAILY} <= set(kinds)
    assert kinds[EmploymentType.FULL_TIME] < len(demo)


def test_demo_salaries_are_positive_and_the_lowest_is_not_above_the_highest(
    demo: list[Vacancy],
) -> None:
    for vacancy in demo:
        assert vacancy.salary_min is not None and vacancy.salary_max is not None
        assert 0 < vacancy.salary_min <= vacancy.salary_max, vacancy.source_id


def test_full_time_demo_posts_pay_at_least_the_semarang_minimum_wage(
    demo: list[Vacancy],
) -> None:
    umk_2025 = 3_454_827  # UMK Kota Semarang 2025, IDR per month
    full_time = [v for v in demo if v.employment_type is EmploymentType.FULL_TIME]
    assert full_time
    assert all(v.salary_min is not None and v.salary_min >= umk_2025 for v in full_time)


def test_some_demo_vacancies_have_no_closing_date_so_the_estimate_shows(
    demo: list[Vacancy],
) -> None:
    assert 3 <= sum(v.valid_through_estimated for v in demo) <= 4


def test_seeding_moves_every_date_by_the_same_days_so_the_newest_is_posted_today(
    as_read: list[Vacancy | SkippedRecord], demo: list[Vacancy], clock: FakeClock
) -> None:
    original = {v.source_id: v for v in as_read if isinstance(v, Vacancy)}
    shifts = {v.date_posted - original[v.source_id].date_posted for v in demo}
    shifts |= {v.valid_through - original[v.source_id].valid_through for v in demo}
    assert len(shifts) == 1
    assert max(v.date_posted for v in demo) == clock().date()


def test_seeding_an_empty_database_inserts_the_demo_and_none_is_expired(
    db: Database,
    catalog: VacancyCatalog,
    regions: RegionTable,
    clock: FakeClock,
    as_read: list[Vacancy | SkippedRecord],
) -> None:
    seeded = seed_demo_catalog(catalog, regions, clock)

    assert seeded == len(as_read) >= 40
    assert catalog.count(include_expired=True) == seeded
    assert catalog.count() == seeded  # every one still open on the clock's date
    stored = _stored(db)
    assert all(v.is_demo and v.is_open_on(clock().date()) for v in stored)
    assert max(v.date_posted for v in stored) == clock().date()


def test_seeding_long_after_the_file_was_written_still_shows_open_vacancies(
    catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock
) -> None:
    clock.advance(days=3 * 365)

    seeded = seed_demo_catalog(catalog, regions, clock)

    assert seeded >= 40
    assert catalog.count() == seeded


def test_seeding_twice_adds_nothing_the_second_time(
    catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock
) -> None:
    first = seed_demo_catalog(catalog, regions, clock)
    clock.advance(days=10)

    assert seed_demo_catalog(catalog, regions, clock) == 0
    assert catalog.count(include_expired=True) == first


def test_seeding_a_catalog_with_real_vacancies_adds_nothing(
    db: Database,
    catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock, shared_data: Path
) -> None:
    real = [
        item
        for item in read_vacancies(shared_data / "job_postings_id.jsonl", regions)
        if isinstance(item, Vacancy)
    ][:5]
    assert upsert_in_batches(catalog, real).added == 5

    assert seed_demo_catalog(catalog, regions, clock) == 0
    assert catalog.count(include_expired=True) == 5
    assert not any(v.is_demo for v in _stored(db))


def test_seeding_a_catalog_whose_vacancies_all_expired_adds_nothing(
    catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock
) -> None:
    seed_demo_catalog(catalog, regions, clock)
    clock.advance(days=365)
    assert catalog.count() == 0  # all expired, but the catalog is not empty

    assert seed_demo_catalog(catalog, regions, clock) == 0


def test_a_demo_file_with_a_bad_record_raises_and_writes_nothing(
    tmp_path: Path, catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock
) -> None:
    doc = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    doc["@graph"][4]["validThrough"] = "2024-01-01"  # before its datePosted
    doc["@graph"][7]["title"] = ""
    broken = tmp_path / "demo.jsonld"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(ValueError, match="2 problem") as raised:
        seed_demo_catalog(catalog, regions, clock, broken)

    assert "2024-01-01" in str(raised.value)
    assert catalog.count(include_expired=True) == 0


def test_a_missing_demo_file_raises(
    tmp_path: Path, catalog: VacancyCatalog, regions: RegionTable, clock: FakeClock
) -> None:
    with pytest.raises(ValueError, match="absent.jsonld"):
        seed_demo_catalog(catalog, regions, clock, tmp_path / "absent.jsonld")
    assert catalog.count(include_expired=True) == 0


def test_demo_postings_span_weeks_and_each_closes_after_it_opens(demo: list[Vacancy]) -> None:
    posted = sorted(v.date_posted for v in demo)
    assert posted[-1] - posted[0] <= timedelta(days=60)
    assert all(v.valid_through >= v.date_posted for v in demo)
