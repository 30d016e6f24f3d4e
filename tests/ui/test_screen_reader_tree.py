"""What a screen reader and a keyboard user meet on the real window offscreen: roles through
QAccessible, locale, announcements, focus on the way back, arrows inside a panel (issue 6)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.search_filters import SearchFilter
from ui import accessibility_events
from ui.main_window import MainWindow
from ui.screens.base import Route


def _iface(widget):
    return QAccessible.queryAccessibleInterface(widget)


def test_titles_are_headings_and_the_languages_radio_buttons(kiosk_window: MainWindow) -> None:
    home = kiosk_window.navigator.screen(Route.HOME)
    assert _iface(home.greeting).role() is QAccessible.Role.Heading
    assert _iface(home.greeting).text(QAccessible.Text.Name) == home.greeting.text()
    for button in kiosk_window.top_bar.language_buttons.values():
        iface = _iface(button)
        assert iface.role() is QAccessible.Role.RadioButton
        assert iface.state().checked == button.isChecked()
        assert iface.actionNames()[0] == QAccessibleActionInterface.pressAction()
    assert kiosk_window.top_bar.language_buttons["id"].group().exclusive()


def test_the_results_are_a_list_of_exactly_the_shown_cards(kiosk_window: MainWindow) -> None:
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    cards = screen.cards()
    assert cards
    listing = _iface(screen.results.list_widget)
    assert listing.role() is QAccessible.Role.List
    assert listing.childCount() == len(cards)
    assert [listing.child(i).object() for i in range(len(cards))] == cards
    first = _iface(cards[0])
    assert first.role() is QAccessible.Role.ListItem
    assert listing.indexOfChild(first) == 0
    assert first.text(QAccessible.Text.Description).startswith(f"1 dari {screen.total}.")
    assert "Pendidikan" not in first.text(QAccessible.Text.Name)  # short: no schooling, date
    assert screen.results.list_widget.accessibleDescription() == screen.count_label.text()


def test_every_object_takes_the_screens_language_as_its_locale(kiosk_window: MainWindow) -> None:
    assert kiosk_window.locale().name() == "id_ID"
    assert kiosk_window.navigator.screen(Route.HOME).greeting.locale().name() == "id_ID"
    kiosk_window.ctx.visit.language = "en"
    assert kiosk_window.navigator.screen(Route.HOME).greeting.locale().name() == "en_US"
    kiosk_window.ctx.visit.end()  # back to the kiosk's language for the next person
    assert kiosk_window.locale().name() == "id_ID"


def test_the_result_count_and_nothing_found_are_announced(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    assert accessibility_events.sent[-1] == (screen.count_label.text(), False)
    qtbot.keyClicks(screen.search_field, "qqqzzz")
    said, assertive = accessibility_events.sent[-1]
    assert said == screen.results.message_label.text() and not assertive


def test_back_from_a_vacancy_focuses_the_card_that_was_opened(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.activateWindow()
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    screen = nav.screen(Route.JOB_SEARCH)
    card = screen.cards()[2]
    card.click()
    assert nav.current_route is Route.VACANCY_DETAIL
    nav.back()
    qtbot.waitUntil(card.hasFocus)


def test_home_starts_with_focus_on_the_first_service(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.activateWindow()
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    kiosk_window.navigator.home()
    home = kiosk_window.navigator.screen(Route.HOME)
    qtbot.waitUntil(home.job_search_tile.hasFocus)


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left,
                                 Qt.Key.Key_Up])
def test_arrows_move_between_choices_and_never_leave_the_open_panel(
    qtbot: QtBot, kiosk_window: MainWindow, key: Qt.Key
) -> None:
    kiosk_window.activateWindow()
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    screen.filter_buttons[SearchFilter.KECAMATAN].click()
    panel = screen.choice_panel
    buttons = panel.option_buttons()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in buttons)
    assert all(_iface(b).role() is QAccessible.Role.RadioButton for b in buttons)
    chosen_before = panel.current_button()
    for _ in range(len(buttons) + 3):  # past either end of the grid
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert QApplication.focusWidget() in buttons
    assert panel.current_button() is chosen_before  # moving is not choosing
    end = buttons[-1] if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else buttons[0]
    if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
        assert QApplication.focusWidget() is end


def test_page_buttons_scroll_the_results_by_a_screen(kiosk_window: MainWindow) -> None:
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.screen(Route.JOB_SEARCH)
    pager = screen.results_pager
    bar = screen.results.verticalScrollBar()
    assert bar.maximum() > 0 and pager.down_button.isVisible()
    assert not pager.up_button.isEnabled()
    pager.down_button.click()
    assert bar.value() > screen.results.viewport().height() // 2
    assert pager.up_button.isEnabled()
    pager.up_button.click()
    assert bar.value() == 0
    assert pager.up_button.accessibleName() == "Halaman sebelumnya"


def test_continue_puts_focus_back_where_it_was(
    qtbot: QtBot, make_kiosk_window: Callable[..., MainWindow]
) -> None:
    # A countdown long enough that the visit cannot end before "Lanjutkan" is pressed (the
    # fixture's 0.05 s lost that race on a busy machine: the kiosk went back to Home).
    kiosk_window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=30)
    kiosk_window.activateWindow()
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    card = kiosk_window.navigator.screen(Route.JOB_SEARCH).cards()[1]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    kiosk_window.idle.start_warning()
    qtbot.waitUntil(kiosk_window.idle_overlay.continue_button.hasFocus)
    kiosk_window.idle_overlay.continue_button.click()
    qtbot.waitUntil(card.hasFocus)
