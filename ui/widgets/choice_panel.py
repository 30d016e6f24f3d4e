"""A page of big option buttons for one filter: "Semua" plus each option, the chosen one ticked.

Used instead of a drop-down list: a QComboBox pops up a small list that is hard to hit, scroll and
read on a touch screen, and screen readers handle Qt item views poorly (ACCESSIBILITY.md).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _
from ui.accessible import mark_radio
from ui.theme import Theme, set_role
from ui.widgets.icon_button import flat_icon
from ui.widgets.paging import PagedArea
from ui.widgets.scrolling import vertical_scroll_area

_STEPS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
Label = Callable[[], str]  # returns the text in the current language, so retranslate can re-ask


class OptionButton(QPushButton):
    """A checkable option: an empty ring when not chosen, a ticked ring and "(dipilih)" when chosen.

    The mark is a shape and a word, not a colour (WCAG 1.4.1); the icon is redrawn in the text
    colour of each state so it keeps the text's contrast on the focus fill too (WCAG 1.4.11).
    """

    def __init__(self, theme: Theme, value: Any, label: Label, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("OptionButton")
        self.value = value
        self._label = label
        self._theme = theme
        self._drawn: tuple[bool, str] | None = None
        self.setCheckable(True)
        self.setAutoDefault(True)  # Enter activates, as Space does
        self.setMinimumHeight(theme.target_px)
        mark_radio(self)  # "radio button, 3 of 17, selected" (ui.accessible)
        icon_px = theme.px(8)
        self.setIconSize(QSize(icon_px, icon_px))
        self.toggled.connect(self._refresh)
        self.pressed.connect(self._refresh)
        self.released.connect(self._refresh)
        self.retranslate()

    def label(self) -> str:
        return self._label()

    def retranslate(self) -> None:
        label = self._label()
        text = _("{label} (chosen)").format(label=label) if self.isChecked() else label
        self.setText("  " + text)  # a little air between the ring and the word
        # As tall as its words at any text size (at 200 % a line is taller than 20 mm): a
        # fixed minimum would let a short scroll area squeeze the grid's rows below the words.
        self.ensurePolished()
        self.setMinimumHeight(max(self._theme.target_px, super().sizeHint().height()))
        self.setAccessibleName(label)
        self.setAccessibleDescription(_("Chosen") if self.isChecked() else "")
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        state = (self.isChecked(), self._theme.button_text_colour(self))
        if state == self._drawn:
            return
        self._drawn = state
        name = "choice-on" if state[0] else "choice-off"
        self.setIcon(flat_icon(name, state[1], self.iconSize().width()))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._refresh()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._refresh()


class ChoicePanel(QWidget):
    """A full page inside the window listing one filter's options as a grid of big buttons.

    `open()` fills it; choosing an option emits `chosen(value)` (None for "Semua"), and "Tutup"
    or Escape emits `closed()` without a change. The owner shows and hides the page (for
    example in a QStackedWidget); focus lands on the chosen option when the page is shown.
    Arrows move between options in reading order, Enter or Space chooses (ACCESSIBILITY.md).
    """

    chosen = Signal(object)
    closed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChoicePanel")
        self._theme = theme
        self._title: Label = lambda: ""
        self._columns = self._max_columns = 3
        self._buttons: list[OptionButton] = []
        self.title_label = QLabel(self)
        set_role(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(True)
        self.close_button.setMinimumWidth(theme.px(40))
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self._grid_host = QWidget()
        host = QVBoxLayout(self._grid_host)
        host.setContentsMargins(0, 0, 0, 0)
        host.setSpacing(theme.gap_px)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.gap_px)
        self._scroll = vertical_scroll_area(self._grid_host, self)
        # One group of radio buttons: one choice at a time, arrows move inside it (keyPress).
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.pager = PagedArea(self._scroll, theme, self)
        # The title and "Tutup" scroll with the options: at 200 % text on a landscape panel
        # the bars leave some 70 mm, too little for a fixed heading above a list (Back and
        # Escape close the panel too).
        head = QHBoxLayout()
        head.setSpacing(theme.gap_px)
        head.addWidget(self.title_label, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        host.addLayout(head)
        host.addLayout(self._grid)
        host.addStretch(1)
        layout = QVBoxLayout(self)
        m = theme.margin_px
        layout.setContentsMargins(m, theme.px(3), m, theme.px(3))
        layout.setSpacing(theme.gap_px)
        layout.addWidget(self.pager, 1)
        self.retranslate()

    def open(
        self,
        title: Label,
        options: Sequence[tuple[Any, Label]],
        current: Any,
        columns: int = 3,
    ) -> None:
        """Show `options` as (value, label) pairs after a first "Semua" (value None).

        `current` is the value chosen now (None for all); its button starts ticked and focused.
        """
        self._title = title
        self._max_columns = self._columns = max(1, columns)
        self._remove_options()
        everything: list[tuple[Any, Label]] = [(None, lambda: _("All"))]
        everything += list(options)
        for index, (value, label) in enumerate(everything):
            button = OptionButton(self._theme, value, label, self._grid_host)
            button.setChecked(value == current)
            button.clicked.connect(self._on_option_clicked)
            button.installEventFilter(self)
            self._group.addButton(button)
            self._grid.addWidget(button, index // self._columns, index % self._columns)
            self._buttons.append(button)
        previous: QWidget = self.close_button
        for button in self._buttons:  # reading order: Tutup, then the grid row by row
            QWidget.setTabOrder(previous, button)
            previous = button
        self._scroll.verticalScrollBar().setValue(0)
        self.retranslate()
        self._fit_columns(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_columns(event.size().width())

    def _fit_columns(self, width: int) -> None:
        """As many columns (up to the filter's own number) as fit `width` px with every
        option's words on one line: fewer at 200 % text or on a portrait panel (WCAG 1.4.10).
        Arrows keep moving in reading order (`_step` counts the columns shown)."""
        if not self._buttons:
            return
        theme = self._theme
        gap = theme.gap_px
        room = (width - 2 * theme.margin_px - max(theme.target_px, theme.px(15)) - 2 * gap
                - theme.px(7))  # the page buttons, and a scroll bar's room
        need = max(b.sizeHint().width() for b in self._buttons)
        columns = max(1, min(self._max_columns, (room + gap) // (need + gap)))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self._buttons):
            self._grid.addWidget(button, index // columns, index % columns)

    def clear(self) -> None:
        """Forget the options and the choice shown last (between residents)."""
        self._title = lambda: ""
        self._remove_options()
        self.title_label.setText("")

    def _remove_options(self) -> None:
        for button in self._buttons:
            # Gone at once, not at the next event-loop turn: a second tap that is already
            # queued must not land on the previous filter's options.
            button.clicked.disconnect(self._on_option_clicked)
            self._group.removeButton(button)
            button.hide()
            self._grid.removeWidget(button)
            button.deleteLater()
        self._buttons = []

    def option_buttons(self) -> list[OptionButton]:
        """The option buttons in reading order, "Semua" first."""
        return list(self._buttons)

    def option_button(self, value: Any) -> OptionButton:
        """The button of `value` (None for "Semua"). Raises KeyError when no option has it."""
        for button in self._buttons:
            if button.value == value:
                return button
        raise KeyError(value)

    def current_button(self) -> OptionButton | None:
        return next((b for b in self._buttons if b.isChecked()), None)

    def retranslate(self) -> None:
        self.title_label.setText(self._title())
        self.close_button.setText(_("Close"))
        self.pager.retranslate()
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setAccessibleDescription(_("Go back without changing the choice"))
        for button in self._buttons:
            button.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        target = self.current_button() or self.close_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        elif event.key() in _STEPS:
            self._step(self.focusWidget(), event.key())
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The arrows move between the options before a button's own handling would move
        # focus out of the panel (to the bars) or choose the next option on the way.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _STEPS and isinstance(watched, QWidget)):
            self._step(watched, event.key())
            return True
        return super().eventFilter(watched, event)

    def _step(self, origin: QWidget | None, key: int) -> None:
        """Move focus by one option (Left/Right) or one row (Up/Down) in the grid, stopping at
        its ends: the arrows never leave the open panel (issue 6)."""
        buttons = self._buttons
        if not buttons:
            return
        if origin not in buttons:
            target = self.current_button() or buttons[0]
        else:
            index = buttons.index(origin)
            rows = key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            step = _STEPS[Qt.Key(key)] * (self._columns if rows else 1)
            target = buttons[min(max(index + step, 0), len(buttons) - 1)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self._scroll.ensureWidgetVisible(target)

    @Slot()
    def _on_option_clicked(self) -> None:
        clicked = self.sender()
        if not isinstance(clicked, OptionButton):
            return
        for button in self._buttons:
            button.setChecked(button is clicked)
            button.retranslate()
        self.chosen.emit(clicked.value)

    @Slot()
    def _on_close_button_clicked(self) -> None:
        self.closed.emit()
