"""Migration m010: a kiosk database written before it (no `area` in the facet table) gets each
vacancy's area from the place tags its index already holds: no re-import, no re-indexing, and
near-home ranking through the facet table works on it at once."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog
from kiosk.db import open_database
from kiosk.places import Band
from kiosk.search import SearchQuery, SearchService
from kiosk.search_tags import AREA_CITY, AREA_ELSEWHERE, AREA_JATENG, AREA_UNKNOWN
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

TEMBALANG = "33.74.10"
ROWS = [  # source_id, location, kecamatan_code, in_kota, the area m010 must give
    ("jkt", "Jakarta Barat", None, False, AREA_ELSEWHERE),
    ("solo", "Surakarta / Solo", None, False, AREA_JATENG),
    ("kota", "Semarang", None, True, AREA_CITY),
    ("tbl", "Tembalang, Semarang", TEMBALANG, True, AREA_CITY),
    ("none", "", None, False, AREA_UNKNOWN),
]


def _index_pages(db: Database) -> str:
    return hashlib.sha256(repr(db.execute(
        "SELECT id, block FROM vacancy_search_data ORDER BY id").fetchall()).encode()).hexdigest()


def test_m010_fills_the_area_from_the_index_without_a_reimport(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "kiosk.db"
    db = open_database(path)
    vacancies = [
        Vacancy(source="t", source_id=sid, title="Satpam", employer="PT Aman", location=location,
                kecamatan_code=kecamatan, in_kota_semarang=in_kota, description="Jaga malam.",
                date_posted=date(2025, 7, 1 + i), valid_through=date(2025, 8, 31))
        for i, (sid, location, kecamatan, in_kota, _area) in enumerate(ROWS)
    ]
    with db.atomic():
        VacancyCatalog(db, clock).upsert(vacancies)
    # The database as m009 left it: the same rows, no area column, m010 not applied.
    db.execute("DROP INDEX vacancy_facet_area")
    db.execute("ALTER TABLE vacancy_facet DROP COLUMN area")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_facet_area'")
    db.conn.commit()
    stored = db.execute("SELECT id, updated_at FROM vacancy ORDER BY id").fetchall()
    pages = _index_pages(db)
    db.close()

    db = open_database(path)
    try:
        areas = dict(db.execute(
            "SELECT v.source_id, f.area FROM vacancy_facet f JOIN vacancy v "
            "ON v.id = f.vacancy_id").fetchall())
        assert areas == {sid: area for sid, _l, _k, _i, area in ROWS}
        # nothing written again: the vacancy rows and every page of the index are as before
        assert db.execute("SELECT id, updated_at FROM vacancy ORDER BY id").fetchall() == stored
        assert _index_pages(db) == pages
        index_names = {r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'vacancy_facet'")}
        assert "vacancy_facet_area" in index_names
        result = SearchService(db, clock).search(SearchQuery("satpam ", near=TEMBALANG))
        # the one naming no place right after the city's own, not "outside Jawa Tengah"
        assert [v.source_id for v in result.vacancies] == ["tbl", "kota", "none", "solo", "jkt"]
        assert list(result.bands) == [Band.KECAMATAN, Band.KOTA, Band.UNKNOWN, Band.JATENG,
                                      Band.ELSEWHERE]
        everything = SearchService(db, clock).search(SearchQuery("", near=TEMBALANG))
        assert [v.source_id for v in everything.vacancies] == ["tbl", "kota", "none", "solo",
                                                               "jkt"]
    finally:
        db.close()
