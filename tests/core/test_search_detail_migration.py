"""Migration m011: a kiosk database whose search index keeps word positions (as m006 made it)
gets an index without them (detail=column), written again from the stored
vacancies; every search finds what it found before, and the rows can still be updated and
deleted afterwards (a contentless index deletes only with the words it indexed)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.db import open_database
from kiosk.search import SearchQuery, SearchService
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

QUERIES = ["satpam ", "sopir", "kurir jnt", "pengemudi semarang", "admin gudang", "sat",
           "menjahit", "jaga malam", "zzzz"]


def _vacancies() -> list[Vacancy]:
    rows = [
        ("a", "Satpam Malam", "PT Aman Jaya", "Jaga malam di gudang.", "Semarang"),
        ("b", "Sopir Pribadi", "Keluarga Wijaya", "Mengemudikan mobil keluarga, SIM A.",
         "Tembalang, Semarang"),
        ("c", "Kurir Motor", "JNT Express", "Pengiriman paket, pengemudi motor.", "Jakarta"),
        ("d", "Admin Gudang", "CV Sentosa", "Mencatat stok gudang.", "Surakarta"),
        ("e", "Penjahit", "Konveksi Ayu", "Menjahit seragam sekolah.", "Semarang"),
    ]
    return [Vacancy(source="t", source_id=sid, title=title, employer=employer, location=place,
                    in_kota_semarang="Semarang" in place, description=text,
                    date_posted=date(2025, 7, 1 + i), valid_through=date(2025, 8, 31))
            for i, (sid, title, employer, text, place) in enumerate(rows)]


def _found(db: Database, clock: FakeClock) -> dict[str, list[str]]:
    service = SearchService(db, clock)
    return {q: [v.source_id for v in service.search(SearchQuery(q), today=clock().date())
                .vacancies] for q in QUERIES}


def _index_sql(db: Database) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE name = 'vacancy_search'").fetchone()[0]


def test_m011_writes_the_index_again_without_positions(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "kiosk.db"
    db = open_database(path)
    assert "detail = column" in _index_sql(db)
    with db.atomic():
        VacancyCatalog(db, clock).upsert(_vacancies())
    found = _found(db, clock)
    assert found["satpam "] == ["a"] and found["zzzz"] == []
    # The index as m010 left it: positions and column sizes kept, the same words in it.
    catalog = VacancyCatalog(db, clock)
    with db.atomic():
        db.execute("DROP TABLE vacancy_search_vocab")
        db.execute("DROP TABLE vacancy_search")
        db.execute("CREATE VIRTUAL TABLE vacancy_search USING fts5(title, employer, skills, "
                   "description, content = '', tokenize = 'unicode61 remove_diacritics 2', "
                   "prefix = '2')")
        db.execute("CREATE VIRTUAL TABLE vacancy_search_vocab USING fts5vocab(vacancy_search, "
                   "'row')")
        catalog.rebuild_index()
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_search_detail_column'")
    assert "detail" not in _index_sql(db)
    assert _found(db, clock) == found
    stored = db.execute("SELECT id, updated_at FROM vacancy ORDER BY id").fetchall()
    db.close()

    db = open_database(path)
    try:
        assert "detail = column" in _index_sql(db)
        assert _found(db, clock) == found
        # the vacancy rows were not written again
        assert db.execute("SELECT id, updated_at FROM vacancy ORDER BY id").fetchall() == stored
        # a changed vacancy leaves its old words, a removed one all of its words
        catalog = VacancyCatalog(db, clock)
        changed = _vacancies()
        changed[0] = replace(changed[0], title="Penjaga Toko")
        with db.atomic():
            catalog.upsert(changed)
            assert catalog.remove("t", "e")
        after = _found(db, clock)
        assert after["satpam "] == [] and after["menjahit"] == []
        assert after["jaga malam"] == ["a"]  # its description still says so
        assert db.execute("SELECT count(*) FROM vacancy_search_vocab").fetchone()[0] > 0
        with db.atomic():
            db.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('integrity-check')")
    finally:
        db.close()
