"""Application-wide input rules of a public touch kiosk.

- A tap that arrives just after the screen changed is ignored: a double tap must not press the
  button that appears under the finger (a filter option, a key, the card under "Lanjutkan").
- Enter or Return presses the focused button, as Space does (ACCESSIBILITY.md: every action
  works with Tab, Shift+Tab, Enter, Space and arrows).
- While the idle warning shows, the keyboard belongs to it: Enter, Space or Escape continue the
  session, and no key reaches the screen dimmed behind it.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton, QStackedWidget, QWidget

from ui.app_filter import ApplicationFilter

# How long taps are ignored after a screen, panel or overlay appears or goes. Double taps come
# 100 to 300 ms apart; a deliberate next tap takes longer to aim. The kiosk's own convention.
TAP_HOLD_S = 0.3

_PRESSES = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin,
})
_CONTINUE_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
                            Qt.Key.Key_Escape})


class InputGuard(ApplicationFilter):
    """Installs the three rules above on the running QApplication.

    Args:
        overlay: the idle warning; it must have a `continue_button`.
        hold_s: seconds of ignored taps after a change (0 turns that rule off).
    """

    def __init__(self, overlay: QWidget, hold_s: float = TAP_HOLD_S,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._overlay = overlay
        self._continue: QPushButton = overlay.continue_button  # type: ignore[attr-defined]
        self._hold_ms = round(hold_s * 1000)
        self._since_change = QElapsedTimer()

    def hold(self) -> None:
        """Ignore taps for the next `hold_s` seconds."""
        self._since_change.start()

    def holding(self) -> bool:
        return self._since_change.isValid() and self._since_change.elapsed() < self._hold_ms

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and self._is_a_change(watched):
            self.hold()
            return False
        if kind in _PRESSES:
            return self.holding()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(watched, event)
        return False

    def _is_a_change(self, watched: QObject) -> bool:
        if watched is self._overlay:
            return True
        return isinstance(watched, QWidget) and isinstance(watched.parentWidget(), QStackedWidget)

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if self._overlay.isVisible():
            if event.key() in _CONTINUE_KEYS:
                self._continue.click()
            return True  # nothing behind the warning reacts to keys
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QAbstractButton)
            and watched.hasFocus()
            and watched.isEnabled()
            and not event.isAutoRepeat()
        ):
            watched.click()
            return True
        return False
