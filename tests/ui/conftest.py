"""Fixtures for the real kiosk window offscreen: SQLite in tmp_path, SyncRunner, FakeClock."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices, open_services
from kiosk.session import Visit
from kiosk.settings import Settings
from tests.fakes import FakeClock
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.tasks import SyncRunner
from ui.theme import Theme

SCREEN_SIZE = (1920, 1080)
# Qt's offscreen platform warns whenever a top-level window's minimum size changes; that is a
# limit of the test platform, not of the kiosk (pyproject's qt_log_ignore is the better home).
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))



@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    """The theme of a 21.5-inch full-HD kiosk panel, applied to the test application."""
    theme = Theme.for_size(*SCREEN_SIZE)
    theme.apply(qapp)
    return theme


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", lang="id", windowed=True)


@pytest.fixture
def services(settings: Settings, clock: FakeClock) -> Iterator[KioskServices]:
    """The real services on a fresh data folder (seeded with the demo catalog on first open)."""
    services = open_services(settings.data_dir, clock)
    yield services
    services.close()


@pytest.fixture
def sample_services(tmp_path: Path, clock: FakeClock) -> Iterator[KioskServices]:
    """Services on a catalog of six hand-made vacancies (tests/ui/sample_vacancies.py)."""
    from tests.ui.sample_vacancies import open_sample_services

    services = open_sample_services(tmp_path / "data", clock)
    yield services
    services.close()


@pytest.fixture
def context_for(
    theme: Theme, clock: FakeClock, settings: Settings
) -> Callable[..., KioskContext]:
    """A KioskContext for a screen built alone: `context_for(services)` runs its tasks inline
    (SyncRunner), `context_for(opener)` opens the services with `opener`, and
    `context_for(runner=a_runner)` uses that runner."""

    def make(source=None, *, runner=None, visit: Visit | None = None) -> KioskContext:
        runner = runner if runner is not None else SyncRunner(source)
        return KioskContext.create(runner, visit or Visit("id"), theme.scale, clock, settings)

    return make


@pytest.fixture
def make_context(
    theme: Theme, services: KioskServices, clock: FakeClock, settings: Settings
) -> Callable[..., KioskContext]:
    """Builds a KioskContext on the real services with a SyncRunner and a fresh visit."""

    def make(
        idle_timeout_s: float = 0.05, idle_warning_s: float = 0.05, svc: KioskServices | None = None
    ) -> KioskContext:
        fast = replace(settings, idle_timeout_s=idle_timeout_s, idle_warning_s=idle_warning_s)
        runner = SyncRunner(svc if svc is not None else services)
        return KioskContext.create(runner, Visit(fast.lang), theme.scale, clock, fast)

    return make


@pytest.fixture
def make_kiosk_window(
    qtbot: QtBot, make_context: Callable[..., KioskContext]
) -> Iterator[Callable[..., MainWindow]]:
    """Builds the whole kiosk window at 1920 x 1080 showing Home, with the idle times given."""
    built: list[MainWindow] = []

    def make(idle_timeout_s: float = 0.05, idle_warning_s: float = 0.05,
             svc: KioskServices | None = None) -> MainWindow:
        window = MainWindow(make_context(idle_timeout_s, idle_warning_s, svc))
        qtbot.addWidget(window)
        window.resize(*SCREEN_SIZE)
        window.show()
        qtbot.waitExposed(window)
        built.append(window)
        return window

    yield make
    for window in built:
        window.idle.uninstall()
        window.close()
        window.deleteLater()
    # Delete now: windows left for later would each be re-polished and retranslated by the tests
    # that follow, and slow them down.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk_window(make_kiosk_window: Callable[..., MainWindow]) -> MainWindow:
    """The whole kiosk window, idle timer not yet watching (tests call idle.install())."""
    return make_kiosk_window()
