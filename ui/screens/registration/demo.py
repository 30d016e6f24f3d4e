"""The made-up resident whose answers the review and receipt demo states show (screenshots,
the audit, the reflow tests): every step answered, as a resident who finished the form sees
it. An obviously fictitious person ("CONTOH" is Indonesian for "example"); the NIK passes the
NIK rules (33.74.01 Semarang Tengah, born 1 July 1995, a woman: day 41 = 1 + 40) but its
serial 9999 belongs to nobody the kiosk will meet in a demo."""
from __future__ import annotations

from datetime import datetime

from kiosk.registration.draft import RegistrationDraft
from ui.screens.registration.consent import CONSENT_VERSION

DEMO_CONSENT_AT = datetime(2026, 12, 2, 9, 30)


def demo_draft() -> RegistrationDraft:
    """A new draft with every step answered (a new one each call: screens edit it in place)."""
    return RegistrationDraft(
        consent_version=CONSENT_VERSION,
        consent_at=DEMO_CONSENT_AT,
        nik="3374014107959999",
        nik_reading_confirmed=True,
        full_name="DEWI CONTOH LESTARI",
        birth_place="SEMARANG",
        religion="islam",
        marital_status="belum_kawin",
        street="JL CONTOH RAYA NO 1",
        rt="001",
        rw="002",
        kecamatan_code="33.74.01",
        kelurahan_code="33.74.01.1001",
        phone="081200000000",
        email="dewi.contoh@example.com",
        education_level="SMK",
        major="TATA BUSANA",
        school="SMK CONTOH SEMARANG",
        graduation_year="2013",
        skills=("MENJAHIT", "MENGEMUDI MOTOR"),
        languages=("INDONESIA", "JAWA", "INGGRIS"),
        experience=(("PENJAHIT", "KONVEKSI CONTOH", "4"), ("KASIR", "TOKO CONTOH", "2")),
        kbji_groups=("5", "7"),
        preferred_location="kota_semarang",
        expected_pay="3500000",
        disabilities=(),
    )
