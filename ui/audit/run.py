"""The whole audit: every demo state of every registered screen (and the idle warning) in each
mode (default, assisted), text size (100 %, 200 %) and language (id, en), on the kiosk's demo
catalog at 1920 x 1080 on the configured panel (ui.screenshots builds the same window).

Screens added to the registry (ui.screens.base.Route) are walked without any change here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.i18n import _
from kiosk.session import Mode, Visit
from kiosk.settings import Settings
from ui.app import build_window, open_kiosk_services
from ui.audit.model import AuditReport, Finding, Where
from ui.audit.translation import texts_of, untranslated
from ui.audit.tree import Measure, audit_tree, walk
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screenshots import SIZE, _application, show_demo_state
from ui.tasks import SyncRunner
from ui.theme import Theme

log = logging.getLogger(__name__)
MODES: dict[str, bool] = {"default": False, "assisted": True}
TEXT_SCALES: tuple[float, ...] = (1.0, 2.0)
LANGUAGES: tuple[str, ...] = ("id", "en")
IDLE_WARNING = "idle_warning"


def screen_names() -> list[str]:
    """What `siker-kiosk audit --screen` takes: every Route's key in registry order
    ("home", "job_search", ...), then the idle question."""
    return [route.key for route in Route] + [IDLE_WARNING]


def states(window: MainWindow, screens: Collection[str] | None = None
           ) -> Iterator[tuple[str, str, Callable[[], QWidget]]]:
    """(screen, state, step) in registry order, only of `screens` (screen_names) when given; a
    step shows the state and returns the root to walk: the window, or the idle question
    (whatever lies behind it is not reachable)."""
    runner = window.ctx.runner

    def show(route: Route, state: object) -> Callable[[], QWidget]:
        def step() -> QWidget:
            show_demo_state(window, runner, route, state)  # type: ignore[arg-type]
            return window

        return step

    for route in Route:
        if screens is not None and route.key not in screens:
            continue
        for state in route.screen_class().demo_states:
            yield route.key, state.name, show(route, state)

    def idle() -> QWidget:
        window.idle.start_warning()
        modal = QApplication.activeModalWidget()
        return modal if modal is not None else window.idle_overlay

    if screens is None or IDLE_WARNING in screens:
        yield IDLE_WARNING, "idle-warning", idle


def run_audit(settings: Settings, clock: Callable[[], datetime] = datetime.now, *,
              screens: Collection[str] | None = None,
              progress: Callable[[str], None] | None = None) -> AuditReport:
    """Walk every state in every combination and collect the findings.

    The whole matrix takes about 100 s on a 2-core machine; `screens` (names from
    screen_names(), checked by the caller) limits it to those screens. `progress` is called
    with one line, in the kiosk's language, as each screen of each look begins.

    Raises:
        OSError, sqlite3.Error: the data folder cannot be opened (the CLI says why).
    """
    _application()
    scale = Theme.for_size(*SIZE, diagonal_in=settings.screen_diagonal_in).scale
    runner = SyncRunner(lambda: open_kiosk_services(settings.data_dir, clock))
    if runner.open_error is not None:
        raise runner.open_error
    report = AuditReport()
    looks = [(name, Mode(assisted=assisted, text_scale=text_scale))
             for name, assisted in MODES.items() for text_scale in TEXT_SCALES]
    try:
        for number, (mode_name, mode) in enumerate(looks, 1):
            def tell(screen: str, number: int = number, mode_name: str = mode_name,
                     mode: Mode = mode) -> None:
                if progress is not None:
                    progress(_("Look {n} of {total} ({mode}, {size} % text): {screen}").format(
                        n=number, total=len(looks), mode=mode_name,
                        size=round(100 * mode.text_scale), screen=screen))

            _audit_look(settings, runner, scale, mode, mode_name, clock, report, screens, tell)
    finally:
        runner.shutdown()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            Theme.for_size(*SIZE).apply(app)
    return report


def _audit_look(settings: Settings, runner: SyncRunner, scale: object, mode: Mode,
                mode_name: str, clock: Callable[[], datetime], report: AuditReport,
                screens: Collection[str] | None, tell: Callable[[str], None]) -> None:
    visit = Visit(settings.lang)
    visit.mode = mode
    ctx = KioskContext.create(runner, visit, scale, clock, settings)  # type: ignore[arg-type]
    window = build_window(ctx)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*SIZE)
    window.show()
    theme = window.ctx.theme
    measure = Measure(ctx.base_scale, theme.target_mm, mode.assisted, mode.text_scale,
                      theme.focus_ring_px)
    try:
        current = ""
        for screen, state, step in states(window, screens):
            if screen != current:
                current = screen
                tell(screen)
            texts: dict[str, dict[int, tuple[str, dict[str, str]]]] = {}
            wheres: dict[str, Where] = {}
            for language in LANGUAGES:
                window.ctx.visit.language = language
                root = step()
                settle(root)
                where = Where(screen, state, mode_name, language, mode.text_scale)
                wheres[language] = where
                report.findings += audit_tree(root, where, measure)
                texts[language] = {id(n.widget): (n.label(), texts_of(n.widget))
                                   for n in walk(root)}
                report.screens_checked += 1
            report.findings += untranslated(texts["id"], texts["en"], wheres["id"])
            window.ctx.visit.language = settings.lang
    finally:
        window.idle.stop()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    log.info("Audited the %s look at %.0f %% text", mode_name, 100 * mode.text_scale)


def settle(root: QWidget) -> None:
    """Let layouts finish as they do before the first paint a resident sees: a render lays
    out what is pending, and word-wrapped cards need a second pass for their heights."""
    for _pass in range(2):
        root.grab()
        QApplication.processEvents()


def print_report(report: AuditReport, as_json: bool) -> int:
    """Print the report (one line per finding, or JSON); 0 with no findings, else 1."""
    import json

    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            print(finding.line())
        print(f"{report.screens_checked} screens checked, {len(report.findings)} findings")
    return 1 if report.findings else 0


__all__ = ["Finding", "print_report", "run_audit", "screen_names"]
