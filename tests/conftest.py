"""Fixtures shared by every test folder."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk.db import open_database
from kiosk.region import RegionTable
from tests.fakes import FakeClock

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data: the real job postings, Semarang regions and KBJI codes (never copied)."""
    assert SHARED_DATA.is_dir(), f"the shared data folder is missing at {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture
def clock() -> FakeClock:
    """A fixed clock inside the real file's posting window (June-July 2025)."""
    return FakeClock(datetime(2025, 7, 10, 9, 0, 0))


@pytest.fixture(autouse=True)
def indonesian_first() -> Iterator[None]:
    """Every test starts in Indonesian, the kiosk's default, and leaves it that way."""
    from kiosk.i18n import set_language

    set_language("id")
    yield
    set_language("id")


@pytest.fixture(scope="session")
def regions() -> RegionTable:
    """The team's Kota Semarang region table from assets/ (read-only, shared by all tests)."""
    return RegionTable.load()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh kiosk database in a real SQLite file, schema applied."""
    database = open_database(tmp_path / "kiosk.db")
    yield database
    database.close()


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a thread running (a TaskRunner not shut down, a stray worker)."""
    import threading

    before = set(threading.enumerate())
    yield
    leftover = [
        t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon
    ]
    for thread in leftover:
        thread.join(timeout=2)
    still = [t.name for t in leftover if t.is_alive()]
    assert still == [], f"threads left running: {still}"
