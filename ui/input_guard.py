"""Application-wide input rules of a public touch kiosk.

- A tap on something that appeared under the finger a moment ago is ignored: a double tap must
  not press the button that replaced the one tapped first (a filter option, a key of a screen
  just opened, the card under "Lanjutkan"). Right after a screen or page changes, the buttons
  around it (the bars) also wait a moment: a double tap on "Kembali" goes back once. Anything
  else that was already on screen always takes the tap, so typing on the on-screen keyboard
  never loses a key, whatever else changes meanwhile.
- Enter or Return presses the focused button, as Space does (ACCESSIBILITY.md: every action
  works with Tab, Shift+Tab, Enter, Space and arrows).
- While the idle warning shows, the keyboard belongs to it: Enter, Space or Escape continue the
  session, and no key reaches the screen dimmed behind it.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QWidget

from ui.app_filter import ApplicationFilter

# How long taps are ignored on what has just appeared. Double taps come 100 to 300 ms apart; a
# deliberate tap on something new takes longer to aim. The kiosk's own convention.
TAP_HOLD_S = 0.3

_PRESSES = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin,
})
_CONTINUE_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
                            Qt.Key.Key_Escape})
_SHOWN_AT = "_siker_shown_at"  # a dynamic property: when the widget last became visible


class InputGuard(ApplicationFilter):
    """Installs the three rules above on the running QApplication.

    Args:
        window: has `idle_overlay` (with a `continue_button`); read at each event, since the
            window rebuilds its overlay for a new look.
        hold_s: seconds during which a widget that just appeared ignores taps (0: rule off).
        clock: monotonic seconds (time.monotonic); tests pass a fake one.

    A widget "appears" when it, or any widget it sits in, gets a Show event (a new screen, a
    panel, a page). When a page of a QStackedWidget appears (a screen, a filter panel), taps
    outside that page are held too. When the idle overlay goes, everything under it reappears.
    """

    def __init__(
        self,
        window: QWidget,
        hold_s: float = TAP_HOLD_S,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._hold_s = hold_s
        self._clock = clock
        self._revealed_at = float("-inf")  # when the idle overlay last went away
        self._page: QWidget | None = None  # the page of a stack that appeared last
        self._page_at = float("-inf")

    @property
    def _overlay(self) -> QWidget:
        return self._window.idle_overlay  # type: ignore[attr-defined]

    def hold(self) -> None:
        """Ignore every tap for the next `hold_s` seconds (as when the overlay goes)."""
        self._revealed_at = self._clock()

    def holding(self) -> bool:
        """True while every tap is ignored."""
        return self._recent(self._revealed_at)

    def ignores(self, widget: QWidget) -> bool:
        """True if a tap on `widget` now would be ignored: it, or a widget it sits in,
        appeared less than `hold_s` ago."""
        if self.holding():
            return True
        page = self._page
        if self._recent(self._page_at) and page is not None and not _inside(widget, page):
            return True
        current: QWidget | None = widget
        while current is not None:
            shown_at = current.property(_SHOWN_AT)
            if isinstance(shown_at, float) and self._recent(shown_at):
                return True
            current = current.parentWidget()
        return False

    def _recent(self, moment: float) -> bool:
        return self._hold_s > 0 and self._clock() - moment < self._hold_s

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            now = self._clock()
            watched.setProperty(_SHOWN_AT, now)
            if isinstance(watched.parentWidget(), QStackedWidget):
                self._page, self._page_at = watched, now
            return False
        if kind == QEvent.Type.Hide and watched is self._overlay:
            self.hold()
            return False
        if kind in _PRESSES and isinstance(watched, QWidget):
            return self.ignores(watched)
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(watched, event)
        return False

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        overlay = self._overlay
        if overlay.isVisible():
            if event.key() in _CONTINUE_KEYS:
                overlay.continue_button.click()  # type: ignore[attr-defined]
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


def _inside(widget: QWidget, page: QWidget) -> bool:
    return widget is page or page.isAncestorOf(widget)
