"""Fixtures of the end-to-end tests: a real central server on SQLite for the sync tests
(one per test module), and the real kiosk for journey tests, built the way `run_kiosk` builds
it (ui.app.build_window) with the real TaskRunner opening SQLite in its db thread, on a fresh
data folder that the first open seeds with the demo catalog, at the 1920 x 1080 panel."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.session import Visit
from kiosk.settings import Settings
from tests.central.server import CentralServer
from tests.fakes import FakeClock
from ui.app import build_window, open_kiosk_services
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.theme import Theme

RealKiosk = Callable[..., MainWindow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    """A real central server on SQLite, shared by one test module's tests."""
    folder = tmp_path_factory.mktemp("central")
    running = CentralServer.start(f"sqlite:///{folder / 'central.sqlite3'}", folder / "data")
    yield running
    running.stop()


@pytest.fixture
def real_kiosk(
    qtbot: QtBot, qapp: QApplication, tmp_path, clock: FakeClock
) -> Iterator[RealKiosk]:
    """`real_kiosk(**settings)` shows the window once its services are open; the keyword
    arguments change kiosk.settings.Settings (say idle_timeout_s=1.0). One window per test."""
    built: list[tuple[MainWindow, TaskRunner]] = []

    def make(**changes: Any) -> MainWindow:
        settings = Settings(**{"data_dir": tmp_path / "data", "lang": "id", "windowed": True,
                               **changes})
        theme = Theme.for_size(1920, 1080)
        theme.apply(qapp)
        opened: list[KioskServices] = []

        def opener() -> KioskServices:
            opened.append(open_kiosk_services(settings.data_dir, clock))
            return opened[-1]

        runner = TaskRunner(opener)
        window = build_window(
            KioskContext.create(runner, Visit("id"), theme.scale, clock, settings))
        built.append((window, runner))
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        return window

    yield make
    for window, runner in built:
        window.idle.uninstall()
        window.switch.uninstall()
        window.close()
        runner.shutdown()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
