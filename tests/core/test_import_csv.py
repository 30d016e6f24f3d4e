"""Importing CSV files as staff save them from spreadsheets."""
from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from kiosk.importer import SkippedRecord, read_vacancies
from kiosk.region import RegionTable
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy

DATA = Path(__file__).parent / "data"





def read(path: Path, regions: RegionTable) -> tuple[list[Vacancy], list[SkippedRecord], list[str]]:
    notes: list[str] = []
    items = list(read_vacancies(path, regions, on_note=notes.append))
    return ([i for i in items if isinstance(i, Vacancy)],
            [i for i in items if isinstance(i, SkippedRecord)], notes)


def test_semicolon_csv_with_schema_org_names_imports_every_field(regions: RegionTable) -> None:
    found, skipped, notes = read(DATA / "vacancies.csv", regions)
    assert skipped == [] and notes == []
    tailor, cleaner = found
    assert tailor.title == "Penjahit" and tailor.employer == "Konveksi Batik Semarangan"
    assert tailor.kecamatan_code == "33.74.12"  # Gunungpati
    assert tailor.description == "Menjahit seragam.\nBisa memakai mesin jahit high speed."
    assert tailor.employment_type is EmploymentType.CONTRACT
    assert (tailor.salary_min, tailor.salary_max) == (2_800_000, 3_500_000)
    assert tailor.education_min is EducationLevel.SMP
    assert tailor.experience_years == 1
    assert tailor.skills == ("Menjahit", "Membaca pola")
    assert (tailor.date_posted, tailor.valid_through) == (date(2025, 7, 1), date(2025, 7, 25))
    assert tailor.source == "csv" and tailor.source_id == "KBS-01"
    assert tailor.kbji_major_group == "7"
    assert cleaner.education_min is None and cleaner.valid_through_estimated
    assert cleaner.kbji_major_group == "9" and cleaner.kecamatan_code == "33.74.13"


def test_job_board_column_names_and_flags_work_in_csv(tmp_path: Path, regions: RegionTable) -> None:
    path = tmp_path / "loker.csv"
    path.write_text(
        "Job ID,Title,Company,Location,Function,Type,Min Salary,Max Salary,Min Experience,"
        "SMA/SMK/STM,Diploma/D1/D2/D3,Sarjana/S1,Posted Date,Description,Skill_Set,Link\n"
        "77,Staff Gudang,PT Sinar,Genuk,Warehouse,Full Time,3000000,3500000,1,0,1,1,"
        "2025-07-02 10:00:00,\"Minimal D3, teliti\",\"['Stock opname', 'Excel']\","
        "https://www.loker.id/x.html\n", encoding="utf-8")
    (vacancy,), skipped, _notes = read(path, regions)
    assert skipped == []
    assert vacancy.source_id == "77" and vacancy.education_min is EducationLevel.D3
    assert vacancy.skills == ("Stock opname", "Excel") and vacancy.kecamatan_code == "33.74.05"
    assert vacancy.employment_type is EmploymentType.FULL_TIME and vacancy.experience_years == 1


def test_a_csv_saved_by_excel_as_windows_1252_is_read_with_a_note(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("title;employer;date_posted\nBarista Café;Kopi Señor;09/07/2025\n"
                     .encode("cp1252"))
    (vacancy,), skipped, notes = read(path, regions)
    assert vacancy.title == "Barista Café" and vacancy.employer == "Kopi Señor"
    assert vacancy.date_posted == date(2025, 7, 9)  # day first, as Indonesians write it
    assert len(notes) == 1 and "Windows-1252" in notes[0] and str(path) in notes[0]


@pytest.mark.parametrize(
    ("bom", "codec", "separator"),
    [(codecs.BOM_UTF8, "utf-8", ","), (codecs.BOM_UTF16_LE, "utf-16-le", "\t"),
     (codecs.BOM_UTF16_BE, "utf-16-be", ";")],
)
def test_utf8_and_utf16_files_with_a_byte_order_mark_are_read(
    tmp_path: Path, regions: RegionTable, bom: bytes, codec: str, separator: str
) -> None:
    rows = [["title", "employer", "date_posted"], ["Guru Ngaji", "TPQ Al-Ikhlas", "2025-07-01"]]
    text = "".join(separator.join(row) + "\r\n" for row in rows)
    path = tmp_path / "bom.csv"
    path.write_bytes(bom + text.encode(codec))
    (vacancy,), skipped, notes = read(path, regions)
    assert (vacancy.title, vacancy.employer, skipped, notes) == (
        "Guru Ngaji", "TPQ Al-Ikhlas", [], [])


def test_row_numbers_count_spreadsheet_rows_across_multi_line_cells(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        'title,employer,date_posted,description\n'
        'Kasir,Toko A,2025-07-01,"baris satu\nbaris dua\nbaris ""tiga"""\n'
        '\n'
        ',Toko B,2025-07-01,tanpa judul\n'
        'TV 32" LED,Toko C,2025-07-01,kutip di tengah sel\n'
        'Sales,Toko D,2025-07-01,"dibuka tapi tidak ditutup\n'
        'Kasir,Toko E,2025-07-01,hilang\n', encoding="utf-8")
    found, skipped, _notes = read(path, regions)
    assert [v.title for v in found] == ["Kasir", 'TV 32" LED']
    assert found[0].description == 'baris satu\nbaris dua\nbaris "tiga"'
    assert [s.position for s in skipped] == ["baris 4", "baris 6"]
    assert "title" in skipped[0].reason and "kutip" in skipped[1].reason


def test_excel_sep_line_and_trailing_empty_rows_are_understood(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\ntitle;employer;date_posted;salary_min\n"
                    "Koki;Warung Bu Tin;2025-07-01;2.500.000\n;;;\n;;;\n", encoding="utf-8")
    (vacancy,), skipped, _notes = read(path, regions)
    assert vacancy.salary_min == 2_500_000 and skipped == []


def test_a_csv_without_a_title_column_is_a_file_error_naming_the_columns(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "notitle.csv"
    path.write_text("nama,perusahaan,tanggal_posting\nKasir,Toko,2025-07-01\n", encoding="utf-8")
    (error,) = read_vacancies(path, regions)
    assert isinstance(error, SkippedRecord) and error.is_file_error
    assert "title" in error.reason and "employer" in error.reason and "date_posted" in error.reason


def test_an_unknown_education_value_in_a_csv_is_a_clear_skip(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "edu.csv"
    path.write_text("title,employer,date_posted,pendidikan\n"
                    "Kasir,Toko,2025-07-01,sekolah tinggi\nKasir 2,Toko,2025-07-01,SMA/SMK\n",
                    encoding="utf-8")
    found, skipped, _notes = read(path, regions)
    assert [v.education_min for v in found] == [EducationLevel.SMA]
    assert skipped[0].position == "baris 2" and "pendidikan" in skipped[0].reason


@pytest.mark.parametrize(
    ("value", "level"),
    [("Paket A", EducationLevel.SD), ("Paket B", EducationLevel.SMP),
     ("Paket C / SMA", EducationLevel.SMA), ("paket c", EducationLevel.SMA),
     ("Semua jurusan", None), ("Bebas", None), ("Tidak ada.", None), ("bebas jurusan", None),
     ("SMK semua jurusan", EducationLevel.SMK)],
)
def test_kesetaraan_packages_map_to_school_levels_and_no_requirement_words_are_not_skips(
    tmp_path: Path, regions: RegionTable, value: str, level: EducationLevel | None
) -> None:
    path = tmp_path / "edu.csv"
    path.write_text(f"title,employer,date_posted,pendidikan\nKasir,Toko,2025-07-01,{value}\n",
                    encoding="utf-8")
    (vacancy,), skipped, _notes = read(path, regions)
    assert skipped == [] and vacancy.education_min == level


def test_a_kesetaraan_package_named_in_the_description_counts(
    tmp_path: Path, regions: RegionTable
) -> None:
    path = tmp_path / "desc.csv"
    path.write_text("title,employer,date_posted,description\n"
                    "Kurir,Toko,2025-07-01,Pendidikan minimal Paket B\n", encoding="utf-8")
    (vacancy,), _skipped, _notes = read(path, regions)
    assert vacancy.education_min is EducationLevel.SMP


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("Rp 3.500.000,-", "Rp 4.000.000,-", (3_500_000, 4_000_000)),
        ("Rp3.500.000,00", "", (3_500_000, None)),
        ("Nego", "", (None, None)),
        ("Negotiable", "Negotiable", (None, None)),
        ("UMR", "", (None, None)),
        ("UMK", "Dirahasiakan", (None, None)),
        ("Kompetitif", "", (None, None)),
        ("-", "-", (None, None)),
        ("Rp 3-5 juta", "", (3_000_000, 5_000_000)),
        ("", "3 - 5 jt", (3_000_000, 5_000_000)),
        ("Rp 2.500.000 - Rp 3.000.000", "", (2_500_000, 3_000_000)),
        ("500 rb – 1 juta", "", (500_000, 1_000_000)),
        ("UMK", "4500000", (None, 4_500_000)),
    ],
)
def test_common_salary_notations_are_understood_instead_of_skipping_the_row(
    tmp_path: Path, regions: RegionTable, low: str, high: str,
    expected: tuple[int | None, int | None]
) -> None:
    path = tmp_path / "gaji.csv"
    path.write_text(f"title;employer;date_posted;gaji_min;gaji_max\n"
                    f"Kasir;Toko;2025-07-01;{low};{high}\n", encoding="utf-8")
    (vacancy,), skipped, _notes = read(path, regions)
    assert skipped == []
    assert (vacancy.salary_min, vacancy.salary_max) == expected


@pytest.mark.parametrize(
    ("low", "high", "reason_part"),
    [("Rp 3-5 juta", "6000000", "gaji_min"), ("5-3 juta", "", "Rp 5.000.000"),
     ("-2500000", "", "minus")],
)
def test_a_salary_range_that_cannot_stand_is_still_a_clear_skip(
    tmp_path: Path, regions: RegionTable, low: str, high: str, reason_part: str
) -> None:
    path = tmp_path / "gaji.csv"
    path.write_text(f"title;employer;date_posted;gaji_min;gaji_max\n"
                    f"Kasir;Toko;2025-07-01;{low};{high}\n", encoding="utf-8")
    found, (skip,), _notes = read(path, regions)
    assert found == [] and reason_part in skip.reason
