"""Issue 9's rules of the search on a small real SQLite catalog: near home first, place words,
words residents use, KBJI groups, precise typo help, soft matching and near-word suggestions."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.catalog import VacancyCatalog, upsert_in_batches
from kiosk.db import open_database
from kiosk.occupations import OccupationVocabulary
from kiosk.places import Band, PlaceTable, home_kecamatan
from kiosk.region import KOTA_CODE
from kiosk.search import SearchQuery, SearchService
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

TEMBALANG, GENUK = "33.74.10", "33.74.05"


def _v(source_id: str, title: str, location: str = "Semarang", **fields: object) -> Vacancy:
    base: dict[str, object] = {
        "source": "t", "source_id": source_id, "title": title, "employer": "PT Maju Jaya",
        "location": location, "description": "Dibutuhkan segera.",
        "date_posted": date(2025, 7, 1), "valid_through": date(2025, 8, 1),
        "in_kota_semarang": location == "Semarang",
    }
    base.update(fields)
    return Vacancy(**base)  # type: ignore[arg-type]


CATALOG = [
    _v("jkt", "Satpam", "Jakarta Barat", date_posted=date(2025, 7, 9)),
    _v("solo", "Security", "Surakarta / Solo", date_posted=date(2025, 7, 8)),
    _v("kota", "Satpam Gudang", date_posted=date(2025, 7, 2)),
    _v("tbl", "Satpam Perumahan", kecamatan_code=TEMBALANG, date_posted=date(2025, 6, 20)),
    _v("gnk", "Security Pabrik", kecamatan_code=GENUK, date_posted=date(2025, 6, 25)),
    _v("kasir", "Kasir Minimarket", employer="Toko Sumber Rejeki"),
    _v("karya1", "Staff Marketing", employer="CV Karya Abadi"),
    _v("karya2", "Admin Keuangan", employer="PT Karya Mandiri"),
    _v("kulit", "Sales Skincare", description="Produk perawatan kulit wajah."),
    _v("kenek", "Kenek Tukang Bangunan", kecamatan_code=GENUK),
    _v("ob", "Office Boy", "Jakarta Selatan"),
    _v("cs", "Cleaning Service"),
    _v("batik", "Pramuniaga Toko Batik"),
]


@pytest.fixture(scope="module")
def search(tmp_path_factory, regions) -> SearchService:
    clock = FakeClock(datetime(2025, 7, 10, 9))
    db = open_database(tmp_path_factory.mktemp("rules") / "kiosk.db")
    upsert_in_batches(VacancyCatalog(db, clock), CATALOG)
    return SearchService(db, clock, regions=regions)


def _ids(service: SearchService, text: str, **query: object) -> list[str]:
    return [v.source_id for v in service.search(SearchQuery(text, **query)).vacancies]  # type: ignore[arg-type]


def test_within_a_tier_the_kiosks_kecamatan_then_the_city_then_jawa_tengah_then_elsewhere(
    search: SearchService,
) -> None:
    result = search.search(SearchQuery("satpam ", near=TEMBALANG))
    ids = [v.source_id for v in result.vacancies]
    # every one is a security guard (satpam, security: one KBJI group); newest first would
    # put Jakarta first, near home puts the kiosk's kecamatan first
    assert ids == ["tbl", "kota", "gnk", "solo", "jkt"]
    assert list(result.bands) == [Band.KECAMATAN, Band.KOTA, Band.KOTA, Band.JATENG,
                                  Band.ELSEWHERE]
    # a kiosk that knows only the city: the city is nearest, then newest
    assert _ids(search, "satpam ")[:3] == ["kota", "gnk", "tbl"]


def test_the_city_scope_keeps_the_city_and_none_widens_to_everywhere(
    search: SearchService,
) -> None:
    assert set(_ids(search, "satpam ", kecamatan_code=KOTA_CODE)) == {"kota", "tbl", "gnk"}
    assert len(_ids(search, "satpam ", kecamatan_code=None)) == 5


def test_place_words_filter_or_rank_instead_of_being_searched_for(
    search: SearchService,
) -> None:
    # a kecamatan of the city ranks first and keeps the city
    result = search.search(SearchQuery("satpam tembalang", kecamatan_code=KOTA_CODE))
    assert [v.source_id for v in result.vacancies][0] == "tbl"
    assert result.place is not None and result.place.name == "Tembalang"
    # a place outside the city replaces the scope: only Solo's
    assert _ids(search, "kerja di solo", kecamatan_code=KOTA_CODE) == ["solo"]
    assert _ids(search, "satpam jakarta", kecamatan_code=KOTA_CODE) == ["jkt"]
    # "semarang" says the city
    assert set(_ids(search, "satpam semarang")) == {"kota", "tbl", "gnk"}


def test_generic_words_never_exclude_a_posting(search: SearchService) -> None:
    assert _ids(search, "lowongan kerja kasir") == ["kasir"]
    assert _ids(search, "loker satpam")[0] == "kota"
    everyone = search.search(SearchQuery("")).total
    assert search.search(SearchQuery("lowongan kerja ")).total == everyone


def test_slang_phonetic_and_javanese_words_find_the_posting(search: SearchService) -> None:
    assert _ids(search, "sekuriti ")[0] == "kota"
    # the cleaning service by its words first, then its KBJI group (9112: office boys too)
    assert _ids(search, "klining servis") == ["cs", "ob"]
    assert "ob" in _ids(search, "OB ")
    assert _ids(search, "jogo toko")[0] == "batik"


def test_a_kbji_group_finds_postings_titled_in_other_words(search: SearchService) -> None:
    # "kuli bangunan" names KBJI 9313 (Buruh Bangunan): the kenek is one, the skincare is not
    assert _ids(search, "kuli bangunan") == ["kenek"]
    assert OccupationVocabulary.load().classify("Kenek Tukang Bangunan") == "9313"
    assert OccupationVocabulary.load().classify("Office Boy (OB)") == "9112"


def test_typo_help_never_comes_from_employer_names(search: SearchService) -> None:
    # "kasr" is one letter from "kasir", and the first letters of "Karya"
    assert _ids(search, "kasr") == ["kasir"]
    assert _ids(search, "kasr ") == ["kasir"]


def test_a_known_word_gets_no_near_spellings(search: SearchService) -> None:
    # "kulit" is a word of the index: it finds the skincare posting and nothing it resembles
    assert _ids(search, "kulit ") == ["kulit"]


def test_no_posting_with_every_word_gives_the_closest_marked_soft(
    search: SearchService,
) -> None:
    result = search.search(SearchQuery("kasir batik "))
    assert result.soft
    assert {v.source_id for v in result.vacancies} == {"kasir", "batik"}
    assert not search.search(SearchQuery("kasir ")).soft


def test_nothing_at_all_suggests_the_nearest_job_words(search: SearchService) -> None:
    result = search.search(SearchQuery("pnjhit "))
    assert result.total == 0 and not result.vacancies
    assert "penjahit" in result.suggestions


def test_the_field_of_a_tile_lists_its_groups(search: SearchService) -> None:
    cleaning = set(_ids(search, "", field="bersih", kecamatan_code=None))
    assert {"kota", "tbl", "gnk", "solo", "jkt", "ob", "cs"} == cleaning
    counts = search.field_counts()
    assert counts["bersih"] == 4  # the city's: three guards and the cleaning service


def test_place_table_reads_posting_locations_and_kiosk_settings(regions) -> None:
    places = PlaceTable.load(regions)
    assert places.locate("Surakarta / Solo") == "33.72"
    assert places.locate("Semarang") == KOTA_CODE
    assert places.locate("Jawa Tengah") == "33"
    assert places.locate("Remote") is None
    assert home_kecamatan(regions, "33.74.10.1001") == TEMBALANG
    assert home_kecamatan(regions, "337410") == TEMBALANG
    assert home_kecamatan(regions, "33.74") is None
    assert home_kecamatan(regions, "Jatingaleh") == "33.74.08"
    with pytest.raises(ValueError, match="Atlantis"):
        home_kecamatan(regions, "Atlantis")
