"""The kiosk's voice in the window (issue 6): Qt glue around accessibility.speech.

`ScreenSpeech` is owned by the main window (`window.speech`). It never blocks the GUI thread:
the speaker's worker does the talking, `say` only hands text over. What it speaks:

- "Bacakan" (read this screen: `Screen.speak_summary()`, the screen's Narration) and
  "Ulangi" (the last utterance again), the two nav bar buttons on every screen;
- in assisted mode, each screen on entry and then each control as it gets focus (its
  accessible name), and each on-screen keyboard key;
- whatever the window asks (`speech_requested`: the idle countdown, switch access), or
  `say_countdown(text)` directly.

Personal data (ui.personal) is never read aloud unless the visit's private listening is on: a
personal field is read by its name only, and its keys echo as "angka"/"huruf". The language
is the visit's; pace and loudness are the visit's `Mode.speech_rate` / `speech_volume` times
the kiosk's settings, so they go back to the kiosk's own when the visit ends.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from accessibility.speech import Priority, SilentSpeaker, Speaker
from kiosk.i18n import _
from kiosk.session import Part
from ui.personal import is_personal
from ui.widgets.keyboard import OnScreenKeyboard

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RATE_STEPS = (0.6, 0.8, 1.0, 1.2, 1.4, 1.6)
VOLUME_STEPS = (0.2, 0.4, 0.6, 0.8, 1.0)
_ECHO_PROPERTY = "sikerSpeechEcho"


class ScreenSpeech(QObject):
    """Speech for one window; see the module docstring.

    Args:
        window: the main window (its navigator, bars, visit and `speech_requested`).
        speaker: the driver (accessibility.speech.create_speaker); None: a SilentSpeaker.
    """

    def __init__(self, window: MainWindow, speaker: Speaker | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.speaker = speaker if speaker is not None else SilentSpeaker()
        self._entering = False
        self._pending_focus: QWidget | None = None
        self._apply_voice()
        window.speech_requested.connect(self.say_countdown)
        window.navigator.route_changed.connect(self._on_route_changed)
        window.rebuilt.connect(self.connect_widgets)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        visit = window.ctx.visit
        self._unsubscribe = [visit.on_end(self._on_visit_ended),
                             visit.on_change(self._on_visit_changed)]
        self.connect_widgets()

    # -- what the resident asks for -----------------------------------------------------------

    def say(self, text: str, priority: Priority = Priority.INTERRUPT) -> None:
        self.speaker.say(text, self.window.ctx.visit.language, priority)

    @Slot()
    def read_screen(self) -> None:
        """"Bacakan": the current screen's narration."""
        screen = self.window.navigator.current_screen
        if screen is not None:
            self.say(screen.speak_summary())

    @Slot()
    def repeat(self) -> None:
        """"Ulangi": the last utterance again."""
        self.speaker.repeat()

    @Slot(str)
    def say_countdown(self, text: str) -> None:
        """The idle question's countdown (and anything else the window asks to say now)."""
        self.say(text)

    def set_rate(self, factor: float) -> None:
        """The resident's pace, one of RATE_STEPS times the kiosk's; kept in the visit."""
        self._set_mode(speech_rate=min(RATE_STEPS, key=lambda s: abs(s - factor)))

    def set_volume(self, factor: float) -> None:
        """The resident's loudness, one of VOLUME_STEPS; kept in the visit."""
        self._set_mode(speech_volume=min(VOLUME_STEPS, key=lambda s: abs(s - factor)))

    def warning(self) -> str | None:
        """For staff and the heartbeat's `speech_ok`: what is wrong with speech, or None."""
        return self.speaker.warning()

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self.speaker.close()

    # -- wiring -------------------------------------------------------------------------------

    @Slot()
    def connect_widgets(self) -> None:
        """Connect the nav bar's buttons and every keyboard (again after a rebuild)."""
        bar = self.window.nav_bar
        if not bar.property(_ECHO_PROPERTY):
            bar.setProperty(_ECHO_PROPERTY, True)
            bar.read_requested.connect(self.read_screen)
            bar.repeat_requested.connect(self.repeat)
        for keyboard in self.window.findChildren(OnScreenKeyboard):
            if not keyboard.property(_ECHO_PROPERTY):
                keyboard.setProperty(_ECHO_PROPERTY, True)
                keyboard.key_activated.connect(
                    lambda text, k=keyboard: self._on_key(k, text))

    @property
    def entering(self) -> bool:
        """True from a screen change until its narration was handed to the speaker."""
        return self._entering

    def _assisted(self) -> bool:
        return self.window.ctx.visit.mode.assisted

    def _private(self) -> bool:
        return self.window.ctx.visit.mode.private_listening

    def _on_key(self, keyboard: OnScreenKeyboard, text: str) -> None:
        if not self._assisted():
            return
        # A key is named "huruf A" / "angka 3"; in a personal field only its kind is said.
        last = text.split()[-1] if text.split() else ""
        if is_personal(keyboard.target()) and not self._private() and len(last) == 1 \
                and last.isalnum():
            text = _("digit") if last.isdigit() else _("letter")
        self.say(text)

    def focus_text(self, widget: QWidget) -> str:
        """What is said for `widget` on focus: its accessible name (a button's text when it
        has none), and a field's text unless the field is personal (private listening off)."""
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()
        if isinstance(widget, QLineEdit) and widget.text() and widget.echoMode() == \
                QLineEdit.EchoMode.Normal and (not is_personal(widget) or self._private()):
            name = f"{name}: {widget.text()}" if name else widget.text()
        return name

    @Slot(object)
    def _on_route_changed(self, _route: object) -> None:
        if not self._assisted():
            return
        self.connect_widgets()  # a screen built since (keys echo in assisted mode only)
        self._entering = True  # the focus the new screen takes is said after its narration
        QTimer.singleShot(0, self._read_entered_screen)

    def _read_entered_screen(self) -> None:
        self._entering = False
        self.read_screen()
        focused, self._pending_focus = self._pending_focus, None
        if focused is not None and focused.isVisible():
            self.say(self.focus_text(focused), Priority.APPEND)

    @Slot(object, object)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self._assisted() or new.window() is not self.window:
            return
        if self._entering:
            self._pending_focus = new
            return
        text = self.focus_text(new)
        if text:
            self.say(text)

    def _set_mode(self, **changes: float) -> None:
        visit = self.window.ctx.visit
        visit.mode = replace(visit.mode, **changes)  # type: ignore[arg-type]

    def _on_visit_changed(self, part: Part) -> None:
        if part is Part.MODE:
            self._apply_voice()

    def _on_visit_ended(self) -> None:
        self.speaker.forget()  # stop at once; "Ulangi" must not replay the last resident's
        self._apply_voice()

    def _apply_voice(self) -> None:
        settings, mode = self.window.ctx.settings, self.window.ctx.visit.mode
        self.speaker.rate_wpm = round(settings.speech_rate_wpm * mode.speech_rate)
        self.speaker.volume = settings.speech_volume * mode.speech_volume
