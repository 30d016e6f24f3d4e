"""The description column of the search index holds stems only, without function words
(kiosk.textnorm.Stemmer.index_stems): a query still finds every inflection of its words there,
and a query of nothing but function words still finds something."""
from __future__ import annotations

from datetime import date

import pytest
from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.search import SearchQuery, SearchService
from kiosk.search_words import STOP_WORDS
from kiosk.textnorm import DESCRIPTION_SKIPPED, Stemmer
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock


def _vacancy(source_id: str, title: str, description: str) -> Vacancy:
    return Vacancy(source="t", source_id=source_id, title=title, employer="PT Maju",
                   location="Semarang", description=description, date_posted=date(2025, 7, 1),
                   valid_through=date(2025, 8, 1))


CATALOG = [
    _vacancy("1", "Staf Gudang",
             "Berpengalaman mengemudikan truk dan mengantar barang ke pelanggan."),
    _vacancy("2", "Sales dan Marketing", "Menawarkan produk."),
    _vacancy("3", "Kepala Toko", "Mengatur karyawan."),
]


@pytest.fixture
def search(db: Database, clock: FakeClock) -> SearchService:
    with db.atomic():
        VacancyCatalog(db, clock).upsert(CATALOG)
    return SearchService(db, clock)


def _found(search: SearchService, text: str) -> list[str]:
    return [v.source_id for v in search.search(SearchQuery(text)).vacancies]


def test_a_description_is_indexed_as_its_stems_without_function_words() -> None:
    stems = Stemmer().index_stems(
        "Berpengalaman mengemudikan truk dan mengantar barang ke pelanggan, yang ramah.")
    assert stems == "alam kemudi truk antar barang langgan ramah"


def test_the_words_left_out_are_words_no_query_looks_for() -> None:
    assert DESCRIPTION_SKIPPED <= STOP_WORDS


@pytest.mark.parametrize("text", [
    "pengalaman ", "berpengalaman ", "mengemudi truk", "antaran ", "langganan ",
    "pengalaman",  # typed without a space after it: a whole word, stored only as its stem
])
def test_any_inflection_of_a_word_finds_the_description(search: SearchService,
                                                        text: str) -> None:
    assert _found(search, text) == ["1"]


def test_a_query_of_function_words_only_finds_them_where_they_are_kept(
        search: SearchService) -> None:
    assert _found(search, "dan ") == ["2"]  # in a title, not in descriptions
    assert _found(search, "ke") == ["3"]  # still typing: a prefix of title words ("Kepala")
    assert _found(search, "ke ") == []


def test_a_changed_description_leaves_no_stem_behind(db: Database, clock: FakeClock,
                                                     search: SearchService) -> None:
    changed = _vacancy("1", "Staf Gudang", "Menyusun stok barang.")
    with db.atomic():
        assert VacancyCatalog(db, clock).upsert([changed]).updated == 1
    assert _found(search, "mengemudi ") == []
    assert _found(search, "susun") == ["1"]
    db.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('integrity-check')")
