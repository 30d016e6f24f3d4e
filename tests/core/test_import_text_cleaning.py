"""What a posting's text becomes on import: invisible and reordering characters go, emoji are
spelled out, and an import of only closed vacancies keeps the demo catalog."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.demo import seed_demo_catalog
from kiosk.importer import format_report, import_files, read_vacancies
from kiosk.importer.text import clean_line, clean_multiline
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ka\u200bsir\u200d Toko", "Kasir Toko"),  # zero-width space and joiner
        ("\u202eriSAK\u202c Toko", "riSAK Toko"),  # a right-to-left override: no reversed text
        ("Admin\u2066 Gudang\u2069\u200f", "Admin Gudang"),  # isolates and marks
        ("Opera\u00adtor", "Operator"),  # soft hyphen
        ("\ufeffSopir\u2060", "Sopir"),  # BOM and word joiner
        ("🔥 Kasir_Toko ❤️", "(api) Kasir_Toko (hati merah)"),  # emoji in Indonesian
    ],
)
def test_invisible_and_reordering_characters_go_and_emoji_are_spelled_out(
    raw: str, clean: str
) -> None:
    assert clean_line(raw) == clean


def test_a_description_keeps_its_lines_with_emoji_spelled_out() -> None:
    assert clean_multiline("Syarat:\n✅ Jujur\u200b\n👨‍👩‍👧 Keluarga") == (
        "Syarat:\n(tanda centang putih tebal) Jujur\n(keluarga pria wanita anak perempuan) "
        "Keluarga")


def test_a_csv_with_indonesian_column_names_imports(tmp_path: Path, regions: RegionTable) -> None:
    path = tmp_path / "loker.csv"
    path.write_text(
        "Posisi;Nama Perusahaan;Tanggal Posting;Lokasi;Gaji;Pendidikan;Keterangan;Batas Lamaran\n"
        "Satpam 🔒;PT Aman;2025-07-01;Tembalang;Rp 3-4 juta;Paket C;Jaga\u200b malam;2025-08-01\n",
        encoding="utf-8")
    (vacancy,) = read_vacancies(path, regions)
    assert isinstance(vacancy, Vacancy)
    assert vacancy.title == "Satpam (gembok)" and vacancy.employer == "PT Aman"
    assert (vacancy.salary_min, vacancy.salary_max) == (3_000_000, 4_000_000)
    assert vacancy.kecamatan_code == "33.74.10" and vacancy.description == "Jaga malam"


def _closed_posting_file(tmp_path: Path) -> Path:
    path = tmp_path / "lama.json"
    path.write_text(json.dumps([
        {"@type": "JobPosting", "title": "Kasir", "hiringOrganization": "Toko Lama",
         "datePosted": "2025-05-01", "validThrough": "2025-06-01", "identifier": "L-1"},
    ]), encoding="utf-8")
    return path


def test_an_import_of_only_closed_vacancies_keeps_the_demo_and_says_so(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    seeded = seed_demo_catalog(catalog, regions, clock)
    assert seeded > 0
    report = import_files([_closed_posting_file(tmp_path)], catalog, regions)
    assert (report.added, report.already_closed, report.demo_removed) == (1, 1, 0)
    assert report.demo_kept and catalog.count_demo() == seeded
    lines = format_report(report)
    assert any("contoh tetap ditampilkan" in line for line in lines)
    assert catalog.count() == seeded  # residents still see the demo, not an empty kiosk

    # Once an open vacancy arrives, the demo goes.
    clock.now = datetime(2025, 5, 15, 9, 0)
    again = import_files([_closed_posting_file(tmp_path)], catalog, regions)
    assert again.demo_removed == seeded and not again.demo_kept
