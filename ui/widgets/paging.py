"""Large "previous page" and "next page" buttons beside a scrolling list, so nobody has to drag
or hit a 6 mm scroll bar (issue 6; WCAG 2.5.1: no path-based gesture needed, 2.5.5 target size).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QAbstractScrollArea, QBoxLayout, QSizePolicy, QWidget

from kiosk.i18n import _
from ui.theme import Theme
from ui.widgets.icon_button import IconButton

PAGE_OVERLAP = 0.1  # of the visible height kept on screen from the page before, to keep one's place


class PagedArea(QWidget):
    """`area` with a column of two target-sized buttons on its right: up one page, down one page.

    The buttons show only while `area` has something to scroll and keep their place when
    hidden (nothing beside them moves); each is disabled at its end. They are ordinary
    accessible buttons, reached by Tab after the list's own controls (`buttons()`).
    """

    def __init__(self, area: QAbstractScrollArea, theme: Theme,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PagedArea")
        self.area = area
        area.setParent(self)  # first child: read before the buttons (tree order = reading order)
        side = max(theme.target_px, theme.px(15))
        self.up_button = IconButton("page-up", theme, icon_mm=9.0, parent=self)
        self.down_button = IconButton("page-down", theme, icon_mm=9.0, parent=self)
        column = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.gap_px)
        for button in (self.up_button, self.down_button):
            button.setFixedSize(side, side)
            button.setAutoDefault(True)  # Enter pages, as Space does
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
        column.addWidget(self.up_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addStretch(1)
        column.addWidget(self.down_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._column, self._layout = column, layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.gap_px)
        area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(area, 1)
        layout.addLayout(column)
        self.up_button.clicked.connect(lambda: self.page(-1))
        self.down_button.clicked.connect(lambda: self.page(1))
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self._update)
        bar.valueChanged.connect(self._update)
        self.retranslate()
        self._update()

    def set_buttons_below(self, below: bool) -> None:
        """Put the buttons in a row under `area` (up on the left, down on the right) instead of
        a column beside it: where a narrow panel needs the width for the list's content."""
        if below:
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self._column.setDirection(QBoxLayout.Direction.LeftToRight)
        else:
            self._layout.setDirection(QBoxLayout.Direction.LeftToRight)
            self._column.setDirection(QBoxLayout.Direction.TopToBottom)

    def buttons_below(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def buttons(self) -> list[IconButton]:
        return [self.up_button, self.down_button]

    def page(self, direction: int) -> None:
        """Scroll one visible height (less PAGE_OVERLAP) up (-1) or down (+1)."""
        bar = self.area.verticalScrollBar()
        step = max(1, round(self.area.viewport().height() * (1 - PAGE_OVERLAP)))
        bar.setValue(bar.value() + direction * step)

    def retranslate(self) -> None:
        self.up_button.setAccessibleName(_("Previous page"))
        self.down_button.setAccessibleName(_("Next page"))
        self.up_button.setAccessibleDescription(_("Scrolls the list up by one screen"))
        self.down_button.setAccessibleDescription(_("Scrolls the list down by one screen"))

    @Slot()
    def _update(self, *_args: int) -> None:
        bar = self.area.verticalScrollBar()
        scrolls = bar.maximum() > bar.minimum()
        for button in self.buttons():
            if button.hasFocus() and not scrolls:
                self.area.setFocus(Qt.FocusReason.OtherFocusReason)
            button.setVisible(scrolls)
        self.up_button.setEnabled(bar.value() > bar.minimum())
        self.down_button.setEnabled(bar.value() < bar.maximum())
