"""Importing schema.org JobPosting: JSON-LD @graph, a single object, a list, and their salaries."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.importer import SkippedRecord, import_files, read_vacancies
from kiosk.pay import PayUnit
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from tests.fakes import FakeClock

DATA = Path(__file__).parent / "data"






def vacancies(path: Path, regions: RegionTable) -> dict[str, Vacancy]:
    items = list(read_vacancies(path, regions))
    assert all(isinstance(item, Vacancy) for item in items), items
    return {v.title: v for v in items if isinstance(v, Vacancy)}


def posting(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "identifier": "P-1",
        "title": "Barista", "hiringOrganization": {"@type": "Organization", "name": "Kopi Tugu"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Tugu"}},
        "description": "Meracik kopi.", "datePosted": "2025-07-01",
    }
    doc.update(changes)
    return doc


def read_posting(tmp_path: Path, regions: RegionTable, **changes: object) -> object:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(posting(**changes)), encoding="utf-8")
    (item,) = read_vacancies(path, regions)
    return item


def test_json_ld_graph_imports_every_posting_with_pay_in_its_unit_and_kecamatan(
    regions: RegionTable,
) -> None:
    found = vacancies(DATA / "jobpostings_graph.jsonld", regions)
    assert set(found) == {"Kasir Paruh Waktu", "Programmer Aplikasi", "Tukang Las"}

    kasir = found["Kasir Paruh Waktu"]  # Rp 15,000-20,000 an hour, kept per hour
    assert (kasir.salary_min, kasir.salary_max) == (15_000, 20_000)
    assert kasir.salary_unit is PayUnit.HOUR
    assert kasir.monthly_salary_top() == 20_000 * 173  # for the pay filter only
    assert kasir.employer == "Toko Sumber Rejeki"  # followed from the @id reference
    assert kasir.kecamatan_code == "33.74.10"  # Tembalang
    assert kasir.source == "disnaker-kota-semarang" and kasir.source_id == "DSK-2025-0101"
    assert kasir.valid_through == date(2025, 7, 31) and not kasir.valid_through_estimated
    assert kasir.description == (
        "Melayani pembayaran pelanggan.\n\n- Pendidikan minimal SMA/SMK\n- Jujur & teliti")
    assert kasir.education_min is EducationLevel.SMA
    assert kasir.employment_type is EmploymentType.PART_TIME
    assert kasir.skills == ("Melayani pelanggan", "Menghitung uang")

    programmer = found["Programmer Aplikasi"]  # Rp 72-96 million a year
    assert (programmer.salary_min, programmer.salary_max) == (72_000_000, 96_000_000)
    assert programmer.salary_unit is PayUnit.YEAR and programmer.monthly_salary_top() == 8_000_000
    assert programmer.kecamatan_code == "33.74.11"  # "Kota Semarang" + Banyumanik in the text
    assert programmer.education_min is EducationLevel.S1
    assert programmer.experience_months == 30  # kept in months
    assert programmer.experience_years == 2  # whole years, rounded down
    assert programmer.valid_through == date(2025, 8, 4) and programmer.valid_through_estimated
    assert programmer.kbji_major_group == "2"

    welder = found["Tukang Las"]  # Rp 150,000 a day; x 25 days a month (6-day week) to compare
    assert (welder.salary_min, welder.salary_max) == (150_000, 150_000)
    assert welder.salary_unit is PayUnit.DAY and welder.monthly_salary_top() == 3_750_000
    assert welder.kecamatan_code == "33.74.05"  # "Genuk, Semarang"
    assert welder.employment_type is EmploymentType.DAILY
    assert welder.employer == "Bengkel Las Maju Jaya"


def test_a_single_job_posting_object_imports(regions: RegionTable) -> None:
    (spg,) = vacancies(DATA / "jobposting_single.json", regions).values()
    assert spg.salary_min == spg.salary_max == 1_000_000 and spg.salary_unit is PayUnit.WEEK
    assert spg.monthly_salary_top() == 4_333_333  # x 52 / 12
    assert spg.kecamatan_code == "33.74.08"  # kelurahan Jatingaleh, Kota Semarang
    assert spg.education_min is EducationLevel.SMA  # lowest of associate degree / high school
    assert spg.employment_type is EmploymentType.FREELANCE
    assert spg.source == "jobposting" and spg.kbji_major_group == "5"


def test_a_list_of_job_postings_imports(regions: RegionTable) -> None:
    found = vacancies(DATA / "jobpostings_list.json", regions)
    driver, clerk = found["Sopir Truk"], found["Staf Administrasi"]
    assert (driver.salary_min, driver.salary_max) == (4_000_000, 5_000_000)  # no currency: IDR
    assert driver.kbji_major_group == "8"  # from the KBJI code in occupationalCategory
    assert driver.education_min is EducationLevel.SMP
    assert driver.source_id == driver.url == "https://lowongan.example.id/sopir-truk"
    assert driver.kecamatan_code == "33.74.06"
    assert clerk.kecamatan_code == "33.74.15"  # "Semarang", and Ngaliyan in the description
    assert clerk.education_min is EducationLevel.D3
    assert clerk.source_id.startswith("h:")


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        ({"currency": "IDR", "value": {"value": 20_000, "unitText": "HOUR"}},
         (20_000, 20_000, PayUnit.HOUR, 3_460_000)),
        ({"currency": "IDR", "value": {"minValue": 100_000, "unitText": "DAY"}},
         (100_000, None, PayUnit.DAY, 2_500_000)),
        ({"currency": "IDR", "value": {"maxValue": "900.000", "unitText": "WEEK"}},
         (None, 900_000, PayUnit.WEEK, 3_900_000)),
        ({"currency": "IDR", "value": {"value": 60_000_000, "unitText": "YEAR"}},
         (60_000_000, 60_000_000, PayUnit.YEAR, 5_000_000)),
        ({"value": {"minValue": 3_000_000, "maxValue": 3_500_000}},
         (3_000_000, 3_500_000, PayUnit.MONTH, 3_500_000)),
        ({"currency": "Rp", "minValue": 2_500_000, "maxValue": 3_000_000, "unitText": "MONTH"},
         (2_500_000, 3_000_000, PayUnit.MONTH, 3_000_000)),
        (4_000_000, (4_000_000, 4_000_000, PayUnit.MONTH, 4_000_000)),
    ],
)
def test_base_salary_is_whole_rupiah_in_its_unit_with_a_monthly_equivalent(
    tmp_path: Path, regions: RegionTable, salary: object, expected: tuple[object, ...]
) -> None:
    item = read_posting(tmp_path, regions, baseSalary=salary)
    assert isinstance(item, Vacancy), item
    assert (item.salary_min, item.salary_max, item.salary_unit,
            item.monthly_salary_top()) == expected


@pytest.mark.parametrize(
    ("changes", "reason_part"),
    [
        ({"baseSalary": {"currency": "USD", "value": {"value": 1000, "unitText": "MONTH"}}},
         "USD"),
        ({"baseSalary": {"currency": "IDR", "value": {"value": 1000, "unitText": "FORTNIGHT"}}},
         "FORTNIGHT"),
        ({"baseSalary": {"value": {"minValue": 5_000_000, "maxValue": 4_000_000}}},
         "Rp 5.000.000"),
        ({"baseSalary": {"value": {"value": -1}}}, "baseSalary.value.value"),
        ({"baseSalary": {"value": {"value": "tergantung"}}}, "tergantung"),
        ({"hiringOrganization": {"@type": "Organization"}}, "hiringOrganization"),
        ({"title": ["Barista"]}, "title"),
        ({"datePosted": "kemarin"}, "kemarin"),
        ({"validThrough": "2025-06-01"}, "2025-06-01"),
        ({"experienceRequirements": {"monthsOfExperience": -6}}, "monthsOfExperience"),
    ],
)
def test_bad_postings_are_skipped_with_a_reason_naming_the_field(
    tmp_path: Path, regions: RegionTable, changes: dict[str, object], reason_part: str
) -> None:
    item = read_posting(tmp_path, regions, **changes)
    assert isinstance(item, SkippedRecord)
    assert item.position == "data ke-1"
    assert reason_part in item.reason


def test_education_experience_and_kbji_come_from_their_schema_org_shapes(
    tmp_path: Path, regions: RegionTable
) -> None:
    item = read_posting(
        tmp_path, regions,
        title="Staf Gudang",
        description="Butuh lulusan D-3 Logistik.",
        educationRequirements={"@type": "EducationalOccupationalCredential",
                               "credentialCategory": "associate degree"},
        experienceRequirements="Pengalaman minimal 2 tahun di gudang",
        occupationalCategory="4321 Juru Tulis Stok",
        skills=[{"@type": "DefinedTerm", "name": "Forklift"}, "Excel", "excel"],
    )
    assert isinstance(item, Vacancy), item
    assert item.education_min is EducationLevel.D3  # "associate degree" + D-3 in the text
    assert item.experience_years == 2
    assert item.kbji_major_group == "4"
    assert item.skills == ("Forklift", "Excel")


def test_validity_is_estimated_when_missing_and_expiry_follows_the_clock(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = tmp_path / "postings.json"
    path.write_text(json.dumps([
        posting(identifier="old", datePosted="2025-06-01"),  # estimated to 2025-07-01: closed
        posting(identifier="new", datePosted="2025-07-01"),  # estimated to 2025-07-31: open
        posting(identifier="given", datePosted="2025-06-01", validThrough="2025-07-10"),
    ]), encoding="utf-8")
    catalog = VacancyCatalog(db, clock)
    report = import_files([path], catalog, regions)
    assert report.added == 3
    assert catalog.count() == 2  # open on 2025-07-10
    clock.advance(days=1)
    assert catalog.count() == 1


def test_a_json_file_that_holds_json_lines_is_read_line_by_line(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "postings.json"
    path.write_text(json.dumps(posting()) + "\n" + json.dumps(posting(identifier="P-2")) + "\n",
                    encoding="utf-8")
    items = list(read_vacancies(path, regions))
    assert [v.source_id for v in items if isinstance(v, Vacancy)] == ["P-1", "P-2"]


def test_non_postings_in_a_list_are_skipped_and_graph_context_nodes_ignored(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([posting(), {"@type": "Organization", "name": "X"}, 42]),
                    encoding="utf-8")
    items = list(read_vacancies(path, regions))
    assert isinstance(items[0], Vacancy)
    assert [(s.position, "JobPosting" in s.reason) for s in items[1:]
            if isinstance(s, SkippedRecord)] == [("data ke-2", True), ("data ke-3", True)]


def test_postings_in_nested_graphs_import_and_unknown_nodes_are_reported_once(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "page.jsonld"
    path.write_text(json.dumps({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "#page", "name": "Lowongan"},
            {"@type": "BreadcrumbList", "itemListElement": []},
            {"@graph": [
                posting(identifier="inner", hiringOrganization={"@id": "#toko"}),
                {"@type": "Organization", "@id": "#toko", "name": "Toko Dalam"},
                {"@graph": {"@type": "Event", "name": "Bursa kerja"}},
            ]},
            posting(identifier="outer"),
            {"name": "tanpa tipe"},
        ],
    }), encoding="utf-8")
    items = list(read_vacancies(path, regions))
    found = [v for v in items if isinstance(v, Vacancy)]
    skipped = [s for s in items if isinstance(s, SkippedRecord)]
    assert [(v.source_id, v.employer) for v in found] == [
        ("inner", "Toko Dalam"), ("outer", "Kopi Tugu")]
    assert [s.position for s in skipped] == ["data ke-2", "data ke-4"]
    assert "Bukan JobPosting (@type Event)" in skipped[0].reason
    assert "tanpa @type" in skipped[1].reason
    assert {s.kind for s in skipped} == {"not_a_job_posting"}


def test_a_graph_holding_one_object_instead_of_a_list_imports(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps({"@context": "https://schema.org", "@graph": posting()}),
                    encoding="utf-8")
    (item,) = read_vacancies(path, regions)
    assert isinstance(item, Vacancy) and item.source_id == "P-1"


def test_concatenated_pretty_printed_json_objects_are_read_one_after_another(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "several.json"
    path.write_text(json.dumps(posting(identifier="A"), indent=2) + "\n"
                    + json.dumps({"@graph": [posting(identifier="B"), posting(identifier="C")]},
                                 indent=2)
                    + json.dumps([posting(identifier="D")], indent=1), encoding="utf-8")
    items = list(read_vacancies(path, regions))
    assert [(v.source_id, v.source) for v in items if isinstance(v, Vacancy)] == [
        ("A", "jobposting"), ("B", "jobposting"), ("C", "jobposting"), ("D", "jobposting")]
    assert len(items) == 4


def test_concatenated_json_that_breaks_off_keeps_what_came_before_and_says_where(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "broken.json"
    first = json.dumps(posting(identifier="A"), indent=2)
    path.write_text(first + "\n" + '{\n  "@type": "JobPosting",\n  "title": \n}\n',
                    encoding="utf-8")
    items = list(read_vacancies(path, regions))
    assert isinstance(items[0], Vacancy) and items[0].source_id == "A"
    assert len(items) == 2 and isinstance(items[1], SkippedRecord) and items[1].is_file_error
    line = first.count("\n") + 5  # the line of the closing brace after "title":
    assert f"baris {line}" in items[1].reason and "bukan JSON" in items[1].reason


def test_html_entities_and_tags_in_titles_and_names_become_plain_text(
    tmp_path: Path, regions: RegionTable
) -> None:
    item = read_posting(
        tmp_path, regions, title="Kasir &amp; <b>Pramuniaga</b>",
        hiringOrganization={"@type": "Organization", "name": "PT Maju&nbsp;&amp;&nbsp;Jaya<br/>"},
        jobLocation="Tugu &#8211; Semarang", skills=["R&amp;D"],
    )
    assert isinstance(item, Vacancy), item
    assert item.title == "Kasir & Pramuniaga"
    assert item.employer == "PT Maju & Jaya"
    assert item.location == "Tugu – Semarang"
    assert item.skills == ("R&D",)


@pytest.mark.parametrize(
    "posted",
    ["2025-07-01T09:00:00+07", "2025-07-01T09:00:00+0700", "2025-07-01T09:00:00+07:00",
     "2025-07-01T09:00:00.123Z", "2025-07-01T09:00-05"],
)
def test_iso_datetimes_with_any_offset_form_give_their_date(
    tmp_path: Path, regions: RegionTable, posted: str
) -> None:
    item = read_posting(tmp_path, regions, datePosted=posted)
    assert isinstance(item, Vacancy), item
    assert item.date_posted == date(2025, 7, 1)


def test_a_salary_range_in_one_text_value_and_rupiah_with_a_dash_are_understood(
    tmp_path: Path, regions: RegionTable
) -> None:
    ranged = read_posting(tmp_path, regions, baseSalary="Rp 3-5 juta")
    assert isinstance(ranged, Vacancy), ranged
    assert (ranged.salary_min, ranged.salary_max) == (3_000_000, 5_000_000)
    dashed = read_posting(tmp_path, regions, baseSalary="Rp 3.500.000,-")
    assert isinstance(dashed, Vacancy), dashed
    assert (dashed.salary_min, dashed.salary_max) == (3_500_000, 3_500_000)
