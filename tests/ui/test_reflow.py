"""Every screen reflows at every text size on every panel the kiosk may meet, in true
millimetres (a panel too small for true size shrinks the whole layout): the window fits the
screen, nothing scrolls sideways, no text is cut, no two targets overlap (ui/reflow.py)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services import KioskServices
from kiosk.session import TEXT_SCALES, Mode, Visit
from kiosk.settings import Settings
from tests.fakes import FakeClock
from ui.audit.run import settle
from ui.context import KioskContext
from ui.main_window import MainWindow
from ui.reflow import reflow_findings
from ui.screens.base import Route
from ui.screenshots import show_demo_state
from ui.tasks import SyncRunner
from ui.theme import Theme

# (width, height, diagonal in inches): the panels of ACCESSIBILITY.md's list, at the sizes
# such panels come in.
PANELS = {
    "1920x1080": (1920, 1080, 21.5),
    "1366x768": (1366, 768, 18.5),
    "1280x1024": (1280, 1024, 19.0),
    "1080x1920": (1080, 1920, 21.5),
}
STATES = [(route, state) for route in Route for state in route.screen_class().demo_states]
# Screens that reflow at every look walked here (issue 6 item 3): held at zero below, and
# left out of the walk of the others (still strict xfails).
REFLOWING = {Route.JOB_SEARCH, Route.VACANCY_DETAIL}


@pytest.fixture
def window_for(
    qtbot: QtBot, qapp: QApplication, services: KioskServices, clock: FakeClock,
    settings: Settings,
) -> Iterator:
    built: list[MainWindow] = []

    def make(width: int, height: int, diagonal: float, mode: Mode) -> MainWindow:
        scale = Theme.for_size(width, height, diagonal_in=diagonal).scale
        visit = Visit("id")
        visit.mode = mode
        ctx = KioskContext.create(SyncRunner(services), visit, scale, clock,
                                  replace(settings, screen_diagonal_in=diagonal))
        window = MainWindow(ctx)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(width, height)
        window.show()
        built.append(window)
        return window

    yield make
    for window in built:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    Theme.for_size(1920, 1080).apply(qapp)


LOOKS = [(panel, scale) for panel in PANELS for scale in TEXT_SCALES]
LOOK_IDS = [f"{panel}-{round(scale * 100)}%" for panel, scale in LOOKS]
# Every screen but the job search and the vacancy detail (held by their own test below,
# REFLOWING), walked at the four looks that span the range: the kiosk's own panel at 100 and
# 200 %, the smallest landscape panel, the portrait one at 200 % (about 5 s a look). Home and
# the registration steps have their own walk over more looks further down.
SCREEN_LOOKS = {"1920x1080-100%", "1920x1080-200%", "1366x768-100%", "1080x1920-200%"}


@pytest.mark.parametrize(
    ("panel", "text_scale"),
    [pytest.param(p, s, id=i)
     for (p, s), i in zip(LOOKS, LOOK_IDS, strict=True) if i in SCREEN_LOOKS],
)
def test_every_screen_reflows_on_the_panel_at_the_text_size(
    window_for, panel: str, text_scale: float
) -> None:
    width, height, diagonal = PANELS[panel]
    window = window_for(width, height, diagonal, Mode(text_scale=text_scale))
    others = [(route, state) for route, state in STATES if route not in REFLOWING]
    found = _walk(window, others, width, height)
    window.open_look_panel()
    settle(window.look_panel)
    found += [f"look-panel: {f}" for f in reflow_findings(window.look_panel, width, height)]
    window.close_look_panel()
    window.idle.start_warning()
    settle(window.idle_overlay)
    found += [f"idle: {f}" for f in reflow_findings(window.idle_overlay, width, height)]
    window.idle.stop()
    assert found == [], f"{len(found)} reflow faults:\n" + "\n".join(found[:40])


# The looks where the job search switches between one column and two (1280 x 1024 and
# 1080 x 1920 take one at 100 %, 1366 x 768 two), and assisted mode's at 1920 x 1080.
# Mode Bantuan (200 % text and 20 mm targets) is the harder look at 200 %: only the kiosk's
# own panel is walked at plain 200 % too (some 3 s a look).
REFLOWING_LOOKS = [("1920x1080-100%", False), ("1920x1080-200%", False),
                   ("1920x1080-200%", True), ("1366x768-100%", False),
                   ("1366x768-200%", True),
                   ("1280x1024-100%", False), ("1280x1024-200%", True),
                   ("1080x1920-100%", False), ("1080x1920-200%", True)]


@pytest.mark.parametrize(
    ("panel", "text_scale", "assisted"),
    [pytest.param(p, s, a, id=f"{i}{'-assisted' if a else ''}")
     for (p, s), i in zip(LOOKS, LOOK_IDS, strict=True)
     for a in (False, True) if (i, a) in REFLOWING_LOOKS],
)
def test_the_job_search_and_the_vacancy_reflow_at_every_look(
    window_for, panel: str, text_scale: float, assisted: bool
) -> None:
    """One column where two do not fit: nothing cut, sideways or overlapping, and the window
    no wider or taller than the panel (ui/screens/job_search/layout.py)."""
    width, height, diagonal = PANELS[panel]
    window = window_for(width, height, diagonal, Mode(assisted=assisted, text_scale=text_scale))
    mine = [(route, state) for route, state in STATES if route in REFLOWING]
    found = _walk(window, mine, width, height)
    assert found == [], f"{len(found)} reflow faults:\n" + "\n".join(found[:40])


def _walk(window: MainWindow, states: list, width: int, height: int) -> list[str]:
    found: list[str] = []
    for route, state in states:
        show_demo_state(window, window.ctx.runner, route, state)
        settle(window)
        found += [f"{state.name}: {f}" for f in reflow_findings(window, width, height)]
    return found


# Measured 2026-12-02: 429 of 1080, 462 of 768, 474 of 1024, 412 of 1920 px (two rows of
# top-bar buttons on every panel; the bottom bar in one row on 1920 x 1080 only).
_BARS_SHARE_AT_200 = {"1920x1080": 0.42, "1366x768": 0.62, "1280x1024": 0.48, "1080x1920": 0.23}


@pytest.mark.parametrize(
    ("panel", "text_scale"),
    [pytest.param(p, s, id=i) for (p, s), i in zip(LOOKS, LOOK_IDS, strict=True)
     if s != 1.5],  # 150 % lies between two sizes that are both checked; it saves 15 s
)
def test_the_bars_and_the_sheets_reflow_on_every_panel_at_every_text_size(
    window_for, panel: str, text_scale: float
) -> None:
    """The parts on every screen (top bar with Mode Bantuan, bottom bar, the look panel and
    the idle question): nothing cut, nothing overlapping, nothing sideways, at any size."""
    width, height, diagonal = PANELS[panel]
    window = window_for(width, height, diagonal, Mode(text_scale=text_scale))
    route = Route.VACANCY_DETAIL  # Back, Selesai and Beranda all show here
    show_demo_state(window, window.ctx.runner, route, route.screen_class().demo_states[0])
    settle(window)
    found = [f"top bar: {f}" for f in reflow_findings(window.top_bar, width, height, False)]
    found += [f"bottom bar: {f}" for f in reflow_findings(window.nav_bar, width, height, False)]
    assert window.top_bar.assisted_button.isVisible()
    assert window.nav_bar.end_button.isVisible()
    # The bars' share of the height at 200 % (docs/accessibility.md, "The bars at large
    # text"): they took 74 % of 1920 x 1080 and 97 % of 1366 x 768 before they reflowed.
    bars = window.top_bar.height() + window.nav_bar.height()
    if text_scale == 2.0:
        assert bars <= _BARS_SHARE_AT_200[panel] * height, (panel, bars)
    for sheet, show in ((window.look_panel, window.open_look_panel),
                        (window.idle_overlay, window.idle.start_warning)):
        show()
        settle(sheet)
        found += [f"{sheet.objectName()}: {f}"
                  for f in reflow_findings(sheet, width, height, False)]
        window.close_look_panel()
        window.idle.stop()
        window.idle_overlay.hide()
    assert found == []


# Home and the AK1 registration (issue 6 item 3): every state reflows at every panel and text
# size. Four looks span the range (the kiosk's own panel at 200 %, the smallest landscape
# panel at 150 %, the 5:4 panel at 100 %, where the keyboard beside the fields would squeeze
# them, and the portrait panel at 200 %); the others were walked once by hand (0 faults).
# 1366 x 768 at 200 %: the smallest panel at the largest text, where the bars leave the
# screens least room (ui/widgets/top_bar.py, nav_bar.py).
OWN_ROUTES = [r for r in Route if r is Route.HOME or r.name.startswith("REG_")]
OWN_LOOKS = {"1920x1080-200%", "1366x768-150%", "1280x1024-100%", "1080x1920-200%",
             "1366x768-200%"}


@pytest.mark.parametrize(
    ("panel", "text_scale"),
    [pytest.param(p, s, id=i)
     for (p, s), i in zip(LOOKS, LOOK_IDS, strict=True) if i in OWN_LOOKS],
)
def test_home_and_every_registration_step_reflow(
    window_for, panel: str, text_scale: float
) -> None:
    width, height, diagonal = PANELS[panel]
    window = window_for(width, height, diagonal, Mode(text_scale=text_scale))
    found: list[str] = []
    for route in OWN_ROUTES:
        for state in route.screen_class().demo_states:
            show_demo_state(window, window.ctx.runner, route, state)
            settle(window)
            found += [f"{state.name}: {f}" for f in reflow_findings(window, width, height)]
    assert found == [], f"{len(found)} reflow faults:\n" + "\n".join(found[:40])
