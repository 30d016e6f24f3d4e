"""An existing kiosk database (the schema before issue 9, with rows) opened by today's code:
the data migrates in place, without a re-import, and the lean index keeps working."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from kiosk.catalog import VacancyCatalog, rank_key
from kiosk.db import open_database
from kiosk.migrations import migrations
from kiosk.pay import PayUnit
from kiosk.search import SearchQuery, SearchService
from kiosk.textnorm import Stemmer
from kiosk.vacancy import Vacancy
from tests.fakes import FakeClock

BEFORE = "m006_catalog_pay_units_and_lean_index"
OLD_ROWS = [
    # (source_id, title, employer, description, salary_min, salary_max, experience_years)
    ("A-1", "Pengemudi Ekspedisi", "PT Kirim Cepat", "Mengantar barang ke pelanggan.",
     4_000_000, 4_500_000, 1),
    ("A-2", "Penjahit Garmen", "CV Busana", "Menjahit pakaian jadi. " * 20, 2_600_000, None, 0),
    ("A-3", "Staf Administrasi", "PT Arsip", "Mengelola dokumen kantor.", None, None, None),
]


def _old_database(path: Path) -> None:
    """The schema of main before issue 9 (migrations m001-m005), filled the way its
    VacancyCatalog wrote: monthly pay, whole years, folded and stemmed words in an FTS5 table
    that kept its own copy of them, prefix indexes 2, 3 and 4."""
    db = Database(path)
    migrations.apply(db, stop_before=BEFORE)
    stemmer = Stemmer()
    with db.atomic():
        for i, (sid, title, employer, text, low, high, years) in enumerate(OLD_ROWS, start=1):
            posted = date(2025, 7, i)
            db.execute(
                "INSERT INTO vacancy (id, source, source_id, title, employer, location, in_kota, "
                "description, salary_min, salary_max, experience_years, skills, date_posted, "
                "valid_through, valid_through_estimated, is_demo, updated_at) VALUES "
                "(?, 'lama', ?, ?, ?, 'Semarang', 1, ?, ?, ?, ?, ?, ?, '2025-08-31', 0, 0, "
                "'2025-07-01T09:00:00')",
                [i, sid, title, employer, text, low, high, years, json.dumps(["Jujur"]),
                 posted.isoformat()])
            key = rank_key(posted, i)
            db.execute("INSERT INTO vacancy_facet (rank_key, vacancy_id, valid_through, in_kota, "
                       "salary_top) VALUES (?, ?, '2025-08-31', 1, ?)",
                       [key, i, high if high is not None else low])
            db.execute("INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
                       "VALUES (?, ?, ?, ?, ?)",
                       [key, stemmer.index_text(title), stemmer.index_text(employer),
                        stemmer.index_text("Jujur"), stemmer.index_text(text)])
    db.close()


def test_an_existing_database_migrates_without_a_reimport(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "kiosk.db"
    _old_database(path)
    db = open_database(path)  # applies m006 and whatever came after
    try:
        catalog = VacancyCatalog(db, clock)
        driver = catalog.find("lama", "A-1")
        assert driver is not None
        assert (driver.salary_min, driver.salary_max, driver.salary_unit) == \
            (4_000_000, 4_500_000, PayUnit.MONTH)
        assert driver.experience_months == 12 and driver.experience_years == 1
        tailor = catalog.find("lama", "A-2")
        assert tailor is not None and tailor.experience_months == 0
        assert tailor.description == "Menjahit pakaian jadi. " * 20  # plain text, as stored
        clerk = catalog.find("lama", "A-3")
        assert clerk is not None and clerk.experience_months is None
        assert clerk.salary_min is None

        # The words moved into the contentless index: stems, prefixes and filters still work.
        search = SearchService(db, clock)
        assert [v.source_id for v in search.search(SearchQuery("jahit")).vacancies] == ["A-2"]
        assert [v.source_id for v in search.search(SearchQuery("pengemu")).vacancies] == ["A-1"]
        assert search.search(SearchQuery(min_salary=3_000_000)).total == 1
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        assert "vacancy_search_content" not in tables  # the words are no longer stored twice
        assert "vacancy_search_before_m006" not in tables

        # Updating a migrated vacancy deletes its old words from the index: no stale match.
        changed = Vacancy(**{**driver.__dict__, "id": None, "title": "Kurir Motor",
                             "experience_months": 6, "experience_years": None})
        with db.atomic():
            counts = catalog.upsert([changed])
        assert counts.updated == 1
        assert search.search(SearchQuery("ekspedisi")).total == 0
        assert [v.title for v in search.search(SearchQuery("kurir")).vacancies] == ["Kurir Motor"]
        again = catalog.find("lama", "A-1")
        assert again is not None and again.experience_months == 6
        db.execute("INSERT INTO vacancy_search (vacancy_search) VALUES ('integrity-check')")
        # Importing the same data again finds it unchanged (a plain-text description too).
        with db.atomic():
            assert catalog.upsert([tailor]).unchanged == 1
    finally:
        db.close()


def test_a_changed_way_of_stemming_rebuilds_the_index_before_the_next_write(
    db: Database, clock: FakeClock
) -> None:
    catalog = VacancyCatalog(db, clock)
    vacancy = Vacancy(source="t", source_id="1", title="Penjahit", employer="CV A",
                      location="", description="", date_posted=date(2025, 7, 1),
                      valid_through=date(2025, 8, 1))
    with db.atomic():
        catalog.upsert([vacancy])
    db.execute("UPDATE search_index_format SET fingerprint = 'older-rules'")
    fresh = VacancyCatalog(db, clock)
    with db.atomic():
        fresh.upsert([Vacancy(**{**vacancy.__dict__, "source_id": "2", "title": "Sopir"})])
    stored = db.execute("SELECT fingerprint FROM search_index_format").fetchone()[0]
    assert stored != "older-rules"
    search = SearchService(db, clock)
    assert search.search(SearchQuery("jahit")).total == 1
    assert search.search(SearchQuery("sopir")).total == 1
