"""The idle watcher on an injected clock: every stage is reached instantly, by moving the clock."""
from __future__ import annotations

import pytest

from tests.fakes import FakeMonotonic
from ui.idle import IdleWatcher


@pytest.fixture
def watched(qapp) -> tuple[IdleWatcher, FakeMonotonic, list[object]]:
    clock = FakeMonotonic()
    watcher = IdleWatcher(90, 30, clock=clock)
    told: list[object] = []
    watcher.warning_started.connect(lambda: told.append("warning"))
    watcher.countdown_changed.connect(told.append)
    watcher.warning_cancelled.connect(lambda: told.append("cancelled"))
    watcher.timed_out.connect(lambda: told.append("timed out"))
    return watcher, clock, told


def test_quiet_for_the_timeout_warns_then_counts_down_whole_seconds_and_ends(watched) -> None:
    watcher, clock, told = watched
    watcher.poke()
    clock.now += 89.5
    watcher.check()
    assert told == []
    clock.now += 0.5
    watcher.check()
    assert told == ["warning", 30] and watcher.warning
    clock.now += 0.5
    watcher.check()
    assert told[-1] == 30  # 29.5 s left still reads 30: rounded up, never early
    clock.now += 0.75
    watcher.check()
    assert told[-1] == 29
    clock.now += 27.75
    watcher.check()
    assert told[-1] == 1 and "timed out" not in told
    clock.now += 1.0
    watcher.check()
    assert told[-1] == "timed out"
    assert not watcher.session_active


def test_activity_during_the_warning_does_not_cancel_it_only_lanjutkan_does(watched) -> None:
    watcher, clock, told = watched
    watcher.poke()
    clock.now += 90
    watcher.check()
    watcher.poke()  # a touch somewhere behind the overlay
    assert watcher.warning
    watcher.extend()
    assert told[-1] == "cancelled" and not watcher.warning
    clock.now += 89
    watcher.check()
    assert told[-1] == "cancelled"  # a full quiet period again


def test_an_untouched_kiosk_never_warns(watched) -> None:
    watcher, clock, told = watched
    clock.now += 10_000
    watcher.check()
    assert told == [] and not watcher.session_active


def test_longer_times_for_assisted_mode_apply_to_the_running_quiet_period(watched) -> None:
    watcher, clock, told = watched
    watcher.poke()
    clock.now += 100
    watcher.set_times(180, 30)
    watcher.check()
    assert told == []
    clock.now += 80
    watcher.check()
    assert told[:1] == ["warning"]


def test_the_wake_up_timer_is_set_for_the_next_stage(watched) -> None:
    watcher, clock, _told = watched
    watcher.poke()
    assert watcher._wake.isActive() and watcher._wake.interval() == 90_000
    clock.now += 90
    watcher.check()
    assert watcher._wake.interval() <= 1_000  # the countdown ticks each second
    watcher.stop()
    assert not watcher._wake.isActive()


def test_times_must_be_positive(qapp) -> None:
    with pytest.raises(ValueError, match="positive"):
        IdleWatcher(90, 0)
