"""`siker-kiosk screenshots DIR`: every screen rendered offscreen at 1920 x 1080 to PNG files.

For reviewers and documentation; the screens run on the real services in the data folder (the
demo catalog is seeded into an empty one), with the database calls made inline.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.services import open_services
from kiosk.settings import Settings
from ui.app import build_window, configure_logging
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.tasks import SyncRunner
from ui.theme import Theme

log = logging.getLogger(__name__)
SIZE = (1920, 1080)


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


def render_screenshots(settings: Settings, out_dir: Path) -> int:
    """Write 01-home.png ... 06-idle-warning.png into `out_dir`; returns an exit code.

    Raises:
        OSError: `out_dir` cannot be created or written.
    """
    configure_logging()
    app = _application()
    out_dir.mkdir(parents=True, exist_ok=True)
    theme = Theme.for_size(*SIZE, diagonal_in=settings.screen_diagonal_in)
    theme.apply(app)
    runner = SyncRunner()
    services = open_services(settings.data_dir, datetime.now)
    window = build_window(runner, lambda: services, theme, datetime.now, settings)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*SIZE)
    window.show()
    try:
        written = [path for _name, path in _shots(window, out_dir)]
    finally:
        window.close()
        window.deleteLater()
        runner.shutdown(close=services.close)
    log.info("Wrote %d screenshots to %s", len(written), out_dir)
    return 0 if written else 1


def _shots(window: MainWindow, out_dir: Path):
    """Drive the window through each state, yielding (name, path) after saving each PNG."""
    from kiosk.search_filters import SearchFilter

    nav = window.navigator

    def save(name: str) -> tuple[str, Path]:
        QApplication.processEvents()
        path = out_dir / f"{name}.png"
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        log.info("Screenshot %s", path.name)
        return name, path

    steps: list[tuple[str, Callable[[], None]]] = [
        ("01-home", nav.home),
        ("02-job-search", lambda: nav.go(Route.JOB_SEARCH)),
        ("03-job-search-results", lambda: _type_a_known_word(window)),
        ("04-job-search-filter", lambda: nav.current_screen.filter_buttons[  # type: ignore[union-attr]
            SearchFilter.KECAMATAN].click()),
        ("05-vacancy-detail", lambda: _open_first_result(window)),
        ("06-idle-warning", nav.idle.start_warning),
    ]
    for name, step in steps:
        step()
        yield save(name)
    nav.idle.stop()


def _type_a_known_word(window: MainWindow) -> None:
    screen = window.navigator.current_screen
    cards = screen.cards()  # type: ignore[union-attr]
    word = cards[0].vacancy.title.split()[0].lower() if cards else "admin"
    screen.search_field.setText(word)  # type: ignore[union-attr]


def _open_first_result(window: MainWindow) -> None:
    screen = window.navigator.current_screen
    cards = screen.cards()  # type: ignore[union-attr]
    if cards:  # leaving the search screen closes its filter panel
        window.navigator.go(Route.VACANCY_DETAIL, vacancy_id=cards[0].vacancy.id)
