"""Which screen shows: the stack of screens, the Back history, and the idle timer back to home.

WCAG 2.2.1 (Timing Adjustable): after `idle_timeout_s` without a touch or key, the resident is
warned and has `idle_warning_s` to tap "Lanjutkan", as often as they like, before the kiosk starts
over for the next resident.
"""
from __future__ import annotations

import logging
import math
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QStackedWidget

from ui.app_filter import ApplicationFilter
from ui.screens.base import Intent, Navigation, Route, Screen
from ui.widgets.idle_overlay import IdleOverlay

log = logging.getLogger(__name__)

# Events that show a person is at the kiosk. Mouse moves are left out: Qt synthesises them when
# widgets change under a resting cursor, which would keep an abandoned session alive.
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress, QEvent.Type.Wheel,
})


class IdleWatcher(ApplicationFilter):
    """Watches the whole application for activity and runs the two idle stages.

    The first timer starts at the first activity of a session (an untouched kiosk never warns).
    After `timeout_s` of quiet it emits `warning_started`, then `countdown_changed(seconds_left)`
    about once a second, then `timed_out` after `warning_s` unless `extend()` is called. Activity
    during the warning does not cancel it: only `extend()` (the "Lanjutkan" button) does.
    """

    warning_started = Signal()
    countdown_changed = Signal(int)  # whole seconds left, rounded up
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(
        self, timeout_s: float, warning_s: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if timeout_s <= 0 or warning_s <= 0:
            raise ValueError("idle timeout and warning must be positive seconds")
        self._warning_ms = max(1, round(warning_s * 1000))
        self._idle = _single_shot(self, max(1, round(timeout_s * 1000)), self._on_idle_timeout)
        self._deadline = _single_shot(self, self._warning_ms, self._on_deadline_timeout)
        self._tick = QTimer(self)
        self._tick.setInterval(min(1000, self._warning_ms))
        self._tick.timeout.connect(self._on_tick_timeout)
        self._elapsed = QElapsedTimer()

    @property
    def warning(self) -> bool:
        """True while the "Masih di sini?" countdown runs."""
        return self._deadline.isActive()

    @property
    def session_active(self) -> bool:
        return self._idle.isActive() or self.warning

    def uninstall(self) -> None:
        super().uninstall()
        self.stop()

    def poke(self) -> None:
        """Count as activity: (re)start the quiet period unless the warning is showing."""
        if not self.warning:
            self._idle.start()

    def extend(self) -> None:
        """The resident is still here: close the warning and start a full quiet period again."""
        was_warning = self.warning
        self._deadline.stop()
        self._tick.stop()
        self._idle.start()
        if was_warning:
            self.warning_cancelled.emit()

    def stop(self) -> None:
        """End the session quietly: no timer runs until the next activity."""
        for timer in (self._idle, self._deadline, self._tick):
            timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False

    def seconds_left(self) -> int:
        if not self.warning:
            return 0
        return max(0, math.ceil((self._warning_ms - self._elapsed.elapsed()) / 1000))

    def start_warning(self) -> None:
        """Begin the countdown now, as if the quiet period had just run out (screenshots)."""
        self._idle.stop()
        self._on_idle_timeout()

    @Slot()
    def _on_idle_timeout(self) -> None:
        self._elapsed.start()
        self._deadline.start()
        self._tick.start()
        self.warning_started.emit()
        self.countdown_changed.emit(self.seconds_left())

    @Slot()
    def _on_tick_timeout(self) -> None:
        self.countdown_changed.emit(self.seconds_left())

    @Slot()
    def _on_deadline_timeout(self) -> None:
        self._tick.stop()
        self.timed_out.emit()


def _single_shot(parent: QObject, interval_ms: int, slot: Any) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


class Navigator(QObject):
    """Owns the QStackedWidget of screens and the Back history.

    Screens ask to move by emitting `navigate_requested` with a Route, a Navigation or an Intent.
    `route_changed(Route)` is emitted after each move; `screens_reset` after `reset_all()`.
    `idle` is the session's IdleWatcher (seconds from Settings; tests pass ~0.05); when it times
    out, every screen is reset and Home shows. Call `idle.install()` once the window is up.
    """

    route_changed = Signal(object)
    screens_reset = Signal()

    def __init__(
        self, idle_timeout_s: float, idle_warning_s: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.idle = IdleWatcher(idle_timeout_s, idle_warning_s, self)
        self.idle.timed_out.connect(self.reset_all)
        self._screens: dict[Route, Screen] = {}
        self._history: list[Navigation] = []
        self._current: Navigation | None = None

    def attach_idle_overlay(self, overlay: IdleOverlay) -> None:
        """Let `overlay` show the idle countdown and its button extend the session."""
        self.idle.countdown_changed.connect(overlay.show_countdown)
        self.idle.warning_cancelled.connect(overlay.hide)
        self.idle.timed_out.connect(overlay.hide)
        overlay.continue_requested.connect(self.idle.extend)

    def add_screen(self, screen: Screen) -> None:
        """Put `screen` under its `route`. The first screen added is not shown until `home()`."""
        if screen.route in self._screens:
            raise ValueError(f"a screen for {screen.route} is already registered")
        self._screens[screen.route] = screen
        self.stack.addWidget(screen)
        screen.navigate_requested.connect(self._on_screen_navigate_requested)

    def screen(self, route: Route) -> Screen:
        return self._screens[route]

    def screens(self) -> list[Screen]:
        return list(self._screens.values())

    @property
    def current_route(self) -> Route | None:
        return self._current.route if self._current else None

    @property
    def current_screen(self) -> Screen | None:
        return self._screens[self._current.route] if self._current else None

    def can_go_back(self) -> bool:
        return bool(self._history)

    def go(self, target: Route | Navigation, **params: Any) -> None:
        """Show a screen, remembering the current one for Back.

        Raises:
            KeyError: no screen is registered for the route.
        """
        nav = target if isinstance(target, Navigation) else Navigation(target, dict(params))
        if nav.route not in self._screens:
            raise KeyError(f"no screen registered for {nav.route}")
        if nav.route is Route.HOME:
            self.home()
            return
        routes = [n.route for n in self._history]
        if nav.route in routes:  # going to a screen already behind us: Back must not loop
            del self._history[routes.index(nav.route):]
        elif self._current is not None and self._current.route is not nav.route:
            self._history.append(self._current)
        self._show(nav)

    def back(self) -> None:
        """Close what is open on the screen (a filter panel), else return to the screen shown
        before this one; on Home there is nowhere to go."""
        screen = self.current_screen
        if screen is not None and screen.handle_back():
            return
        if self._history:
            self._show(self._history.pop())

    def home(self) -> None:
        """Show Home and forget the history."""
        self._history.clear()
        self._show(Navigation(Route.HOME))

    def reset_all(self) -> None:
        """Between residents: every screen forgets its input, and Home shows."""
        if self.current_screen is not None:
            self.current_screen.leave()
            self._current = None
        for screen in self._screens.values():
            screen.reset()
        # Whatever the last resident copied must not be pasted by the next one.
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.idle.stop()  # the next resident's first touch starts a new session
        self.home()
        self.screens_reset.emit()
        log.info("Session reset: every screen cleared")

    def retranslate_all(self) -> None:
        for screen in self._screens.values():
            screen.retranslate()
            screen.setAccessibleName(screen.title())

    def _show(self, nav: Navigation) -> None:
        old = self._current
        screen = self._screens[nav.route]
        if old is not None:
            self._screens[old.route].leave()
        self._current = nav
        self.stack.setCurrentWidget(screen)
        screen.setAccessibleName(screen.title())
        screen.enter(**nav.params)
        log.info("Screen %s -> %s", old.route.value if old else "none", nav.route.value)
        self.route_changed.emit(nav.route)

    @Slot(object)
    def _on_screen_navigate_requested(self, request: Route | Navigation | Intent) -> None:
        if request is Intent.BACK:
            self.back()
        elif request is Intent.HOME:
            self.home()
        elif isinstance(request, Route | Navigation):
            self.go(request)
        else:
            raise TypeError(f"not a navigation request: {request!r}")
