"""The kiosk's voice in the window (ui/speech.py): "Bacakan" and "Ulangi" on every screen,
the visit's language, assisted-mode narration and focus, key echo, personal fields never read
aloud, and the resident's pace and loudness reset when the visit ends. The speaker is the
SilentSpeaker, which records what it was asked to say (the audio device is an edge)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from accessibility.speech import SilentSpeaker
from kiosk.session import Mode
from ui.main_window import MainWindow
from ui.personal import mark_personal
from ui.screens.base import Route
from ui.widgets.keyboard import OnScreenKeyboard


def said(window: MainWindow) -> list[str]:
    speaker = window.speech.speaker
    assert isinstance(speaker, SilentSpeaker)
    return [u.text for u in speaker.said]


def go_assisted(qtbot: QtBot, window: MainWindow, **mode: bool) -> None:
    with qtbot.waitSignal(window.rebuilt, timeout=5000):
        window.ctx.visit.mode = Mode(assisted=True, text_scale=2.0, **mode)
    window.activateWindow()  # focus changes reach QApplication.focusChanged
    qtbot.waitActive(window)


def test_read_aloud_and_repeat_on_every_screen_in_the_visits_language(
        qtbot: QtBot, kiosk_window: MainWindow) -> None:
    bar = kiosk_window.nav_bar
    for route in (Route.HOME, Route.JOB_SEARCH):
        kiosk_window.navigator.go(route)
        assert bar.read_button.isVisible() and bar.repeat_button.isVisible()
        qtbot.mouseClick(bar.read_button, Qt.MouseButton.LeftButton)
        screen = kiosk_window.navigator.current_screen
        assert screen is not None
        assert said(kiosk_window)[-1] == " ".join(screen.speak_summary().split())
        qtbot.mouseClick(bar.repeat_button, Qt.MouseButton.LeftButton)
        assert said(kiosk_window)[-1] == said(kiosk_window)[-2]
    speaker = kiosk_window.speech.speaker
    assert isinstance(speaker, SilentSpeaker) and speaker.said[-1].lang == "id"
    kiosk_window.ctx.visit.language = "en"
    qtbot.mouseClick(bar.read_button, Qt.MouseButton.LeftButton)
    assert speaker.said[-1].lang == "en" and speaker.said[-1].text.startswith("Find a job")


def test_the_home_narration_names_the_services(kiosk_window: MainWindow) -> None:
    home = kiosk_window.navigator.current_screen
    assert home is not None
    narration = home.narration()
    assert narration.title and narration.instruction and narration.error is None
    assert narration.items[:2] == ("Cari Lowongan", "Daftar Kartu Kuning (AK1)") or all(
        narration.items[:2])


def test_the_window_s_speech_requests_are_spoken(kiosk_window: MainWindow) -> None:
    kiosk_window.speech_requested.emit("Masih di sini? 30 detik lagi.")
    assert said(kiosk_window)[-1] == "Masih di sini? 30 detik lagi."
    kiosk_window.speech.say_countdown("10 detik")
    assert said(kiosk_window)[-1] == "10 detik"


def test_assisted_mode_reads_each_screen_on_entry_and_each_control_on_focus(
        qtbot: QtBot, kiosk_window: MainWindow) -> None:
    go_assisted(qtbot, kiosk_window)
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.current_screen
    assert screen is not None
    qtbot.waitUntil(lambda: any(t.startswith(screen.title() + ". ") for t in said(kiosk_window)),
                    timeout=3000)
    button = kiosk_window.nav_bar.home_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert said(kiosk_window)[-1] == button.accessibleName() == "Beranda"


def test_a_personal_field_is_read_by_its_name_only_unless_private_listening(
        qtbot: QtBot, kiosk_window: MainWindow) -> None:
    go_assisted(qtbot, kiosk_window)
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    qtbot.waitUntil(lambda: not kiosk_window.speech.entering, timeout=3000)
    screen = kiosk_window.navigator.current_screen
    assert screen is not None
    field = QLineEdit(screen)
    field.setAccessibleName("NIK")
    field.setText("3374010101900001")
    mark_personal(field)
    field.show()
    field.setFocus(Qt.FocusReason.TabFocusReason)
    assert said(kiosk_window)[-1] == "NIK"
    keyboard = screen.findChild(OnScreenKeyboard)
    assert keyboard is not None
    keyboard.set_target(field)
    qtbot.mouseClick(keyboard.key("A"), Qt.MouseButton.LeftButton)
    assert said(kiosk_window)[-1] == "huruf"
    assert not any("3374" in text or text == "A" for text in said(kiosk_window))
    kiosk_window.ctx.visit.mode = Mode(assisted=True, text_scale=2.0, private_listening=True)
    assert kiosk_window.speech.focus_text(field) == f"NIK: {field.text()}"


def test_keys_echo_in_assisted_mode(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    go_assisted(qtbot, kiosk_window)
    kiosk_window.navigator.go(Route.JOB_SEARCH)
    screen = kiosk_window.navigator.current_screen
    keyboard = screen.findChild(OnScreenKeyboard) if screen is not None else None
    assert keyboard is not None
    qtbot.mouseClick(keyboard.key("S"), Qt.MouseButton.LeftButton)
    assert said(kiosk_window)[-1] == keyboard.key("S").accessibleName()


def test_pace_and_loudness_are_the_visits_and_reset_when_it_ends(
        kiosk_window: MainWindow) -> None:
    speech, speaker = kiosk_window.speech, kiosk_window.speech.speaker
    settings = kiosk_window.ctx.settings
    assert speaker.rate_wpm == round(settings.speech_rate_wpm)
    speech.set_rate(1.4)
    speech.set_volume(0.4)
    assert kiosk_window.ctx.visit.mode.speech_rate == 1.4
    assert (speaker.rate_wpm, speaker.volume) == (round(settings.speech_rate_wpm * 1.4), 0.4)
    speech.say("Nomor HP saya")
    kiosk_window.ctx.visit.end()
    assert (speaker.rate_wpm, speaker.volume) == (round(settings.speech_rate_wpm), 1.0)
    assert speaker.last_text is None and speaker.repeat() is None  # nothing of theirs left


def test_the_resident_sets_pace_and_loudness_in_the_look_panel(
        qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.open_look_panel()
    panel = kiosk_window.look_panel
    qtbot.mouseClick(panel.pace_buttons[0.8], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.loudness_buttons[0.4], Qt.MouseButton.LeftButton)
    mode = kiosk_window.ctx.visit.mode
    assert (mode.speech_rate, mode.speech_volume) == (0.8, 0.4)
    speaker, settings = kiosk_window.speech.speaker, kiosk_window.ctx.settings
    assert speaker.rate_wpm == round(settings.speech_rate_wpm * 0.8) and speaker.volume == 0.4
    qtbot.mouseClick(panel.size_buttons[1.5], Qt.MouseButton.LeftButton)  # the voice stays
    assert kiosk_window.ctx.visit.mode.speech_rate == 0.8
