"""The kiosk window: top bar, the screens, the Back/Home bar and the idle overlay. A thin shell."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from kiosk.i18n import _, current_language, on_language_changed, set_language
from ui.navigator import Navigator
from ui.screens.base import Route
from ui.theme import Theme
from ui.widgets.idle_overlay import IdleOverlay
from ui.widgets.nav_bar import NavBar
from ui.widgets.top_bar import TopBar


class MainWindow(QMainWindow):
    """Lays out the bars around the navigator's stack and keeps them in step with it.

    A language switch (top bar) retranslates every screen and bar live. When the idle timer
    resets the session, the language returns to `default_language` for the next resident.
    """

    def __init__(
        self,
        theme: Theme,
        navigator: Navigator,
        clock: Callable[[], datetime],
        default_language: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.theme = theme
        self.navigator = navigator
        self._default_language = default_language
        central = QWidget(self)
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Built in reading order, so Tab goes top bar -> screen -> bottom bar.
        self.top_bar = TopBar(theme, clock, central)
        layout.addWidget(self.top_bar)
        layout.addWidget(navigator.stack, 1)
        self.nav_bar = NavBar(theme, central)
        layout.addWidget(self.nav_bar)
        self.setCentralWidget(central)
        self.idle_overlay = IdleOverlay(theme, central)
        navigator.attach_idle_overlay(self.idle_overlay)

        self.top_bar.language_requested.connect(self._on_top_bar_language_requested)
        self.nav_bar.back_requested.connect(navigator.back)
        self.nav_bar.home_requested.connect(navigator.home)
        navigator.route_changed.connect(self._on_navigator_route_changed)
        navigator.screens_reset.connect(self._on_navigator_screens_reset)
        unsubscribe = on_language_changed(self._on_language_changed)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_args: unsubscribe())  # no callback into a deleted window
        self._update_chrome()

    def present(self, windowed: bool) -> None:
        """Show full screen (the kiosk) or in a window (staff laptops, `--windowed`)."""
        if windowed:
            # A laptop's whole free area: the theme was fitted to it (Theme.for_screen).
            self.showMaximized()
        else:
            self.showFullScreen()

    def retranslate(self) -> None:
        """Every visible text in the current language: bars, overlay and all screens."""
        self.top_bar.retranslate()
        self.nav_bar.retranslate()
        self.idle_overlay.retranslate()
        self.navigator.retranslate_all()
        self._update_chrome()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()
        self.navigator.idle.uninstall()
        super().closeEvent(event)

    def _update_chrome(self) -> None:
        screen = self.navigator.current_screen
        title = _("SIKER Kiosk")
        self.setWindowTitle(f"{title} — {screen.title()}" if screen else title)
        self.nav_bar.set_back_enabled(self.navigator.current_route not in (None, Route.HOME))

    def _on_language_changed(self, _lang: str) -> None:
        self.retranslate()

    @Slot(str)
    def _on_top_bar_language_requested(self, code: str) -> None:
        set_language(code)  # listeners, this window included, retranslate

    @Slot(object)
    def _on_navigator_route_changed(self, _route: Route) -> None:
        self._update_chrome()

    @Slot()
    def _on_navigator_screens_reset(self) -> None:
        if current_language() != self._default_language:
            set_language(self._default_language)
