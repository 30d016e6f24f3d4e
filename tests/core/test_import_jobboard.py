"""Importing job-board JSON Lines (Loker.id's shape, shared/data/job_postings_id.jsonl)."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.importer import (
    ESTIMATED_VALIDITY_DAYS,
    SkippedRecord,
    import_files,
    read_vacancies,
)
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from tests.fakes import FakeClock


def job_board_record(**changes: str) -> dict[str, str]:
    """A job-board record as the real file writes them (every value a string)."""
    record = {
        "Job ID": "15758013", "Title": "Staff Engineering", "Company": "Rusunami Citypark",
        "Location": "Semarang", "Category": "Teknik", "Subcategory": "Teknik Elektro / Elektronika",
        "Function": "Teknisi Elektro", "Type": "Contract", "Level": "Staff / Officer",
        "Min Salary": "3000000", "Max Salary": "4000000", "Salary Negotiation": "0",
        "Min Experience": "1", "Max Experience": "2", "Fresh Graduate": "0",
        "SMA/SMK/STM": "1", "Diploma/D1/D2/D3": "0", "Sarjana/S1": "0", "Master/S2": "0",
        "Doctor/S3": "0", "Posted Date": "2025-07-09 17:01:00",
        "Description": "Perawatan gedung.\n\nKualifikasi :\n- Lulusan SMA/SMK",
        "Skill_Set": "['Plumbing', 'Troubleshooting', 'Mechanical Skiing']",
        "Link": "https://www.loker.id/teknik/elektro/staff-engineering.html",
    }
    record.update(changes)
    return record


def write_lines(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def read_one(path: Path, regions: RegionTable) -> Vacancy:
    (item,) = read_vacancies(path, regions)
    assert isinstance(item, Vacancy), item
    return item


@pytest.mark.slow  # about 5 s: stemming 2,000 descriptions into the search index
def test_all_2000_real_records_import_and_every_skip_is_explained(
    shared_data: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    report = import_files([shared_data / "job_postings_id.jsonl"], catalog, regions)
    reasons = Counter(s.reason for s in report.skipped)
    print(f"added {report.added}, skipped {len(report.skipped)}: {dict(reasons)}")
    assert report.added + len(report.skipped) == 2000
    assert all(s.reason and s.position for s in report.skipped)
    assert report.file_errors == ()
    assert catalog.count(include_expired=True) == report.added
    stored = catalog.get(1)
    assert stored is not None and stored.source == "lokerid" and stored.source_id == "15758013"
    assert (stored.salary_min, stored.salary_max) == (3_000_000, 4_000_000)


def test_a_job_board_record_maps_every_field(tmp_path: Path, regions: RegionTable) -> None:
    path = write_lines(tmp_path / "loker.jsonl", [job_board_record(Location="Banyumanik")])
    vacancy = read_one(path, regions)
    assert vacancy.source == "lokerid" and vacancy.source_id == "15758013"
    assert vacancy.title == "Staff Engineering" and vacancy.employer == "Rusunami Citypark"
    assert vacancy.location == "Banyumanik" and vacancy.kecamatan_code == "33.74.11"
    assert vacancy.description == "Perawatan gedung.\n\nKualifikasi :\n- Lulusan SMA/SMK"
    assert vacancy.employment_type is EmploymentType.CONTRACT
    assert (vacancy.salary_min, vacancy.salary_max) == (3_000_000, 4_000_000)
    assert vacancy.education_min is EducationLevel.SMA
    assert vacancy.experience_years == 1
    assert vacancy.skills == ("Plumbing", "Troubleshooting", "Mechanical Skiing")
    assert vacancy.kbji_major_group == "3"
    assert vacancy.date_posted == date(2025, 7, 9)
    assert vacancy.valid_through == date(2025, 7, 9) + timedelta(days=ESTIMATED_VALIDITY_DAYS)
    assert vacancy.valid_through_estimated
    assert vacancy.url == "https://www.loker.id/teknik/elektro/staff-engineering.html"


@pytest.mark.parametrize(
    ("flags", "description", "level"),
    [
        ({"SMA/SMK/STM": "1", "Diploma/D1/D2/D3": "1", "Sarjana/S1": "1"}, "", "SMA"),
        ({"SMA/SMK/STM": "0", "Diploma/D1/D2/D3": "1", "Sarjana/S1": "1"}, "Tim IT", "D1"),
        ({"SMA/SMK/STM": "0", "Diploma/D1/D2/D3": "1"}, "Pendidikan minimal D-3 Akuntansi", "D3"),
        ({"SMA/SMK/STM": "0", "Diploma/D1/D2/D3": "1"}, "Lulusan Diploma 2 / D3", "D2"),
        ({"SMA/SMK/STM": "0", "Master/S2": "1", "Doctor/S3": "1"}, "", "S2"),
        ({"SMA/SMK/STM": "0"}, "Syarat: lulusan SMP, jujur", "SMP"),
        ({"SMA/SMK/STM": "0"}, "Pendidikan min. S1 Teknik", "S1"),
        ({"SMA/SMK/STM": "0"}, "Usia minimal 20 tahun", None),
    ],
)
def test_the_lowest_education_flag_wins_and_the_description_fills_gaps(
    tmp_path: Path, regions: RegionTable, flags: dict[str, str], description: str,
    level: str | None,
) -> None:
    record = job_board_record(Description=description, **flags)
    vacancy = read_one(write_lines(tmp_path / "e.jsonl", [record]), regions)
    assert vacancy.education_min == (EducationLevel(level) if level else None)


@pytest.mark.parametrize(
    ("location", "description", "code"),
    [
        ("Semarang", "Penempatan: Kecamatan Pedurungan", "33.74.06"),
        ("Kota Semarang", "Kantor di Tembalang dan gudang di Tembalang", "33.74.10"),
        ("Semarang", "Cabang Tembalang dan Genuk", None),  # two kecamatan: no guess
        ("Semarang", "Kantor pusat di Jakarta", None),
        ("Tugu", "", "33.74.16"),
        ("Jatingaleh, Semarang", "", "33.74.08"),
        ("Karanganyar", "", None),  # the regency near Solo, not the kelurahan in Tugu
        ("Kabupaten Semarang", "Pabrik di Tembalang", None),
        ("Jakarta Barat", "Tembalang", None),
    ],
)
def test_location_becomes_a_semarang_kecamatan_where_it_names_one(
    tmp_path: Path, regions: RegionTable, location: str, description: str, code: str | None
) -> None:
    record = job_board_record(Location=location, Description=description)
    assert read_one(write_lines(tmp_path / "l.jsonl", [record]), regions).kecamatan_code == code


def test_skill_set_is_read_as_a_literal_never_run_as_code(
    tmp_path: Path, regions: RegionTable
) -> None:
    marker = tmp_path / "ran"
    record = job_board_record(Skill_Set=f"[__import__('pathlib').Path({str(marker)!r}).touch()]")
    vacancy = read_one(write_lines(tmp_path / "s.jsonl", [record]), regions)
    assert not marker.exists()
    assert len(vacancy.skills) == 1 and "__import__" in vacancy.skills[0]


def test_reimport_updates_instead_of_duplicating(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    records = [job_board_record(**{"Job ID": str(n), "Title": f"Kasir {n}"}) for n in (1, 2, 3)]
    path = write_lines(tmp_path / "loker.jsonl", records)
    first = import_files([path], catalog, regions)
    assert (first.added, first.updated, first.unchanged) == (3, 0, 0)

    records[1]["Max Salary"] = "4500000"
    write_lines(path, records)
    second = import_files([path], catalog, regions)
    assert (second.added, second.updated, second.unchanged) == (0, 1, 2)
    assert catalog.count(include_expired=True) == 3
    changed = [catalog.get(i) for i in (1, 2, 3)]
    assert [v.salary_max for v in changed if v] == [4_000_000, 4_500_000, 4_000_000]


def test_a_record_without_any_id_gets_a_stable_one(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    record = job_board_record()
    del record["Job ID"], record["Link"]
    path = write_lines(tmp_path / "noid.jsonl", [record])
    vacancy = read_one(path, regions)
    assert vacancy.source_id.startswith("h:")
    catalog = VacancyCatalog(db, clock)
    assert import_files([path], catalog, regions).added == 1
    again = import_files([path], catalog, regions)
    assert (again.added, again.unchanged) == (0, 1)


def test_the_caller_can_name_the_source(tmp_path: Path, regions: RegionTable) -> None:
    path = write_lines(tmp_path / "loker.jsonl", [job_board_record()])
    items = list(read_vacancies(path, regions, source="loker-juli"))
    assert [v.source for v in items if isinstance(v, Vacancy)] == ["loker-juli"]


def test_text_fields_lose_control_characters_and_titles_extra_spaces(
    tmp_path: Path, regions: RegionTable
) -> None:
    """Also the invisible ones: zero-width and bidi controls (see test_import_text_cleaning)."""
    record = job_board_record(
        Title="  Staff\tAdmin \x00 Gudang\n", Company="PT\u200b Maju\x07",
        Description="Baris satu\x0b\r\nBaris   dua\x1b\n\n\n\nBaris tiga",
    )
    vacancy = read_one(write_lines(tmp_path / "t.jsonl", [record]), regions)
    assert vacancy.title == "Staff Admin Gudang"
    assert vacancy.employer == "PT Maju"  # zero-width space dropped with the bell
    assert vacancy.description == "Baris satu\n\nBaris dua\n\nBaris tiga"


def test_skipped_records_say_where_they_are(tmp_path: Path, regions: RegionTable) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps(job_board_record()) + "\n\n"
        + json.dumps(job_board_record(Title="")) + "\n", encoding="utf-8")
    items = list(read_vacancies(path, regions))
    assert isinstance(items[0], Vacancy)
    assert isinstance(items[1], SkippedRecord)
    assert items[1].position == "baris 3"  # the blank line 2 is not a record
    assert "Title" in items[1].reason


@pytest.mark.parametrize(
    ("location", "inside"),
    [
        ("Semarang", True),  # the city only: no kecamatan, but in the whole-city filter
        ("Tembalang", True),
        ("Jatingaleh, Semarang", True),
        ("Karanganyar", False),
        ("Kabupaten Semarang", False),
        ("Jakarta Barat", False),
    ],
)
def test_vacancies_anywhere_in_kota_semarang_are_marked_as_such(
    tmp_path: Path, regions: RegionTable, location: str, inside: bool
) -> None:
    record = job_board_record(Location=location, Description="")
    vacancy = read_one(write_lines(tmp_path / "k.jsonl", [record]), regions)
    assert vacancy.in_kota_semarang is inside


@pytest.mark.parametrize(
    ("location", "description", "code"),
    [
        ("Jl. Majapahit No. 10, Pedurungan, Semarang", "", "33.74.06"),
        ("Jl. Majapahit, Pedurungan, Kota Semarang, Jawa Tengah", "", "33.74.06"),
        ("Jl. Pemuda No. 1, Semarang", "Penempatan di Tembalang", "33.74.10"),
        ("Jl. Pemuda No. 1, Semarang", "", None),
        ("Jl. Ungaran Raya, Kabupaten Semarang", "Dekat Tembalang", None),
    ],
)
def test_an_address_in_the_location_field_gives_the_kecamatan_it_names(
    tmp_path: Path, regions: RegionTable, location: str, description: str, code: str | None
) -> None:
    record = job_board_record(Location=location, Description=description)
    vacancy = read_one(write_lines(tmp_path / "a.jsonl", [record]), regions)
    assert vacancy.kecamatan_code == code


def test_a_source_name_given_by_the_caller_is_folded_like_a_files_own(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = write_lines(tmp_path / "loker.jsonl", [job_board_record()])
    items = list(read_vacancies(path, regions, source="Loker ID / Bursa"))
    assert [v.source for v in items if isinstance(v, Vacancy)] == ["loker-id-bursa"]
    catalog = VacancyCatalog(db, clock)
    import_files([path], catalog, regions, source="  LOKER.ID / Bursa ")
    stored = catalog.get(1)
    assert stored is not None and stored.source == "loker-id-bursa"


def test_a_source_name_without_letters_or_digits_falls_back_with_a_note(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = write_lines(tmp_path / "loker.jsonl", [job_board_record()])
    notes: list[str] = []
    items = list(read_vacancies(path, regions, source=" / ", on_note=notes.append))
    assert [v.source for v in items if isinstance(v, Vacancy)] == ["lokerid"]
    assert len(notes) == 1 and "“/”" in notes[0]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [("Nego", "", (None, None)), ("Rp 3-5 juta", "", (3_000_000, 5_000_000)),
     ("Rp 3.500.000,-", "Rp 4.500.000,-", (3_500_000, 4_500_000))],
)
def test_job_board_salary_notations_keep_the_record(
    tmp_path: Path, regions: RegionTable, low: str, high: str,
    expected: tuple[int | None, int | None]
) -> None:
    record = job_board_record(**{"Min Salary": low, "Max Salary": high})
    vacancy = read_one(write_lines(tmp_path / "g.jsonl", [record]), regions)
    assert (vacancy.salary_min, vacancy.salary_max) == expected
