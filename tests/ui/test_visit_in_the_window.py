"""The visit as a resident meets it: Home keeps it, "Selesai" ends it, data changed by another
process shows at once, and no key of the on-screen keyboard is ever dropped."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.changes import Changes
from kiosk.session import Visit
from tests.fakes import FakeClock, FakeMonotonic
from ui.app import ChangePoller
from ui.input_guard import InputGuard
from ui.main_window import MainWindow
from ui.screens.base import Route

LEFT = Qt.MouseButton.LeftButton
TESTS = Path(__file__).resolve().parents[1]


def _type(qtbot: QtBot, window: MainWindow, word: str) -> None:
    search = window.navigator.screen(Route.JOB_SEARCH)
    for letter in word:
        qtbot.mouseClick(search.keyboard.key(letter), LEFT)


def test_going_home_keeps_the_search_and_new_typing_replaces_the_old_words(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    _type(qtbot, kiosk_window, "kasir")
    qtbot.mouseClick(kiosk_window.nav_bar.home_button, LEFT)
    assert nav.current_route is Route.HOME
    assert kiosk_window.nav_bar.end_button.isVisible()  # something was typed: Selesai shows
    qtbot.mouseClick(nav.screen(Route.HOME).job_search_tile, LEFT)
    search = nav.screen(Route.JOB_SEARCH)
    assert search.search_field.text() == "kasir"
    assert search.search_field.selectedText() == "kasir"  # as in a browser's address bar
    _type(qtbot, kiosk_window, "sopir")
    assert search.search_field.text() == "sopir"  # not "kasirsopir"
    assert kiosk_window.ctx.visit.search.text == "sopir"


def test_selesai_ends_the_visit_at_once_for_the_next_person(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    nav = kiosk_window.navigator
    qtbot.mouseClick(kiosk_window.top_bar.language_buttons["en"], LEFT)
    nav.go(Route.JOB_SEARCH)
    _type(qtbot, kiosk_window, "gudang")
    QApplication.clipboard().setText("gudang")
    bar = kiosk_window.nav_bar
    assert bar.end_button.isVisible() and bar.end_button.text() == "Done"
    qtbot.mouseClick(bar.end_button, LEFT)
    assert nav.current_route is Route.HOME
    assert kiosk_window.ctx.visit.search == Visit().search
    assert kiosk_window.ctx.visit.language == "id"
    assert bar.back_button.text() == "Kembali"
    assert not bar.end_button.isVisible()  # nothing to finish for the next person
    search = nav.screen(Route.JOB_SEARCH)
    assert search.search_field.text() == ""
    search.search_field.undo()
    assert search.search_field.text() == ""
    assert QApplication.clipboard().text() == ""


def test_an_import_by_another_process_refreshes_the_cards_on_screen(
    qtbot: QtBot, kiosk_window: MainWindow, settings, clock: FakeClock
) -> None:
    nav = kiosk_window.navigator
    nav.go(Route.JOB_SEARCH)
    search = nav.screen(Route.JOB_SEARCH)
    shown = {c.vacancy.id for c in search.cards()}
    assert shown
    # The import command, run by staff in another process while the kiosk runs: the first
    # real import replaces the demo catalog. That process judges closing dates by the real
    # date, and an import of closed vacancies only keeps the demo, so the posting is dated now.
    posting = json.loads((TESTS / "core" / "data" / "jobposting_single.json").read_text("utf-8"))
    now = date.today()
    posting.update(datePosted=now.isoformat(), validThrough=(now + timedelta(30)).isoformat())
    path = settings.data_dir.parent / "spg.json"
    path.write_text(json.dumps(posting), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "import-vacancies", "--data-dir", str(settings.data_dir),
         str(path)],
        capture_output=True, text=True, timeout=60, cwd=TESTS.parent,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    seen: list[Changes] = []
    kiosk_window.ctx.runner.on_changes(seen.append)
    poller = ChangePoller(kiosk_window.ctx.runner, interval_s=0.01, parent=kiosk_window)
    poller.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=3_000)
    poller.stop()
    assert seen[0].catalog
    titles = [c.vacancy.title for c in search.cards()]
    assert titles == ["Sales Promotion Girl (SPG)"]  # no deleted demo card stays on screen



@pytest.fixture
def guarded(
    make_kiosk_window: Callable[..., MainWindow],
) -> Iterator[tuple[MainWindow, FakeMonotonic]]:
    """The kiosk window with the input guard on a clock the test moves."""
    window = make_kiosk_window(idle_timeout_s=60, idle_warning_s=30)
    clock = FakeMonotonic()
    guard = InputGuard(window, clock=clock)
    guard.install()
    yield window, clock
    guard.uninstall()


def test_no_key_of_the_keyboard_is_dropped_while_other_things_appear(
    qtbot: QtBot, guarded: tuple[MainWindow, FakeMonotonic]
) -> None:
    window, clock = guarded
    window.navigator.go(Route.JOB_SEARCH)
    search = window.navigator.screen(Route.JOB_SEARCH)
    clock.now += 1.0  # the screen has been up a second: the resident starts typing
    for letter in "sopir":
        # Something else appears between two keys (results, a message, a new card) ...
        fresh = QWidget(search.results.viewport())
        fresh.show()
        clock.now += 0.12  # ... and the keys come quicker than a double tap
        qtbot.mouseClick(search.keyboard.key(letter), LEFT)
        fresh.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert search.search_field.text() == "sopir"


def test_keys_of_a_screen_that_just_appeared_wait_out_a_double_tap(
    qtbot: QtBot, guarded: tuple[MainWindow, FakeMonotonic]
) -> None:
    window, clock = guarded
    home = window.navigator.screen(Route.HOME)
    qtbot.mouseClick(home.job_search_tile, LEFT)
    search = window.navigator.screen(Route.JOB_SEARCH)
    clock.now += 0.1
    qtbot.mouseClick(search.keyboard.key("v"), LEFT)  # the tile's second tap
    qtbot.mouseClick(window.nav_bar.back_button, LEFT)  # and Back, right after the change
    assert search.search_field.text() == ""
    assert window.navigator.current_route is Route.JOB_SEARCH
    clock.now += 0.3
    qtbot.mouseClick(search.keyboard.key("v"), LEFT)
    assert search.search_field.text() == "v"
