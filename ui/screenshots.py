"""`siker-kiosk screenshots DIR`: every demo state of every registered screen rendered offscreen
at 1920 x 1080 to PNG files, plus the idle warning.

For reviewers and documentation; the screens run on the real services in the data folder (the
demo catalog is seeded into an empty one), with the database calls made inline. The states come
from the screen registry (ui.screens.base.Route and each screen's `demo_states`), so a new
screen shows up here without any change to this file.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from kiosk.session import Mode, Visit
from kiosk.settings import Settings
from ui.app import build_window, configure_logging, open_kiosk_services
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.screens.base import DemoSetup, DemoState, Route
from ui.tasks import Runner, SyncRunner
from ui.theme import Theme

log = logging.getLogger(__name__)
SIZE = (1920, 1080)
# The looks a resident can switch to, each rendered with a file-name prefix.
MODES: dict[str, Mode] = {
    "": Mode(),
    "assisted-": Mode(assisted=True, text_scale=2.0),  # what the Mode Bantuan button gives
}


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


def demo_steps(window: MainWindow) -> Iterator[tuple[str, Callable[[], None]]]:
    """Each state to show, in registry order: (name, a step that puts the window into it).

    The steps only write to the visit and navigate; screens render from the visit.
    """
    runner: Runner = window.ctx.runner

    def step(route: Route, state: DemoState) -> Callable[[], None]:
        return lambda: show_demo_state(window, runner, route, state)

    for route in Route:
        for state in route.screen_class().demo_states:
            yield state.name, step(route, state)
    yield "idle-warning", window.idle.start_warning

    def look_panel() -> None:
        window.idle.stop()
        window.idle_overlay.hide()
        window.open_look_panel()

    yield "look-panel", look_panel


def show_demo_state(window: MainWindow, runner: Runner, route: Route, state: DemoState) -> None:
    """Put the window into one demo state of the screen of `route`: what the state prepares
    goes into the visit, then the screen is shown (screenshots, tests, the audit)."""
    window.idle.stop()
    window.idle_overlay.hide()
    window.close_look_panel()
    setups: list[DemoSetup] = []
    if state.prepare is not None:
        runner.db(state.prepare, on_done=setups.append)
    setup = setups[0] if setups else DemoSetup()
    visit = window.ctx.visit
    if setup.search is not None:
        visit.search = setup.search
    if setup.registration is not None:
        visit.registration = setup.registration
    visit.panel = None  # a panel the state before opened is not this state's
    window.navigator.go(route, **dict(setup.params))
    if setup.panel is not None:
        visit.panel = setup.panel
        window.navigator.show_place()


def render_screenshots(settings: Settings, out_dir: Path) -> int:
    """Write NN-<state>.png for every demo state into `out_dir`, in every look of MODES;
    returns an exit code (0 when every state was written).

    Raises:
        OSError: `out_dir` cannot be created or written.
    """
    configure_logging()
    app = _application()
    out_dir.mkdir(parents=True, exist_ok=True)
    scale = Theme.for_size(*SIZE, diagonal_in=settings.screen_diagonal_in).scale
    runner = SyncRunner(lambda: open_kiosk_services(settings.data_dir, datetime.now))
    if runner.open_error is not None:
        raise runner.open_error
    written = 0
    try:
        for prefix, mode in MODES.items():
            visit = Visit(settings.lang)
            visit.mode = mode
            ctx = KioskContext.create(runner, visit, scale, datetime.now, settings)
            window = build_window(ctx)
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            window.resize(*SIZE)
            window.show()
            try:
                for number, (name, step) in enumerate(demo_steps(window), start=1):
                    step()
                    window.resize(*SIZE)  # a wide screen before may have widened the window
                    _save(window, out_dir / f"{prefix}{number:02d}-{name}.png")
                    written += 1
            finally:
                window.idle.stop()
                window.close()
                window.deleteLater()
                app.processEvents()
    finally:
        runner.shutdown()
        Theme.for_size(*SIZE).apply(app)
    log.info("Wrote %d screenshots to %s", written, out_dir)
    return 0 if written else 1


def _save(window: MainWindow, path: Path) -> None:
    QApplication.processEvents()
    # A modal sheet (the idle question, the look panel) is a window of its own over the
    # kiosk's, the same size: it is what the resident sees.
    sheet = QApplication.activeModalWidget()
    shown = sheet if sheet is not None and sheet.isVisible() else window
    # The screen's own size: a layout wider or taller than the panel is cut off here exactly
    # as the panel would cut it (tests/ui/test_reflow.py names such screens).
    if not shown.grab(QRect(0, 0, *SIZE)).save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    log.info("Screenshot %s", path.name)
