"""Big picture tiles for browsing jobs without typing (issue 9), and the "Mungkin maksud Anda"
row of near words when a search found nothing."""
from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.browse import FIELDS
from kiosk.formatting import babel_locale
from kiosk.i18n import _, ngettext
from ui.theme import Theme, set_role
from ui.widgets.icon_button import icon_pixmap
from ui.widgets.reflow_grid import ReflowGrid


class FieldTile(QPushButton):
    """One field as a big button: its drawn icon, its word (wrapping to two lines) and the
    number of open vacancies under it. Styled in ui/theme.py (#FieldTile)."""

    def __init__(self, icon: str, theme: Theme, size_px: tuple[int, int], word_lines: int = 2,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldTile")
        self.setAutoDefault(True)
        # Room for the word on `word_lines` lines and the count under it, at any text size.
        line = QFontMetrics(theme.font("body", bold=True)).lineSpacing()
        lines = line * (word_lines + 1) + theme.px(3)
        self._base_width = size_px[0]
        self.setMinimumSize(size_px[0], max(size_px[1], lines))
        self._theme = theme
        self._icon_name = icon
        self.picture = QLabel(self)
        self.word = QLabel(self)
        self.word.setWordWrap(True)
        self.word.setFont(theme.font("body", bold=True))
        self.amount = QLabel(self)
        for label in (self.picture, self.word, self.amount):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.word)
        texts.addWidget(self.amount)
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(2), theme.px(1), theme.px(2), theme.px(1))
        row.setSpacing(theme.px(2))
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(texts, 1)
        self.picture.setPixmap(icon_pixmap(icon, theme.button_text_colour(self, ""),
                                           theme.px(10)))

    def set_texts(self, word: str, amount: str) -> None:
        self.word.setText(word)
        self.amount.setText(amount)
        self.amount.setVisible(bool(amount))
        self.setAccessibleName(f"{word}: {amount}" if amount else word)
        # Never narrower than its longest word (or its count) beside the picture: at 200 %
        # text a tile of the base width would cut "Kesehatan" (WCAG 1.4.4).
        theme = self._theme
        metrics = QFontMetrics(self.word.font())
        longest = max([metrics.horizontalAdvance(w) for w in word.split()]
                      + [QFontMetrics(self.amount.font()).horizontalAdvance(amount)])
        row = self._box()
        margins = row.contentsMargins()
        chrome = (margins.left() + margins.right() + row.spacing() + theme.px(10)
                  + 2 * (theme.px(2) + theme.focus_ring_px) + 2)
        self.setMinimumWidth(max(self._base_width, longest + chrome))

    # A QPushButton sizes itself by its own text; a tile takes the size of its laid-out labels,
    # so a word that wraps gets the height it needs (as ui/widgets/vacancy_card.py does).
    def _box(self) -> QLayout:
        layout = self.layout()
        assert layout is not None, "the layout is set in __init__"
        return layout

    def sizeHint(self) -> QSize:
        hint = self._box().sizeHint()
        return QSize(max(hint.width(), self.minimumWidth()), max(hint.height(),
                                                                 self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), max(self._box().minimumSize().height(),
                                              self.minimumHeight()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._box().totalHeightForWidth(width), self.minimumHeight())

    def text(self) -> str:  # noqa: D102 (what a test or the audit reads, as on a button)
        return "\n".join(t for t in (self.word.text(), self.amount.text()) if t)


class BrowseTiles(QWidget):
    """One tile per field of kiosk.browse.FIELDS: its icon, its word and how many vacancies
    are open in it. `field_chosen` carries the field's key."""

    field_chosen = Signal(str)

    def __init__(self, theme: Theme, columns: int = 3, tile_mm: tuple[float, float] = (62, 26),
                 word_lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self.tiles: dict[str, FieldTile] = {}
        # Preferred, not Maximum: a box layout caps a Maximum widget at its size hint, under
        # the height its wrapped words need (heightForWidth).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # As many columns as the width holds, up to `columns` (WCAG 1.4.10 Reflow).
        self.grid = ReflowGrid(theme.gap_px, columns, theme.px(tile_mm[0]), self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.grid)
        for field in FIELDS:
            tile = FieldTile(field.icon, theme, (theme.px(tile_mm[0]), theme.px(tile_mm[1])),
                             word_lines, self.grid)
            tile.clicked.connect(lambda _c=False, k=field.key: self.field_chosen.emit(k))
            self.grid.add(tile)
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
            amount = "" if count is None else ngettext(
                "{count} vacancy", "{count} vacancies", count).format(
                count=format_decimal(count, locale=babel_locale()))
            tile.set_texts(word, amount)
        self.grid.reflow()


class SuggestionRow(QWidget):
    """"Mungkin maksud Anda:" and one button per near word; `word_chosen` carries the word."""

    word_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.label = QLabel(self)
        set_role(self.label, "heading")
        self.buttons: list[QPushButton] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.gap_px)
        column.addWidget(self.label)
        self._words = QHBoxLayout()
        self._words.setSpacing(theme.gap_px)
        column.addLayout(self._words)
        self._words.addStretch(1)
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
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, w=word: self.word_chosen.emit(w))
            button.ensurePolished()  # its size from the stylesheet's padding and bold font
            self._words.insertWidget(self._words.count() - 1, button)
            self.buttons.append(button)
        self.setVisible(bool(words))

    def words(self) -> list[str]:
        return [b.text() for b in self.buttons]

    def retranslate(self) -> None:
        self.label.setText(_("Did you mean:"))
