"""A filter's button: its name on one line and the current choice below, both wrapping."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import Theme


class FilterButton(QPushButton):
    """Shows "Kecamatan" over "Semua" (or the chosen value); tapping it opens the choice panel.

    Unlike a plain QPushButton the two lines wrap when the language makes them long, and the
    button grows to fit instead of cutting the text off (WCAG 1.4.4, 1.4.10). The accessible
    name joins both lines ("Kecamatan: Semua").
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterButton")
        self.setAutoDefault(True)  # Enter opens it, as Space does
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.name_label = QLabel(self)
        self.name_label.setProperty("role", "small")
        self.value_label = QLabel(self)
        self.value_label.setFont(theme.font("body", bold=True))
        for label in (self.name_label, self.value_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self)
        pad = theme.px(2.5)
        layout.setContentsMargins(pad + theme.focus_ring_px, pad, pad, pad)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        layout.addStretch(1)  # in a row grown by a neighbour, the two lines stay together on top

    def set_texts(self, name: str, value: str, accessible_name: str) -> None:
        """Set both lines and the accessible name (already in the current language)."""
        self.name_label.setText(name)
        self.value_label.setText(value)
        self.setAccessibleName(accessible_name)
        # The layout's cached heights are for the old words until the next pass of the event
        # loop; a parent laid out before then (a screen built for a new look) needs these.
        self._box().invalidate()
        self.updateGeometry()

    def value_text(self) -> str:
        return self.value_label.text()

    # Size from the laid-out labels, not from QPushButton's own (empty) text.
    def _box(self) -> QLayout:
        layout = self.layout()
        assert layout is not None, "the layout is set in __init__"
        return layout

    def sizeHint(self) -> QSize:
        return self._box().sizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        return self._box().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._box().totalHeightForWidth(width)
