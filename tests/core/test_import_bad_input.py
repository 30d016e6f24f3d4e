"""Bad files and bad records: clear reasons, the rest still imports, and nothing crashes."""
from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.db import open_database
from kiosk.i18n import set_language
from kiosk.importer import (
    MAX_DESCRIPTION_CHARS,
    SkippedRecord,
    format_report,
    import_files,
    read_vacancies,
)
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from tests.core.records import good_record, lines
from tests.fakes import FakeClock

REGIONS = RegionTable.load()
INTERNAL_ERROR = "Data ini tidak bisa dibaca ("  # the last-resort reason: never expected
JOB_BOARD_FIELDS = (
    "Job ID", "Title", "Company", "Location", "Category", "Subcategory", "Function", "Type",
    "Min Salary", "Max Salary", "Min Experience", "SMA/SMK/STM", "Diploma/D1/D2/D3",
    "Sarjana/S1", "Master/S2", "Doctor/S3", "Posted Date", "Description", "Skill_Set", "Link",
)
POSTING_FIELDS = (
    "title", "name", "hiringOrganization", "jobLocation", "description", "employmentType",
    "baseSalary", "estimatedSalary", "educationRequirements", "experienceRequirements",
    "skills", "occupationalCategory", "industry", "datePosted", "validThrough", "identifier",
    "url",
)
CSV_COLUMNS = (
    "title", "employer", "date_posted", "location", "description", "employment_type",
    "salary_min", "salary_max", "salary_unit", "currency", "education", "experience_years",
    "skills", "kbji", "valid_through", "source_id", "url", "source",
)







def test_bad_files_give_clear_errors_and_the_good_ones_still_import(
    tmp_path: Path, db: Database, clock: FakeClock
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(lines(good_record(1), good_record(2)), encoding="utf-8")
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"@type": "JobPosting", "title": ', encoding="utf-8")
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"@type": "JobPosting", "title": "Café"}'.encode("latin-1"))
    records = tmp_path / "records.jsonl"
    records.write_text(
        lines(good_record(3, Title=""), good_record(4, **{"Min Salary": "-2500000"}))
        + "{not json}\n"
        + lines(good_record(5, Description="x" * 10_000_000))  # a 10 MB line: not parsed
        + lines(good_record(6)), encoding="utf-8")
    with records.open("ab") as stream:
        stream.write(b'{"Title": "Kasir \xff"}\n')
    big = tmp_path / "big_description.json"
    big.write_text(json.dumps({
        "@type": "JobPosting", "title": "Admin", "hiringOrganization": "PT X",
        "datePosted": "2025-07-01", "description": "y" * 10_000_000}), encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    no_title = tmp_path / "no_title.csv"
    no_title.write_text("nama,perusahaan\nKasir,Toko\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    paths = [good, invalid, latin1, records, big, empty, no_title, folder, tmp_path / "nope.csv"]

    catalog = VacancyCatalog(db, clock)
    report = import_files(paths, catalog, REGIONS)

    assert report.added == 3  # G-1, G-2, G-6
    assert catalog.count(include_expired=True) == 3
    errors = {e.file.name: e.reason for e in report.file_errors}
    assert set(errors) == {"invalid.json", "latin1.json", "empty.csv", "no_title.csv",
                           "folder", "nope.csv"}
    assert "bukan JSON" in errors["invalid.json"] and "baris 1" in errors["invalid.json"]
    assert "UTF-8" in errors["latin1.json"]
    assert errors["empty.csv"] == "File ini kosong."
    assert "title" in errors["no_title.csv"]
    assert "folder" in errors["folder"] and "tidak ada" in errors["nope.csv"]
    skipped = {(s.file.name, s.position): s.reason for s in report.skipped}
    assert set(skipped) == {
        ("records.jsonl", "baris 1"), ("records.jsonl", "baris 2"), ("records.jsonl", "baris 3"),
        ("records.jsonl", "baris 4"), ("records.jsonl", "baris 6"),
        ("big_description.json", "data ke-1"),
    }
    assert "Title" in skipped["records.jsonl", "baris 1"]
    assert "minus" in skipped["records.jsonl", "baris 2"]
    assert "JSON" in skipped["records.jsonl", "baris 3"]
    assert "1 MB" in skipped["records.jsonl", "baris 4"]
    assert "UTF-8" in skipped["records.jsonl", "baris 6"]
    assert f"{MAX_DESCRIPTION_CHARS}" in skipped["big_description.json", "data ke-1"]

    printed = format_report(report)
    assert printed[0] == "Impor selesai: 3 baru, 0 diperbarui, 0 tidak berubah, 6 dilewati."
    assert printed[1] == "6 file tidak bisa dibaca:"
    assert f"{records}, baris 2: " + skipped["records.jsonl", "baris 2"] in printed
    assert printed[14:] == [  # more than 5 skips: a count per kind of reason follows them
        "Ringkasan data yang dilewati, menurut alasannya:", "1 × tidak ada judul lowongan",
        "1 × angka minus", "1 × bukan JSON yang benar", "1 × baris terlalu panjang untuk dibaca",
        "1 × baris bukan teks UTF-8", "1 × deskripsi terlalu panjang"]


def test_reasons_and_positions_follow_the_language(tmp_path: Path, db: Database,
                                                   clock: FakeClock) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(lines(good_record(1), good_record(2, Company="  ")), encoding="utf-8")
    set_language("en")
    report = import_files([path], VacancyCatalog(db, clock), REGIONS)
    assert format_report(report) == [
        "Import finished: 1 new, 0 updated, 0 unchanged, 1 skipped.",
        f"{path}, line 2: No employer: fill in “Company”.",
    ]


@pytest.mark.parametrize(
    ("name", "bom", "codec"),
    [("a.jsonl", codecs.BOM_UTF8, "utf-8"), ("b.jsonl", codecs.BOM_UTF16_LE, "utf-16-le"),
     ("c.jsonl", codecs.BOM_UTF16_BE, "utf-16-be"), ("d.json", codecs.BOM_UTF8, "utf-8"),
     ("e.json", codecs.BOM_UTF16_LE, "utf-16-le")],
)
def test_utf8_with_bom_and_utf16_with_bom_are_accepted(
    tmp_path: Path, name: str, bom: bytes, codec: str
) -> None:
    path = tmp_path / name
    text = lines(good_record(1, Title="Kasir Ñ"), good_record(2, Description="Ngaliyan ਊ"))
    path.write_bytes(bom + text.encode(codec))
    items = list(read_vacancies(path, REGIONS))
    assert [v.title for v in items if isinstance(v, Vacancy)] == ["Kasir Ñ", "Kasir 2"]


def test_salary_and_date_problems_are_skipped_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(lines(
        good_record(1, **{"Min Salary": "5000000", "Max Salary": "4000000"}),
        good_record(2, **{"Min Salary": "tiga juta"}),
        good_record(3, **{"Posted Date": "31-31-2025"}),
        good_record(4, **{"Max Salary": "99999999999"}),
        good_record(5, **{"Min Experience": "-1"}),
    ), encoding="utf-8")
    reasons = [item.reason for item in read_vacancies(path, REGIONS)
               if isinstance(item, SkippedRecord)]
    assert len(reasons) == 5
    assert "Rp 5.000.000" in reasons[0] and "Rp 4.000.000" in reasons[0]
    assert "tiga juta" in reasons[1] and "31-31-2025" in reasons[2]
    assert "100 juta" in reasons[3] and "Min Experience" in reasons[4]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=4),
    max_leaves=12,
)
field_text = st.text(st.characters(codec="utf-8"), max_size=60)  # no lone surrogates


def assert_every_record_accounted_for(items: Sequence[object], expected: int) -> None:
    assert len(items) == expected
    for item in items:
        assert isinstance(item, Vacancy | SkippedRecord)
        if isinstance(item, SkippedRecord):
            assert item.reason and not item.is_file_error
            assert not item.reason.startswith(INTERNAL_ERROR), item.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(
    st.dictionaries(st.sampled_from(JOB_BOARD_FIELDS), json_values | field_text, min_size=1),
    min_size=1, max_size=4))
def test_arbitrary_values_in_job_board_fields_never_crash(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, object]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "records.jsonl"
    records = [{**good_record(i), **r} for i, r in enumerate(records)]  # valid, then fuzzed
    path.write_text(lines(*records), encoding="utf-8")
    assert_every_record_accounted_for(list(read_vacancies(path, REGIONS)), len(records))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(postings=[{"baseSalary": 1e28}])  # once broke Decimal rounding
@given(postings=st.lists(
    st.dictionaries(st.sampled_from(POSTING_FIELDS), json_values), min_size=1, max_size=4))
def test_arbitrary_values_in_job_posting_fields_never_crash(
    tmp_path_factory: pytest.TempPathFactory, postings: list[dict[str, object]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "postings.json"
    base = {"@type": "JobPosting", "title": "Kasir", "hiringOrganization": "Toko Makmur",
            "datePosted": "2025-07-01"}
    path.write_text(json.dumps([{**base, **p} for p in postings]), encoding="utf-8")
    assert_every_record_accounted_for(list(read_vacancies(path, REGIONS)), len(postings))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(field_text, min_size=len(CSV_COLUMNS), max_size=len(CSV_COLUMNS)),
                     min_size=1, max_size=4),
       separator=st.sampled_from([",", ";", "\t"]))
def test_arbitrary_text_in_csv_cells_never_crashes(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], separator: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("fuzz") / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    parsed = list(csv.reader(io.StringIO(buffer.getvalue().replace("\x00", "")),
                             delimiter=separator))[1:]
    expected = sum(any(cell.strip() for cell in row) for row in parsed)
    items = list(read_vacancies(path, REGIONS))
    if expected == 0:
        assert [i.is_file_error for i in items if isinstance(i, SkippedRecord)] == [True]
    else:
        assert_every_record_accounted_for(items, expected)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(
    st.fixed_dictionaries({}, optional={name: field_text for name in JOB_BOARD_FIELDS}),
    min_size=1, max_size=5))
def test_import_counts_add_up_to_the_records_read(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, object]]
) -> None:
    folder = tmp_path_factory.mktemp("counts")
    records = [{"Company": "PT A", **r} for r in records]
    path = folder / "records.jsonl"
    path.write_text(lines(*records), encoding="utf-8")
    database = open_database(folder / "kiosk.db")
    try:
        catalog = VacancyCatalog(database, FakeClock(datetime(2025, 7, 10, 9)))
        report = import_files([path], catalog, REGIONS)
    finally:
        database.close()
    assert report.added + report.updated + report.unchanged + len(report.skipped) == len(records)
    assert report.file_errors == ()


graph_nodes = st.recursive(
    st.sampled_from([
        {"@type": "JobPosting", "title": "Kasir", "hiringOrganization": "Toko",
         "datePosted": "2025-07-01"},
        {"@type": "Organization", "@id": "#o", "name": "Toko"}, {"@type": "Event"},
        {"@type": ["Thing", "Place"]}, {"name": "x"}, {"@type": "ItemList"}, {"@type": 3}, 7,
        "teks", None, [],
    ]),
    lambda inner: st.lists(inner, max_size=4)
    | st.builds(lambda g: {"@graph": g}, inner)
    | st.builds(lambda e: {"@type": "ItemList", "itemListElement": e}, st.lists(inner, max_size=3))
    | st.builds(lambda i: {"@type": "ListItem", "item": i}, inner),
    max_leaves=10,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=graph_nodes)
def test_any_nesting_of_graphs_imports_every_posting_and_never_crashes(
    tmp_path_factory: pytest.TempPathFactory, graph: object
) -> None:
    path = tmp_path_factory.mktemp("graph") / "page.jsonld"
    path.write_text(json.dumps({"@context": "https://schema.org", "@graph": graph}),
                    encoding="utf-8")
    items = list(read_vacancies(path, REGIONS))
    postings = json.dumps(graph).count('"@type": "JobPosting"')
    assert sum(isinstance(i, Vacancy) for i in items) == postings
    for item in items:
        if isinstance(item, SkippedRecord) and not item.is_file_error:
            assert item.kind == "not_a_job_posting", item.reason
    errors = [i for i in items if isinstance(i, SkippedRecord) and i.is_file_error]
    assert errors == [] or (items == errors and postings == 0)  # "no vacancies" stands alone
