"""Starting the kiosk: logging, the QApplication, theme, background runner, services, the visit
and the window. (`siker-kiosk screenshots` builds the same window offscreen: ui/screenshots.py.)
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer, QTranslator, Slot
from PySide6.QtWidgets import QApplication

from accessibility.speech import create_speaker
from kiosk.i18n import _
from kiosk.services import KioskServices, open_services
from kiosk.session import Visit
from kiosk.settings import Settings
from ui.context import KioskContext
from ui.input_guard import InputGuard
from ui.main_window import MainWindow
from ui.tasks import Runner, TaskRunner
from ui.theme import Theme

log = logging.getLogger(__name__)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CHANGE_POLL_S = 5.0  # how soon an import made while the kiosk runs shows on its screens


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


def open_kiosk_services(data_dir: Path, clock: Callable[[], datetime], *,
                        registration_min_age: int = 18) -> KioskServices:
    """The runner's opener: the services on `data_dir`, with the search vocabulary and index
    pages loaded before a resident types. Runs in the database thread."""
    services = open_services(data_dir, clock, registration_min_age=registration_min_age)
    services.search.warm_up()
    return services


def build_window(ctx: KioskContext) -> MainWindow:
    """The kiosk window with every registered screen, showing where the visit is (Home)."""
    return MainWindow(ctx)


class ChangePoller(QObject):
    """Asks the database every `interval_s` whether another process (the import command, later
    the sync engine) changed anything; the runner fans out what it finds (ui.tasks)."""

    def __init__(self, runner: Runner, interval_s: float = CHANGE_POLL_S,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(round(interval_s * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._busy or self._runner.open_error is not None:
            return
        self._busy = True
        self._runner.db(lambda s: s.poll_changes(), on_done=self._on_done, on_error=self._on_error)

    def _on_done(self, _changes: object) -> None:
        self._busy = False

    def _on_error(self, exc: Exception) -> None:
        self._busy = False
        log.warning("Checking the database for changes failed: %s", type(exc).__name__)


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


class SignalQuit(QObject):
    """Quits the kiosk cleanly on SIGINT or SIGTERM (Ctrl-C in its terminal, a service
    manager stopping it): the visit is ended first, so no resident's data stays on screen,
    then the window closes and run_kiosk shuts the runner down.

    Python runs a signal handler only between bytecodes, and Qt's event loop runs none while
    it waits, so the C-level handler's byte on a wakeup socket (signal.set_wakeup_fd) is what
    wakes the loop; a QSocketNotifier on the other end reads it and acts here.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._before = {s: signal.getsignal(s) for s in self.SIGNALS}
        self._wakeup_before = -1
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)

    def install(self) -> None:
        for kind in self.SIGNALS:
            # A Python handler that does nothing: the work is done in the event loop, and
            # the default SIGINT handler would raise KeyboardInterrupt inside a Qt slot.
            signal.signal(kind, lambda _signum, _frame: None)
        self._wakeup_before = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._wakeup_before)
        for kind, handler in self._before.items():
            signal.signal(kind, handler)
        self._read.close()
        self._write.close()

    @Slot()
    def _on_signal(self) -> None:
        try:
            received = self._read.recv(64)
        except OSError:  # nothing left to read
            return
        names = sorted({signal.Signals(b).name for b in received if b in set(self.SIGNALS)})
        if not names:
            return
        log.info("Stopping on %s: ending the visit and closing the kiosk", "/".join(names))
        self._window.end_visit()
        self._window.close()
        QApplication.quit()


def run_kiosk(settings: Settings) -> int:
    """Run the kiosk until its window closes or SIGINT / SIGTERM arrives (SignalQuit: the
    visit ended, the runner shut down); returns the process exit code (0 for both)."""
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("siker-kiosk")
    translator = GettextTranslator(app)
    app.installTranslator(translator)
    scale = Theme.for_screen(app.primaryScreen(), settings.screen_diagonal_in).scale
    log.info("Screen scale %.2f px/mm (%s)", scale.px_per_mm, scale.source)
    if scale.source == "fitted":
        log.warning(
            "The screen is too small for 15 mm touch targets; everything was shrunk to fit. "
            "Use a panel of 19 inches or more for a public kiosk."
        )
    runner = TaskRunner(lambda: open_kiosk_services(
        settings.data_dir, datetime.now,
        registration_min_age=int(settings.registration_min_age)))
    runner.db(lambda _s: None, on_done=lambda _r: log.info("Kiosk services open"),
              on_error=lambda _exc: None)  # Home says what is wrong; ui.tasks logs it
    speaker = create_speaker(settings.speech_driver, round(settings.speech_rate_wpm),
                             settings.speech_volume)
    ctx = KioskContext.create(runner, Visit(settings.lang), scale, datetime.now, settings,
                              speaker=speaker)
    window = build_window(ctx)
    if os.environ.get("SIKER_EXIT_AFTER_PAINT"):
        try:
            launched_at = float(os.environ["SIKER_LAUNCHED_AT"])
        except (KeyError, ValueError):
            launched_at = time.time()  # no launcher clock: measure from here
        first = window.navigator.stack.currentWidget()
        if first is not None:
            _FirstPaintProbe(first, launched_at)
    window.present(settings.windowed)
    window.idle.install()
    guard = InputGuard(window, parent=window)
    guard.install()
    window.switch.install()  # installed last, so it sees the switch's keys first
    poller = ChangePoller(runner, parent=window)
    poller.start()
    from ui.sync import install_sync  # issue 8: background sync and its quiet indicator

    syncing = install_sync(window, window.top_bar, runner, settings,
                           speech_warning=window.speech.warning)
    stopper = SignalQuit(window)
    stopper.install()
    try:
        return app.exec()
    finally:
        stopper.uninstall()
        poller.stop()
        syncing.stop()
        guard.uninstall()
        window.idle.uninstall()
        runner.shutdown()
