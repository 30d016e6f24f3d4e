"""The stored copy of the search index's words: current after every write, rebuilt when stale,
never waited for."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from kiosk.db import database_path, open_database
from kiosk.search import SearchQuery, SearchService
from kiosk.services import open_services
from kiosk.vocabulary import index_words, refresh_index_words
from tests.core.test_search import _vacancy
from tests.fakes import FakeClock


def _scan(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT term FROM vacancy_search_vocab")]


def test_an_import_leaves_a_current_copy_that_the_next_start_reads_without_the_index(
    tmp_path: Path, clock: FakeClock, shared_data: Path
) -> None:
    services = open_services(tmp_path, clock, seed_demo=False)
    services.import_files([shared_data / "job_postings_id.jsonl"])
    services.close()

    db = open_database(database_path(tmp_path))
    try:
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        words = index_words(db)
        db.conn.set_trace_callback(None)
        assert sorted(words) == sorted(_scan(db)) and len(words) > 1000
        assert not any("vacancy_search_vocab" in s for s in statements)
        search = SearchService(db, clock)
        assert search.search(SearchQuery("akuntna ")).total > 0  # typo corrected from the copy
    finally:
        db.close()


def test_a_write_by_another_connection_makes_the_copy_stale_and_it_is_rebuilt(
    tmp_path: Path, clock: FakeClock
) -> None:
    kiosk = open_services(tmp_path, clock)  # the demo catalog
    kiosk.search.warm_up()
    assert kiosk.search.search(SearchQuery("fotogarfer ")).total == 0
    other = open_services(tmp_path, clock, seed_demo=False)
    other.store_vacancies([_vacancy("77", "Fotografer Studio")])
    other.close()
    assert kiosk.poll_changes().catalog
    assert kiosk.search.search(SearchQuery("fotogarfer ")).total == 1  # a new word, typo
    kiosk.close()


def test_a_locked_database_gives_the_words_without_waiting_or_caching(
    tmp_path: Path, clock: FakeClock
) -> None:
    open_services(tmp_path, clock).close()
    db = open_database(database_path(tmp_path))
    db.execute("DELETE FROM search_vocabulary_stamp")  # stale
    writer = sqlite3.connect(database_path(tmp_path))
    writer.execute("BEGIN IMMEDIATE")  # an import in another process holds the write lock
    try:
        started = time.monotonic()
        words = refresh_index_words(db)
        assert time.monotonic() - started < 1  # the busy timeout is 5 s: not waited for
        assert sorted(words) == sorted(_scan(db))
        assert db.execute("SELECT count(*) FROM search_vocabulary_stamp").fetchone()[0] == 0
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000  # restored
    finally:
        writer.rollback()
        writer.close()
        db.close()
