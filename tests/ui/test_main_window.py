"""The kiosk window as a resident meets it: language switch, named big controls, text size."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from accessibility.scaling import MIN_CAP_HEIGHT_MM, cap_height_mm
from kiosk.i18n import current_language
from tests.fakes import FakeClock
from ui.audit.run import settle
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.theme import Theme


def tap(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown(window: MainWindow, kind: type) -> list:
    return [w for w in window.findChildren(kind) if w.isVisible()]


def open_vacancy(window: MainWindow) -> None:
    nav = window.navigator
    nav.go(Route.JOB_SEARCH)
    nav.go(Route.VACANCY_DETAIL, vacancy_id=nav.screen(Route.JOB_SEARCH).cards()[0].vacancy.id)


def open_filter_panel(window: MainWindow) -> None:
    from kiosk.search_filters import SearchFilter

    window.navigator.go(Route.JOB_SEARCH)
    window.navigator.screen(Route.JOB_SEARCH).filter_buttons[SearchFilter.KECAMATAN].click()


STATES: dict[str, Callable[[MainWindow], None]] = {
    "home": lambda w: w.navigator.home(),
    "job search": lambda w: w.navigator.go(Route.JOB_SEARCH),
    "filter panel": open_filter_panel,
    "vacancy detail": open_vacancy,
    "idle warning": lambda w: w.idle.start_warning(),
}


@pytest.fixture(params=["id", "en"])
def window_in(request: pytest.FixtureRequest, qtbot: QtBot, kiosk_window: MainWindow
              ) -> Iterator[MainWindow]:
    if request.param != current_language():
        tap(qtbot, kiosk_window.top_bar.language_buttons[request.param])
    yield kiosk_window
    kiosk_window.idle.stop()


def test_language_switch_retranslates_bars_and_every_screen_live(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    home = window.navigator.screen(Route.HOME)
    search = window.navigator.screen(Route.JOB_SEARCH)
    assert home.job_search_tile.text() == "Cari Lowongan"
    assert window.top_bar.language_buttons["id"].isChecked()
    tap(qtbot, window.top_bar.language_buttons["en"])
    assert current_language() == "en"
    assert window.top_bar.language_buttons["en"].isChecked()
    assert not window.top_bar.language_buttons["id"].isChecked()
    assert window.nav_bar.back_button.text() == "Back"
    assert window.nav_bar.home_button.accessibleName() == "Home"
    assert home.greeting.text() == "Welcome to the SIKER kiosk"
    assert search.heading.text() == "Find a job"  # a screen not even on show
    assert window.idle_overlay.continue_button.text() == "Continue"
    assert "July 10, 2025" in window.top_bar.clock_label.text()
    assert window.windowTitle() == "SIKER Kiosk — Home"
    tap(qtbot, window.top_bar.language_buttons["id"])
    assert home.greeting.text() == "Selamat datang di kios SIKER"
    assert "10 Juli 2025" in window.top_bar.clock_label.text()
    assert window.windowTitle() == "SIKER Kiosk — Beranda"


def test_the_language_buttons_name_each_language_in_itself_indonesian_first(
    kiosk_window: MainWindow,
) -> None:
    buttons = kiosk_window.top_bar.language_buttons
    assert [b.text() for b in buttons.values()] == ["Bahasa Indonesia", "English"]
    first, second = buttons.values()
    assert first.geometry().x() < second.geometry().x()


@pytest.mark.parametrize("state", list(STATES))
def test_every_button_on_show_is_named_and_at_least_15_mm(
    window_in: MainWindow, theme: Theme, state: str
) -> None:
    STATES[state](window_in)
    buttons = shown(window_in, QAbstractButton)
    assert len(buttons) >= 3
    unnamed = [b.text() or b.objectName() for b in buttons if not b.accessibleName().strip()]
    small = [
        (b.accessibleName(), b.width(), b.height())
        for b in buttons
        if b.width() < theme.target_px or b.height() < theme.target_px
    ]
    assert unnamed == []
    assert small == []


@pytest.mark.parametrize("state", list(STATES))
def test_buttons_on_show_keep_a_4_mm_gap_between_them(
    window_in: MainWindow, theme: Theme, state: str
) -> None:
    STATES[state](window_in)
    settle(window_in)  # measured as painted: layouts done, wrapped words at their heights
    if state == "idle warning":  # the overlay covers everything: only its button can be hit
        buttons = [window_in.idle_overlay.continue_button]
    else:
        buttons = shown(window_in, QAbstractButton)
    rects = []
    for b in buttons:  # only the part a finger can reach: not what a scroll area clips away
        seen = b.visibleRegion().boundingRect()
        if not seen.isEmpty():
            top_left = b.mapTo(window_in, seen.topLeft())
            rects.append((b.accessibleName(), QRect(top_left, seen.size())))
    tight = []
    for i, (name_a, a) in enumerate(rects):
        for name_b, b in rects[i + 1:]:
            if a.intersects(b) and (a.contains(b) or b.contains(a)):
                continue  # a card holding its own parts is one target
            dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
            dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
            if max(dx, dy) < theme.gap_px:
                tight.append((name_a, name_b, dx, dy))
    assert tight == []


@pytest.mark.parametrize("state", list(STATES))
def test_text_on_show_has_capitals_of_at_least_6_1_mm(
    window_in: MainWindow, theme: Theme, state: str
) -> None:
    STATES[state](window_in)
    too_small = []
    for widget in shown(window_in, QLabel) + shown(window_in, QAbstractButton):
        text = widget.text().strip() if hasattr(widget, "text") else ""
        if not text:
            continue
        size = widget.font().pixelSize()
        if size <= 0:  # set in points: convert at the logical 96 dpi Qt uses for points
            size = widget.font().pointSizeF() * 96 / 72
        if cap_height_mm(size, theme.scale, theme.cap_ratio) < MIN_CAP_HEIGHT_MM:
            too_small.append((text[:30], size))
    assert too_small == []


def test_the_bar_shows_back_home_and_done_only_where_they_do_something(
    kiosk_window: MainWindow,
) -> None:
    bar = kiosk_window.nav_bar
    shown = {}
    for state in ("home", "job search", "vacancy detail"):
        STATES[state](kiosk_window)
        shown[state] = tuple(b.isVisible() for b in (bar.back_button, bar.end_button,
                                                     bar.home_button))
    # (Back, Selesai, Beranda): Home has nowhere to go back to and nothing to finish yet.
    assert shown == {
        "home": (False, False, False),
        "job search": (True, False, True),
        "vacancy detail": (True, True, True),
    }
    assert bar.end_button.text() == "Selesai"


def test_tab_order_reads_top_bar_then_screen_then_bottom_bar(kiosk_window: MainWindow) -> None:
    kiosk_window.navigator.home()
    chain: list[QWidget] = []
    widget = kiosk_window.top_bar.language_buttons["id"]
    while widget not in chain:
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [
        kiosk_window.top_bar.language_buttons["id"],
        kiosk_window.top_bar.language_buttons["en"],
        kiosk_window.navigator.screen(Route.HOME).job_search_tile,
    ]  # Back, Selesai and Beranda are not shown on Home before anything was chosen
    assert [w for w in chain if w in order] == order


def test_the_clock_shows_the_injected_time(kiosk_window: MainWindow, clock: FakeClock) -> None:
    bar = kiosk_window.top_bar
    assert bar.clock_label.text().startswith("09.00")
    clock.advance(minutes=61)
    bar.refresh_clock()
    assert bar.clock_label.text().startswith("10.01")
    assert "Pukul 10.01" in bar.clock_label.accessibleName()


def test_the_kiosk_opens_full_screen_unless_windowed(kiosk_window: MainWindow) -> None:
    kiosk_window.present(windowed=False)
    assert kiosk_window.isFullScreen()
    kiosk_window.showNormal()
    kiosk_window.present(windowed=True)
    assert not kiosk_window.isFullScreen()


def test_tapping_the_chosen_language_again_keeps_it_chosen(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    button = kiosk_window.top_bar.language_buttons["id"]
    tap(qtbot, button)
    assert button.isChecked() and current_language() == "id"
    assert not kiosk_window.top_bar.language_buttons["en"].isChecked()


@pytest.mark.parametrize("state", list(STATES))
def test_wrapped_text_on_show_gets_all_the_height_it_needs(
    window_in: MainWindow, state: str
) -> None:
    STATES[state](window_in)
    QApplication.processEvents()  # let the layouts settle
    clipped = [
        (label.text()[:40], label.height(), label.heightForWidth(label.width()))
        for label in shown(window_in, QLabel)
        if label.wordWrap() and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]
    assert clipped == []


def _tab_chain(window: MainWindow) -> list[QWidget]:
    """Every widget Tab stops at, once round, starting at the first language button."""
    start = widget = window.top_bar.language_buttons["id"]
    chain: list[QWidget] = []
    while True:
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            return chain


def test_tab_on_job_search_reads_bar_field_keys_filters_results_then_bottom_bar(
    kiosk_window: MainWindow,
) -> None:
    from kiosk.search_filters import SearchFilter
    from kiosk.vacancy import EducationLevel
    from ui.screens.job_search import PAGE_SIZE

    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    screen = nav.screen(Route.JOB_SEARCH)
    screen.filter_buttons[SearchFilter.EDUCATION].click()  # a filter shows "Remove filters"
    screen.choice_panel.option_button(EducationLevel.S1).click()
    assert screen.clear_filters_button.isVisible()
    assert screen.total is not None and screen.total > PAGE_SIZE
    screen.results.more_button.click()  # the second page's cards join the chain in order
    cards = screen.cards()
    assert len(cards) > PAGE_SIZE
    top, bottom = kiosk_window.top_bar, kiosk_window.nav_bar
    expected = [
        top.language_buttons["id"], top.language_buttons["en"],
        top.assisted_button, top.look_button,
        # The keys on show: the digits page behind "123" is hidden until it is switched to.
        screen.search_field, *[k for k in screen.keyboard.keys() if k.isVisible()],
        *screen.filter_buttons.values(),
        # "Cari di semua tempat" while the city is searched, then the browse tiles (issue 9)
        *[b for b in (screen.everywhere_button,) if b.isVisible()],
        screen.clear_filters_button,
        *[t for t in screen.tiles.tiles.values() if t.isVisible()], *cards,
    ]
    if screen.results.more_button.isVisible():
        expected.append(screen.results.more_button)
    expected += [b for b in screen.results_pager.buttons() if b.isVisible() and b.isEnabled()]
    # The bottom bar left to right: Back, then Bacakan and Ulangi (speech, issue 6) beside it.
    expected += [bottom.back_button, bottom.read_button, bottom.repeat_button,
                 bottom.end_button, bottom.home_button]
    assert _tab_chain(kiosk_window) == expected
