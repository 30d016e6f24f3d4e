"""The idle watcher: from the last touch to "Masih di sini?" to the end of the visit.

WCAG 2.2.1 (Timing Adjustable): after `timeout_s` without a touch or key the resident is warned
and has `warning_s` to tap "Lanjutkan", as often as they like, before the visit ends for the
next resident. ACCESSIBILITY.md: 90 s (180 s in assisted mode), then a 30 s countdown.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from ui.app_filter import ApplicationFilter

# Events that show a person is at the kiosk. Mouse moves are left out: Qt synthesises them when
# widgets change under a resting cursor, which would keep an abandoned visit alive.
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress, QEvent.Type.Wheel,
})


class IdleWatcher(ApplicationFilter):
    """Watches the whole application for activity and runs the two idle stages.

    The quiet period starts at the first activity of a visit (an untouched kiosk never warns).
    After `timeout_s` of quiet it emits `warning_started`, then `countdown_changed(seconds_left)`
    at each whole second, then `timed_out` after `warning_s` unless `extend()` is called.
    Activity during the warning does not cancel it: only `extend()` ("Lanjutkan") does.

    Args:
        timeout_s, warning_s: seconds, both positive.
        clock: monotonic seconds (time.monotonic); tests pass a fake and call `check()`.

    Raises:
        ValueError: a time that is not positive.

    State comes from the clock alone; one single-shot timer only wakes `check()` up when the
    next thing is due, so a test with a fake clock runs instantly.
    """

    warning_started = Signal()
    countdown_changed = Signal(int)  # whole seconds left, rounded up
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(
        self,
        timeout_s: float,
        warning_s: float,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout_s = self._warning_s = 0.0
        self.set_times(timeout_s, warning_s)
        self._quiet_since: float | None = None
        self._warning_since: float | None = None
        self._shown_seconds: int | None = None
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self._on_wake_timeout)

    def set_times(self, timeout_s: float, warning_s: float) -> None:
        """Change the two periods (assisted mode waits longer); a running period keeps its
        start and ends at the new length."""
        if timeout_s <= 0 or warning_s <= 0:
            raise ValueError("idle timeout and warning must be positive seconds")
        self._timeout_s, self._warning_s = float(timeout_s), float(warning_s)
        if getattr(self, "_wake", None) is not None:
            self._schedule()

    @property
    def timeout_s(self) -> float:
        return self._timeout_s

    @property
    def warning(self) -> bool:
        """True while the "Masih di sini?" countdown runs."""
        return self._warning_since is not None

    @property
    def session_active(self) -> bool:
        return self._quiet_since is not None or self.warning

    def uninstall(self) -> None:
        super().uninstall()
        self.stop()

    def poke(self) -> None:
        """Count as activity: (re)start the quiet period unless the warning is showing."""
        if not self.warning:
            self._quiet_since = self._clock()
            self._schedule()

    def extend(self) -> None:
        """The resident is still here: close the warning and start a full quiet period again."""
        was_warning = self.warning
        self._warning_since = None
        self._shown_seconds = None
        self._quiet_since = self._clock()
        self._schedule()
        if was_warning:
            self.warning_cancelled.emit()

    def stop(self) -> None:
        """End quietly: nothing runs until the next activity."""
        self._quiet_since = self._warning_since = self._shown_seconds = None
        self._wake.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False

    def seconds_left(self) -> int:
        if self._warning_since is None:
            return 0
        left = self._warning_s - (self._clock() - self._warning_since)
        return max(0, math.ceil(left - 1e-9))

    def start_warning(self) -> None:
        """Begin the countdown now, as if the quiet period had just run out (screenshots)."""
        self._quiet_since = None
        self._begin_warning(self._clock())

    def check(self) -> None:
        """Move to whatever stage the clock says is due now (the wake-up timer calls this)."""
        now = self._clock()
        if self._warning_since is None:
            if self._quiet_since is not None and now - self._quiet_since >= self._timeout_s:
                self._quiet_since = None
                self._begin_warning(now)
                return
        elif now - self._warning_since >= self._warning_s:
            self.stop()
            self.timed_out.emit()
            return
        else:
            self._tell_countdown()
        self._schedule()

    def _begin_warning(self, since: float) -> None:
        self._warning_since = since
        self.warning_started.emit()
        self._tell_countdown()
        self._schedule()

    def _tell_countdown(self) -> None:
        seconds = self.seconds_left()
        if seconds != self._shown_seconds:
            self._shown_seconds = seconds
            self.countdown_changed.emit(seconds)

    def _schedule(self) -> None:
        """Wake `check()` when the next stage or the next whole second of the countdown is due."""
        now = self._clock()
        if self._warning_since is not None:
            elapsed = now - self._warning_since
            to_end = self._warning_s - elapsed
            to_tick = (to_end % 1.0) or 1.0
            due = min(to_end, to_tick)
        elif self._quiet_since is not None:
            due = self._timeout_s - (now - self._quiet_since)
        else:
            self._wake.stop()
            return
        self._wake.start(max(1, math.ceil(max(0.0, due) * 1000)))

    @Slot()
    def _on_wake_timeout(self) -> None:
        self.check()
