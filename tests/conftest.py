"""Fixtures shared by every test folder."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

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
