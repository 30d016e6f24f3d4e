"""A push button with an icon and words, whose icon always takes the text colour of its state.

Icons are the SVG files in assets/icons/ drawn with `currentColor`; the button re-renders its icon
when it gains or loses focus, is pressed, checked or disabled, so the icon keeps the text's
contrast (WCAG 1.4.11) against the yellow focus fill as well as the blue tile.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFocusEvent, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QPushButton, QWidget

from assets import ASSETS_DIR
from ui.theme import Theme, set_role

ICON_DIR = ASSETS_DIR / "icons"


def icon_pixmap(name: str, colour: str, size_px: int, right_pad_px: int = 0) -> QPixmap:
    """The icon `assets/icons/<name>.svg` drawn in `colour` ("#RRGGBB") on a square of `size_px`,
    followed by `right_pad_px` transparent pixels (Qt puts no space between icon and text).

    Raises:
        FileNotFoundError: there is no such icon.
    """
    svg = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size_px + right_pad_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size_px, size_px))
    painter.end()
    return pixmap


def flat_icon(name: str, colour: str, size_px: int, right_pad_px: int = 0,
              blank: bool = False) -> QIcon:
    """`icon_pixmap` as a QIcon that looks the same in every mode: Qt's automatic greying is
    off, because the colour given is already the right one for the button's state. `blank`
    keeps the size but draws nothing (a place held for a mark that is not shown)."""
    pixmap = icon_pixmap(name, colour, size_px, right_pad_px)
    if blank:
        pixmap.fill(Qt.GlobalColor.transparent)
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon


class IconButton(QPushButton):
    """A QPushButton showing `assets/icons/<icon>.svg` before its text.

    Args:
        icon: the icon's file name without ".svg".
        theme: gives the colours of each state and the icon size.
        role: the stylesheet role ("", "primary", "tile", "on-bar"; see ui/theme.py).
        icon_mm: icon side in millimetres.
    """

    def __init__(
        self,
        icon: str,
        theme: Theme,
        role: str = "",
        icon_mm: float = 8.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._icon_name = icon
        self._theme = theme
        self._role = role
        self._icon_px = theme.px(icon_mm)
        self._pad_px = theme.px(2)
        self._colour = ""
        if role:
            set_role(self, role)
        self.setIconSize(QSize(self._icon_px + self._pad_px, self._icon_px))
        self.pressed.connect(self._refresh_icon)
        self.released.connect(self._refresh_icon)
        self.toggled.connect(self._refresh_icon)
        self._refresh_icon()

    def icon_colour(self) -> str:
        """The colour ("#RRGGBB") the icon is drawn in now; the same as the text's."""
        return self._theme.button_text_colour(self, self._role)

    def _refresh_icon(self) -> None:
        colour = self.icon_colour()
        if colour != self._colour:
            self._colour = colour
            self.setIcon(flat_icon(self._icon_name, colour, self._icon_px, self._pad_px))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._refresh_icon()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._refresh_icon()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._refresh_icon()
