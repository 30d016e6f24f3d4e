"""A resident who can press only switches finds a job: Home -> Cari Lowongan -> "sopir" typed
on the on-screen keyboard -> the vacancy opened, with nothing but the two switch keys (Space
moves the highlight, Enter presses), then the same start with one switch and automatic scanning.
The window is the real one on the real services (demo catalog in a fresh SQLite file)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests.switching import ADVANCE, press, scan_to_and_press
from ui.main_window import MainWindow
from ui.screens.base import Route


@pytest.fixture
def kiosk_window(real_kiosk: Callable[..., MainWindow]) -> MainWindow:
    """The kiosk as run_kiosk builds it: the real TaskRunner with SQLite in its db thread."""
    return real_kiosk()


def test_a_job_search_with_two_switches_alone(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    window.switch.install()
    window.switch.set_mode("two")
    nav = window.navigator
    home = nav.screen(Route.HOME)
    assert window.switch.current is window.switch.items()[0]  # the highlight starts at once
    presses = scan_to_and_press(qtbot, window, lambda w: w is home.job_search_tile)
    assert nav.current_route is Route.JOB_SEARCH
    search = nav.screen(Route.JOB_SEARCH)
    for letter in "sopir":
        key = search.keyboard.key(letter)
        presses += scan_to_and_press(qtbot, window, lambda w, k=key: w is k)
    assert search.search_field.text() == "sopir"
    qtbot.waitUntil(
        lambda: "Sopir Truk (SIM B2 Umum)" in {c.vacancy.title for c in search.cards()},
        timeout=5_000)
    card = next(c for c in search.cards() if c.vacancy.title == "Sopir Truk (SIM B2 Umum)")
    presses += scan_to_and_press(qtbot, window, lambda w: w is card)
    assert nav.current_route is Route.VACANCY_DETAIL
    detail = nav.screen(Route.VACANCY_DETAIL)
    qtbot.waitUntil(lambda: detail.vacancy() is not None, timeout=5_000)
    assert detail.vacancy().title == "Sopir Truk (SIM B2 Umum)"
    # The highlight moved on to the new screen and nothing but the switches was used.
    assert window.switch.current in window.switch.items()
    assert presses > 0


def test_one_switch_with_automatic_scanning_opens_job_search(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    window.switch._timer.setInterval(20)  # the kiosk's pace is 1.5 s; the test's is quicker
    window.switch.install()
    window.switch.set_mode("auto")
    home = window.navigator.screen(Route.HOME)
    qtbot.waitUntil(lambda: window.switch.current is home.job_search_tile, timeout=5_000)
    window.switch._timer.stop()  # the resident presses while it is highlighted
    press(qtbot, window, ADVANCE)  # in automatic scanning the one switch presses
    assert window.navigator.current_route is Route.JOB_SEARCH
