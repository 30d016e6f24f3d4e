"""The bar along the bottom of every screen: "Kembali" (Back) and "Beranda" (Home), always shown."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import _
from ui.theme import Theme, set_role
from ui.widgets.icon_button import IconButton

_BUTTON_MM = (55.0, 17.0)  # wide and tall enough for "Kembali" with its icon, above the 15 mm floor


class NavBar(QWidget):
    """Back on the left, Home on the right, where residents look for them on every screen.

    Emits `back_requested` / `home_requested`; the main window disables Back on Home with
    `set_back_enabled(False)`.
    """

    back_requested = Signal()
    home_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_role(self, "bar")
        self.back_button = IconButton("back", theme, "on-bar", parent=self)
        self.home_button = IconButton("home", theme, "on-bar", parent=self)
        for button in (self.back_button, self.home_button):
            button.setMinimumSize(theme.px(_BUTTON_MM[0]), theme.px(_BUTTON_MM[1]))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.home_button.clicked.connect(self.home_requested)
        layout = QHBoxLayout(self)
        # The bar's own edge keeps its buttons a full 4 mm gap from whatever a screen puts there.
        layout.setContentsMargins(theme.margin_px, theme.gap_px, theme.margin_px, theme.gap_px)
        layout.setSpacing(theme.gap_px)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        layout.addWidget(self.home_button)
        self.retranslate()

    def set_back_enabled(self, enabled: bool) -> None:
        self.back_button.setEnabled(enabled)

    def retranslate(self) -> None:
        self.back_button.setText(_("Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setAccessibleDescription(_("Go back to the previous screen"))
        self.home_button.setText(_("Home"))
        self.home_button.setAccessibleName(_("Home"))
        self.home_button.setAccessibleDescription(_("Go to the start screen"))
