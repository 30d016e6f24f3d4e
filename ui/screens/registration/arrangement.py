"""Where a registration step puts its on-screen keyboard, from the room the screen has in true
millimetres (WCAG 1.4.10 Reflow; issue 6 item 3), chosen again on every resize and new look:

- BESIDE: beside the fields, while they keep the width they need (100 % text);
- UNDER: under the fields;
- ONE_COLUMN: where even that lacks the height (200 % text, assisted mode, a small panel),
  the step scrolls as one column and the keyboard rides in it right under the field being
  typed in; the title stays above the column while it is short.

Either of the first two may let the instruction scroll with the fields when that makes it fit.
Keys keep their size, nothing overlaps or is cut, and the screen never pushes the window (and
every other screen in the stack) past the panel. Mixed into StepScreen (frame.py), whose
widgets it moves.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from ui.screens.base import Screen as _Base
else:
    _Base = object

BESIDE, UNDER, ONE_COLUMN = "beside", "under", "one-column"


class KeyboardArrangement(_Base):
    """The arranging part of StepScreen (see the module docstring)."""

    uses_keyboard: ClassVar[bool]
    head: QWidget
    middle: QBoxLayout
    body: QVBoxLayout
    body_scroll: QScrollArea
    keyboards: QStackedWidget
    letters: OnScreenKeyboard
    number_pad: OnScreenKeyboard
    instruction_label: WrappingLabel
    summary_label: WrappingLabel
    next_button: QPushButton
    _outer: QVBoxLayout
    _large: bool
    _fields: list[QWidget]
    _keyboard_wanted: bool
    _arrangement: str
    _instruction_inside: bool
    _head_in_column: bool

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Less than the fields and keyboard side by side need: with less room the screen
        # arranges them as one scrolling column (_rearrange) instead of pushing the window,
        # and with it every other screen in the stack, past the panel.
        theme = self.ctx.theme
        m = self._outer.contentsMargins()
        return QSize(self.next_button.minimumSizeHint().width() + m.left() + m.right(),
                     self.next_button.sizeHint().height() + theme.target_px + m.top()
                     + m.bottom() + self._outer.spacing())

    def arrangement(self) -> str:
        """BESIDE, UNDER or ONE_COLUMN: where the keyboard is now."""
        return self._arrangement

    def _keyboard_size(self) -> QSize:
        if not self.uses_keyboard:
            return QSize(0, 0)
        return self.letters.sizeHint().expandedTo(self.number_pad.sizeHint())

    def _choose(self, width: int, height: int) -> tuple[str, bool]:
        """Where the keyboard goes, and whether the instruction scrolls with the fields: the
        first of beside, under (each with the instruction above the column, then in it) and
        one column that fits `width` x `height` px."""
        theme = self.ctx.theme
        m = self._outer.contentsMargins()
        inner = width - m.left() - m.right()
        spacing = self._outer.spacing()
        head = self.head.layout().totalHeightForWidth(inner)  # type: ignore[union-attr]
        instruction = self.instruction_label.heightForWidth(inner) + spacing
        summary = (self.summary_label.heightForWidth(inner) + spacing
                   if not self.summary_label.isHidden() else 0)
        foot = self.next_button.sizeHint().height()
        fixed = m.top() + m.bottom() + head + summary + foot + 2 * spacing
        body = 2 * theme.target_px
        keyboard = self._keyboard_size()
        fields = max((w.minimumSizeHint().width() for w in self._fields), default=0)
        fields += theme.px(6) + theme.gap_px  # the scroll bar and the body's right margin
        middle = self.middle.spacing()
        beside = (not self._large and self.uses_keyboard
                  and inner - keyboard.width() - middle >= fields)
        under = keyboard.height() + (middle if keyboard.height() else 0) + body
        # Large text: the instruction always scrolls with the fields.
        for inside in ((True,) if self._large else (False, True)):
            room = height - fixed - (0 if inside else instruction)
            if beside and room >= max(keyboard.height(), body):
                return BESIDE, inside
            if not beside and room >= under:
                return UNDER, inside
        for inside in ((True,) if self._large else (False, True)):
            if height - fixed - (0 if inside else instruction) >= under:
                return UNDER, inside
        return ONE_COLUMN, True

    def _rearrange(self) -> None:
        if self.width() <= 0 or self.height() <= 0:
            return
        wanted, inside = self._choose(self.width(), self.height())
        if (wanted, inside) == (self._arrangement, self._instruction_inside):
            if wanted == ONE_COLUMN:
                self._ride_keyboard()
            return
        was = self._arrangement
        self._arrangement = wanted
        if was == ONE_COLUMN:  # the title and keyboard leave the column
            self.body.removeWidget(self.keyboards)
            if self._head_in_column:
                self.body.removeWidget(self.head)
                self._outer.insertWidget(0, self.head)
            self._head_in_column = False
            self.middle.addWidget(self.keyboards, 0, Qt.AlignmentFlag.AlignTop)
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if wanted == BESIDE
                                 else QBoxLayout.Direction.TopToBottom)
        # One column: the column may be as short as one target (the bars leave little).
        theme = self.ctx.theme
        self.body_scroll.setMinimumHeight(
            theme.target_px if wanted == ONE_COLUMN else 2 * theme.target_px if self._large
            else 0)
        self._place_instruction(False)
        if wanted == ONE_COLUMN:
            self.middle.removeWidget(self.keyboards)
            # The title stays above the column while it takes no more than a quarter of the
            # height (so the resident always sees which step this is); a taller one scrolls.
            inner = self.width() - self._outer.contentsMargins().left() * 2
            head = self.head.layout().totalHeightForWidth(inner)  # type: ignore[union-attr]
            self._head_in_column = head > self.height() // 4
            if self._head_in_column:
                self._outer.removeWidget(self.head)
                self.body.insertWidget(0, self.head)
        self._place_instruction(inside)
        if wanted == ONE_COLUMN:
            self._ride_keyboard()
        self.keyboards.setVisible(self._keyboard_wanted)
        # Lay the moved parts out now, not a loop turn later: a new look is shown (and
        # measured) as soon as the window is rebuilt.
        self._outer.activate()
        self._refit_body()

    def _place_instruction(self, inside: bool) -> None:
        """The instruction above the column (False) or first in it, after a scrolling title."""
        label = self.instruction_label
        self._outer.removeWidget(label)
        self.body.removeWidget(label)
        if inside:
            self.body.insertWidget(1 if self._head_in_column else 0, label)
        else:
            self._outer.insertWidget(self._outer.indexOf(self.head) + 1, label)
        self._instruction_inside = inside

    def _ride_keyboard(self) -> None:
        """One column: the keyboard right under the field being typed in (or last)."""
        target = self.letters.target() or self.number_pad.target()
        self.body.removeWidget(self.keyboards)
        index = self.body.count() - 1  # before the closing stretch
        for i in range(self.body.count()):
            item = self.body.itemAt(i)
            widget = item.widget() if item is not None else None
            if target is not None and widget is not None and (
                    widget is target or widget.isAncestorOf(target)):
                index = i + 1
                break
        self.body.insertWidget(index, self.keyboards)
        self.keyboards.setVisible(self._keyboard_wanted)
        if target is not None:
            QTimer.singleShot(0, lambda: self._show_typing(target))

    def _show_typing(self, target: QLineEdit) -> None:
        # The keyboard first, then the field: where both do not fit, the field wins.
        if not self.body_scroll.isAncestorOf(target):
            return
        if self._arrangement == ONE_COLUMN and self.keyboards.isVisible():
            self.body_scroll.verticalScrollBar().setValue(0)  # as much of the top as fits
            self.body_scroll.ensureWidgetVisible(self.keyboards, 0, 0)
        self.body_scroll.ensureWidgetVisible(target)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._rearrange()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._refit_body()
        QTimer.singleShot(0, self._refit_body)  # and once the shown words are laid out

    def _refit_body(self) -> None:
        """Give the scrolling column the height its words need at its width now. Answers
        filled in while the screen was hidden (the review) would otherwise keep the height
        of the empty column until a later layout pass: one frame of words cut in half."""
        content = self.body_scroll.widget()
        layout = content.layout() if content is not None else None
        if content is None or layout is None or content.width() <= 0:
            return
        for label in content.findChildren(QLabel):  # their sizes cached while hidden
            label.updateGeometry()
        layout.activate()
        needed = layout.totalHeightForWidth(content.width())
        height = max(self.body_scroll.viewport().height(), needed)
        if needed > 0 and content.height() != height:
            content.resize(content.width(), height)
