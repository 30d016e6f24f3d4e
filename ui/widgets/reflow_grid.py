"""A grid of equal cells that takes as many columns as its width holds, down to one (WCAG
1.4.10 Reflow; issue 6 item 3: Home's service and field tiles at 200 % text or on a portrait
panel)."""
from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget


class ReflowGrid(QWidget):
    """Cells in reading order (row by row), `spacing` px apart, at most `max_columns` wide.

    A cell is at least `cell_min_px` wide, or as wide as its widest widget's minimum (its
    longest word at the current text size); the grid takes as many such columns as fit, and
    asks for no more width than one column needs, so it never pushes a scrolling column
    sideways. Heights follow the widths (heightForWidth), so wrapped words get their lines.
    """

    def __init__(self, spacing: int, max_columns: int, cell_min_px: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max = max(1, max_columns)
        self._cell_min = cell_min_px
        self._spacing = spacing
        self._cells: list[QWidget] = []
        self._shown = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        # Preferred, not Maximum: a box layout caps a Maximum widget at its size hint, under
        # the height its wrapped words need (heightForWidth).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def add(self, widget: QWidget) -> None:
        self._cells.append(widget)
        self._place(self._max)

    def cells(self) -> list[QWidget]:
        return list(self._cells)

    def columns(self) -> int:
        """How many columns are shown now."""
        return self._shown

    def cell_width(self) -> int:
        """The narrowest a cell may be: `cell_min_px`, or the widest cell's own minimum."""
        # A minimum width set on a cell (the job search's tiles: their longest word) counts as
        # much as the one its layout asks for; columns placed without it overlap.
        own = max((max(w.minimumSizeHint().width(), w.minimumWidth()) for w in self._cells),
                  default=0)
        return max(self._cell_min, own)

    def columns_for(self, width: int) -> int:
        cell = max(1, self.cell_width())
        return max(1, min(self._max, (width + self._spacing) // (cell + self._spacing)))

    def _place(self, columns: int) -> None:
        self._shown = columns
        for widget in self._cells:
            self._grid.removeWidget(widget)
        for index, widget in enumerate(self._cells):
            self._grid.addWidget(widget, index // columns, index % columns)
        for column in range(self._max):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        # The layout's own minimum would be the width of all columns: one column is enough.
        self.setMinimumWidth(self.cell_width())
        self._grid.invalidate()
        self.updateGeometry()

    def reflow(self, width: int | None = None) -> None:
        """Take the columns the current width holds (also after the words changed), or the
        `width` px it is about to get (a parent laying out before the resize arrives)."""
        width = self.width() if width is None else width
        wanted = self.columns_for(width) if width > 0 else self._max
        if wanted != self._shown or self.minimumWidth() != self.cell_width():
            self._place(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.reflow()
