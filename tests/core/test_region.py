"""The shipped region table matches the Kemendagri reference; place names map to kecamatan."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from kiosk.region import KOTA_CODE, REGION_FILE, RegionTable

KECAMATAN_CODE = re.compile(r"^33\.74\.(0[1-9]|1[0-6])$")
KELURAHAN_CODE = re.compile(r"^33\.74\.(0[1-9]|1[0-6])\.1\d{3}$")




def _reference_rows(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "semarang_regions.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _code_of(regions: RegionTable, name: str) -> str:
    (code,) = [k.code for k in regions.kecamatan if k.name == name]
    return code


def test_region_file_lists_the_same_kecamatan_as_the_reference(
    shared_data: Path, regions: RegionTable
) -> None:
    reference = {(r["kecamatan_code"], r["kecamatan_name"]) for r in _reference_rows(shared_data)}
    shipped = {(k.code, k.name) for k in regions.kecamatan}
    assert len(reference) == 16
    assert shipped == reference
    assert len(regions.kecamatan) == 16  # no kecamatan listed twice


def test_region_file_lists_the_same_kelurahan_under_the_same_kecamatan(
    shared_data: Path, regions: RegionTable
) -> None:
    reference = [
        (r["kecamatan_code"], r["kelurahan_code"], r["kelurahan_name"])
        for r in _reference_rows(shared_data)
    ]
    shipped = [
        (k.code, kel.code, kel.name) for k in regions.kecamatan for kel in k.kelurahan
    ]
    assert len(reference) == 177
    assert len(shipped) == 177
    assert sorted(shipped) == sorted(reference)
    assert all(kel.kecamatan_code == k.code for k in regions.kecamatan for kel in k.kelurahan)


def test_region_codes_have_the_kemendagri_dotted_form(regions: RegionTable) -> None:
    for kecamatan in regions.kecamatan:
        assert KECAMATAN_CODE.match(kecamatan.code), kecamatan.code
        for kelurahan in kecamatan.kelurahan:
            assert KELURAHAN_CODE.match(kelurahan.code), kelurahan.code
            assert kelurahan.code.startswith(kecamatan.code + ".")


def test_region_file_names_the_city_and_its_code() -> None:
    doc = json.loads(REGION_FILE.read_text(encoding="utf-8"))
    assert doc["kota"] == {"code": "33.74", "name": "Kota Semarang"}


def test_name_of_gives_the_kecamatan_name_or_none(regions: RegionTable) -> None:
    assert regions.name_of("33.74.10") == "Tembalang"
    assert regions.name_of("33.74.99") is None
    assert regions.name_of(None) is None


@pytest.mark.parametrize(
    ("place", "kecamatan"),
    [
        ("Tembalang", "Tembalang"),
        ("Kec. Semarang Barat", "Semarang Barat"),
        ("Banyumanik, Semarang", "Banyumanik"),
        ("Jatingaleh", "Candisari"),  # a kelurahan found in one kecamatan only
        ("KECAMATAN TUGU, Kota Semarang, Jawa Tengah", "Tugu"),
        ("Kel. Pedurungan Kidul", "Pedurungan"),
    ],
)
def test_match_kecamatan_accepts_kecamatan_and_kelurahan_names(
    regions: RegionTable, place: str, kecamatan: str
) -> None:
    assert regions.match_kecamatan(place) == _code_of(regions, kecamatan)


@pytest.mark.parametrize(
    "place",
    [
        "Semarang",  # the whole city names no kecamatan
        "Kota Semarang",
        "Purwosari",  # a kelurahan in both Semarang Utara and Mijen
        "Mangunharjo",  # a kelurahan in both Tembalang and Tugu
        "Jakarta Barat",
        "Kab. Semarang",  # the neighbouring regency, not the city
        "",
    ],
)
def test_match_kecamatan_gives_none_for_places_that_name_no_single_kecamatan(
    regions: RegionTable, place: str
) -> None:
    assert regions.match_kecamatan(place) is None


def test_the_two_purwosari_are_really_in_different_kecamatan(regions: RegionTable) -> None:
    holders = {k.name for k in regions.kecamatan for kel in k.kelurahan if kel.name == "Purwosari"}
    assert holders == {"Semarang Utara", "Mijen"}


def test_find_kecamatan_in_text_finds_the_one_kecamatan_named(regions: RegionTable) -> None:
    assert regions.find_kecamatan_in_text("Penempatan: Pedurungan") == _code_of(
        regions, "Pedurungan"
    )
    assert regions.find_kecamatan_in_text(
        "Dibutuhkan segera kasir untuk cabang SEMARANG BARAT, gaji UMK."
    ) == _code_of(regions, "Semarang Barat")


def test_find_kecamatan_in_text_gives_none_for_two_kecamatan_or_none_named(
    regions: RegionTable,
) -> None:
    assert regions.find_kecamatan_in_text("Penempatan Pedurungan atau Tembalang") is None
    assert regions.find_kecamatan_in_text("Penempatan di Kota Semarang") is None
    # A kelurahan name alone is not enough inside free text.
    assert regions.find_kecamatan_in_text("Jl. Jatingaleh no. 5") is None


@pytest.mark.parametrize(
    ("place", "inside"),
    [
        ("Semarang", True),
        ("Kota Semarang, Jawa Tengah", True),
        ("Tembalang", True),
        ("Banyumanik, Semarang", True),
        ("Kabupaten Semarang", False),
        ("Ungaran, Kab. Semarang", False),
        ("Jakarta Barat", False),
        ("", False),
    ],
)
def test_is_in_kota_tells_the_city_from_the_regency(regions, place, inside):
    assert regions.is_in_kota(place) is inside


def test_the_whole_city_has_a_name():
    assert RegionTable.load().name_of(KOTA_CODE) == "Kota Semarang"
