"""Pay kept in the employer's unit and compared fairly; experience kept in months; the UMK."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk import formatting as fmt
from kiosk.catalog import VacancyCatalog
from kiosk.importer import import_files, read_vacancies
from kiosk.pay import PayUnit, monthly_equivalent, umk_on
from kiosk.region import RegionTable
from kiosk.search import SearchQuery, SearchService
from kiosk.search_filters import SearchFilter, options, value_text
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

CSV = (
    "judul,perusahaan,tanggal_posting,gaji_min,gaji_max,satuan_gaji,pengalaman_bulan,"
    "batas_lamaran\n"
    "Kasir Paruh Waktu,Toko Rejeki,2025-07-01,20000,,per jam,6,2025-08-01\n"
    "Kuli Bangunan,CV Kokoh,2025-07-01,140000,,harian,0,2025-08-01\n"
    "Penjaga Toko,Toko Murah,2025-07-01,800000,,mingguan,,2025-08-01\n"
    "Staf Gudang,PT Gudang,2025-07-01,3000000,3500000,,24,2025-08-01\n"
)


def _read(tmp_path: Path, regions: RegionTable) -> dict[str, Vacancy]:
    path = tmp_path / "upah.csv"
    path.write_text(CSV, encoding="utf-8")
    found = [v for v in read_vacancies(path, regions) if isinstance(v, Vacancy)]
    return {v.title: v for v in found}


def test_pay_stays_in_the_employers_unit_and_reads_that_way(
    tmp_path: Path, regions: RegionTable
) -> None:
    found = _read(tmp_path, regions)
    kasir, kuli = found["Kasir Paruh Waktu"], found["Kuli Bangunan"]
    assert (kasir.salary_min, kasir.salary_unit) == (20_000, PayUnit.HOUR)
    assert fmt.vacancy_salary_text(kasir) == "Mulai Rp 20.000 per jam"
    assert fmt.vacancy_salary_text(kuli) == "Mulai Rp 140.000 per hari"
    assert fmt.vacancy_salary_text(found["Penjaga Toko"]) == "Mulai Rp 800.000 per minggu"
    assert fmt.vacancy_salary_text(found["Staf Gudang"]) == \
        "Rp 3.000.000 – Rp 3.500.000 per bulan"
    assert fmt.salary_text(20_000, 20_000, PayUnit.HOUR) == "Rp 20.000 per jam"


def test_monthly_equivalents_follow_indonesian_payroll_rules() -> None:
    # 173 hours (KEP.102/MEN/VI/2004 art. 8), 25 days (art. 9, 6-day week), 52/12 weeks.
    assert monthly_equivalent(20_000, PayUnit.HOUR) == 3_460_000
    assert monthly_equivalent(140_000, PayUnit.DAY) == 3_500_000
    assert monthly_equivalent(800_000, PayUnit.WEEK) == 3_466_667
    assert monthly_equivalent(60_000_000, PayUnit.YEAR) == 5_000_000
    assert monthly_equivalent(None, PayUnit.DAY) is None


def test_the_minimum_pay_filter_compares_across_units(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    path = tmp_path / "upah.csv"
    path.write_text(CSV, encoding="utf-8")
    assert import_files([path], VacancyCatalog(db, clock), regions).added == 4
    search = SearchService(db, clock)

    def titles(minimum: int) -> set[str]:
        return {v.title for v in search.search(SearchQuery(min_salary=minimum)).vacancies}

    # Rp 20.000 an hour is Rp 3.460.000 a month: it passes the UMK (Rp 3.454.827) and a
    # "Rp 3 juta" minimum, as the monthly Rp 3.5 million and the daily Rp 140.000 do.
    umk = umk_on(date(2025, 7, 10)).amount
    assert titles(umk) == {"Kasir Paruh Waktu", "Kuli Bangunan", "Penjaga Toko", "Staf Gudang"}
    assert titles(3_480_000) == {"Kuli Bangunan", "Staf Gudang"}
    assert titles(4_000_000) == set()
    stored = {v.title: v for v in search.search(SearchQuery()).vacancies}
    assert stored["Kasir Paruh Waktu"].salary_unit is PayUnit.HOUR  # stored as given


def test_experience_is_kept_in_months(
    tmp_path: Path, db: Database, regions: RegionTable, clock: FakeClock
) -> None:
    found = _read(tmp_path, regions)
    kasir = found["Kasir Paruh Waktu"]
    assert kasir.experience_months == 6 and kasir.experience_years == 0
    assert fmt.experience_text(kasir.experience_months) == "Pengalaman kerja minimal 6 bulan"
    assert fmt.experience_text(found["Kuli Bangunan"].experience_months) == \
        "Tidak perlu pengalaman kerja"
    assert found["Staf Gudang"].experience_months == 24
    catalog = VacancyCatalog(db, clock)
    with db.atomic():
        catalog.upsert(found.values())
    again = catalog.find(kasir.source, kasir.source_id)
    assert again is not None and again.experience_months == 6  # not "no experience"


def test_years_given_alone_become_months() -> None:
    vacancy = Vacancy(source="t", source_id="1", title="Sopir", employer="PT A", location="",
                      description="", date_posted=date(2025, 7, 1),
                      valid_through=date(2025, 8, 1), experience_years=2)
    assert vacancy.experience_months == 24


def test_the_pay_filter_offers_the_city_minimum_wage_with_its_year(
    regions: RegionTable,
) -> None:
    umk = umk_on(date(2025, 7, 10))
    assert (umk.year, umk.amount) == (2025, 3_454_827)
    assert "561/45 Tahun 2024" in umk.decree
    values = [value for value, _label in options(SearchFilter.SALARY, regions)]
    assert umk.amount in values and values == sorted(values)
    label = value_text(SearchFilter.SALARY, umk.amount, regions)
    assert label == "Paling sedikit UMK Kota Semarang 2025 (Rp 3.454.827)"


@pytest.mark.parametrize(("figure", "unit"), [("300000000", ""), ("2000000", "per jam")])
def test_pay_past_plausibility_is_refused_with_the_reason(
    tmp_path: Path, regions: RegionTable, figure: str, unit: str
) -> None:
    path = tmp_path / "besar.csv"
    path.write_text("posisi,perusahaan,tanggal_posting,gaji,satuan_gaji\n"
                    f"Kasir,Toko,2025-07-01,{figure},{unit}\n", encoding="utf-8")
    (skip,) = read_vacancies(path, regions)
    assert not isinstance(skip, Vacancy)
    assert skip.kind == "salary_too_high"
    assert "lebih dari Rp 100 juta sebulan" in skip.reason and "gaji" in skip.reason
