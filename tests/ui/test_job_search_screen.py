"""The job search screen on a real SQLite catalog: typing by taps, filters, results, paging."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QScroller, QWidget
from pytestqt.qtbot import QtBot

from accessibility.contrast import AA_TEXT, contrast_ratio
from kiosk.i18n import set_language
from kiosk.search_filters import SearchFilter
from kiosk.services import KioskServices
from kiosk.vacancy import EducationLevel, EmploymentType
from tests.fakes import FakeClock
from tests.ui.sample_vacancies import kecamatan_code, open_sample_services, sample_vacancies
from ui.screens.base import Navigation, Route
from ui.screens.job_search import PAGE_SIZE, JobSearchScreen
from ui.tasks import TaskRunner
from ui.theme import Theme

LEFT = Qt.MouseButton.LeftButton




@pytest.fixture
def screen(qtbot: QtBot, context_for, sample_services: KioskServices) -> JobSearchScreen:
    screen = JobSearchScreen(context_for(sample_services))
    qtbot.addWidget(screen)
    screen.resize(1920, 860)
    screen.show()
    qtbot.waitExposed(screen)
    screen.enter()
    # A new visit searches the city (issue 9); these tests start from everywhere, one tap away.
    qtbot.waitUntil(lambda: screen.everywhere_button.isVisibleTo(screen))
    qtbot.mouseClick(screen.everywhere_button, LEFT)
    qtbot.waitUntil(lambda: screen.query().kecamatan_code is None and screen.total == 5)
    return screen


def _type(qtbot: QtBot, screen: JobSearchScreen, word: str) -> None:
    for letter in word:
        key = "space" if letter == " " else letter
        qtbot.mouseClick(screen.keyboard.key(key), LEFT)


def _titles(screen: JobSearchScreen) -> list[str]:
    return [card.vacancy.title for card in screen.cards()]


def _choose(qtbot: QtBot, screen: JobSearchScreen, kind: SearchFilter, value: object) -> None:
    qtbot.mouseClick(screen.filter_buttons[kind], LEFT)
    assert screen.pages.currentWidget() is screen.choice_panel
    qtbot.mouseClick(screen.choice_panel.option_button(value), LEFT)
    assert screen.pages.currentIndex() == 0


def test_entering_lists_every_open_vacancy_newest_first_but_no_closed_one(
    screen: JobSearchScreen,
) -> None:
    # Everywhere, nearest first (issue 9): the city's vacancies newest first, then Jakarta's.
    assert _titles(screen) == [
        "Sopir Pengiriman", "Staf Administrasi Gudang", "Perawat Klinik", "Kasir Minimarket",
        "Kurir Paket Mitra",
    ]
    assert screen.count_label.text() == "5 lowongan ditemukan"
    assert not screen.clear_filters_button.isVisible()


def test_typing_sopir_on_the_on_screen_keyboard_finds_the_driver_vacancy(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _type(qtbot, screen, "sopir")
    assert screen.search_field.text() == "sopir"
    assert _titles(screen) == ["Sopir Pengiriman"]
    card = screen.cards()[0]
    assert card.salary_label.text() == "Rp 3.500.000 – Rp 4.500.000 per bulan"
    assert card.place_label.text().startswith("Kecamatan Tembalang, Kota Semarang · ")
    assert card.education_label.text() == "Pendidikan minimal: SMA"
    assert card.accessibleName().startswith("Sopir Pengiriman, PT Maju Jaya Logistik, ")
    # Laid out at once inside the scroll area: a big target, all its lines, nothing cut off.
    assert card.height() >= card.heightForWidth(card.width())
    assert card.height() >= screen.keyboard.key("a").height()


def test_results_follow_each_keystroke_and_deleting_widens_them_again(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _type(qtbot, screen, "ka")  # "ka" is still a prefix: kasir, and klinik does not match
    assert _titles(screen) == ["Kasir Minimarket"]
    qtbot.mouseClick(screen.keyboard.key("backspace"), LEFT)
    qtbot.mouseClick(screen.keyboard.key("backspace"), LEFT)
    assert len(screen.cards()) == 5


def test_the_keyboard_is_docked_below_the_field_and_never_covers_it(
    screen: JobSearchScreen,
) -> None:
    field = screen.search_field
    keyboard = screen.keyboard
    field_rect = field.rect().translated(field.mapTo(screen, field.rect().topLeft()))
    keyboard_top = keyboard.mapTo(screen, keyboard.rect().topLeft()).y()
    assert keyboard_top > field_rect.bottom()
    assert keyboard.isVisible() and keyboard.target() is field
    assert not screen.findChildren(QComboBox)


def test_choosing_a_kecamatan_narrows_the_results_and_names_the_choice(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    code = kecamatan_code("Pedurungan")
    _choose(qtbot, screen, SearchFilter.KECAMATAN, code)
    assert _titles(screen) == ["Staf Administrasi Gudang"]
    button = screen.filter_buttons[SearchFilter.KECAMATAN]
    assert button.value_text() == "Pedurungan"
    assert button.accessibleName() == "Kecamatan: Pedurungan"
    assert button.hasFocus()  # focus returns to the filter the resident opened
    assert screen.clear_filters_button.isVisible()
    qtbot.mouseClick(button, LEFT)
    assert screen.choice_panel.option_button(code).isChecked()


def test_the_filter_buttons_keep_their_width_when_a_value_is_chosen(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    """Equal halves of the panel, "Semua" or a long kecamatan name: nothing beside them moves."""
    def widths() -> list[int]:
        return [b.width() for b in screen.filter_buttons.values()]

    before = widths()
    assert len(set(before)) == 1
    _choose(qtbot, screen, SearchFilter.KECAMATAN, kecamatan_code("Semarang Selatan"))
    qtbot.waitUntil(lambda: screen.filter_buttons[SearchFilter.KECAMATAN].value_text()
                    == "Semarang Selatan")
    qtbot.waitUntil(lambda: widths() == before)


def test_the_education_filter_keeps_jobs_asking_that_level_or_lower(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _choose(qtbot, screen, SearchFilter.EDUCATION, EducationLevel.SMA)
    # D3 (Perawat) is above SMA/SMK; SMK (Staf) shares SMA's rank; the kurir states none.
    assert _titles(screen) == [
        "Sopir Pengiriman", "Staf Administrasi Gudang", "Kasir Minimarket", "Kurir Paket Mitra",
    ]
    assert screen.filter_buttons[SearchFilter.EDUCATION].value_text() == "SMA / SMK"


def test_type_and_salary_filters_combine_and_remove_filters_clears_them(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _choose(qtbot, screen, SearchFilter.EMPLOYMENT, EmploymentType.FULL_TIME)
    _choose(qtbot, screen, SearchFilter.SALARY, 5_000_000)
    assert _titles(screen) == ["Perawat Klinik"]
    assert screen.filter_buttons[SearchFilter.SALARY].value_text() == "Paling sedikit Rp 5 juta"
    qtbot.mouseClick(screen.clear_filters_button, LEFT)
    # Back to a new visit's search: the whole city (the Jakarta courier is outside it).
    assert len(screen.cards()) == 4
    assert not screen.clear_filters_button.isVisible()
    assert screen.filter_buttons[SearchFilter.KECAMATAN].value_text() == "Kota Semarang"
    assert all(b.value_text() == "Semua" for k, b in screen.filter_buttons.items()
               if k is not SearchFilter.KECAMATAN)


def test_closing_the_panel_changes_nothing(qtbot: QtBot, screen: JobSearchScreen) -> None:
    qtbot.mouseClick(screen.filter_buttons[SearchFilter.SALARY], LEFT)
    qtbot.mouseClick(screen.choice_panel.close_button, LEFT)
    assert screen.pages.currentIndex() == 0
    assert screen.query().min_salary is None and len(screen.cards()) == 5


def test_no_results_says_so_and_suggests_fewer_words_and_fewer_filters(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _choose(qtbot, screen, SearchFilter.KECAMATAN, kecamatan_code("Tugu"))
    _type(qtbot, screen, "pilot")
    assert screen.cards() == []
    assert screen.count_label.text() == "0 lowongan ditemukan"
    message = screen.results.message_label.text()
    assert message.startswith("Tidak ada lowongan yang cocok.")
    assert "kata yang lebih sedikit" in message and "Atau hapus filter" in message
    assert screen.results.message_label.isVisible()
    assert message in screen.speak_summary()


def test_tapping_a_card_requests_the_detail_screen_with_its_id(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    card = screen.cards()[1]
    with qtbot.waitSignal(screen.navigate_requested) as blocker:
        qtbot.mouseClick(card, LEFT)
    assert blocker.args == [Navigation(Route.VACANCY_DETAIL, {"vacancy_id": card.vacancy.id})]


def test_enter_in_the_field_jumps_to_the_first_card_and_enter_opens_it(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _type(qtbot, screen, "perawat")
    screen.search_field.setFocus()
    qtbot.waitUntil(screen.search_field.hasFocus)
    qtbot.keyClick(screen.search_field, Qt.Key.Key_Return)
    card = screen.cards()[0]
    qtbot.waitUntil(card.hasFocus)
    with qtbot.waitSignal(screen.navigate_requested) as blocker:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert blocker.args == [Navigation(Route.VACANCY_DETAIL, {"vacancy_id": card.vacancy.id})]


# Offscreen Qt finds no window under a synthetic drag; its warnings say nothing about the kiosk.
@pytest.mark.qt_log_ignore(
    "QGestureManager::deliverEvents", r"This plugin does not support propagateSizeHints\(\)"
)
def test_a_finger_drag_scrolls_the_results_without_opening_a_card(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    assert QScroller.hasScroller(screen.results.viewport())
    bar = screen.results.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    card = screen.cards()[1]
    start = card.rect().center()
    with qtbot.assertNotEmitted(screen.navigate_requested):
        qtbot.mousePress(card, LEFT, pos=start)
        for dy in range(10, 300, 10):
            qtbot.mouseMove(card, start - QPoint(0, dy))
        qtbot.mouseRelease(card, LEFT, pos=start - QPoint(0, 300))
        qtbot.waitUntil(lambda: bar.value() > 0)


def test_the_demo_card_says_contoh_in_words(screen: JobSearchScreen) -> None:
    demo = next(c for c in screen.cards() if c.vacancy.is_demo)
    assert demo.badge.isVisible() and demo.badge.text() == "CONTOH"
    assert demo.accessibleName().startswith("Lowongan contoh, Kasir Minimarket")


def test_more_results_load_near_the_end_or_with_the_big_button(
    qtbot: QtBot, screen: JobSearchScreen, sample_services: KioskServices
) -> None:
    base = sample_vacancies()[3]  # the kurir, outside Semarang
    extra = [
        replace(base, source_id=f"k{i}", title=f"Kurir Paket {i}", date_posted=date(2025, 6, i))
        for i in range(1, 29)
    ]
    sample_services.store_vacancies(extra)
    screen.reset()
    screen.enter()
    assert screen.total == 33 and len(screen.cards()) == PAGE_SIZE
    assert screen.results.more_button.isVisible()
    assert screen.results.more_button.text() == "Tampilkan lebih banyak"
    qtbot.mouseClick(screen.results.more_button, LEFT)
    assert len(screen.cards()) == 2 * PAGE_SIZE
    bar = screen.results.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert len(screen.cards()) == 33
    assert not screen.results.more_button.isVisible()
    ids = [c.vacancy.id for c in screen.cards()]
    assert len(set(ids)) == 33


def test_reset_forgets_text_filters_results_and_scroll(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _choose(qtbot, screen, SearchFilter.EMPLOYMENT, EmploymentType.CONTRACT)
    _type(qtbot, screen, "staf")
    screen.ctx.visit.end()
    assert screen.search_field.text() == ""
    assert screen.query().employment_type is None
    assert screen.cards() == [] and screen.total is None
    assert screen.results.verticalScrollBar().value() == 0
    screen.enter()
    assert len(screen.cards()) == 4  # a new visit searches the city


def test_summary_and_language_switch(qtbot: QtBot, screen: JobSearchScreen) -> None:
    _type(qtbot, screen, "kasir")
    # Narration (issue 6): the title, what to do, how many, then each card in reading order.
    narration = screen.narration()
    assert narration.title == "Cari Lowongan" and narration.error is None
    assert narration.items == ("1 lowongan ditemukan",
                               *(card.accessibleName() for card in screen.cards()))
    assert "Kasir Minimarket, PT Contoh Ritel" in narration.items[1]
    assert screen.speak_summary() == narration.text()
    set_language("en")
    screen.retranslate()
    assert screen.count_label.text() == "1 vacancy found"
    assert screen.search_field.accessibleName() == "Search words"
    assert screen.filter_buttons[SearchFilter.EDUCATION].accessibleName() == "Education: All"
    assert screen.keyboard.key("space").text() == "Space"
    assert screen.cards()[0].education_label.text() == (
        "Minimum education: Senior high school (SMA)"
    )


@pytest.mark.expected_log("ui.tasks", "ERROR")
@pytest.mark.expected_log("ui.screens.job_search", "ERROR")
def test_a_failing_database_shows_a_message_and_keeps_the_text(
    qtbot: QtBot, context_for
) -> None:
    def broken() -> KioskServices:
        raise OSError(5, "Input/output error")

    screen = JobSearchScreen(context_for(broken))
    qtbot.addWidget(screen)
    screen.enter()
    screen.search_field.setText("sopir")
    assert screen.count_label.text() == "Pencarian tidak berhasil"
    assert "minta bantuan petugas" in screen.results.message_label.text()
    assert screen.search_field.text() == "sopir"


def test_with_the_real_task_runner_only_the_latest_search_is_shown(
    qtbot: QtBot, context_for, tmp_path: Path, clock: FakeClock
) -> None:
    runner = TaskRunner(lambda: open_sample_services(tmp_path / "data", clock))
    screen = JobSearchScreen(context_for(runner=runner))
    qtbot.addWidget(screen)
    try:
        screen.enter()
        qtbot.waitUntil(lambda: len(screen.cards()) == 4)  # the city
        for word in ("p", "pe", "per", "pera", "perawat"):
            screen.search_field.setText(word)
        qtbot.waitUntil(lambda: _titles(screen) == ["Perawat Klinik"])
        assert screen.count_label.text() == "1 lowongan ditemukan"
    finally:
        runner.shutdown()


def test_an_empty_catalog_says_to_ask_the_staff_not_that_the_search_failed(
    qtbot: QtBot, context_for, sample_services: KioskServices, clock: FakeClock
) -> None:
    clock.advance(days=3 * 365)
    screen = JobSearchScreen(context_for(sample_services))
    qtbot.addWidget(screen)
    screen.resize(1920, 860)
    screen.show()
    screen.enter()
    assert screen.cards() == []
    assert "tanya petugas" in screen.results.message_label.text()


def _fully_in_view(screen: JobSearchScreen, card: QWidget) -> bool:
    viewport = screen.results.viewport()
    top = card.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + card.height() <= viewport.height()


def test_a_card_reached_by_tab_is_scrolled_fully_into_view_also_on_a_new_page(
    qtbot: QtBot, screen: JobSearchScreen, sample_services: KioskServices
) -> None:
    base = sample_vacancies()[3]
    sample_services.store_vacancies(
        replace(base, source_id=f"k{i}", title=f"Kurir Paket {i}", date_posted=date(2025, 6, i))
        for i in range(1, 29)
    )
    screen.reset()
    screen.enter()
    screen.activateWindow()
    qtbot.waitActive(screen)
    last = screen.cards()[-1]
    last.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(last.hasFocus)
    # Tab to "Show more" scrolls to the end of the list, which loads the next page; focus moves
    # on to that page's first card.
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(screen.cards()) == 2 * PAGE_SIZE)
    first_new = screen.cards()[PAGE_SIZE]
    qtbot.waitUntil(first_new.hasFocus)
    assert _fully_in_view(screen, first_new)
    for card in screen.cards()[PAGE_SIZE + 1:PAGE_SIZE + 4]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(card.hasFocus)
        assert _fully_in_view(screen, card)


def test_the_placeholder_in_the_empty_field_reaches_4_5_to_1(
    screen: JobSearchScreen, theme: Theme
) -> None:
    field = screen.search_field
    assert field.text() == "" and field.placeholderText().startswith("Ketik pekerjaan")
    field.clearFocus()  # no text cursor: only the placeholder is drawn inside the frame
    image = field.grab().toImage()
    ground = theme.palette.surface
    inside = field.rect().adjusted(theme.focus_ring_px + 1, theme.focus_ring_px + 1,
                                   -theme.focus_ring_px - 1, -theme.focus_ring_px - 1)
    # Anti-aliased edges are paler; the glyphs' cores carry the colour Qt drew the text in.
    strongest = max(
        contrast_ratio(image.pixelColor(x, y).name(), ground)
        for y in range(inside.top(), inside.bottom())
        for x in range(inside.left(), inside.right())
    )
    assert strongest >= AA_TEXT


def test_with_nothing_typed_no_results_suggests_removing_filters_without_or(
    qtbot: QtBot, screen: JobSearchScreen
) -> None:
    _choose(qtbot, screen, SearchFilter.KECAMATAN, kecamatan_code("Tugu"))
    assert screen.cards() == []
    assert screen.clear_filters_button.text() == "Hapus filter"
    # Tugu alone has none; the count outside it is said without "with these words".
    assert screen.results.message_label.text() == (
        "Tidak ada lowongan yang cocok. Ada 5 lowongan di luar tempat yang dipilih. "
        "Hapus filter agar lebih banyak lowongan muncul."
    )
    set_language("en")
    screen.retranslate()
    assert screen.results.message_label.text() == (
        "No vacancy matches. 5 vacancies are outside the chosen place. "
        "Remove filters to see more vacancies."
    )
