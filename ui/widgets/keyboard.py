"""The on-screen keyboard: QWERTY letters or a 12-key number pad, docked inside the window.

Each key is an ordinary QPushButton with an accessible name, so screen readers, switch scanning
and a physical keyboard (Tab, Enter, Space) reach it like any other button (ACCESSIBILITY.md).
"""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, _
from ui.switch_groups import mark_scan_group
from ui.theme import Theme

_LETTER_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
_PAD_ROWS = ("123", "456", "789")
# The page behind the "123" key: digits, and the marks job words use ("SIM B1", "3 shift",
# "D-3", "24/7", "K3 & HSE", "C++", "S.Kom").
_DIGIT_ROWS = ("1234567890", "-/.,&+()")


_MARK_NAMES = {
    "-": N_("dash"), "/": N_("slash"), ".": N_("full stop"), ",": N_("comma"),
    "&": N_("ampersand"), "+": N_("plus"), "(": N_("opening bracket"),
    ")": N_("closing bracket"),
}
"""Accessible names of the marks on the digits page (spoken by key echo and screen readers)."""


class KeyboardLayout(Enum):
    """Which keys the keyboard shows."""

    LETTERS = "letters"  # digits row, QWERTY letters, space, delete, clear
    NUMBER_PAD = "number_pad"  # 1-9, then clear, 0, delete (the phone layout, ITU-T E.161)


class _Action(Enum):
    TEXT = "text"
    SPACE = "space"
    BACKSPACE = "backspace"
    CLEAR = "clear"
    SWITCH = "switch"


class OnScreenKeyboard(QWidget):
    """A keyboard that types into one QLineEdit, kept in the layout below (never over) it.

    Keys are at least `theme.target_px` (15 mm, WCAG 2.5.5) square with `theme.gap_px` (4 mm)
    between them; they act on release of a tap or click, with no long press or repeat. They take
    focus by Tab only, so tapping a key leaves the focus (and the text cursor) in the field.
    Letters go in as lower case unless `capitals` is True; `digits=False` leaves out the digits
    row of the letter layout, saving 19 mm of height; with `digits=False` and `switch=True` a
    "123" key beside the space bar turns the letter rows into digits and marks (and "ABC"
    back), so a search can still say "SIM B1" or "3 shift" in the same height.

    Signals:
        key_activated(str): after a key changed the field; carries what speech may echo: the
            key's name, or just "angka"/"huruf" when `private` is set (NIK, phone numbers).
    """

    key_activated = Signal(str)

    def __init__(
        self,
        theme: Theme,
        layout: KeyboardLayout = KeyboardLayout.LETTERS,
        *,
        capitals: bool = False,
        digits: bool = True,
        switch: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        mark_scan_group(self)  # switch access scans it by rows, then keys (ui/switch_groups)
        self._theme = theme
        self._layout = layout
        self._capitals = capitals
        self._digits = digits
        self._switch = switch and not digits and layout is KeyboardLayout.LETTERS
        self._pages: QStackedWidget | None = None
        self._page_widgets: list[QWidget] = []
        self._target: QLineEdit | None = None
        self.private = False
        self._keys: dict[str, QPushButton] = {}
        self._actions: dict[QPushButton, tuple[_Action, str]] = {}
        self._units: dict[QPushButton, float] = {}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(theme.gap_px)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if layout is KeyboardLayout.LETTERS:
            self._build_letters(rows)
        else:
            self._build_pad(rows)
        self.set_target(None)
        self.retranslate()

    # -- building -------------------------------------------------------------------------

    def _key(self, key_id: str, action: _Action, text: str, units: float = 1.0) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"key_{key_id}")
        button.setProperty("role", "key")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setAutoDefault(True)  # Enter types the key, as Space does
        button.clicked.connect(self._on_key_clicked)
        self._keys[key_id] = button
        self._actions[button] = (action, text)
        self._units[button] = units
        return button

    def _width(self, units: float, key_px: int) -> int:
        return round(key_px * units + self._theme.gap_px * (units - 1))

    def _fit_sizes(self) -> None:
        """Give each key its width in key units, widened where a word would not fit (the words
        differ by language). On the number pad all keys share one width, to keep the grid."""
        metrics = QFontMetrics(self._theme.font("body", bold=True))
        # Large text (assisted mode, 200 %) makes keys taller and wider, never cut off.
        height = max(self._theme.target_px, metrics.height() + 2 * self._theme.focus_ring_px)
        room = 2 * (self._theme.px(2) + self._theme.focus_ring_px)
        needed = {
            b: max(self._width(self._units[b], height), metrics.horizontalAdvance(b.text()) + room)
            for b in self._keys.values()
        }
        if self._layout is KeyboardLayout.NUMBER_PAD:
            widest = max(needed.values())
            needed = dict.fromkeys(needed, widest)
        for button, width in needed.items():
            button.setFixedSize(width, height)
        if self._pages is not None:
            # Both pages take the height of the three letter rows, so switching moves nothing.
            rows = len(_LETTER_ROWS) - 1
            self._pages.setFixedHeight(rows * height + (rows - 1) * self._theme.gap_px)
            # The pages' rows keep the sizes they cached before the keys had theirs.
            for page in self._page_widgets:
                page_layout = page.layout()
                if page_layout is None:
                    continue
                for j in range(page_layout.count()):
                    item = page_layout.itemAt(j)
                    row = item.layout() if item is not None else None
                    if row is not None:
                        row.invalidate()
                page_layout.invalidate()
            self._pages.updateGeometry()

    def _row(self, rows: QVBoxLayout, buttons: list[QPushButton]) -> None:
        row = QHBoxLayout()
        row.setSpacing(self._theme.gap_px)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        rows.addLayout(row)

    def _build_letters(self, rows: QVBoxLayout) -> None:
        if self._switch:
            self._build_switchable(rows)
            return
        letter_rows = _LETTER_ROWS if self._digits else _LETTER_ROWS[1:]
        for i, chars in enumerate(letter_rows):
            keys = [self._key(c, _Action.TEXT, c) for c in chars]
            if i == len(letter_rows) - 1:
                keys.append(self._key("backspace", _Action.BACKSPACE, "", units=2))
            self._row(rows, keys)
        self._row(
            rows,
            [
                self._key("space", _Action.SPACE, " ", units=5),
                self._key("clear", _Action.CLEAR, "", units=3),
            ],
        )

    def _build_switchable(self, rows: QVBoxLayout) -> None:
        """Letters on one page, digits and marks on the other, in the same place and height;
        the bottom row (switch, space, delete, clear) serves both."""
        self._pages = QStackedWidget(self)
        for page_rows in (_LETTER_ROWS[1:], _DIGIT_ROWS):
            page = QWidget(self._pages)
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(self._theme.gap_px)
            for chars in page_rows:
                self._row(box, [self._key(c, _Action.TEXT, c) for c in chars])
            box.addStretch(1)
            self._pages.addWidget(page)
            self._page_widgets.append(page)
        rows.addWidget(self._pages)
        self._row(
            rows,
            [
                self._key("switch", _Action.SWITCH, "", units=2),
                self._key("space", _Action.SPACE, " ", units=3),
                self._key("backspace", _Action.BACKSPACE, "", units=2),
                self._key("clear", _Action.CLEAR, "", units=3),
            ],
        )

    def showing_digits(self) -> bool:
        """True while the switchable keyboard shows its digits page."""
        return self._pages is not None and self._pages.currentIndex() == 1

    def show_digits(self, digits: bool) -> None:
        """Show the digits page (True) or the letters (False) of a switchable keyboard."""
        if self._pages is not None:
            self._pages.setCurrentIndex(1 if digits else 0)
            self._name_switch()

    def _name_switch(self) -> None:
        button = self._keys.get("switch")
        if button is None:
            return
        if self.showing_digits():
            button.setText("ABC")
            button.setAccessibleName(_("letters"))
            button.setAccessibleDescription(_("Shows the letter keys again"))
        else:
            button.setText("123")
            button.setAccessibleName(_("digits and marks"))
            button.setAccessibleDescription(_("Shows the digit keys and marks such as - and /"))

    def _build_pad(self, rows: QVBoxLayout) -> None:
        for chars in _PAD_ROWS:
            self._row(rows, [self._key(c, _Action.TEXT, c, units=2) for c in chars])
        self._row(
            rows,
            [
                self._key("clear", _Action.CLEAR, "", units=2),
                self._key("0", _Action.TEXT, "0", units=2),
                self._key("backspace", _Action.BACKSPACE, "", units=2),
            ],
        )

    # -- public API -----------------------------------------------------------------------

    def key(self, key_id: str) -> QPushButton:
        """The button of a key: a letter or digit ("S", "7"), "space", "backspace" or "clear".

        Raises:
            KeyError: this layout has no such key.
        """
        return self._keys[key_id.upper() if len(key_id) == 1 else key_id]

    def keys(self) -> list[QPushButton]:
        """Every key, in reading order (row by row, left to right)."""
        return list(self._keys.values())

    def target(self) -> QLineEdit | None:
        return self._target

    def set_target(self, field: QLineEdit | None) -> None:
        """Type into `field` from now on; with None every key is disabled until a field is set."""
        self._target = field
        for button in self._keys.values():
            button.setEnabled(field is not None)

    def retranslate(self) -> None:
        """Set visible texts and accessible names in the current language."""
        for button in self._keys.values():
            action, text = self._actions[button]
            if action is _Action.TEXT:
                button.setText(text)
                if text in _MARK_NAMES:
                    button.setAccessibleName(_(_MARK_NAMES[text]))
                else:
                    name = _("digit {key}") if text.isdigit() else _("letter {key}")
                    button.setAccessibleName(name.format(key=text))
            elif action is _Action.SPACE:
                button.setText(_("Space"))
                button.setAccessibleName(_("space"))
            elif action is _Action.BACKSPACE:
                button.setText(_("Delete"))
                button.setAccessibleName(_("delete"))
                button.setAccessibleDescription(_("Removes the letter before the cursor"))
            elif action is _Action.SWITCH:
                continue  # named by _name_switch, after the loop
            else:
                button.setText(_("Clear"))
                button.setAccessibleName(_("clear"))
                button.setAccessibleDescription(_("Removes everything typed in the field"))
        self._name_switch()
        self.setAccessibleName(_("On-screen keyboard"))
        self._fit_sizes()

    # -- typing ---------------------------------------------------------------------------

    @Slot()
    def _on_key_clicked(self) -> None:
        button = self.sender()
        field = self._target
        if field is None or not isinstance(button, QPushButton) or button not in self._actions:
            return
        action, text = self._actions[button]
        if action is _Action.SWITCH:
            self.show_digits(not self.showing_digits())
            return
        if action is _Action.TEXT:
            field.insert(text if self._capitals or not text.isalpha() else text.lower())
        elif action is _Action.SPACE:
            field.insert(" ")
        elif action is _Action.BACKSPACE:
            field.backspace()
        else:
            field.selectAll()
            field.del_()  # unlike clear(), this keeps the field's undo history
        self.key_activated.emit(self._echo(action, text, button))

    def _echo(self, action: _Action, text: str, button: QPushButton) -> str:
        if self.private and action is _Action.TEXT:
            return _("digit") if text.isdigit() else _("letter")
        return button.accessibleName()
