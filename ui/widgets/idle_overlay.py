"""The "Masih di sini?" warning: a dimmed layer over the whole window with one big button.

Shown by the main window while ui.navigator.IdleWatcher counts down (WCAG 2.2.1).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from ui.theme import Theme, set_role


class IdleOverlay(QWidget):
    """Covers its parent while visible; `continue_requested` is emitted by "Lanjutkan"."""

    continue_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_role(self, "scrim")
        self._seconds = 0
        self._card = QFrame(self)
        set_role(self._card, "card")
        self._card.setFixedWidth(theme.px(230))  # a fixed width lets wrapped text find its height
        self.heading = QLabel(self._card)
        set_role(self.heading, "title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(self._card)
        self.countdown.setWordWrap(True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = QPushButton(self._card)
        set_role(self.continue_button, "primary")
        self.continue_button.setMinimumSize(theme.px(120), theme.px(25))
        self.continue_button.setFont(theme.font("heading"))
        self.continue_button.clicked.connect(self.continue_requested)

        card_layout = QVBoxLayout(self._card)
        m = theme.px(10)
        self._text_width = theme.px(230) - 2 * m - 4  # the card's width less margins and border
        card_layout.setContentsMargins(m, m, m, m)
        card_layout.setSpacing(theme.px(8))
        card_layout.addWidget(self.heading)
        card_layout.addWidget(self.countdown)
        card_layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self._card, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)

        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()
        self.retranslate()

    def show_countdown(self, seconds_left: int) -> None:
        """Show (if hidden) with `seconds_left` whole seconds on the clock."""
        self._seconds = seconds_left
        self._update_countdown()
        if not self.isVisible():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
            self.raise_()
            self.show()
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.heading.setText(_("Are you still there?"))
        self.continue_button.setText(_("Continue"))
        self.continue_button.setAccessibleName(_("Continue"))
        self.continue_button.setAccessibleDescription(
            _("Keep using the kiosk. Otherwise it starts over for the next person.")
        )
        self.setAccessibleName(_("Are you still there?"))
        self._update_countdown()

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
        # A centred card takes its size hint, which ignores wrapping: reserve every line's height.
        self.countdown.setMinimumHeight(self.countdown.heightForWidth(self._text_width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False
