"""The home screen: a greeting, one tile per service that exists, and the open-vacancy count."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.i18n import set_language
from kiosk.services import KioskServices
from ui.screens.base import Navigation, Route
from ui.screens.home import HomeScreen
from ui.tasks import SyncRunner
from ui.theme import Theme


def make_home(qtbot: QtBot, theme: Theme, provider) -> HomeScreen:
    screen = HomeScreen(SyncRunner(), provider, theme)
    qtbot.addWidget(screen)
    screen.resize(1920, 900)
    screen.show()
    return screen


def test_home_offers_exactly_the_job_search_tile_with_icon_and_words(
    qtbot: QtBot, theme: Theme, services: KioskServices
) -> None:
    home = make_home(qtbot, theme, lambda: services)
    buttons = home.findChildren(QAbstractButton)
    assert buttons == [home.job_search_tile]  # nothing offered that is not built yet
    tile = home.job_search_tile
    assert tile.text() == "Cari Lowongan"
    assert not tile.icon().isNull()
    assert tile.accessibleName() == "Cari Lowongan"
    assert tile.width() >= theme.px(150) and tile.height() >= theme.px(60)


def test_tapping_the_tile_requests_the_job_search_screen(
    qtbot: QtBot, theme: Theme, services: KioskServices
) -> None:
    home = make_home(qtbot, theme, lambda: services)
    with qtbot.waitSignal(home.navigate_requested) as blocker:
        qtbot.mouseClick(home.job_search_tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [Navigation(Route.JOB_SEARCH, {})]


def test_entering_home_counts_the_open_vacancies_in_the_real_catalog(
    qtbot: QtBot, theme: Theme, services: KioskServices
) -> None:
    home = make_home(qtbot, theme, lambda: services)
    assert not home.count_label.isVisible()
    home.enter()
    open_now = services.catalog.count()
    assert open_now > 0
    assert home.count_label.isVisible()
    assert home.count_label.text() == f"Ada {open_now} lowongan yang masih bisa dilamar."
    assert home.count_label.text() in home.speak_summary()


def test_a_catalog_that_cannot_be_read_puts_job_search_out_of_service(
    qtbot: QtBot, theme: Theme, services: KioskServices
) -> None:
    def broken():
        raise RuntimeError("the kiosk database is not open")

    home = make_home(qtbot, theme, broken)
    home.enter()
    assert home.count_label.isVisible()
    assert home.count_label.text() == (
        "Pencarian lowongan sedang tidak bisa dipakai. Silakan minta bantuan petugas."
    )
    assert not home.job_search_tile.isEnabled()
    # once the catalog can be read again, the tile comes back
    home._services = lambda: services
    home.enter()
    assert home.job_search_tile.isEnabled()


def test_home_speaks_and_retranslates_in_english(
    qtbot: QtBot, theme: Theme, services: KioskServices
) -> None:
    home = make_home(qtbot, theme, lambda: services)
    home.enter()
    set_language("en")
    home.retranslate()
    assert home.title() == "Home"
    assert home.greeting.text() == "Welcome to the SIKER kiosk"
    assert home.job_search_tile.accessibleName() == "Find a job"
    assert home.count_label.text().endswith("open for applications now.")
    assert home.speak_summary().startswith("Welcome to the SIKER kiosk")


def test_a_kiosk_with_only_closed_vacancies_says_to_ask_the_staff(
    qtbot: QtBot, theme: Theme, services: KioskServices, clock
) -> None:
    clock.advance(days=3 * 365)  # every demo vacancy has closed by then
    home = make_home(qtbot, theme, lambda: services)
    home.enter()
    assert services.catalog.count() == 0
    assert home.count_label.text() == (
        "Belum ada lowongan yang masih dibuka di kiosk ini. Silakan tanya petugas."
    )
