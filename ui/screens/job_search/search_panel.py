"""The search panel of the job search: the heading, the search field, the on-screen keyboard
and the four filter buttons, in reading order."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.search_filters import SearchFilter
from ui.theme import Theme, set_role
from ui.widgets.filter_button import FilterButton
from ui.widgets.keyboard import OnScreenKeyboard

FILTER_COLUMNS = 2  # Kecamatan and Bidang over Pendidikan and Jenis: two short rows


class SearchPanel(QWidget):
    """What the resident types and chooses. The owner connects the field and the buttons
    (`filter_buttons[kind].clicked`) and sets their texts; the panel only lays them out.

    It is as wide as the keyboard (its keys keep their 15 or 20 mm at any text size), and
    fits the width it gets: the keyboard keeps its size, the filter buttons share the rest.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchPanel")
        self.heading = QLabel(self)
        set_role(self.heading, "title")
        self.heading.setWordWrap(True)  # "Cari Lowongan" at 200 % on a portrait panel
        self.search_field = QLineEdit(self)
        # No Undo/Copy/Paste menu on a long press or right click: it is untranslated, small,
        # and would paste what the last resident copied.
        self.search_field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.search_field.setMaxLength(80)
        self.search_field.setMinimumHeight(theme.target_px)  # 20 mm in assisted mode too
        # Digits behind a "123" key: "SIM B1", "3 shift" in the height of the letters alone.
        self.keyboard = OnScreenKeyboard(theme, digits=False, switch=True, parent=self)
        self.keyboard.set_target(self.search_field)
        self.filter_buttons: dict[SearchFilter, FilterButton] = {}
        filters = QGridLayout()
        filters.setSpacing(theme.gap_px)
        for i, kind in enumerate(SearchFilter):
            button = FilterButton(theme, self)
            filters.addWidget(button, i // FILTER_COLUMNS, i % FILTER_COLUMNS)
            self.filter_buttons[kind] = button
        for column in range(FILTER_COLUMNS):
            # Equal halves whatever is chosen: a button keeps its width when its value changes.
            filters.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.gap_px)
        layout.addWidget(self.heading)
        layout.addWidget(self.search_field)
        layout.addWidget(self.keyboard)
        layout.addSpacing(theme.gap_px)
        layout.addLayout(filters)
        layout.addStretch(1)

    def tab_chain(self) -> list[QWidget]:
        """The panel's Tab stops in reading order: the field, the keys row by row, the filters
        row by row."""
        return [self.search_field, *self.keyboard.keys(), *self.filter_buttons.values()]
