"""Big picture tiles for browsing jobs without typing (issue 9), and the "Mungkin maksud Anda"
row of near words when a search found nothing."""
from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.browse import FIELDS
from kiosk.formatting import babel_locale
from kiosk.i18n import _, ngettext
from ui.theme import Theme, set_role
from ui.widgets.icon_button import IconButton


class BrowseTiles(QWidget):
    """One tile per field of kiosk.browse.FIELDS: its icon, its word and how many vacancies
    are open in it. `field_chosen` carries the field's key."""

    field_chosen = Signal(str)

    def __init__(self, theme: Theme, columns: int = 3, tile_mm: tuple[float, float] = (62, 26),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self.tiles: dict[str, IconButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(theme.gap_px)
        for i, field in enumerate(FIELDS):
            tile = IconButton(field.icon, theme, "tile", icon_mm=10.0, parent=self)
            tile.setMinimumSize(theme.px(tile_mm[0]), theme.px(tile_mm[1]))
            tile.setAutoDefault(True)
            tile.clicked.connect(lambda _c=False, k=field.key: self.field_chosen.emit(k))
            grid.addWidget(tile, i // columns, i % columns)
            self.tiles[field.key] = tile
        self.retranslate()

    def set_counts(self, counts: dict[str, int]) -> None:
        """How many open vacancies each field has (by key); unknown fields show no number."""
        self._counts = dict(counts)
        self.retranslate()

    def retranslate(self) -> None:
        for field in FIELDS:
            tile = self.tiles[field.key]
            word = _(field.label)
            count = self._counts.get(field.key)
            if count is None:
                tile.setText(word)
                tile.setAccessibleName(word)
                continue
            amount = ngettext("{count} vacancy", "{count} vacancies", count).format(
                count=format_decimal(count, locale=babel_locale()))
            tile.setText(f"{word}\n{amount}")
            tile.setAccessibleName(_("{field}: {amount}").format(field=word, amount=amount))


class SuggestionRow(QWidget):
    """"Mungkin maksud Anda:" and one button per near word; `word_chosen` carries the word."""

    word_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.label = QLabel(self)
        set_role(self.label, "heading")
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.gap_px)
        row.addWidget(self.label)
        self._words = QHBoxLayout()
        self._words.setSpacing(theme.gap_px)
        row.addLayout(self._words)
        row.addStretch(1)
        self.retranslate()

    def set_words(self, words: tuple[str, ...]) -> None:
        for button in self.buttons:
            self._words.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for word in words:
            button = QPushButton(word, self)
            button.setAutoDefault(True)
            button.setMinimumSize(self._theme.target_px, self._theme.target_px)
            button.clicked.connect(lambda _c=False, w=word: self.word_chosen.emit(w))
            self._words.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(words))

    def words(self) -> list[str]:
        return [b.text() for b in self.buttons]

    def retranslate(self) -> None:
        self.label.setText(_("Did you mean:"))
