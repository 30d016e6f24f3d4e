"""The kiosk database schema, one sqlite-utils migration per change. Never edit an applied one."""
from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("siker_kiosk")


@migrations()
def m001_vacancy(db: Database) -> None:
    db.table("vacancy").create(
        {
            "id": int,
            "source": str,
            "source_id": str,
            "title": str,
            "employer": str,
            "location": str,
            "kecamatan_code": str,
            "in_kota": int,
            "description": str,
            "employment_type": str,
            "salary_min": int,
            "salary_max": int,
            "education_min": str,
            "education_rank": int,
            "experience_years": int,
            "skills": str,
            "kbji_major_group": str,
            "date_posted": str,
            "valid_through": str,
            "valid_through_estimated": int,
            "url": str,
            "is_demo": int,
            "updated_at": str,
        },
        pk="id",
        not_null={"source", "source_id", "title", "employer", "date_posted", "valid_through"},
    )
    db.table("vacancy").create_index(["source", "source_id"], unique=True)
    db.table("vacancy").create_index(["valid_through"])
    db.table("vacancy").create_index(["date_posted"])
    db.table("vacancy").create_index(["kecamatan_code", "date_posted"])
    # A narrow copy of what search filters and sorts on, so that probing thousands of matches
    # never reads the wide rows with their descriptions. `rank_key` orders vacancies newest
    # first (see kiosk.catalog.rank_key) and is also the rowid of the vacancy's row in
    # vacancy_search, so FTS5 can hand matches over newest first and a page stops early.
    # Kept by VacancyCatalog in the same transaction as `vacancy`. salary_top is the top of the
    # stated range in IDR per month.
    db.table("vacancy_facet").create(
        {
            "rank_key": int,
            "vacancy_id": int,
            "valid_through": str,
            "kecamatan_code": str,
            "in_kota": int,
            "education_rank": int,
            "employment_type": str,
            "salary_top": int,
        },
        pk="rank_key",
        foreign_keys=[("vacancy_id", "vacancy", "id")],
    )
    db.table("vacancy_facet").create_index(["vacancy_id"], unique=True)
    # "All vacancies in Tembalang, newest first" reads this index in order and stops early.
    db.table("vacancy_facet").create_index(["kecamatan_code", "rank_key"])
    # The search index holds folded words and their stems, not the display text: see
    # kiosk/textnorm.py. Its rowid is the facet's rank_key.
    db.execute(
        "CREATE VIRTUAL TABLE vacancy_search USING fts5("
        "title, employer, skills, description, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    db.execute("CREATE VIRTUAL TABLE vacancy_search_vocab USING fts5vocab(vacancy_search, 'row')")


@migrations()
def m002_vacancy_source_id(db: Database) -> None:
    # The detail screen asks whether a vacancy code (source id) is shared across sources.
    db.table("vacancy").create_index(["source_id"])


@migrations()
def m003_change_counter(db: Database) -> None:
    # One counter per domain (kiosk.changes.DOMAINS), bumped inside every write's transaction,
    # so another process's commit is noticed by kiosk.changes.ChangeWatcher. The rows are
    # made here so that a write only ever updates.
    db.table("change_counter").create({"domain": str, "counter": int}, pk="domain")
    db.table("change_counter").insert_all(
        [{"domain": d, "counter": 0} for d in ("catalog", "registrations", "outbox")]
    )


@migrations()
def m004_search_vocabulary(db: Database) -> None:
    # A copy of the index's distinct words and the catalog counter it was taken at
    # (kiosk/vocabulary.py), so a start does not walk the whole full-text index.
    db.execute("CREATE TABLE search_vocabulary (term TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("CREATE TABLE search_vocabulary_stamp (catalog_counter INTEGER NOT NULL)")
