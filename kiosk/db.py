"""Opens the kiosk's SQLite database with the pragmas a kiosk that loses power needs."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from kiosk.migrations import migrations
from kiosk.storage import (
    create_private_file,
    make_private_folder,
    note_lost_database,
    tighten_private_files,
)
from kiosk.vault import KEY_FILENAME

DB_FILENAME = "kiosk.db"
BUSY_TIMEOUT_MS = 5000


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) the database file at `path` and bring its schema up to date.

    WAL journal and synchronous=FULL so a committed write survives a power cut; foreign keys on;
    a busy timeout of 5 s so the GUI's reader and the sync writer wait instead of failing.
    A folder it creates is 0700 and a new file 0600; an existing database, -wal or -shm file
    open to other users is made 0600 (logged once): they hold keyed NIK hashes and records.
    A database missing or empty beside the folder's kiosk.key is warned about, never silently
    begun anew (kiosk.storage.note_lost_database).

    Raises:
        OSError: the folder cannot be created.
        sqlite3.Error: the file cannot be opened or written, or is not a SQLite database
            (kiosk.storage.describe_storage_error tells which); the file is closed again.
    """
    path = Path(path)
    make_private_folder(path.parent)
    note_lost_database(path, path.parent / KEY_FILENAME)
    create_private_file(path)
    db = Database(path)
    try:
        conn = db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted rows (a registration's personal fields once the centre has them) are
        # overwritten with zeros, not left in free pages for the next reader of the file.
        conn.execute("PRAGMA secure_delete = ON")
        # 64 MiB page cache: a 100k-vacancy search index stays in memory between keystrokes.
        conn.execute("PRAGMA cache_size = -65536")
        migrations.apply(db)
        tighten_private_files(*database_files(path))
    except BaseException:
        db.close()  # a file left open would keep its disk busy (and its lock held)
        raise
    return db


def database_path(data_dir: Path) -> Path:
    """The database file inside a kiosk data folder."""
    return Path(data_dir) / DB_FILENAME


def database_files(path: Path) -> tuple[Path, Path, Path]:
    """The database file and SQLite's -wal and -shm files beside it."""
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
