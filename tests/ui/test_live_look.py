"""Live switching of the look: text size, contrast and assisted mode change on any screen while
the resident's words, filters and place stay where they were, and every size is laid out anew."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from accessibility.contrast import DEFAULT_PALETTE, HIGH_CONTRAST_PALETTE
from accessibility.scaling import ASSISTED_TARGET_MM, MIN_TARGET_MM
from kiosk.search import SearchQuery
from kiosk.search_filters import SearchFilter
from kiosk.session import Mode
from kiosk.vacancy import EducationLevel
from ui.main_window import MainWindow
from ui.screens.base import Route
from ui.screenshots import show_demo_state

LOOKS = [
    Mode(text_scale=1.5),
    Mode(high_contrast=True),
    Mode(assisted=True),
    Mode(assisted=True, text_scale=2.0),
    Mode(),
]
STATES = [(route, state) for route in Route for state in route.screen_class().demo_states]


def _switch(qtbot: QtBot, window: MainWindow, mode: Mode) -> None:
    with qtbot.waitSignal(window.rebuilt, timeout=5_000):
        window.ctx.visit.mode = mode
    # What the first paint shows: the layout requests of the new widgets run before it (the
    # job search's one-column list counts its search panel's buttons' heights only then).
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _visible_buttons(window: MainWindow) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton) if b.isVisible()]


@pytest.mark.parametrize(("route", "state"), STATES, ids=[s.name for _r, s in STATES])
def test_every_look_keeps_the_residents_text_filters_and_place_and_relays_every_size(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow], route: Route, state
) -> None:
    window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=30)
    show_demo_state(window, window.ctx.runner, route, state)
    visit = window.ctx.visit
    # The resident has also chosen a filter, whatever the state typed.
    visit.search = SearchQuery(text=visit.search.text or "staf", education=EducationLevel.SMA)
    window.navigator.show_place()
    before = (visit.search, visit.place, visit.history, visit.panel)
    field_before = window.navigator.screen(Route.JOB_SEARCH).search_field.text()
    assert field_before == visit.search.text  # the screen shows the visit, even unentered

    for mode in LOOKS:
        _switch(qtbot, window, mode)
        theme = window.theme
        assert (visit.search, visit.place, visit.history, visit.panel) == before, mode
        assert window.navigator.current_route is route
        search = window.navigator.screen(Route.JOB_SEARCH)
        assert search.search_field.text() == field_before
        education = search.filter_buttons[SearchFilter.EDUCATION].value_text()
        assert "SMA" in education, mode
        if visit.panel is not None:  # an open filter panel is open again
            assert search.pages.currentWidget() is search.choice_panel
        # Every size comes from the new theme: text, targets, colours.
        assert theme.text_scale == mode.text_scale
        target_mm = ASSISTED_TARGET_MM if mode.assisted else MIN_TARGET_MM
        assert theme.target_px == theme.px(target_mm)
        high = mode.high_contrast or mode.assisted
        assert theme.palette is (HIGH_CONTRAST_PALETTE if high else DEFAULT_PALETTE)
        buttons = _visible_buttons(window)
        assert window.nav_bar.isVisible() and window.navigator.current_screen.isVisible()
        assert buttons, "the window shows no button at all"
        for button in buttons:
            assert min(button.width(), button.height()) >= theme.target_px - 1, (
                mode, button.accessibleName(), button.size())
        title = window.navigator.current_screen.findChildren(QLabel)
        heights = {label.fontInfo().pixelSize() for label in title if label.isVisible()}
        assert max(heights) >= theme.title_px - 1 or max(heights) >= theme.heading_px - 1
        assert window.idle.timeout_s == (180.0 if mode.assisted else 60.0)


def test_what_is_typed_after_a_switch_goes_on_from_where_it_was(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    search = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    for letter in "kas":
        search.keyboard.key(letter).click()
    _switch(qtbot, kiosk_window, Mode(text_scale=1.5))
    search = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    search.search_field.end(False)  # the old words were selected: typing would replace them
    for letter in "ir":
        search.keyboard.key(letter).click()
    assert kiosk_window.ctx.visit.search.text == "kasir"
    assert [c.vacancy.title for c in search.cards()] and all(
        "kasir" in c.vacancy.title.lower() for c in search.cards()
    )


def test_ending_the_visit_brings_back_the_kiosks_own_look(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    _switch(qtbot, kiosk_window, Mode(assisted=True, text_scale=2.0))
    assert kiosk_window.theme.text_scale == 2.0
    with qtbot.waitSignal(kiosk_window.rebuilt, timeout=5_000):
        kiosk_window.end_visit()
    assert kiosk_window.theme.text_scale == 1.0
    assert kiosk_window.theme.palette is DEFAULT_PALETTE
    assert kiosk_window.navigator.current_route is Route.HOME


def test_mode_bantuan_lays_the_job_search_out_in_one_column_and_back_keeping_the_words(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    """On the 1920 x 1080 panel: two columns at 100 % text, one at 200 % (the search panel
    above the cards, scrolling with them), two again when the resident switches back."""
    window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=30)
    route = Route.JOB_SEARCH
    show_demo_state(window, window.ctx.runner, route, route.screen_class().demo_states[1])
    words = window.ctx.visit.search.text
    for mode, one_column in ((Mode(assisted=True, text_scale=2.0), True), (Mode(), False)):
        _switch(qtbot, window, mode)
        search = window.navigator.screen(route)
        qtbot.waitUntil(lambda s=search, o=one_column: s.search_layout.one_column == o)
        assert search.search_field.text() == words
        inside_list = search.results.isAncestorOf(search.search_field)
        assert inside_list is one_column
        assert search.search_layout.left_scroll.isVisible() is not one_column
        assert search.search_field.isVisible() and search.cards()
