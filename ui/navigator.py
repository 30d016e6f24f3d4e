"""Which screen shows: the stack of screens built from the registry, and the way between them.

Where the resident is (the screen, its parameters and the screens behind it) lives in the visit
(kiosk.session.Visit.place/history), so the window can be rebuilt for a new look and come back
to the same place.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QSizePolicy, QStackedWidget

from kiosk.session import Place, Visit
from ui.context import KioskContext
from ui.screens.base import Intent, Navigation, Route, Screen, registered_screens

log = logging.getLogger(__name__)


class Navigator(QObject):
    """Owns the QStackedWidget of screens and moves between them.

    Screens ask to move by emitting `navigate_requested` with a Route, a Navigation or an Intent.
    `route_changed(Route)` is emitted after each move; `end_requested` when a screen asks to end
    the visit (Intent.END). `build(ctx)` (re)creates one screen of each registered class.
    """

    route_changed = Signal(object)
    end_requested = Signal()

    def __init__(self, visit: Visit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self._visit = visit
        self._screens: dict[Route, Screen] = {}
        self._current: Navigation | None = None

    def build(self, ctx: KioskContext) -> None:
        """Throw away the screens (if any) and build every registered screen with `ctx`.

        Nothing is shown until `show_place()` or `home()`.
        """
        # No leave(): the old screens go as they are, and what they show stays in the visit.
        self._current = None
        for screen in self._screens.values():
            screen.dispose()
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self._screens = {}
        for cls in registered_screens():
            self.add_screen(cls(ctx))
        # Deleting now, not at the next event loop turn: two generations of screens must not
        # both be polished and retranslated.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def add_screen(self, screen: Screen) -> None:
        """Put `screen` under its `route`."""
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
        screen = self.current_screen
        return bool(self._visit.history) or (screen is not None and screen.has_inner_step())

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
        history = list(self._visit.history)
        routes = [Route.from_key(p.route) for p in history]
        if nav.route in routes:  # going to a screen already behind us: Back must not loop
            del history[routes.index(nav.route):]
        elif self._current is not None and self._current.route is not nav.route:
            history.append(_place(self._current))
        self._show(nav, tuple(history))

    def back(self) -> None:
        """Close what is open on the screen (a filter panel), else return to the screen shown
        before this one; on Home there is nowhere to go."""
        screen = self.current_screen
        if screen is not None and screen.handle_back():
            self.route_changed.emit(self.current_route)
            return
        history = list(self._visit.history)
        if history:
            previous = history.pop()
            self._show(_navigation(previous), tuple(history))

    def home(self) -> None:
        """Show Home and forget the history (the visit itself goes on)."""
        self._show(Navigation(Route.HOME), ())

    def show_place(self) -> None:
        """Show where the visit says the resident is (after a rebuild), or Home."""
        place = self._visit.place
        if place is None:
            self.home()
        else:
            self._show(_navigation(place), self._visit.history)

    def retranslate_all(self) -> None:
        for screen in self._screens.values():
            screen.retranslate()
            screen.setAccessibleName(screen.title())

    def _show(self, nav: Navigation, history: tuple[Place, ...]) -> None:
        old = self._current
        screen = self._screens[nav.route]
        if old is not None and old != nav:  # showing the same place again keeps its panel
            self._screens[old.route].leave()
        self._current = nav
        self._visit.move_to(_place(nav), history)
        self.stack.setCurrentWidget(screen)
        _only_shown_screen_sizes(self._screens.values(), screen)
        screen.setAccessibleName(screen.title())
        screen.enter(**nav.params)
        log.info("Screen %s -> %s", old.route.key if old else "none", nav.route.key)
        self.route_changed.emit(nav.route)

    @Slot(object)
    def _on_screen_navigate_requested(self, request: Route | Navigation | Intent) -> None:
        if request is Intent.BACK:
            self.back()
        elif request is Intent.HOME:
            self.home()
        elif request is Intent.END:
            self.end_requested.emit()
        elif isinstance(request, Route | Navigation):
            self.go(request)
        else:
            raise TypeError(f"not a navigation request: {request!r}")


def _only_shown_screen_sizes(screens: Iterable[Screen], shown: Screen) -> None:
    """Let only the shown screen's minimum size count: a QStackedWidget is otherwise as wide
    as its widest page, so one wide screen (at 200 % text) made every screen wider than the
    panel. A page whose size policy is Ignored adds nothing to the stack's minimum."""
    for screen in screens:
        policy = QSizePolicy.Policy.Preferred if screen is shown else QSizePolicy.Policy.Ignored
        if screen.sizePolicy().horizontalPolicy() != policy:
            screen.setSizePolicy(policy, policy)
            # The stack's size, cached by each layout up to the window, is stale until told
            # (Qt tells them only once events run; a window not yet shown must know it now).
            widget = screen.parentWidget()
            while widget is not None and not widget.isWindow():
                widget.updateGeometry()
                widget = widget.parentWidget()


def _place(nav: Navigation) -> Place:
    return Place(nav.route.key, nav.params)


def _navigation(place: Place) -> Navigation:
    return Navigation(Route.from_key(place.route), dict(place.params))
