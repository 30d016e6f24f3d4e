"""A full-window question or panel as a real modal dialog: what lies behind it can be neither
read, tapped nor reached by Tab until it closes (ACCESSIBILITY.md; issue 6: the idle warning
as a modal dialog).

The sheet is an opaque, frameless QDialog laid exactly over its window, with one centred card
that holds the content. Opaque on purpose: a translucent top-level needs a compositor, which a
kiosk without a window manager lacks, and a resident must not read the screen behind anyway.
Qt's application modality keeps every event and the focus inside the sheet; screen readers
see a dialog (AT-SPI role "dialog"); `QApplication.activeModalWidget()` returns it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QVBoxLayout, QWidget

from ui.theme import Theme, set_role
from ui.widgets.scrolling import vertical_scroll_area


class ModalSheet(QDialog):
    """Covers `parent.window()` while shown; subclasses fill `card_layout`.

    Args:
        card_width_mm: the card's fixed width (a fixed width lets wrapped text find its
            height); shrunk to the window's width less its margins on a narrow panel.
    """

    def __init__(self, theme: Theme, parent: QWidget, card_width_mm: float = 230.0) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_role(self, "sheet")
        self._theme = theme
        self._card_width = theme.px(card_width_mm)
        self.card = QFrame(self)
        set_role(self.card, "card")
        self.card_layout = QVBoxLayout(self.card)
        m = theme.px(10)
        self.card_layout.setContentsMargins(m, m, m, m)
        self.card_layout.setSpacing(theme.px(8))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(theme.margin_px, theme.margin_px, theme.margin_px,
                                 theme.margin_px)
        # A card taller than the panel (the look panel at 200 %) scrolls up and down, never
        # sideways; a short one sits centred.
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addStretch(1)
        column.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        outer.addWidget(vertical_scroll_area(holder, self), 1)
        self._window = parent.window()
        self._window.installEventFilter(self)
        self._return_to: QWidget | None = None
        self._fit()

    @property
    def text_width(self) -> int:
        """The width, in pixels, that wrapped text inside the card has."""
        m = self.card_layout.contentsMargins()
        return self.card.width() - m.left() - m.right() - 4  # less the 2 px border each side

    def open_sheet(self) -> None:
        """Show over the whole window (if hidden) and active (a new top-level window shows in
        front; raise_() is not needed and not supported offscreen)."""
        if self.isVisible():
            return
        self._return_to = QApplication.focusWidget()
        self._fit()
        self.show()
        self.activateWindow()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Focus goes back where it was before the sheet opened ("Lanjutkan": the resident
        carries on at the same control; issue 6), if that control is still there."""
        super().hideEvent(event)
        target, self._return_to = self._return_to, None
        self._window.activateWindow()
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        geometry = self._window.geometry()
        self.setGeometry(geometry)
        room = geometry.width() - 2 * self._theme.margin_px
        width = max(self._theme.px(60), min(self._card_width, room))
        if width != self.card.width() or not self.card.testAttribute(
                Qt.WidgetAttribute.WA_Resized):
            self.card.setFixedWidth(width)
            self.card_width_changed()

    def card_width_changed(self) -> None:
        """Called when the card takes a new width (the window was resized): a subclass whose
        wrapped labels have heights fixed for a width sets them again here."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Escape must not close the sheet behind its owner's back (QDialog's default does);
        # the owner decides what Escape means (the input guard: "Lanjutkan").
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._fit()
        return False
