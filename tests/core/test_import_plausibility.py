"""Plausibility checks on imported records: dates in the future, closing dates years away,
salaries too small for a month, and any salary notation giving a sane range or a clear skip."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.importer import (
    MAX_VALIDITY_DAYS,
    MIN_MONTHLY_SALARY_IDR,
    SkippedRecord,
    import_files,
    read_vacancies,
)
from kiosk.importer.amounts import MAX_SALARY_IDR
from kiosk.pay import PayUnit
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from tests.core.records import good_record, lines
from tests.fakes import FakeClock

REGIONS = RegionTable.load()
INTERNAL_ERROR = "Data ini tidak bisa dibaca ("  # the last-resort reason: never expected





def test_a_posting_date_more_than_a_day_ahead_of_the_import_is_skipped(
    tmp_path: Path, db: Database, clock: FakeClock
) -> None:
    path = tmp_path / "future.jsonl"
    path.write_text(lines(good_record(1, **{"Posted Date": "2025-07-11 23:00:00"}),
                          good_record(2, **{"Posted Date": "2025-07-12"})), encoding="utf-8")
    report = import_files([path], VacancyCatalog(db, clock), REGIONS)  # today is 2025-07-10
    assert report.added == 1
    (skip,) = report.skipped
    assert skip.position == "baris 2" and skip.kind == "posted_in_future"
    assert "tanggal posting di masa depan" in skip.reason and "2025-07-12" in skip.reason


def test_a_closing_date_over_a_year_after_posting_is_capped_and_marked_estimated(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps([
        {"@type": "JobPosting", "title": "Satpam", "hiringOrganization": "PT Aman",
         "datePosted": "2025-07-01", "validThrough": "2027-01-01", "identifier": "L-1"},
        {"@type": "JobPosting", "title": "Sopir", "hiringOrganization": "PT Aman",
         "datePosted": "2025-07-01", "validThrough": "2026-07-01", "identifier": "L-2"},
    ]), encoding="utf-8")
    notes: list[str] = []
    capped, kept = read_vacancies(path, REGIONS, on_note=notes.append)
    assert isinstance(capped, Vacancy) and isinstance(kept, Vacancy)
    assert capped.valid_through == date(2026, 7, 1) and capped.valid_through_estimated
    assert kept.valid_through == date(2026, 7, 1) and not kept.valid_through_estimated
    (note,) = notes
    assert note.startswith(f"{path}, data ke-1: ")
    assert "2027-01-01" in note and "2026-07-01" in note and f"{MAX_VALIDITY_DAYS}" in note


@pytest.mark.parametrize(
    ("salary", "unit"), [("3500", None), ("99999", None), ("500", "HOUR"), ("3900", "DAY")])
def test_a_monthly_salary_below_rp_100_000_is_skipped_as_a_likely_unit_mistake(
    tmp_path: Path, salary: str, unit: str | None
) -> None:
    path = tmp_path / "small.csv"
    path.write_text(f"title,employer,date_posted,salary_min,salary_unit\n"
                    f"Kasir,Toko,2025-07-01,{salary},{unit or ''}\n", encoding="utf-8")
    (skip,) = read_vacancies(path, REGIONS)
    assert isinstance(skip, SkippedRecord) and skip.kind == "salary_too_low"
    assert "terlalu kecil untuk gaji per bulan" in skip.reason and "salary_unit" in skip.reason


def test_a_small_hourly_wage_that_makes_a_real_monthly_salary_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "hourly.csv"
    path.write_text("title,employer,date_posted,salary_min,salary_unit\n"
                    "Kasir,Toko,2025-07-01,600,HOUR\n", encoding="utf-8")
    (vacancy,) = read_vacancies(path, REGIONS)
    assert isinstance(vacancy, Vacancy) and vacancy.salary_min == 600  # kept per hour
    assert vacancy.salary_unit is PayUnit.HOUR and vacancy.monthly_salary_top() == 600 * 173


salary_text = st.lists(
    st.sampled_from(["Rp", "Rp.", "IDR", " ", "3", "5", "0", "12", "500", "3.500.000", "2,5",
                     ".", ",", "-", "–", ",-", "s.d.", "sampai", "juta", "jt", "rb", "k",
                     "nego", "UMK", "per bulan", "~"]),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(low=salary_text, high=salary_text)
def test_any_salary_notation_gives_a_sane_range_or_a_clear_skip(
    tmp_path_factory: pytest.TempPathFactory, low: str, high: str
) -> None:
    path = tmp_path_factory.mktemp("salary") / "records.jsonl"
    path.write_text(lines(good_record(1, **{"Min Salary": low, "Max Salary": high})),
                    encoding="utf-8")
    (item,) = read_vacancies(path, REGIONS)
    if isinstance(item, SkippedRecord):
        assert item.kind and not item.reason.startswith(INTERNAL_ERROR), item.reason
        return
    for amount in (item.salary_min, item.salary_max):
        assert amount is None or MIN_MONTHLY_SALARY_IDR <= amount <= MAX_SALARY_IDR
    if item.salary_min is not None and item.salary_max is not None:
        assert item.salary_min <= item.salary_max
