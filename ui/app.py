"""Starting the kiosk: logging, the QApplication, theme, background runner, services and screens.

`render_screenshots` builds the same window offscreen and saves each screen as a PNG.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.i18n import _
from kiosk.services import KioskServices, open_services
from kiosk.settings import Settings
from ui.input_guard import InputGuard
from ui.main_window import MainWindow
from ui.navigator import Navigator
from ui.screens.home import HomeScreen
from ui.screens.job_search import JobSearchScreen
from ui.screens.vacancy_detail import VacancyDetailScreen
from ui.tasks import Runner, TaskRunner
from ui.theme import Theme

log = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: int = logging.INFO) -> None:
    """The one logging setup: INFO lines to stderr (e2e tests wait on screen and sync lines)."""
    logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)


class GettextTranslator(QTranslator):
    """Hands Qt's own texts (context menus, dialogs) to our gettext catalogs.

    A text our catalogs lack comes back unchanged (gettext's fallback), i.e. Qt's English.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return _(source) if source else source


class ServicesHolder:
    """The kiosk services, opened by the first task of the db thread and used only there."""

    def __init__(self) -> None:
        self._services: KioskServices | None = None
        self.error: Exception | None = None

    def open(self, data_dir: Path, clock: Callable[[], datetime]) -> KioskServices:
        self._services = open_services(data_dir, clock)
        # Load the search vocabulary and index pages now, before a resident types.
        self._services.search.warm_up()
        return self._services

    def __call__(self) -> KioskServices:
        """The open services. Raises RuntimeError if opening them failed or has not run."""
        if self._services is None:
            raise RuntimeError("the kiosk database is not open") from self.error
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None


def build_window(
    runner: Runner,
    services_provider: Callable[[], Any],
    theme: Theme,
    clock: Callable[[], datetime],
    settings: Settings,
) -> MainWindow:
    """Every screen registered under its Route, inside the main window, showing Home."""
    navigator = Navigator(settings.idle_timeout_s, settings.idle_warning_s)
    navigator.add_screen(HomeScreen(runner, services_provider, theme))
    navigator.add_screen(JobSearchScreen(runner, services_provider, theme))
    navigator.add_screen(VacancyDetailScreen(runner, services_provider, theme))
    window = MainWindow(theme, navigator, clock, default_language=settings.lang)
    navigator.setParent(window)
    navigator.home()
    return window


class _FirstPaintProbe(QObject):
    """For benchmarks/cold_start.py: logs when `widget` first paints, measured from the
    launcher's SIKER_LAUNCHED_AT (seconds since the epoch), then quits the application."""

    def __init__(self, widget: QObject, launched_at: float) -> None:
        super().__init__(widget)
        self._launched_at = launched_at
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        log.info("home painted after %.3f s", time.time() - self._launched_at)
        QApplication.quit()


def run_kiosk(settings: Settings) -> int:
    """Run the kiosk until its window closes; returns the process exit code."""
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("siker-kiosk")
    translator = GettextTranslator(app)
    app.installTranslator(translator)
    theme = Theme.for_screen(app.primaryScreen(), settings.screen_diagonal_in)
    theme.apply(app)
    log.info("Screen scale %.2f px/mm (%s)", theme.scale.px_per_mm, theme.scale.source)
    if theme.scale.source == "fitted":
        log.warning(
            "The screen is too small for 15 mm touch targets; everything was shrunk to fit. "
            "Use a panel of 19 inches or more for a public kiosk."
        )
    runner = TaskRunner()
    services = ServicesHolder()

    def on_open_error(exc: Exception) -> None:
        services.error = exc
        log.error("Cannot open the kiosk database in %s: %s", settings.data_dir, exc)

    runner.db(
        lambda: services.open(settings.data_dir, datetime.now),
        on_done=lambda _s: log.info("Kiosk services open"),
        on_error=on_open_error,
    )
    window = build_window(runner, services, theme, datetime.now, settings)
    if os.environ.get("SIKER_EXIT_AFTER_PAINT"):
        try:
            launched_at = float(os.environ["SIKER_LAUNCHED_AT"])
        except (KeyError, ValueError):
            launched_at = time.time()  # no launcher clock: measure from here
        _FirstPaintProbe(window.navigator.stack.currentWidget(), launched_at)
    window.present(settings.windowed)
    window.navigator.idle.install()
    guard = InputGuard(window.idle_overlay, parent=window)
    guard.install()
    try:
        return app.exec()
    finally:
        guard.uninstall()
        window.navigator.idle.uninstall()
        runner.shutdown(close=services.close)


def render_screenshots(settings: Settings, out_dir: Path) -> int:
    """Render every screen offscreen at 1920 x 1080 to PNGs in `out_dir` (ui/screenshots.py)."""
    from ui.screenshots import render_screenshots as render

    return render(settings, out_dir)
