"""The distinct words of the search index, kept as a table so that opening the kiosk does not
walk the whole full-text index.

Reading the words through the fts5vocab table walks every doclist of the index: about 1 s at
100,000 vacancies, most of a cold start (docs/performance.md). The words are copied into
`search_vocabulary` (migration m004) together with the catalog change counter they belong to
(kiosk.changes); a reader whose counter matches reads the copy (a few milliseconds), any
other rebuilds it. The copy is derived data: it marks no change, and when it cannot be written
(a read-only folder, another writer holding the lock) the words are used without caching.
"""
from __future__ import annotations

import sqlite3

from sqlite_utils import Database

_SCAN = "SELECT term FROM vacancy_search_vocab"


def _catalog_counter(db: Database) -> int:
    row = db.execute("SELECT counter FROM change_counter WHERE domain = 'catalog'").fetchone()
    return int(row[0]) if row else 0


def index_words(db: Database) -> list[str]:
    """Every distinct word (and stem) in the search index, from the copy when it is current."""
    stamp = db.execute("SELECT catalog_counter FROM search_vocabulary_stamp").fetchone()
    if stamp is not None and stamp[0] == _catalog_counter(db):
        return [r[0] for r in db.execute("SELECT term FROM search_vocabulary")]
    return refresh_index_words(db)


def refresh_index_words(db: Database) -> list[str]:
    """Read the words from the index and store them with the current catalog counter.

    The write never waits for another writer: with the lock taken elsewhere (an import in
    another process) or a read-only database, the words are returned uncached.
    """
    if db.conn.in_transaction:  # inside a caller's write: just read, the caller commits
        return [r[0] for r in db.execute(_SCAN)]
    timeout = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute("PRAGMA busy_timeout = 0")
    words: list[str] | None = None
    try:
        with db.atomic():
            words = [r[0] for r in db.execute(_SCAN)]
            counter = _catalog_counter(db)  # the same snapshot as the words
            db.execute("DELETE FROM search_vocabulary")
            db.conn.executemany("INSERT INTO search_vocabulary (term) VALUES (?)",
                                ((w,) for w in words))
            db.execute("DELETE FROM search_vocabulary_stamp")
            db.execute("INSERT INTO search_vocabulary_stamp (catalog_counter) VALUES (?)",
                       [counter])
    except sqlite3.OperationalError:
        if words is None:  # the scan itself failed (busy): once more, waiting as usual
            db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            words = [r[0] for r in db.execute(_SCAN)]
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    return words
