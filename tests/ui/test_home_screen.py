"""The home screen: a greeting, one tile per service that exists, and the open-vacancy count."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.i18n import set_language
from kiosk.search import SearchQuery
from kiosk.services import KioskServices, open_services
from ui.screens.base import Navigation, Route
from ui.screens.home import HomeScreen
from ui.theme import Theme


def make_home(qtbot: QtBot, context_for, provider) -> HomeScreen:
    screen = HomeScreen(context_for(provider))
    qtbot.addWidget(screen)
    screen.resize(1920, 900)
    screen.show()
    return screen


def test_home_offers_exactly_the_job_search_tile_with_icon_and_words(
    qtbot: QtBot, theme: Theme, context_for, services: KioskServices
) -> None:
    home = make_home(qtbot, context_for, lambda: services)
    buttons = home.findChildren(QAbstractButton)
    # nothing offered that is not built yet: the services and the browse tiles (issue 9)
    assert set(buttons) == {home.job_search_tile, home.register_tile,
                            *home.tiles.tiles.values()}
    tile = home.job_search_tile
    assert tile.text() == "Cari Lowongan"
    assert not tile.picture.pixmap().isNull()  # drawn beside the words, which wrap
    assert tile.accessibleName() == "Cari Lowongan"
    assert tile.width() >= theme.px(150) and tile.height() >= theme.px(60)


def test_tapping_the_tile_requests_the_job_search_screen(
    qtbot: QtBot, theme: Theme, context_for, services: KioskServices
) -> None:
    home = make_home(qtbot, context_for, lambda: services)
    with qtbot.waitSignal(home.navigate_requested) as blocker:
        qtbot.mouseClick(home.job_search_tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [Navigation(Route.JOB_SEARCH, {})]


def test_entering_home_counts_the_open_vacancies_in_the_real_catalog(
    qtbot: QtBot, theme: Theme, context_for, services: KioskServices
) -> None:
    home = make_home(qtbot, context_for, lambda: services)
    assert not home.count_label.isVisible()
    home.enter()
    open_now = services.catalog.count()
    assert open_now > 0
    assert home.count_label.isVisible()
    assert home.count_label.text() == f"Ada {open_now} lowongan yang masih bisa dilamar."
    assert home.count_label.text() in home.speak_summary()


@pytest.mark.expected_log("ui.screens.home", "ERROR")
@pytest.mark.expected_log("ui.tasks", "ERROR")
def test_a_damaged_database_puts_job_search_out_of_service_and_tells_staff_what_to_do(
    qtbot: QtBot, context_for, settings, clock, caplog: pytest.LogCaptureFixture
) -> None:
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "kiosk.db").write_bytes(b"this is not a database " * 200)
    home = make_home(qtbot, context_for,
                     lambda: open_services(settings.data_dir, clock))
    home.enter()
    assert home.count_label.isVisible()
    assert home.count_label.text() == (
        "Pencarian lowongan sedang tidak bisa dipakai. Silakan minta bantuan petugas."
    )
    assert not home.job_search_tile.isEnabled()
    staff = [r.getMessage() for r in caplog.records if r.name == "ui.screens.home"]
    assert len(staff) == 1 and "rusak" in staff[0]  # damaged: restore advice, and only here


def test_home_counts_again_when_the_catalog_changes(
    qtbot: QtBot, context_for, services: KioskServices
) -> None:
    home = make_home(qtbot, context_for, services)
    home.enter()
    before = services.catalog.count()
    demo = services.search.search(SearchQuery(), limit=1).vacancies[0]
    home.ctx.runner.db(lambda s: s.store_vacancies([replace(demo, source_id="baru-1")]))
    assert home.count_label.text() == f"Ada {before + 1} lowongan yang masih bisa dilamar."


def test_home_speaks_and_retranslates_in_english(
    qtbot: QtBot, theme: Theme, context_for, services: KioskServices
) -> None:
    home = make_home(qtbot, context_for, lambda: services)
    home.enter()
    set_language("en")
    home.retranslate()
    assert home.title() == "Home"
    assert home.greeting.text() == "Welcome to the SIKER kiosk"
    assert home.job_search_tile.accessibleName() == "Find a job"
    assert home.count_label.text().endswith("open for applications now.")
    assert home.speak_summary().startswith("Welcome to the SIKER kiosk")


def test_a_kiosk_with_only_closed_vacancies_says_to_ask_the_staff(
    qtbot: QtBot, theme: Theme, context_for, services: KioskServices, clock
) -> None:
    clock.advance(days=3 * 365)  # every demo vacancy has closed by then
    home = make_home(qtbot, context_for, lambda: services)
    home.enter()
    assert services.catalog.count() == 0
    assert home.count_label.text() == (
        "Belum ada lowongan yang masih dibuka di kiosk ini. Silakan tanya petugas."
    )
