"""The results pane of the job search: how many match (with "Cari di mana saja" and "Hapus
saringan"), the soft-match heading, the near words and browse tiles, the cards and the big
page buttons beside them."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.theme import Theme, set_role
from ui.widgets.browse_tiles import BrowseTiles, FieldTile, SuggestionRow
from ui.widgets.paging import PagedArea
from ui.widgets.result_list import ResultList

TILE_MM = (60.0, 18.0)  # a browse tile at least this big (at 100 % text)
MAX_TILE_COLUMNS = 3


class ResultsPane(QWidget):
    """The right column of the two-column job search, or everything under the search panel in
    the one-column one (`put_above_cards`): then the count row and the search panel scroll
    with the cards in one list, and the page buttons page through all of it.

    The owner connects the buttons and the list and sets the texts.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ResultsPane")
        self._theme = theme
        self.count_label = QLabel()
        set_role(self.count_label, "heading")
        self.count_label.setWordWrap(True)
        self.clear_filters_button = QPushButton()
        self.everywhere_button = QPushButton()
        for button in (self.everywhere_button, self.clear_filters_button):
            button.setAutoDefault(True)
        self.soft_label = QLabel()
        set_role(self.soft_label, "heading")
        self.soft_label.setWordWrap(True)
        self.soft_label.hide()
        # The count, then its two buttons: beside it where they fit, under it where not.
        self.head = QWidget(self)
        self.head.setObjectName("ResultsHead")
        self._count_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._count_row.setSpacing(theme.gap_px)
        self._count_row.addWidget(self.count_label, 1)
        for button in (self.everywhere_button, self.clear_filters_button):
            self._count_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        head_layout = QVBoxLayout(self.head)
        head_layout.setContentsMargins(0, 0, 0, 0)
        head_layout.setSpacing(theme.gap_px)
        head_layout.addLayout(self._count_row)
        head_layout.addWidget(self.soft_label)
        self.suggestions = SuggestionRow(theme, self)
        self.suggestions.hide()
        self.tiles = BrowseTiles(theme, columns=MAX_TILE_COLUMNS, tile_mm=TILE_MM, word_lines=3,
                                 parent=self)
        self.results = ResultList(theme, self)
        # Reading order: the count row, the tiles above the cards, then the cards.
        self.results.tab_anchor = list(self.tiles.tiles.values())[-1]
        # Above the cards and scrolling with them, so they never squeeze the list.
        self.results.add_header(self.suggestions)
        self.results.add_header(self.tiles)
        # Big page buttons beside the cards: no dragging, no 6 mm scroll bar (issue 6).
        self.pager = PagedArea(self.results, theme, self)
        self.results.tab_tail = self.pager.buttons()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(theme.gap_px)
        self._layout.addWidget(self.head)
        self._layout.addWidget(self.pager, 1)
        self._above: QWidget | None = None

    def put_above_cards(self, panel: QWidget | None) -> None:
        """One column: `panel` (the search panel) and the count row at the top of the list,
        scrolling with the cards; None: the count row back above the list (two columns)."""
        if panel is self._above:
            return
        if self._above is not None:
            self.results.remove_header(self._above)
            self._above = None
        if panel is None:
            self.results.remove_header(self.head)
            self._layout.insertWidget(0, self.head)
        else:
            self._layout.removeWidget(self.head)
            self.results.insert_header(0, self.head)
            self.results.insert_header(0, panel)
            self._above = panel
        self.head.show()
        self.results.relayout(headers_moved=True)

    def set_count_row_beside(self, beside: bool) -> None:
        """The two buttons beside the count, or under it (a narrow column has no room for
        both beside a heading)."""
        self._count_row.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                     else QBoxLayout.Direction.TopToBottom)

    def count_row_width(self) -> int:
        """The width the count row needs with both its buttons beside a count of two words
        (shown or not: the layout does not change when they come and go)."""
        theme = self._theme
        words = QFontMetrics(self.count_label.font()).horizontalAdvance(
            self.count_label.text() or "0000 lowongan")
        buttons = sum(b.sizeHint().width() for b in (self.everywhere_button,
                                                     self.clear_filters_button))
        return min(words, theme.px(60)) + buttons + 2 * theme.gap_px

    def fit_tiles(self, width: int) -> None:
        """Give each browse tile the width its count and longest word need unbroken; the
        tiles' own grid (ui.widgets.reflow_grid) then takes as many columns of that width as
        `width` px holds (3 on a wide column; 2 or 1 at 200 % text or on a portrait panel)."""
        need = max(self.tile_width(tile) for tile in self.tiles.tiles.values())
        for tile in self.tiles.tiles.values():
            tile.setMinimumWidth(max(need, self._theme.px(TILE_MM[0])))
        self.tiles.grid.reflow(width)

    def tile_width(self, tile: FieldTile) -> int:
        """The width a tile needs to show its count and its longest word unbroken: its
        margins, picture and spacing (its own layout) plus the widest of those two."""
        box = tile.layout()
        assert box is not None
        margins = box.contentsMargins()
        word, amount = tile.word, tile.amount
        longest = max((QFontMetrics(word.font()).horizontalAdvance(w)
                       for w in word.text().split()), default=0)
        text = max(longest, QFontMetrics(amount.font()).horizontalAdvance(amount.text()))
        picture = tile.picture.sizeHint().width()
        ring = 2 * self._theme.focus_ring_px
        return margins.left() + margins.right() + picture + box.spacing() + text + ring + 2
