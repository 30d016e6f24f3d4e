"""The database engine and the few helpers every write uses (SQLAlchemy Core, never the ORM).

    engine = make_engine(config.resolved_database_url())
    with engine.begin() as conn:      # one write, one transaction: the row and its change-log
        vacancies.publish(conn, {...})   # entry commit together or not at all

SQLite: WAL, synchronous=FULL, a 30 s busy timeout and BEGIN IMMEDIATE for every transaction,
so two writers queue instead of failing with "database is locked" on a lock upgrade
(SQLAlchemy's documented pysqlite recipe). PostgreSQL: psycopg 3, READ COMMITTED; the few places
that need more say so (`insert_ignore`, `lock_change_log`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine


def normalize_url(url: str) -> str:
    """postgres:// and postgresql:// URLs get the psycopg 3 driver; others pass unchanged."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for a SQLite or PostgreSQL URL. Raises sqlalchemy.exc.ArgumentError if bad."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        _create_private_file(sa.engine.make_url(url).database)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True)


def _create_private_file(database: str | None) -> None:
    """Create a missing SQLite file empty with mode 0600 before SQLite does (it would use
    0644): it holds personal data (UU PDP 27/2022). SQLite gives its -wal and -shm files the
    database file's mode. In-memory databases, URI filenames and a missing folder are left to
    SQLite (the last fails there with "unable to open database file")."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        fd = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # exists already, or a folder SQLite will report itself
        return
    os.close(fd)


def is_postgresql(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def insert_ignore(conn: Connection, table: sa.Table, values: Mapping[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on the primary key; True when the row was inserted.

    On PostgreSQL a concurrent transaction inserting the same key makes this wait for it to end,
    then do nothing: this is what makes two identical pushes on two workers apply once.
    """
    dialect_insert = postgresql.insert if is_postgresql(conn) else sqlite.insert
    stmt = dialect_insert(table).values(**values).on_conflict_do_nothing()
    # RETURNING rather than rowcount: psycopg reports no rowcount for a skipped conflict row.
    key = next(iter(table.primary_key.columns))
    return conn.execute(stmt.returning(key)).first() is not None


# Any constant; names the transaction-scoped advisory lock that orders change-log appends.
_CHANGE_LOG_LOCK = 0x51_4B_45_52  # "SKER"


def lock_change_log(conn: Connection) -> None:
    """Serialize change-log appends until this transaction ends (PostgreSQL; no-op on SQLite).

    A sequence hands out numbers at INSERT but transactions commit in any order, so a reader
    could see seq 11 before seq 10 commits and skip 10 forever. Holding this lock from the first
    append to COMMIT makes commit order equal seq order. SQLite already has a single writer.
    """
    if not is_postgresql(conn):
        return
    transaction = conn.get_transaction()
    if transaction is not None and conn.info.get("siker_change_log_lock") is transaction:
        return  # already held by this transaction: spare the round trip
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHANGE_LOG_LOCK})
    conn.info["siker_change_log_lock"] = transaction


def now() -> float:
    """Wall-clock time as UTC epoch seconds, the unit of every *_at column."""
    return time.time()


def to_datetime(epoch: float | None) -> datetime | None:
    """An epoch column as an aware UTC datetime (None stays None)."""
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)
