"""Test doubles for the edges only: the clock (speech, network and the audio device come later)."""
from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    """A clock that stands still until a test moves it. Call it like `datetime.now`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeMonotonic:
    """Monotonic seconds that stand still until a test moves `now`; call it like
    `time.monotonic` (the idle watcher and the input guard take one)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
