"""The QR payload that carries a vacancy to a phone, and the limits on its size."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.i18n import set_language
from kiosk.region import RegionTable
from kiosk.share import MAX_VERSION, QUIET_ZONE, qr_matrix, share_text, vacancy_qr
from kiosk.vacancy import Vacancy


def _vacancy(**changes: object) -> Vacancy:
    fields: dict[str, object] = dict(
        source="loker.id", source_id="15758013", title="Sopir Pengiriman",
        employer="PT Maju Jaya", location="Semarang", description="Mengantar barang.",
        date_posted=date(2025, 7, 1), valid_through=date(2025, 7, 31),
        salary_min=3_000_000, salary_max=4_000_000,
    )
    fields.update(changes)
    return Vacancy(**fields)  # type: ignore[arg-type]


def test_a_vacancy_with_a_web_address_shares_exactly_that_address(regions: RegionTable) -> None:
    url = "https://www.loker.id/transportasi/sopir-pengiriman-semarang.html"
    payload, matrix = vacancy_qr(_vacancy(url=url), regions)
    assert payload == url
    assert matrix.version <= 6


def test_without_an_address_the_phone_gets_readable_lines_of_text(regions: RegionTable) -> None:
    code = regions.kecamatan[0].code
    name = regions.kecamatan[0].name
    payload, matrix = vacancy_qr(_vacancy(kecamatan_code=code), regions)
    assert payload.splitlines() == [
        "Lowongan kerja dari kios SIKER Kota Semarang",
        "Sopir Pengiriman",
        "PT Maju Jaya",
        f"Kecamatan {name}, Kota Semarang",
        "Rp 3.000.000 - Rp 4.000.000 per bulan",
        "Berlaku sampai 31 Juli 2025",
        "Cara melamar: datang ke Disnaker Kota Semarang",
        "Kode: loker.id 15758013",
    ]
    # Small enough that 40 mm on screen gives modules of about 0.6 mm.
    assert matrix.version <= 12


def test_demo_vacancies_never_send_a_phone_to_a_web_address(regions: RegionTable) -> None:
    payload, _matrix = vacancy_qr(_vacancy(url="https://contoh.example/1", is_demo=True), regions)
    assert payload.startswith("HANYA CONTOH, bukan lowongan sungguhan\n")


def test_addresses_that_are_not_web_links_fall_back_to_text(regions: RegionTable) -> None:
    for url in ("javascript:alert(1)", "www.loker.id/x", "https://a b", "https://x/" + "a" * 700):
        payload, _matrix = vacancy_qr(_vacancy(url=url), regions)
        assert payload.startswith("Lowongan kerja"), url


def test_very_long_or_many_byte_fields_still_fit_version_25(regions: RegionTable) -> None:
    huge = _vacancy(title="🚚" * 400, employer="Perusahaan " * 80, location="Jl. " * 200)
    payload, matrix = vacancy_qr(huge, regions)
    assert matrix.version <= MAX_VERSION
    assert "..." in payload
    assert max(len(line) for line in payload.splitlines()) < 100


def test_the_matrix_is_square_with_the_quiet_zone_iso_18004_asks() -> None:
    matrix = qr_matrix("SIKER")
    assert matrix.size == 17 + 4 * matrix.version + 2 * QUIET_ZONE
    assert all(len(row) == matrix.size for row in matrix.modules)
    assert not any(matrix.modules[0]) and not any(row[0] for row in matrix.modules)
    # The finder pattern's dark corner sits just inside the quiet zone.
    assert matrix.modules[QUIET_ZONE][QUIET_ZONE]


def test_a_payload_beyond_version_25_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        qr_matrix("x" * 1200)


def test_shared_text_follows_the_kiosk_language(regions: RegionTable) -> None:
    set_language("en")
    text = share_text(_vacancy(valid_through_estimated=True), regions)
    assert "Rp 3,000,000 - Rp 4,000,000 per month" in text
    assert "Open until July 31, 2025 (estimated)" in text
