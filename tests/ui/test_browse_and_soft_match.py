"""Browsing without typing, soft matching and "Mungkin maksud Anda" (issue 9) on the real
screens over the demo catalog in a real SQLite file."""
from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.browse import FIELDS
from kiosk.places import Band
from kiosk.region import KOTA_CODE
from kiosk.search import SearchQuery
from kiosk.services import KioskServices
from ui.screens.base import Navigation, Route
from ui.screens.home import HomeScreen
from ui.screens.job_search import JobSearchScreen

LEFT = Qt.MouseButton.LeftButton


def _search_screen(qtbot: QtBot, context_for, services: KioskServices) -> JobSearchScreen:
    screen = JobSearchScreen(context_for(services))
    qtbot.addWidget(screen)
    screen.resize(1920, 1000)
    screen.show()
    qtbot.waitExposed(screen)
    screen.enter()
    return screen


def test_home_tiles_show_each_fields_open_count_and_open_the_search(
    qtbot: QtBot, context_for, services: KioskServices
) -> None:
    home = HomeScreen(context_for(services))
    qtbot.addWidget(home)
    home.show()
    home.enter()
    counts = services.search.field_counts()
    assert sum(counts.values()) >= 30  # most demo vacancies belong to a field
    qtbot.waitUntil(lambda: "lowongan" in home.tiles.tiles["antar"].text())
    for field in FIELDS:
        tile = home.tiles.tiles[field.key]
        assert tile.minimumHeight() >= home.ctx.theme.px(15)  # a large target
        assert not tile.picture.pixmap().isNull()  # the drawn icon
        assert f"{counts[field.key]} lowongan" in tile.text()
    with qtbot.waitSignal(home.navigate_requested) as blocker:
        qtbot.mouseClick(home.tiles.tiles["antar"], LEFT)
    assert blocker.args == [Navigation(Route.JOB_SEARCH, {"field": "antar"})]


def test_a_tile_lists_its_field_nearest_first(
    qtbot: QtBot, context_for, services: KioskServices
) -> None:
    screen = _search_screen(qtbot, context_for, services)
    qtbot.waitUntil(lambda: screen.total is not None)
    assert screen.tiles.isVisibleTo(screen)  # nothing typed yet: browse without typing
    qtbot.mouseClick(screen.tiles.tiles["antar"], LEFT)
    qtbot.waitUntil(lambda: screen.query().field == "antar" and bool(screen.cards()))
    titles = [c.vacancy.title for c in screen.cards()]
    assert "Sopir Truk (SIM B2 Umum)" in titles and "Driver Pengiriman (SIM B1)" in titles
    assert all(any(w in t.lower() for w in ("sopir", "driver", "kurir", "forklift", "bongkar",
                                            "harian"))
               for t in titles), titles
    assert not screen.tiles.isVisibleTo(screen)
    assert screen.clear_filters_button.isVisibleTo(screen)
    # the same through the service, widened to everywhere: still the city first
    result = services.search.search(SearchQuery(field="antar"), limit=100)
    assert list(result.bands) == sorted(result.bands)
    assert result.bands[0] is Band.KECAMATAN  # a kiosk that knows only the city: the city


def test_words_no_vacancy_has_together_show_the_closest_under_a_heading(
    qtbot: QtBot, context_for, services: KioskServices
) -> None:
    screen = _search_screen(qtbot, context_for, services)
    screen.search_field.setText("kasir batik ")
    qtbot.waitUntil(lambda: screen.soft_label.isVisibleTo(screen))
    assert screen.soft_label.text() == (
        "Tidak ada yang cocok dengan semua kata. Ini yang paling mirip:")
    titles = [c.vacancy.title for c in screen.cards()]
    assert "Pramuniaga Toko Batik" in titles and any("Kasir" in t for t in titles)
    # a word that all of them share gives an ordinary answer, without the heading
    screen.search_field.setText("kasir ")
    qtbot.waitUntil(lambda: not screen.soft_label.isVisibleTo(screen))


def test_nothing_found_offers_near_words_that_search_when_tapped(
    qtbot: QtBot, context_for, services: KioskServices
) -> None:
    screen = _search_screen(qtbot, context_for, services)
    screen.search_field.setText("pnjhit gdng ")  # vowels left out: too far for typo help
    qtbot.waitUntil(lambda: screen.suggestions.isVisibleTo(screen))
    assert screen.total == 0
    assert screen.suggestions.label.text() == "Mungkin maksud Anda:"
    words = screen.suggestions.words()
    assert "penjahit" in words and "gudang" in words
    assert screen.tiles.isVisibleTo(screen)  # and the browse tiles below
    button = next(b for b in screen.suggestions.buttons if b.text() == "penjahit")
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: bool(screen.cards()))
    assert screen.search_field.text() == "penjahit "
    assert screen.cards()[0].vacancy.title.startswith("Penjahit Konveksi")
    assert not screen.suggestions.isVisibleTo(screen)


def test_the_city_is_the_default_and_one_tap_widens_it(
    qtbot: QtBot, context_for, sample_services: KioskServices
) -> None:
    screen = _search_screen(qtbot, context_for, sample_services)
    qtbot.waitUntil(lambda: screen.total is not None)
    assert screen.query().kecamatan_code == KOTA_CODE
    city = screen.total
    assert all("Kota Semarang" in c.place_label.text() for c in screen.cards())
    qtbot.mouseClick(screen.everywhere_button, LEFT)
    qtbot.waitUntil(lambda: screen.total is not None and screen.total > city)
    assert screen.query().kecamatan_code is None
    assert screen.cards()[-1].place_label.text().endswith("di luar Jawa Tengah")
    assert not screen.everywhere_button.isVisibleTo(screen)


def test_nothing_in_the_city_says_how_many_are_elsewhere_beside_the_button_that_widens(
    qtbot: QtBot, context_for, sample_services: KioskServices
) -> None:
    screen = _search_screen(qtbot, context_for, sample_services)
    qtbot.waitUntil(lambda: screen.total is not None)
    screen.search_field.setText("kurir")  # the one courier job is in Jakarta
    qtbot.waitUntil(lambda: screen.total == 0)
    assert "Ada 1 lowongan dengan kata ini di luar tempat yang dipilih." in " ".join(
        (screen.count_label.text(), screen.results.message_label.text()))
    assert screen.everywhere_button.isVisibleTo(screen)
    assert screen.suggestions.words() == []  # the word is known: no "Mungkin maksud Anda"
    qtbot.mouseClick(screen.everywhere_button, LEFT)
    qtbot.waitUntil(lambda: screen.total == 1)
    assert screen.cards()[0].vacancy.title == "Kurir Paket Mitra"
