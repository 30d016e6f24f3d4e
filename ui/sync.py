"""The kiosk's background sync: every `sync_interval_s` plus random jitter, and `sync_now()`
for staff; the engine (sync.client) runs on the runner's network pool with its own SQLite
connection, never on the GUI thread. After each run the db thread polls for changes, so the
screens that care refresh through the runner's Changes fan-out (ui.tasks).
"""
from __future__ import annotations

import logging
import random
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QBoxLayout, QWidget

from kiosk.health import DeviceHealth, write_health
from kiosk.settings import Settings
from sync.client.commands import client_config
from sync.client.config import ConfigError
from sync.client.engine import SyncReport
from sync.client.run import NotEnrolled, sync_once
from ui.tasks import Runner

log = logging.getLogger(__name__)


class SyncScheduler(QObject):
    """`finished(SyncReport | None)`: None when the kiosk is not enrolled (nothing to do)."""

    finished = Signal(object)

    def __init__(self, runner: Runner, settings: Settings, parent: QObject | None = None, *,
                 run: Callable[[Path], SyncReport] | None = None,
                 rng: random.Random | None = None,
                 health: Callable[[], DeviceHealth] | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._health = health
        self._settings = settings
        self._run = run or self._sync
        self._rng = rng or random.Random()
        self._busy = False
        self.last_report: SyncReport | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)

    def _sync(self, data_dir: Path) -> SyncReport:
        return sync_once(data_dir, client_config(self._settings))

    def next_interval_ms(self) -> int:
        jitter = self._rng.uniform(0, self._settings.sync_jitter_s)
        return round((self._settings.sync_interval_s + jitter) * 1000)

    def start(self, first_delay_ms: int = 5000) -> None:
        self._timer.start(first_delay_ms)

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def sync_now(self) -> None:
        """Start a sync unless one is running (the engine's lock also stops a second one)."""
        if self._busy:
            return
        self._busy = True
        data_dir = self._settings.data_dir
        if self._health is not None:
            # The snapshot the heartbeat reports (kiosk.health), taken on the GUI thread where
            # the voice and the printer are known; written before the engine reads it.
            snapshot = self._health()
            try:
                write_health(data_dir, snapshot)
            except OSError as exc:
                log.warning("Cannot write the health snapshot: %s", exc.strerror or exc)
        self._runner.net(lambda: self._run(data_dir), on_done=self._on_done,
                         on_error=self._on_error)

    def _on_done(self, report: SyncReport) -> None:
        self._finish(report)

    def _on_error(self, exc: Exception) -> None:
        if not isinstance(exc, NotEnrolled | ConfigError):
            log.warning("Background sync failed: %s", type(exc).__name__)
        self._finish(None)

    def _finish(self, report: SyncReport | None) -> None:
        self._busy = False
        self.last_report = report
        if self._runner.open_error is None:
            self._runner.db(lambda s: s.poll_changes(), on_error=lambda _e: None)
        self.finished.emit(report)
        self._timer.start(self.next_interval_ms())


def device_health(speech_warning: Callable[[], str | None]) -> DeviceHealth:
    """The running kiosk's health now: its voice (`speech_warning()`, None when speech works:
    ui.speech.ScreenSpeech.warning) and whether a slip printer is found (Qt's default
    printer; none found is None, since a kiosk may print to staff PDFs by design)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    problem = speech_warning()
    printer = QPrinterInfo.defaultPrinter()
    return DeviceHealth(speech_ok=problem is None,
                        printer_ok=None if printer.isNull() else True,
                        warnings=(f"Suara kios: {problem}",) if problem else ())


def install_sync(window: QWidget, top_bar: QWidget, runner: Runner,
                 settings: Settings,
                 speech_warning: Callable[[], str | None] | None = None) -> SyncScheduler:
    """The scheduler, started, and its indicator on the line just under the top bar; the
    pending count follows every outbox change. Stop it with `.stop()` before the runner.
    `speech_warning` (ui.speech.ScreenSpeech.warning) feeds the heartbeat's speech_ok."""
    from datetime import datetime

    from ui.widgets.sync_indicator import SyncIndicator

    health = (lambda: device_health(speech_warning)) if speech_warning else None
    scheduler = SyncScheduler(runner, settings, parent=window, health=health)
    indicator = SyncIndicator(window)
    holder = top_bar.parentWidget()
    layout = holder.layout() if holder is not None else None
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(layout.indexOf(top_bar) + 1, indicator)
    scheduler.finished.connect(lambda report: indicator.show_report(report, datetime.now()))

    def count_pending(_changes: object = None) -> None:
        if runner.open_error is None:
            runner.db(lambda s: s.pending_count(), on_done=indicator.show_pending,
                      on_error=lambda _e: None)

    runner.on_changes(lambda changes: count_pending() if changes.outbox else None)
    count_pending()
    scheduler.start()
    return scheduler
