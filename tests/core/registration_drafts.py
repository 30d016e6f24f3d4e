"""A complete, valid AK1 draft for the registration tests (a fictional resident)."""
from __future__ import annotations

from datetime import UTC, datetime

from kiosk.registration.draft import RegistrationDraft

NIK = "3374014507990002"  # Semarang Tengah, born 5 July 1999, female (day 45 = 5 + 40)
NAME = "Sri Wahyuningsih"
PHONE = "081234567890"
TODAY_UTC = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def valid_draft(**changes: object) -> RegistrationDraft:
    draft = RegistrationDraft(
        consent_version="ak1-consent-2026-12", consent_at=datetime(2026, 12, 2, 9, 50, tzinfo=UTC),
        nik="3374 0145 0799 0002", nik_reading_confirmed=True, full_name=NAME,
        birth_place="Semarang", religion="islam", marital_status="belum_kawin",
        street="Jl. Pandanaran No. 12", rt="3", rw="11", kecamatan_code="33.74.01",
        kelurahan_code="33.74.01.1001", phone="0812 3456 7890", email="sri.w@example.com",
        education_level="SMK", major="Tata Busana", school="SMK Negeri 6 Semarang",
        graduation_year="2017", skills=("menjahit", "kasir"), languages=("Jawa", "Inggris"),
        experience=(("Penjahit", "Konveksi Maju", "3"),), kbji_groups=("7", "5"),
        preferred_location="kota_semarang", expected_pay="Rp 3.000.000",
        disabilities=("sensorik_rungu",))
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft
