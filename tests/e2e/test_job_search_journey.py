"""A resident's whole journey through the real kiosk, driven by clicks only.

Home -> Cari Lowongan -> type "sopir" on the on-screen keyboard -> choose a kecamatan -> open the
vacancy -> its QR code -> Home; then walk away and the kiosk forgets it all. The app is built the
way `run_kiosk` builds it: the real TaskRunner with the SQLite connection opened in its db
thread, on a fresh data folder seeded with the demo catalog.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.search_filters import SearchFilter
from kiosk.session import DEFAULT_SEARCH
from ui.main_window import MainWindow
from ui.screens.base import Route

LEFT = Qt.MouseButton.LeftButton
TUGU = "33.74.16"


@pytest.fixture
def kiosk(real_kiosk: Callable[..., MainWindow]) -> MainWindow:
    return real_kiosk(idle_timeout_s=1.0, idle_warning_s=0.5)


def _screen(window: MainWindow, route: Route):
    return window.navigator.screen(route)


def _current(window: MainWindow):
    return window.navigator.stack.currentWidget()


def test_resident_finds_a_driver_job_in_tugu_and_takes_it_home_by_qr(
    qtbot: QtBot, kiosk: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    home = _screen(kiosk, Route.HOME)
    assert _current(kiosk) is home
    qtbot.waitUntil(lambda: "48" in home.count_label.text(), timeout=5_000)

    qtbot.mouseClick(home.job_search_tile, LEFT)
    search = _screen(kiosk, Route.JOB_SEARCH)
    assert _current(kiosk) is search
    qtbot.waitUntil(lambda: len(search.cards()) > 0, timeout=5_000)

    for letter in "sopir":
        qtbot.mouseClick(search.keyboard.key(letter), LEFT)
    assert search.search_field.text() == "sopir"
    # "sopir" also finds the "Driver" vacancy through the loan-word table
    qtbot.waitUntil(
        lambda: {c.vacancy.title for c in search.cards()}
        == {"Sopir Truk (SIM B2 Umum)", "Driver Pengiriman (SIM B1)"},
        timeout=5_000,
    )

    qtbot.mouseClick(search.filter_buttons[SearchFilter.KECAMATAN], LEFT)
    assert search.pages.currentWidget() is search.choice_panel
    qtbot.mouseClick(search.choice_panel.option_button(TUGU), LEFT)
    qtbot.waitUntil(
        lambda: [c.vacancy.title for c in search.cards()] == ["Sopir Truk (SIM B2 Umum)"],
        timeout=5_000,
    )
    assert search.filter_buttons[SearchFilter.KECAMATAN].value_text() == "Tugu"

    qtbot.mouseClick(search.cards()[0], LEFT)
    detail = _screen(kiosk, Route.VACANCY_DETAIL)
    assert _current(kiosk) is detail
    qtbot.waitUntil(lambda: detail.vacancy() is not None, timeout=5_000)
    assert detail.vacancy().title == "Sopir Truk (SIM B2 Umum)"
    assert "Tugu" in detail.fact_values["place"].text()
    qr = detail.qr_label.pixmap()
    assert not qr.isNull()
    assert qr.width() >= kiosk.theme.px(40)
    assert "Sopir Truk (SIM B2 Umum)" in detail.qr_payload

    qtbot.mouseClick(kiosk.nav_bar.back_button, LEFT)
    assert _current(kiosk) is search
    assert search.search_field.text() == "sopir"  # Back keeps the resident's search

    qtbot.mouseClick(kiosk.nav_bar.home_button, LEFT)
    assert _current(kiosk) is home
    assert "Screen vacancy_detail -> job_search" in caplog.text
    assert "Screen job_search -> home" in caplog.text


def test_the_next_resident_finds_nothing_of_the_last_one(
    qtbot: QtBot, kiosk: MainWindow
) -> None:
    home = _screen(kiosk, Route.HOME)
    search = _screen(kiosk, Route.JOB_SEARCH)
    kiosk.idle.install()
    qtbot.mouseClick(home.job_search_tile, LEFT)
    for letter in "sopir":  # in Tugu: the truck driver of the first test
        qtbot.mouseClick(search.keyboard.key(letter), LEFT)
    qtbot.mouseClick(search.filter_buttons[SearchFilter.KECAMATAN], LEFT)
    qtbot.mouseClick(search.choice_panel.option_button(TUGU), LEFT)
    qtbot.mouseClick(kiosk.top_bar.language_buttons["en"], LEFT)
    assert search.query().kecamatan_code == TUGU
    qtbot.waitUntil(lambda: len(search.cards()) > 0, timeout=5_000)

    # Nobody touches the kiosk: the warning comes, then the kiosk starts over.
    qtbot.waitUntil(lambda: kiosk.idle_overlay.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: _current(kiosk) is home, timeout=5_000)
    assert not kiosk.idle_overlay.isVisible()
    assert search.search_field.text() == ""
    # A new visit's search (issue 9: the whole city), not the last resident's Tugu.
    assert search.query() == DEFAULT_SEARCH
    assert home.job_search_tile.text() == "Cari Lowongan"  # back to Indonesian


def test_back_closes_an_open_filter_panel_before_leaving_the_screen(
    qtbot: QtBot, kiosk: MainWindow
) -> None:
    search = _screen(kiosk, Route.JOB_SEARCH)
    qtbot.mouseClick(_screen(kiosk, Route.HOME).job_search_tile, LEFT)
    qtbot.mouseClick(search.filter_buttons[SearchFilter.EDUCATION], LEFT)
    assert search.pages.currentWidget() is search.choice_panel
    qtbot.mouseClick(kiosk.nav_bar.back_button, LEFT)
    assert _current(kiosk) is search
    assert search.pages.currentWidget() is not search.choice_panel
    qtbot.mouseClick(kiosk.nav_bar.back_button, LEFT)
    assert _current(kiosk) is _screen(kiosk, Route.HOME)


def test_the_search_field_offers_no_mouse_menu(kiosk: MainWindow) -> None:
    search = _screen(kiosk, Route.JOB_SEARCH)
    assert search.search_field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_after_the_reset_nothing_of_the_last_resident_can_be_undone_or_pasted(
    qtbot: QtBot, kiosk: MainWindow
) -> None:
    search = _screen(kiosk, Route.JOB_SEARCH)
    qtbot.mouseClick(_screen(kiosk, Route.HOME).job_search_tile, LEFT)
    for letter in "admin":
        qtbot.mouseClick(search.keyboard.key(letter), LEFT)
    QApplication.clipboard().setText("admin")
    kiosk.end_visit()
    assert search.search_field.text() == ""
    search.search_field.undo()
    assert search.search_field.text() == ""
    assert QApplication.clipboard().text() == ""
