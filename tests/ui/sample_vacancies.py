"""A handful of hand-made vacancies in a real SQLite catalog, for the search and detail screens."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.region import RegionTable
from kiosk.services import KioskServices, open_services
from kiosk.vacancy import EducationLevel, EmploymentType, Vacancy
from tests.fakes import FakeClock

_REGIONS = RegionTable.load()


def kecamatan_code(name: str) -> str:
    """The Kemendagri code of a Semarang kecamatan named exactly `name`."""
    return next(k.code for k in _REGIONS.kecamatan if k.name == name)


def _vacancy(source_id: str, title: str, employer: str, **fields: object) -> Vacancy:
    values: dict[str, object] = dict(
        source="test", source_id=source_id, title=title, employer=employer,
        location="Semarang", description=f"{title} di {employer}.",
        date_posted=date(2025, 7, 1), valid_through=date(2025, 7, 31),
    )
    values.update(fields)
    return Vacancy(**values)  # type: ignore[arg-type]


def sample_vacancies() -> list[Vacancy]:
    """Five open vacancies (one a demo) and one that closed before the FakeClock's 10 July 2025."""
    return [
        _vacancy(
            "sopir-1", "Sopir Pengiriman", "PT Maju Jaya Logistik",
            kecamatan_code=kecamatan_code("Tembalang"), employment_type=EmploymentType.FULL_TIME,
            salary_min=3_500_000, salary_max=4_500_000, education_min=EducationLevel.SMA,
            experience_years=1, skills=("SIM B1", "Hafal jalan Semarang"),
            description="Mengantar barang ke toko-toko di Semarang.\nJam kerja 08.00-16.00.",
            date_posted=date(2025, 7, 8), valid_through=date(2025, 8, 7),
            valid_through_estimated=True,
        ),
        _vacancy(
            "admin-1", "Staf Administrasi Gudang", "CV Sinar Abadi",
            kecamatan_code=kecamatan_code("Pedurungan"), employment_type=EmploymentType.CONTRACT,
            salary_min=3_000_000, salary_max=3_500_000, education_min=EducationLevel.SMK,
            experience_years=0, url="https://www.loker.id/administrasi/staf-gudang-semarang.html",
            date_posted=date(2025, 7, 7),
        ),
        _vacancy(
            "perawat-1", "Perawat Klinik", "Klinik Sehat Sentosa",
            kecamatan_code=kecamatan_code("Banyumanik"), employment_type=EmploymentType.FULL_TIME,
            salary_min=4_000_000, salary_max=5_000_000, education_min=EducationLevel.D3,
            date_posted=date(2025, 7, 6),
        ),
        _vacancy(
            "kurir-1", "Kurir Paket Mitra", "PT Kirim Cepat", location="Jakarta Barat",
            employment_type=EmploymentType.FREELANCE, date_posted=date(2025, 7, 5),
        ),
        _vacancy(
            "kasir-1", "Kasir Minimarket", "PT Contoh Ritel",
            kecamatan_code=kecamatan_code("Semarang Barat"),
            employment_type=EmploymentType.PART_TIME, salary_min=2_000_000,
            salary_max=2_500_000, education_min=EducationLevel.SMA, is_demo=True,
            date_posted=date(2025, 7, 4),
        ),
        _vacancy(
            "satpam-1", "Satpam Pabrik", "PT Lama Tutup",
            kecamatan_code=kecamatan_code("Genuk"), date_posted=date(2025, 6, 1),
            valid_through=date(2025, 7, 1),
        ),
    ]


def open_sample_services(data_dir: Path, clock: FakeClock) -> KioskServices:
    """Real services on a fresh SQLite file holding `sample_vacancies()` and no demo seed."""
    services = open_services(data_dir, clock, seed_demo=False)
    services.store_vacancies(sample_vacancies())
    return services


def vacancy_id(services: KioskServices, source_id: str) -> int:
    """The local id the catalog gave a sample vacancy."""
    found = services.catalog.find("test", source_id)
    assert found is not None and found.id is not None, source_id
    return found.id
