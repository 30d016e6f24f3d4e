"""The kiosk window: top bar, the screens, the Back/Selesai/Home bar and the idle overlay, all
rendered from the visit. A thin shell.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from kiosk.i18n import _, current_language, set_language
from kiosk.session import Mode, Part
from ui import accessible
from ui.accessibility_events import apply_locale
from ui.context import KioskContext
from ui.idle import IdleWatcher
from ui.navigator import Navigator
from ui.screens.base import Route
from ui.speech import ScreenSpeech
from ui.switch_access import SwitchScanner
from ui.theme import Theme
from ui.widgets.idle_overlay import IdleOverlay
from ui.widgets.look_panel import LookPanel
from ui.widgets.nav_bar import NavBar
from ui.widgets.top_bar import TopBar

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Lays out the bars around the navigator's stack and keeps everything in step with the visit.

    - A language switch (top bar) retranslates every screen and bar live.
    - A new look (text size, contrast, assisted mode in `visit.mode`) rebuilds the bars and
      every screen with the new theme and shows the same place again (`rebuilt` is emitted);
      what the resident typed and chose lives in the visit, so nothing is lost.
    - "Selesai" and the idle timeout end the visit: the kiosk goes home, in the kiosk's
      language and look, with every screen, the clipboard and the idle timer cleared.
    """

    rebuilt = Signal()
    # Text for the kiosk's speech to say now (the idle countdown, the control switch access
    # highlights in assisted mode); ui.speech connects to it.
    speech_requested = Signal(str)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self.navigator = Navigator(ctx.visit, self)
        self.idle = IdleWatcher(ctx.idle_timeout_s, ctx.settings.idle_warning_s, parent=self)
        self.idle.timed_out.connect(self.end_visit)
        self.navigator.end_requested.connect(self.end_visit)
        self.navigator.route_changed.connect(self._on_navigator_route_changed)
        self._rebuild_pending = False
        self._look = ctx.visit.mode.look
        self._look_panel_open = False  # survives a rebuild: the panel opens again after it
        self.switch = SwitchScanner(
            self, ctx.settings.switch_access, ctx.settings.switch_scan_interval_s,
            assisted=lambda: self.ctx.visit.mode.assisted, parent=self)
        self.switch.speech_requested.connect(self.speech_requested)
        self.idle.warning_started.connect(self._restart_switch_soon)
        self.idle.warning_cancelled.connect(self._restart_switch_soon)
        accessible.install()  # before any widget is asked for its accessible interface
        self._unsubscribe = [
            ctx.visit.on_change(self._on_visit_changed),
            ctx.visit.on_end(self._on_visit_ended),
        ]
        self._build()
        apply_locale(self, ctx.visit.language)
        self.navigator.show_place()
        self._update_chrome()
        self.speech = ScreenSpeech(self, ctx.speaker)  # "Bacakan", "Ulangi", assisted speech

    @property
    def theme(self) -> Theme:
        return self.ctx.theme

    def present(self, windowed: bool) -> None:
        """Show full screen (the kiosk) or in a window (staff laptops, `--windowed`)."""
        if windowed:
            # A laptop's whole free area: the theme was fitted to it (Theme.for_screen).
            self.showMaximized()
        else:
            # Without a window manager showFullScreen() keeps the window's own size (it
            # stayed 1342 x 748 on a 1920 x 1080 panel): take the screen's geometry first.
            screen = self.screen()
            if screen is not None:
                self.setGeometry(screen.geometry())
            self.showFullScreen()

    def end_visit(self) -> None:
        """Hand the kiosk to the next person ("Selesai", the idle timeout)."""
        self.ctx.visit.end()

    def retranslate(self) -> None:
        """Every visible text in the current language: bars, overlay and all screens."""
        self.top_bar.retranslate()
        self.nav_bar.retranslate()
        self.idle_overlay.retranslate()
        self.look_panel.retranslate()
        self.navigator.retranslate_all()
        self._update_chrome()

    def closeEvent(self, event: QCloseEvent) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        for screen in self.navigator.screens():
            screen.dispose()
        self.idle.uninstall()
        self.switch.uninstall()
        self.speech.close()
        super().closeEvent(event)

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        """The bars, the screens and the overlay for the context's theme."""
        ctx = self.ctx
        app = QApplication.instance()
        if isinstance(app, QApplication):
            ctx.theme.apply(app)
        self.navigator.stack.setParent(None)  # keep it when the old central widget goes
        self.navigator.build(ctx)
        central = QWidget(self)
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Built in reading order, so Tab goes top bar -> screen -> bottom bar.
        self.top_bar = TopBar(ctx.theme, ctx.clock, central, mode=ctx.visit.mode)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.navigator.stack, 1)
        self.nav_bar = NavBar(ctx.theme, central)
        layout.addWidget(self.nav_bar)
        self.setCentralWidget(central)  # deletes the previous one, with the old bars
        central.show()  # a child made after its window is shown stays hidden until told
        self.idle_overlay = IdleOverlay(ctx.theme, central)
        self.idle.countdown_changed.connect(self.idle_overlay.show_countdown)
        self.idle.warning_cancelled.connect(self.idle_overlay.hide)
        self.idle.timed_out.connect(self.idle_overlay.hide)
        self.idle_overlay.continue_requested.connect(self.idle.extend)
        self.idle_overlay.speech_requested.connect(self.speech_requested)
        self.look_panel = LookPanel(ctx.theme, central, ctx.visit.mode, self.switch.mode)
        self.look_panel.mode_requested.connect(self._on_look_panel_mode_requested)
        self.look_panel.switch_requested.connect(self.switch.set_mode)
        self.look_panel.close_requested.connect(self.close_look_panel)
        self.top_bar.assisted_requested.connect(self._on_top_bar_assisted_requested)
        self.top_bar.look_requested.connect(self.open_look_panel)
        self.top_bar.language_requested.connect(self._on_top_bar_language_requested)
        self.nav_bar.back_requested.connect(self.navigator.back)
        self.nav_bar.home_requested.connect(self.navigator.home)
        self.nav_bar.end_requested.connect(self.end_visit)

    def _rebuild_soon(self) -> None:
        """Rebuild once control is back in the event loop: the tap that asked for a new look
        may come from a button that the rebuild deletes."""
        if not self._rebuild_pending:
            self._rebuild_pending = True
            QTimer.singleShot(0, self._rebuild)

    @Slot()
    def _rebuild(self) -> None:
        self._rebuild_pending = False
        mode = self.ctx.visit.mode
        if mode.look == self._look:
            return
        countdown = self.idle.warning
        self._look = mode.look
        self.ctx = self.ctx.for_mode(mode)
        self.idle.set_times(self.ctx.idle_timeout_s, self.ctx.settings.idle_warning_s)
        self._build()
        self.navigator.show_place()
        if countdown:
            self.idle_overlay.show_countdown(self.idle.seconds_left())
        elif self._look_panel_open:
            self.look_panel.open_sheet()
        self._restart_switch_soon()
        self._update_chrome()
        log.info("Window rebuilt for a new look (text %.0f %%)", 100 * self.ctx.theme.text_scale)
        self.rebuilt.emit()

    # -- keeping in step ----------------------------------------------------------------------

    def _update_chrome(self) -> None:
        screen = self.navigator.current_screen
        title = _("SIKER Kiosk")
        self.setWindowTitle(f"{title} — {screen.title()}" if screen else title)
        if not self.isVisible():
            # Until the window is laid out, its bar is as wide as the narrowest window, so its
            # rows ask for the height they will need there, not for Qt's default 100 px.
            self.top_bar.fit_width(self.minimumSizeHint().width())
        on_home = self.navigator.current_route in (None, Route.HOME)
        self.nav_bar.show_buttons(
            back=self.navigator.can_go_back(),
            home=not on_home,
            end=self.ctx.visit.started,
        )

    def _on_visit_changed(self, part: Part) -> None:
        visit = self.ctx.visit
        if part is Part.LANGUAGE and current_language() != visit.language:
            set_language(visit.language)
            apply_locale(self, visit.language)
            self.retranslate()
        elif part is Part.MODE:
            self._rebuild_soon()
        self._update_chrome()

    def _on_visit_ended(self) -> None:
        # Whatever the last resident copied must not be pasted by the next one.
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.idle.stop()  # the next resident's first touch starts a new quiet period
        self.idle_overlay.hide()
        self.close_look_panel()
        self.switch.set_mode(self.ctx.settings.switch_access)  # the kiosk's own, not theirs
        if current_language() != self.ctx.visit.language:
            set_language(self.ctx.visit.language)
            apply_locale(self, self.ctx.visit.language)
            self.retranslate()
        self.navigator.home()
        self._rebuild_soon()  # back to the kiosk's own look, if the resident changed it
        self._update_chrome()

    def open_look_panel(self) -> None:
        """Show the look panel (text size, contrast, switch access) over the screen."""
        self._look_panel_open = True
        self.look_panel.open_sheet()
        self._restart_switch_soon()

    def close_look_panel(self) -> None:
        was_open = self._look_panel_open
        self._look_panel_open = False
        self.look_panel.hide()
        if was_open:
            self._restart_switch_soon()

    def _restart_switch_soon(self) -> None:
        if self.switch.active:  # once Qt has shown the sheet or screen that changed
            QTimer.singleShot(0, self.switch.restart)

    @Slot(bool)
    def _on_top_bar_assisted_requested(self, on: bool) -> None:
        # Mode Bantuan brings 200 % text with it; leaving it goes back to 100 %. Contrast and
        # private listening stay as the resident set them.
        mode = self.ctx.visit.mode
        self.ctx.visit.mode = replace(mode, assisted=on, text_scale=2.0 if on else 1.0)

    @Slot(object)
    def _on_look_panel_mode_requested(self, mode: Mode) -> None:
        self.ctx.visit.mode = mode

    @Slot(str)
    def _on_top_bar_language_requested(self, code: str) -> None:
        self.ctx.visit.language = code

    @Slot(object)
    def _on_navigator_route_changed(self, _route: Route) -> None:
        self._update_chrome()
