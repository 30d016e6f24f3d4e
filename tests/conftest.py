"""Fixtures shared by every test folder.

Log discipline: a test fails when one of our loggers (kiosk, ui, sync, accessibility and their
children) records a WARNING or an ERROR that the test did not declare. Declare the expected
ones with the marker (a logger and its children, at that level or below)::

    @pytest.mark.expected_log("kiosk.importer", "WARNING")
    def test_a_bad_file_is_reported(...): ...

or, inside a test, with the `expect_log` fixture: `expect_log("ui.app", "ERROR")`. A declared
record that does not come is no failure (parametrised tests differ); assert it with caplog
when it matters. Every test also has a time limit (pytest-timeout, pyproject.toml).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
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


OUR_LOGGERS = ("kiosk", "ui", "sync", "accessibility")
_LEVELS = {"WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _allowed(record: logging.LogRecord, allowances: list[tuple[str, int]]) -> bool:
    return any(
        (record.name == name or record.name.startswith(name + ".")) and record.levelno <= level
        for name, level in allowances
    )


@pytest.fixture
def _log_allowances(request: pytest.FixtureRequest) -> list[tuple[str, int]]:
    allowances = []
    for marker in request.node.iter_markers("expected_log"):
        name, level = marker.args
        allowances.append((name, _LEVELS[level]))
    return allowances


@pytest.fixture
def expect_log(_log_allowances: list[tuple[str, int]]) -> Callable[[str, str], None]:
    """Declare, inside a test, that `logger` (and its children) may log up to `level`."""

    def allow(logger: str, level: str) -> None:
        _log_allowances.append((logger, _LEVELS[level]))

    return allow


@pytest.fixture(autouse=True)
def no_unexpected_log(_log_allowances: list[tuple[str, int]]) -> Iterator[None]:
    """Fail a test whose code logged a WARNING or ERROR it did not declare (see the top)."""
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in OUR_LOGGERS]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    unexpected = [r for r in collector.records if not _allowed(r, _log_allowances)]
    if unexpected:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in unexpected]
        pytest.fail("unexpected log records (declare them with "
                    "@pytest.mark.expected_log(logger, level)):\n" + "\n".join(lines),
                    pytrace=False)


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
