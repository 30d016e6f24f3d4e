"""The data folder and its files are the kiosk user's alone (POSIX permission bits): the
database holds keyed NIK hashes and sealed records."""
from __future__ import annotations

import logging
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.db import database_files, database_path, open_database
from kiosk.health import DeviceHealth, write_health
from kiosk.services import open_services

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_its_database_files_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    services = open_services(data_dir, datetime.now)
    try:
        write_health(data_dir, DeviceHealth(speech_ok=True, written_at=1.0))
        assert mode(data_dir) == 0o700
        files = [*database_files(database_path(data_dir)), data_dir / "health.json"]
        assert all(p.exists() for p in files)
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        services.close()


def test_database_files_open_to_others_are_tightened_and_the_log_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tmp_path.chmod(0o755)
    db_file = tmp_path / "kiosk.db"
    loose = sqlite3.connect(db_file)  # as an older kiosk left it: 0644, WAL files beside it
    loose.execute("PRAGMA journal_mode = WAL")
    loose.execute("CREATE TABLE t (x)")
    for path in database_files(db_file):
        path.chmod(0o644)
    with caplog.at_level(logging.INFO, logger="kiosk.storage"):
        db = open_database(db_file)
        assert [mode(p) for p in database_files(db_file)] == [0o600, 0o600, 0o600]
        db.close()
        open_database(db_file).close()
    loose.close()
    said = [m for m in caplog.messages if "readable by the kiosk user only" in m]
    assert said == ["Made kiosk.db, kiosk.db-wal, kiosk.db-shm readable by the kiosk user only "
                    "(they were open to other local users)"]
    assert mode(tmp_path) == 0o755  # a folder the kiosk did not create is left as it is
