"""The "Masih di sini?" question: a full-window modal dialog with a spoken 30 s countdown and
one big "Lanjutkan" (WCAG 2.2.1 Timing Adjustable; ACCESSIBILITY.md: 90 s, 180 s in assisted
mode, then 30 s, at least 10 extensions).

Shown by the main window while ui.idle.IdleWatcher counts down. What lies behind it is neither
readable nor reachable (ui.widgets.modal_sheet).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from accessibility.narration import Narration
from kiosk.i18n import _, ngettext
from ui.theme import Theme, set_role
from ui.voice import announce
from ui.widgets.modal_sheet import ModalSheet

# The seconds left at which the countdown is spoken: often enough to follow, rarely enough
# that the voice does not drown the resident's own thinking; every second at the end.
SPOKEN_AT = frozenset({30, 20, 10, 5, 4, 3, 2, 1})


class IdleOverlay(ModalSheet):
    """`continue_requested` is emitted by "Lanjutkan"; `speech_requested(text)` asks the
    kiosk's speech to say the question and the seconds left (see SPOKEN_AT), always, not only
    in assisted mode: a resident who cannot see the screen must hear that time runs out."""

    continue_requested = Signal()
    speech_requested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        # Wider with larger text, so the question stays on one line and "Lanjutkan" on the
        # panel (the sheet caps it to the window's width).
        super().__init__(theme, parent, card_width_mm=230.0 * max(1.0, theme.text_scale))
        self.setObjectName("IdleOverlay")
        self._seconds = 0
        self._spoken: int | None = None
        self.heading = QLabel(self.card)
        set_role(self.heading, "title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.countdown = QLabel(self.card)
        self.countdown.setWordWrap(True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = QPushButton(self.card)
        set_role(self.continue_button, "primary")
        self.continue_button.setMinimumSize(
            min(theme.px(120), self.text_width), max(theme.px(25), theme.target_px))
        self.continue_button.setFont(theme.font("heading"))
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.continue_requested)
        self.card_layout.addWidget(self.heading)
        self.card_layout.addWidget(self.countdown)
        self.card_layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hide()
        self.retranslate()

    def show_countdown(self, seconds_left: int) -> None:
        """Show (if hidden) with `seconds_left` whole seconds on the clock, and say it when it
        is one of the SPOKEN_AT seconds (the first time it shows, always)."""
        first = not self.isVisible()
        self._seconds = seconds_left
        self._update_countdown()
        if first:
            self._spoken = None
            self.open_sheet()
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if first or (seconds_left in SPOKEN_AT and seconds_left != self._spoken):
            self._spoken = seconds_left
            text = self.speak_summary() if first else self.countdown.text()
            self.speech_requested.emit(text)
            announce(self.countdown, text, assertive=seconds_left <= 5)

    def _fit(self) -> None:
        super()._fit()
        if hasattr(self, "countdown"):  # the card's width is known now: wrap to it
            self._update_countdown()

    def retranslate(self) -> None:
        self.heading.setText(_("Are you still there?"))
        self.continue_button.setText(_("Continue"))
        self.continue_button.setAccessibleName(_("Continue"))
        self.continue_button.setAccessibleDescription(
            _("Keep using the kiosk. Otherwise it starts over for the next person.")
        )
        self.setAccessibleName(_("Are you still there?"))
        self.setWindowTitle(_("Are you still there?"))
        self._update_countdown()

    def narration(self) -> Narration:
        """The question, the seconds left and what "Lanjutkan" does (accessibility.narration)."""
        return Narration(self.heading.text(), self.countdown.text(),
                         (self.continue_button.text(),))

    def speak_summary(self) -> str:
        return f"{self.heading.text()} {self.countdown.text()}"

    def _update_countdown(self) -> None:
        text = ngettext(
            "Tap Continue within {seconds} second to keep your search.",
            "Tap Continue within {seconds} seconds to keep your search.",
            self._seconds,
        ).format(seconds=self._seconds)
        self.countdown.setText(text)
        self.countdown.setAccessibleName(text)
        # A centred card takes its size hint, which ignores wrapping: reserve every line's
        # height, measured with the label's own font at the card's width.
        for label in (self.heading, self.countdown):
            metrics = label.fontMetrics()
            flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
            need = metrics.boundingRect(QRect(0, 0, self.text_width, 1 << 20), flags,
                                        label.text()).height()
            label.setMinimumHeight(need)
