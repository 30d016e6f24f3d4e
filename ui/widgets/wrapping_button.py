"""Buttons whose words wrap onto more lines instead of pushing the layout sideways: a push
button, a tick box and a radio button (WCAG 1.4.10 Reflow; issue 6 item 3: at 200 % text on a
1366 px or portrait panel "Saya setuju data saya digunakan ..." is wider than the screen).

Qt draws a button's text on one line only. These buttons keep Qt's own text empty (Qt draws the
frame, the fill and the tick box or radio ring) and show their words in a word-wrapping label
inside, whose colour follows the button's state as the stylesheet's would (ui.theme.tint_label).
`text()` and `setText()` give and take the words as on any button; the accessible name is set
by the caller as before.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from ui.theme import Theme, set_role, tint_label
from ui.widgets.icon_button import icon_pixmap
from ui.widgets.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    _Button = QAbstractButton
else:
    _Button = object


class _Wrapping(_Button):
    """The shared part; mixed into a QAbstractButton subclass (see the module docstring)."""

    _indent_mm = 0.0  # room left of the words for a tick box or radio ring
    _theme: Theme
    _role: str
    _icon: tuple[str, int, str]
    words: WrappingLabel
    _row: QHBoxLayout
    picture: QLabel

    def _wrap_init(self, theme: Theme, role: str, icon: str = "", icon_mm: float = 0.0) -> None:
        self._theme = theme
        self._role = role
        self._icon = (icon, theme.px(icon_mm), "")
        self.picture = QLabel(self)
        self.picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.picture.setVisible(bool(icon))
        self.words = WrappingLabel(self)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        pad_v, pad_h = theme.button_padding_px()
        ring = theme.focus_ring_px
        indent = theme.px(self._indent_mm) if self._indent_mm else 0
        row = QHBoxLayout(self)
        self._row = row
        row.setContentsMargins(pad_h + ring + indent, pad_v + ring, pad_h + ring, pad_v + ring)
        row.setSpacing(theme.px(3))
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.words, 1)
        # Qt's buttons take their one-line size hint as their minimum (QSizePolicy.Minimum);
        # these may be as narrow as their longest word, and grow in height instead.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        for signal in (self.pressed, self.released, self.toggled):
            signal.connect(self._tint)
        self._tint()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self.words.setText(text)
        self.words.setFont(self.font())
        self.updateGeometry()

    def text(self) -> str:
        return self.words.text()

    def _tint(self, *_args: object) -> None:
        colour = self._theme.button_text_colour(self, self._role)
        tint_label(self.words, colour)
        name, size, drawn = self._icon
        if name and colour != drawn:
            self.picture.setPixmap(icon_pixmap(name, colour, size))
            self._icon = (name, size, colour)

    # The size of the laid-out words, so a button whose words wrap gets the height it needs.
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self._row.sizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        m = self._row.contentsMargins()
        metrics = QFontMetrics(self.words.font())
        longest = max((metrics.horizontalAdvance(w) for w in self.text().split()), default=0)
        picture = self._icon[1] + self._row.spacing() if self._icon[0] else 0
        width = longest + picture + m.left() + m.right() + 2
        return QSize(width, max(self.minimumHeight(), self.heightForWidth(width)))

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt override)
        # A tap anywhere on the box counts, not only on Qt's ring and words (WCAG 2.5.8).
        return self.rect().contains(pos)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        height = self._row.totalHeightForWidth(width)
        return max(height, self.minimumHeight())

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self._tint()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self._tint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        words = getattr(self, "words", None)  # None while Qt's constructor polishes it
        if words is None:
            return
        if event.type() == QEvent.Type.EnabledChange:
            self._tint()
        elif event.type() == QEvent.Type.FontChange:
            words.setFont(self.font())


class WrappingButton(_Wrapping, QPushButton):
    """A push button whose words wrap; `role` as in ui/theme.py ("", "primary", "tile");
    `icon` names an assets/icons/ SVG drawn `icon_mm` wide before the words, in their colour."""

    def __init__(self, theme: Theme, role: str = "", parent: QWidget | None = None, *,
                 icon: str = "", icon_mm: float = 8.0) -> None:
        QPushButton.__init__(self, parent)
        self.setAutoDefault(True)
        if role:
            set_role(self, role)
        self._wrap_init(theme, role, icon, icon_mm)


class WrappingCheckBox(_Wrapping, QCheckBox):
    """A big tick box (a tap anywhere on it counts) whose words wrap beside the box."""

    _indent_mm = 9.0  # the 6 mm box and the 3 mm spacing of QCheckBox#ChoiceButton

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, parent)
        self.setObjectName("ChoiceButton")
        self._wrap_init(theme, "")


class WrappingRadioButton(_Wrapping, QRadioButton):
    """A big radio button (a tap anywhere on it counts) whose words wrap beside the ring."""

    _indent_mm = 9.0

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, parent)
        self.setObjectName("ChoiceButton")
        self._wrap_init(theme, "")
