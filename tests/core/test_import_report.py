"""What an import run tells staff beyond the counts: demo vacancies replaced, vacancies already
closed, ids repeated within the run, and a summary of long skip lists."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog, row_to_vacancy, upsert_in_batches
from kiosk.demo import seed_demo_catalog
from kiosk.i18n import set_language
from kiosk.importer import (
    SKIP_KINDS,
    SkippedRecord,
    format_report,
    import_files,
    read_vacancies,
)
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

IMPORTER = Path(__file__).resolve().parents[2] / "kiosk" / "importer"



def record(n: int, **changes: str) -> dict[str, str]:
    base = {"Job ID": f"R-{n}", "Title": f"Kasir {n}", "Company": "Toko Makmur",
            "Location": "Tembalang", "Posted Date": "2025-07-01"}
    base.update(changes)
    return base


def write_lines(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def stored(db: Database) -> list[Vacancy]:
    return [row_to_vacancy(row) for row in db["vacancy"].rows]


def index_rows(db: Database) -> tuple[int, int]:
    facets = db.execute("SELECT count(*) FROM vacancy_facet").fetchone()[0]
    words = db.execute("SELECT count(*) FROM vacancy_search").fetchone()[0]
    return facets, words


def test_importing_real_vacancies_removes_the_demo_with_its_index_rows_and_says_so(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    seeded = seed_demo_catalog(catalog, regions, clock)
    assert seeded >= 40
    path = write_lines(tmp_path / "real.jsonl", record(1), record(2))

    report = import_files([path], catalog, regions)

    assert report.added == 2 and report.demo_removed == seeded
    assert [v.is_demo for v in stored(db)] == [False, False]
    assert index_rows(db) == (2, 2)
    note = f"{seeded} lowongan contoh (demo) dihapus karena katalog nyata sudah dimuat."
    assert note in report.notes and note in format_report(report)
    assert seed_demo_catalog(catalog, regions, clock) == 0  # never seeded again


def test_an_import_that_adds_nothing_keeps_the_demo(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    seeded = seed_demo_catalog(catalog, regions, clock)
    path = write_lines(tmp_path / "bad.jsonl", record(1, Title=""))

    report = import_files([path, tmp_path / "missing.csv"], catalog, regions)

    assert report.demo_removed == 0 and not any("demo" in note for note in report.notes)
    assert catalog.count(include_expired=True) == seeded
    assert index_rows(db) == (seeded, seeded)


def test_remove_demo_deletes_only_demo_vacancies_with_their_index_rows_and_counts_them(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    seeded = seed_demo_catalog(catalog, regions, clock)
    path = write_lines(tmp_path / "real.jsonl", record(1))
    real = [v for v in read_vacancies(path, regions) if isinstance(v, Vacancy)]
    assert upsert_in_batches(catalog, real).added == 1  # beside the demo, nothing removed yet

    with db.atomic():
        assert catalog.remove_demo() == seeded
    assert [(v.source, v.is_demo) for v in stored(db)] == [("lokerid", False)]
    assert index_rows(db) == (1, 1)
    with db.atomic():
        assert catalog.remove_demo() == 0
    with pytest.raises(RuntimeError, match="transaction"):
        catalog.remove_demo()  # a store never writes (or commits) on its own


def test_vacancies_already_past_their_closing_date_are_counted_and_reported(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = tmp_path / "postings.json"
    base = {"@type": "JobPosting", "title": "Kasir", "hiringOrganization": "Toko",
            "datePosted": "2025-06-01"}
    path.write_text(json.dumps([
        {**base, "identifier": "a", "validThrough": "2025-07-09"},  # closed the day before
        {**base, "identifier": "b", "validThrough": "2025-07-10"},  # still open today
        {**base, "identifier": "c"},  # estimated: 2025-07-01, closed
    ]), encoding="utf-8")
    report = import_files([path], VacancyCatalog(db, clock), regions)
    assert report.already_closed == 2
    assert format_report(report)[:2] == [
        "Impor selesai: 3 baru, 0 diperbarui, 0 tidak berubah, 0 dilewati.",
        "2 di antaranya sudah lewat batas lamaran, jadi tidak ditampilkan di kiosk.",
    ]
    set_language("en")
    assert format_report(report)[1] == (
        "2 of them are past their closing date, so the kiosk does not show them.")


def test_no_closed_line_when_every_imported_vacancy_is_open(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = write_lines(tmp_path / "open.jsonl", record(1))
    report = import_files([path], VacancyCatalog(db, clock), regions)
    assert report.already_closed == 0
    assert format_report(report) == [
        "Impor selesai: 1 baru, 0 diperbarui, 0 tidak berubah, 0 dilewati."]


def test_a_repeated_id_keeps_the_last_record_and_notes_each_repeat(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    first = write_lines(tmp_path / "a.jsonl", record(1), record(2), record(1, Title="Kasir Baru"))
    second = write_lines(tmp_path / "b.jsonl", record(2, Title="Kasir Dua"))
    catalog = VacancyCatalog(db, clock)

    report = import_files([first, second], catalog, regions)

    assert sorted(v.title for v in stored(db)) == ["Kasir Baru", "Kasir Dua"]
    assert report.notes == (
        f"{first}, baris 3: Kode lowongan R-1 sudah muncul di baris 1; yang terakhir dipakai.",
        f"{second}, baris 1: Kode lowongan R-2 sudah muncul di {first}, baris 2; yang terakhir "
        "dipakai.",
    )
    assert index_rows(db) == (2, 2)


def test_a_repeated_record_without_an_id_is_noted_without_its_hash(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    same = {k: v for k, v in record(1).items() if k != "Job ID"}
    path = write_lines(tmp_path / "noid.jsonl", same, same)
    report = import_files([path], VacancyCatalog(db, clock), regions)
    (note,) = report.notes
    assert note.startswith(f"{path}, baris 2: ") and "baris 1" in note and "h:" not in note


def test_a_long_skip_list_ends_with_a_summary_by_kind_of_reason(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    bad_salaries = [record(n, **{"Min Salary": f"kira-kira {n}"}) for n in range(5)]
    no_titles = [record(10 + n, Title="") for n in range(2)]
    path = write_lines(tmp_path / "bad.jsonl", *bad_salaries, *no_titles, record(20))

    report = import_files([path], VacancyCatalog(db, clock), regions)

    assert [s.kind for s in report.skipped] == ["not_a_number"] * 5 + ["no_title"] * 2
    printed = format_report(report)
    assert printed[1:8] == [f"{path}, {s.position}: {s.reason}" for s in report.skipped]
    assert printed[8:] == [
        "Ringkasan data yang dilewati, menurut alasannya:",
        "5 × angka tidak terbaca",
        "2 × tidak ada judul lowongan",
    ]


def test_five_skips_or_fewer_get_no_summary(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = write_lines(tmp_path / "bad.jsonl", *(record(n, Title="") for n in range(5)))
    printed = format_report(import_files([path], VacancyCatalog(db, clock), regions))
    assert len(printed) == 1 + 5


def test_every_kind_of_skip_in_the_importer_has_a_summary_label() -> None:
    used = set()
    for module in IMPORTER.glob("*.py"):
        used |= set(re.findall(r"\bkind=\"([a-z_]+)\"", module.read_text(encoding="utf-8")))
    assert len(used) >= 20
    assert used <= set(SKIP_KINDS), used - set(SKIP_KINDS)
    assert SkippedRecord(Path("x"), "baris 1", "alasan").kind == ""
