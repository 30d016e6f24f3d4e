"""Navigator: routes, Back and Home, and the idle timeout that starts over for the next resident."""
from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.i18n import current_language
from kiosk.session import Place, Visit
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.navigator import Navigator
from ui.screens.base import Intent, Navigation, Route


def tap(qtbot: QtBot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def first_vacancy_id(window: MainWindow) -> int:
    search = window.navigator.screen(Route.JOB_SEARCH)
    cards = search.cards()
    assert cards, "the demo catalog should list vacancies"
    return cards[0].vacancy.id


def test_home_tile_opens_job_search_and_back_returns_home(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    nav = kiosk_window.navigator
    assert nav.current_route is Route.HOME
    assert not kiosk_window.nav_bar.back_button.isVisible()
    tap(qtbot, nav.screen(Route.HOME).job_search_tile)
    assert nav.current_route is Route.JOB_SEARCH
    assert kiosk_window.nav_bar.back_button.isVisible()
    tap(qtbot, kiosk_window.nav_bar.back_button)
    assert nav.current_route is Route.HOME
    assert not nav.can_go_back()


def test_back_from_a_vacancy_keeps_the_search_the_resident_typed(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    search = nav.screen(Route.JOB_SEARCH)
    search.search_field.setText("admin")
    nav.go(Route.VACANCY_DETAIL, vacancy_id=first_vacancy_id(kiosk_window))
    assert nav.current_route is Route.VACANCY_DETAIL
    tap(qtbot, kiosk_window.nav_bar.back_button)
    assert nav.current_route is Route.JOB_SEARCH
    assert search.search_field.text() == "admin"


def test_home_button_forgets_the_history(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    nav.go(Navigation.to(Route.VACANCY_DETAIL, vacancy_id=first_vacancy_id(kiosk_window)))
    tap(qtbot, kiosk_window.nav_bar.home_button)
    assert nav.current_route is Route.HOME and not nav.can_go_back()
    assert not kiosk_window.nav_bar.back_button.isVisible()


def test_going_to_a_screen_already_behind_does_not_make_back_loop(
    kiosk_window: MainWindow,
) -> None:
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    nav.go(Route.VACANCY_DETAIL, vacancy_id=first_vacancy_id(kiosk_window))
    nav.go(Route.JOB_SEARCH)
    nav.back()
    assert nav.current_route is Route.HOME


def test_screens_navigate_by_signal_with_routes_navigations_and_intents(
    kiosk_window: MainWindow,
) -> None:
    nav = kiosk_window.navigator
    home = nav.screen(Route.HOME)
    home.navigate_requested.emit(Route.JOB_SEARCH)
    assert nav.current_route is Route.JOB_SEARCH
    nav.screen(Route.JOB_SEARCH).navigate_requested.emit(Intent.BACK)
    assert nav.current_route is Route.HOME
    home.navigate_requested.emit(Navigation.to(Route.JOB_SEARCH))
    nav.screen(Route.JOB_SEARCH).request_home()
    assert nav.current_route is Route.HOME


def test_screen_changes_are_logged_at_info(
    kiosk_window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="ui.navigator"):
        kiosk_window.navigator.go(Route.JOB_SEARCH)
    assert "Screen home -> job_search" in caplog.messages


def test_an_unregistered_route_is_refused(qapp) -> None:
    with pytest.raises(KeyError, match="no screen registered"):
        Navigator(Visit()).go(Route.VACANCY_DETAIL)


def test_idle_times_must_be_positive(qapp) -> None:
    with pytest.raises(ValueError, match="positive"):
        IdleWatcher(0, 30)


def test_an_untouched_kiosk_never_starts_a_countdown(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    idle = kiosk_window.idle
    idle.install()
    assert not idle.session_active
    qtbot.keyClick(kiosk_window.navigator.screen(Route.HOME).job_search_tile, Qt.Key.Key_Space)
    assert idle.session_active


def test_idle_timeout_warns_then_returns_home_and_resets_every_screen(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    nav = kiosk_window.navigator
    tap(qtbot, kiosk_window.top_bar.language_buttons["en"])
    tap(qtbot, nav.screen(Route.HOME).job_search_tile)
    search = nav.screen(Route.JOB_SEARCH)
    search.search_field.setText("gudang")
    kiosk_window.idle.install()
    with qtbot.waitSignal(kiosk_window.idle.warning_started, timeout=2000):
        tap(qtbot, search.search_field)  # activity starts the session
    assert kiosk_window.idle_overlay.isVisible()
    with qtbot.waitSignal(kiosk_window.idle.timed_out, timeout=2000):
        pass
    assert nav.current_route is Route.HOME
    assert search.search_field.text() == ""
    assert not kiosk_window.idle_overlay.isVisible()
    assert current_language() == "id"  # the next resident starts in Indonesian
    assert kiosk_window.nav_bar.back_button.text() == "Kembali"
    assert not kiosk_window.idle.session_active
    # The visit holds nothing but where the next resident starts: Home.
    assert kiosk_window.ctx.visit.snapshot() == {**Visit().snapshot(), "place": Place("home")}
    assert not kiosk_window.ctx.visit.started


def test_continue_keeps_the_session_as_often_as_the_resident_needs(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    window = make_kiosk_window(idle_timeout_s=0.05, idle_warning_s=10.0)
    nav = window.navigator
    nav.go(Route.JOB_SEARCH)
    nav.screen(Route.JOB_SEARCH).search_field.setText("sopir")
    window.idle.install()
    window.idle.poke()
    for _ in range(10):  # ACCESSIBILITY.md: at least 10 extensions
        qtbot.waitUntil(window.idle_overlay.isVisible, timeout=2000)
        assert "10" in window.idle_overlay.countdown.text()
        with qtbot.waitSignal(window.idle.warning_cancelled, timeout=1000):
            tap(qtbot, window.idle_overlay.continue_button)
        assert not window.idle_overlay.isVisible()
    assert nav.current_route is Route.JOB_SEARCH
    assert nav.screen(Route.JOB_SEARCH).search_field.text() == "sopir"
