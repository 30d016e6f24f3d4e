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


@migrations()
def m005_outbox(db: Database) -> None:
    # SYNC.md "Identity and the outbox": every record a resident creates is queued here in the
    # same transaction as the record (kiosk/outbox.py). `payload` is a Fernet token
    # (kiosk/vault.py): the record as it will be pushed, personal data included, so it is
    # sealed; it is cleared once the server has acknowledged the operation.
    db.execute(
        """
        CREATE TABLE outbox (
            op_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            entity TEXT NOT NULL,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('create', 'update')),
            payload BLOB,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'acked', 'rejected', 'conflict')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            batch_id TEXT,
            reason_code TEXT,
            reason_id TEXT,
            reason_en TEXT,
            server_version INTEGER,
            server_status TEXT
        )
        """
    )
    db.execute("CREATE INDEX outbox_state_seq ON outbox (state, seq)")
    db.execute("CREATE INDEX outbox_record ON outbox (entity, record_id)")
    # The device's own operation sequence (SYNC.md: every op carries a per-device seq), kept
    # apart from outbox rows so that pruning acknowledged rows never reuses a number.
    db.execute(
        "CREATE TABLE device_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "last_seq INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO device_sequence (id, last_seq) VALUES (1, 0)")
    # The server's decision on each of this kiosk's records, as pulled (verified, AK1 number
    # issued, rejected with reason), kept with the record's id after its personal fields are
    # gone from the kiosk.
    db.execute(
        """
        CREATE TABLE record_status (
            entity TEXT NOT NULL,
            record_id TEXT NOT NULL,
            status TEXT NOT NULL,
            ak1_number TEXT,
            reason_code TEXT,
            reason_id TEXT,
            reason_en TEXT,
            server_version INTEGER,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (entity, record_id)
        )
        """
    )
    # The fingerprint of the key that seals this database's personal data (kiosk/vault.py).
    db.execute(
        "CREATE TABLE vault_key (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL)"
    )


@migrations()
def m006_catalog_pay_units_and_lean_index(db: Database) -> None:
    # Issue 9 "Truthful facts": pay is kept in the employer's unit and experience in months.
    # Rows stored before were converted to IDR per month and whole years at import, so they
    # keep their monthly figure (salary_unit MONTH) and get years x 12 months.
    # experience_years stays as an unused column: dropping it would rewrite the whole table
    # (about a minute at 100,000 vacancies on a slow disk); one UPDATE fills both new columns.
    db.execute("ALTER TABLE vacancy ADD COLUMN salary_unit TEXT")
    db.execute("ALTER TABLE vacancy ADD COLUMN experience_months INTEGER")
    db.execute(
        "UPDATE vacancy SET experience_months = experience_years * 12, salary_unit = CASE "
        "WHEN salary_min IS NOT NULL OR salary_max IS NOT NULL THEN 'MONTH' END "
        "WHERE experience_years IS NOT NULL OR salary_min IS NOT NULL OR salary_max IS NOT NULL"
    )
    # The old index holds only the public text of vacancies: its pages need no overwriting
    # when freed (secure_delete is for personal data), which would write it all out again.
    secure = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = OFF")
    # The vacancy table already holds every text, so the search index stops keeping its own
    # copy (contentless FTS5: kiosk.catalog deletes with the indexed values), and only the
    # 2-letter prefix index stays (3 and 4 letters cost about 120 MB at 100,000 vacancies and
    # FTS5 expands such prefixes quickly without them). The indexed words are copied over from
    # the old table, so nothing is re-imported or re-stemmed.
    db.execute("DROP TABLE vacancy_search_vocab")
    db.execute("ALTER TABLE vacancy_search RENAME TO vacancy_search_before_m006")
    db.execute(
        "CREATE VIRTUAL TABLE vacancy_search USING fts5("
        "title, employer, skills, description, content = '', "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2')"
    )
    db.execute(
        "INSERT INTO vacancy_search (rowid, title, employer, skills, description) "
        "SELECT rowid, title, employer, skills, description FROM vacancy_search_before_m006"
    )
    db.execute("DROP TABLE vacancy_search_before_m006")
    db.execute(f"PRAGMA secure_delete = {int(secure)}")
    db.execute("CREATE VIRTUAL TABLE vacancy_search_vocab USING fts5vocab(vacancy_search, 'row')")
    # Counting the open matches subtracts the closed ones, found through this index
    # (kiosk/search.py); the facet's valid_through replaces the wide table's for counting.
    db.execute("CREATE INDEX vacancy_facet_valid_through ON vacancy_facet (valid_through)")
    db.execute("DROP INDEX IF EXISTS idx_vacancy_valid_through")
    db.execute("DROP INDEX IF EXISTS idx_vacancy_date_posted")
    # The fingerprint of the words the index holds (kiosk.catalog.index_fingerprint): a
    # contentless index can only delete a row with exactly the words it indexed, so a change
    # to how words are folded or stemmed must rebuild the index before the next write.
    # The words copied above were folded and stemmed exactly as the code shipping this
    # migration does, so its fingerprint is recorded for them.
    db.execute("CREATE TABLE search_index_format (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "fingerprint TEXT NOT NULL)")
    if db.execute("SELECT 1 FROM vacancy_facet LIMIT 1").fetchone():
        from kiosk.catalog import index_fingerprint
        from kiosk.textnorm import Stemmer

        db.execute("INSERT INTO search_index_format (id, fingerprint) VALUES (1, ?)",
                   [index_fingerprint(Stemmer())])


@migrations()
def m007_search_tags(db: Database) -> None:
    # Issue 9: the index holds each vacancy's KBJI 2014 group and its place as hidden words
    # (kiosk/search_tags.py), derived from the stored title and location, so ranking near
    # the kiosk and finding an occupation's postings need no re-import: the index is written
    # again from the stored vacancies with the fingerprint of the tags it now holds: once,
    # and slow on a large catalog (rebuild_index took 81.5 s at 100,000 vacancies on the
    # 2-core machine while other work ran, 2026-12-02; most of it folding and stemming).
    _rebuild_search_index(db)


@migrations()
def m008_registration(db: Database) -> None:
    # Issue 10: AK1 registrations made on this kiosk (kiosk/registration/store.py). In plain
    # text only what is not personal: the id, the receipt reference, times, the consent
    # version, the staff flags. `personal` is ONE Fernet token (kiosk/vault.py) of the whole
    # record as it is pushed, so every personal field is sealed together and read together;
    # it is set to NULL by purge_personal once the server acknowledged the record. `nik_hash`
    # is the vault's keyed hash of the NIK ("already pending here"), never a plain hash.
    db.execute(
        """
        CREATE TABLE registration (
            id TEXT PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            consent_version TEXT NOT NULL,
            consent_at TEXT NOT NULL,
            birth_date_check INTEGER NOT NULL DEFAULT 0,
            outside_kota INTEGER NOT NULL DEFAULT 0,
            nik_hash TEXT NOT NULL,
            personal BLOB,
            purged_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX registration_nik_hash ON registration (nik_hash)")
    # Applications (Lamar): the vacancy and who applies (this kiosk's registration, or an AK1
    # card by NIK and birth date, sealed in `personal` with the rest).
    db.execute(
        """
        CREATE TABLE application (
            id TEXT PRIMARY KEY,
            vacancy_id INTEGER NOT NULL,
            registration_id TEXT REFERENCES registration (id),
            created_at TEXT NOT NULL,
            personal BLOB,
            purged_at TEXT
        )
        """
    )


@migrations()
def m009_sync_state(db: Database) -> None:
    # Issue 8 (sync/client/engine.py): the pull cursor and what staff see of the last sync,
    # one row. `resync` > 0 while a pull from scratch (first pull, or after a 410) runs: at
    # its end, central vacancies not seen in it are removed (the catalog's central part is
    # replaced; hand-imported vacancies are never in central_vacancy).
    db.execute(
        """
        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            cursor TEXT NOT NULL DEFAULT '',
            generation INTEGER NOT NULL DEFAULT 0,
            resync INTEGER NOT NULL DEFAULT 1,
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_result TEXT,
            last_problem TEXT,
            clock_offset_s REAL,
            revoked INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("INSERT INTO sync_state (id) VALUES (1)")
    # Which catalog rows came from the central server (its wire id "<source>:<source_id>").
    db.execute(
        "CREATE TABLE central_vacancy (wire_id TEXT PRIMARY KEY, source TEXT NOT NULL, "
        "source_id TEXT NOT NULL, version INTEGER NOT NULL, generation INTEGER NOT NULL)"
    )


@migrations()
def m010_facet_area(db: Database) -> None:
    # Issue 9 near home first, ranked through the narrow facet table instead of one FTS5 query
    # per distance band: each posting's area (kiosk.search_tags.place_area: 0 Kota Semarang,
    # 1 the rest of Jawa Tengah, 2 elsewhere, 3 no place named), with the kecamatan_code
    # already there the whole band. Filled from the place tags the index already holds
    # (m007), so nothing is re-imported and the wide vacancy rows are not read;
    # (area, rank_key) lists a band newest first and stops early.
    from kiosk.places import JATENG_CODE
    from kiosk.region import KOTA_CODE
    from kiosk.search_tags import (
        AREA_CITY,
        AREA_ELSEWHERE,
        AREA_JATENG,
        AREA_UNKNOWN,
        NO_PLACE,
        region_tag,
    )

    db.execute("ALTER TABLE vacancy_facet ADD COLUMN area INTEGER")
    if db.execute("SELECT 1 FROM vacancy_facet LIMIT 1").fetchone():
        db.execute("UPDATE vacancy_facet SET area = ?", [AREA_ELSEWHERE])
        for area, tag in ((AREA_JATENG, region_tag(JATENG_CODE)),
                          (AREA_CITY, region_tag(KOTA_CODE)), (AREA_UNKNOWN, NO_PLACE)):
            db.execute("UPDATE vacancy_facet SET area = ? WHERE rank_key IN (SELECT rowid FROM "
                       "vacancy_search WHERE vacancy_search MATCH ?)", [area, tag])
    db.execute("CREATE INDEX vacancy_facet_area ON vacancy_facet (area, rank_key)")


@migrations()
def m011_search_detail_column(db: Database) -> None:
    # Issue 9, the catalog write: the index keeps, for each word, the vacancies and the
    # columns it is in, not its positions (detail=column). No query needs them: every FTS5
    # term the search writes is one word (kiosk.search_words: words of kiosk.textnorm.tokens,
    # never a phrase), combined with AND, OR and column filters, and results are ordered by
    # rank key, never by bm25. FTS5 then writes far less per word (docs/performance.md:
    # the 100,000-vacancy write and the index size). A contentless index cannot be copied,
    # so it is written again from the stored vacancies, once, as m007 did.
    secure = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = OFF")  # public text only: see m006
    db.execute("DROP TABLE vacancy_search_vocab")
    db.execute("DROP TABLE vacancy_search")
    db.execute(
        "CREATE VIRTUAL TABLE vacancy_search USING fts5("
        "title, employer, skills, description, content = '', detail = column, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2')"
    )
    db.execute("CREATE VIRTUAL TABLE vacancy_search_vocab USING fts5vocab(vacancy_search, 'row')")
    db.execute(f"PRAGMA secure_delete = {int(secure)}")
    _rebuild_search_index(db)


def _rebuild_search_index(db: Database) -> None:
    """Write the search index again from the stored vacancies with today's folding and
    stemming, and record their fingerprint (m007, m011); nothing to do on an empty catalog."""
    if not db.execute("SELECT 1 FROM vacancy_facet LIMIT 1").fetchone():
        return
    from datetime import datetime

    from kiosk.catalog import VacancyCatalog, index_fingerprint
    from kiosk.textnorm import Stemmer

    stemmer = Stemmer()
    VacancyCatalog(db, datetime.now, stemmer).rebuild_index()
    db.execute("INSERT OR REPLACE INTO search_index_format (id, fingerprint) VALUES (1, ?)",
               [index_fingerprint(stemmer)])
