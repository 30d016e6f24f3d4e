"""The bar along the bottom of every screen: "Kembali" (Back), "Selesai" (done) and "Beranda"
(Home), each shown only where it would do something."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import _
from ui.theme import Theme, set_role
from ui.widgets.icon_button import IconButton

_BUTTON_MM = (55.0, 17.0)  # wide and tall enough for "Kembali" with its icon, above the 15 mm floor
_SPEECH_MM = 45.0  # "Bacakan" / "Ulangi" with their icons


class NavBar(QWidget):
    """Back on the left; Selesai and Home on the right, where residents look for them.

    Emits `back_requested`, `end_requested` (the resident is done: the visit ends for the next
    person) and `home_requested`. The main window says which buttons make sense now with
    `show_buttons`; the bar keeps its height when none is shown, so the screen does not jump.
    """

    back_requested = Signal()
    read_requested = Signal()  # "Bacakan": read this screen aloud (ui.speech)
    repeat_requested = Signal()  # "Ulangi": say the last thing again
    end_requested = Signal()
    home_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_role(self, "bar")
        # Made in reading order, left to right, which is the order Tab takes them in.
        self.back_button = IconButton("back", theme, "on-bar", parent=self)
        # Speech on every screen (issue 6), beside Back where a resident's hand already is.
        self.read_button = IconButton("speak", theme, "on-bar", parent=self)
        self.repeat_button = IconButton("repeat", theme, "on-bar", parent=self)
        self.end_button = IconButton("check", theme, "on-bar", parent=self)
        self.home_button = IconButton("home", theme, "on-bar", parent=self)
        for button in (self.read_button, self.repeat_button):
            button.setMinimumSize(theme.px(_SPEECH_MM), max(theme.px(_BUTTON_MM[1]),
                                                            theme.target_px))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.read_button.clicked.connect(self.read_requested)
        self.repeat_button.clicked.connect(self.repeat_requested)
        height = max(theme.px(_BUTTON_MM[1]), theme.target_px)
        for button in (self.back_button, self.end_button, self.home_button):
            button.setMinimumSize(theme.px(_BUTTON_MM[0]), height)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.home_button.clicked.connect(self.home_requested)
        # One row where it fits; else Bacakan and Ulangi on a row of their own under Back (200 %
        # text on a smaller panel): nothing squeezed under its words (WCAG 1.4.10).
        rows = QVBoxLayout(self)
        # The bar's own edge keeps its buttons a full 4 mm gap from whatever a screen puts there.
        # At the sides 4 mm too (not the screen's 8 mm margin): room for a fifth button in one
        # row at 200 % text, and still a gap a finger can aim past to the panel's edge.
        rows.setContentsMargins(theme.gap_px, theme.gap_px, theme.gap_px, theme.gap_px)
        rows.setSpacing(theme.gap_px)
        self._main_row = QHBoxLayout()
        self._main_row.setSpacing(theme.gap_px)
        self._main_row.addWidget(self.back_button)
        self._main_row.addWidget(self.read_button)
        self._main_row.addWidget(self.repeat_button)
        self._main_row.addStretch(1)
        self._main_row.addWidget(self.end_button)
        self._main_row.addSpacing(theme.px(10))  # "Selesai" is not tapped by mistake for "Beranda"
        self._main_row.addWidget(self.home_button)
        self._speech_row = QHBoxLayout()
        self._speech_row.setSpacing(theme.gap_px)
        self._speech_row.addStretch(1)
        rows.addLayout(self._main_row)
        rows.addLayout(self._speech_row)
        self._theme = theme
        self._two_rows = False
        self.retranslate()
        # After the words are in: an empty button's hint is lower than a labelled one's.
        self._row_px = self.back_button.sizeHint().height()
        self.setMinimumHeight(self._row_px + 2 * theme.gap_px)

    def _one_row_width(self) -> int:
        buttons = (self.back_button, self.read_button, self.repeat_button, self.end_button,
                   self.home_button)
        widths = [b.sizeHint().width() for b in buttons]
        t = self._theme
        return 2 * t.gap_px + sum(widths) + 5 * t.gap_px + t.px(10)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        two = self._one_row_width() > event.size().width()
        if two == self._two_rows:
            return
        self._two_rows = two
        source, target = (self._main_row, self._speech_row) if two else (self._speech_row,
                                                                          self._main_row)
        for index, button in enumerate((self.read_button, self.repeat_button)):
            source.removeWidget(button)
            target.insertWidget(index if two else 1 + index, button)
        rows = 2 if two else 1
        gap = self._theme.gap_px
        self.setMinimumHeight(rows * self._row_px + (rows - 1) * gap + 2 * gap)

    def show_buttons(self, *, back: bool, home: bool, end: bool) -> None:
        """Show only the buttons that would do something: Back where there is somewhere to go
        back to, Home away from Home, Selesai once the resident has typed or chosen anything."""
        self.back_button.setVisible(back)
        self.home_button.setVisible(home)
        self.end_button.setVisible(end)

    def retranslate(self) -> None:
        self.back_button.setText(_("Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setAccessibleDescription(_("Go back to the previous screen"))
        self.end_button.setText(_("Done"))
        self.end_button.setAccessibleName(_("Done"))
        self.end_button.setAccessibleDescription(
            _("Finish and clear everything you entered, for the next person")
        )
        self.home_button.setText(_("Home"))
        self.home_button.setAccessibleName(_("Home"))
        self.home_button.setAccessibleDescription(_("Go to the start screen"))
        self.read_button.setText(_("Read aloud"))
        self.read_button.setAccessibleName(_("Read aloud"))
        self.read_button.setAccessibleDescription(_("Read this screen aloud"))
        self.repeat_button.setText(_("Repeat"))
        self.repeat_button.setAccessibleName(_("Repeat"))
        self.repeat_button.setAccessibleDescription(_("Say the last spoken words again"))
