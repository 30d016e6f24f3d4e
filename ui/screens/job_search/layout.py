"""How the job search is laid out at a given width: two columns (the search panel beside the
results) where both fit, one column (the search panel at the top of the results, scrolling
with them) where not (WCAG 1.4.10 Reflow; issue 6 item 3).

The test is in true millimetres at the look's text size, not a pixel breakpoint: the results
column needs RESULTS_MIN_MM times the text size beside a search panel as wide as its
keyboard, so 200 % text on a 1920 x 1080 panel and any text size on a portrait panel get one
column, 100 % text on the landscape panels two.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.screens.job_search.results_pane import ResultsPane
from ui.screens.job_search.search_panel import SearchPanel
from ui.theme import Theme
from ui.widgets.scrolling import vertical_scroll_area

# The narrowest results column at 100 % text: a card's title at heading size keeps about 20
# characters a line, and the "Mungkin maksud Anda" words fit one row beside each other.
RESULTS_MIN_MM = 150.0
COLUMN_GAP_MM = 10.0
SCROLL_BAR_MM = 7.0  # room left for a scroll bar beside scrolling content


def two_columns_fit(theme: Theme, width: int, panel_width: int) -> bool:
    """Whether the search panel (`panel_width` px with its scroll bar) and a results column
    of RESULTS_MIN_MM times the text size, with its page buttons, fit `width` px."""
    results = theme.px(RESULTS_MIN_MM * max(1.0, theme.text_scale))
    pager = max(theme.target_px, theme.px(15)) + theme.gap_px
    need = 2 * theme.margin_px + panel_width + theme.px(COLUMN_GAP_MM) + results + pager
    return width >= need


class SearchLayout(QWidget):
    """The job search's main page: `panel` and `pane` side by side, or `pane` alone holding
    `panel` above its cards. `on_switched()` runs after each switch (the owner chains Tab
    again: moving a widget to a new parent takes it out of the focus chain).

    Its minimum width is 1 px on purpose: the window must never grow past the panel to fit the
    two columns; this page switches to one column instead (ui/reflow.py checks both).
    """

    def __init__(self, theme: Theme, panel: SearchPanel, pane: ResultsPane,
                 on_switched: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchLayout")
        self._theme = theme
        self._panel = panel
        self._pane = pane
        self._on_switched = on_switched
        self.one_column = False
        # Only scrolls when large text makes the panel taller than the screen.
        self.left_scroll = vertical_scroll_area(panel, self)
        panel.ensurePolished()
        self._panel_width = panel.sizeHint().width() + theme.px(SCROLL_BAR_MM)
        self.left_scroll.setFixedWidth(self._panel_width)
        self._columns = QHBoxLayout(self)
        m = theme.margin_px
        self._columns.setContentsMargins(m, theme.px(3), m, theme.px(3))
        self._columns.setSpacing(theme.px(COLUMN_GAP_MM))
        self._columns.addWidget(self.left_scroll, 0)
        self._columns.addWidget(pane, 1)
        self.setMinimumSize(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit(event.size().width())
        if self.one_column:  # the search panel's height follows the new width at once
            self._settle()

    def _settle(self) -> None:
        """Lay the list with the moved panel out now rather than on the next pass of the
        event loop (a screen built for a new look still settles on that pass: its buttons'
        own layouts run their pending requests first)."""
        self._pane.results.relayout(headers_moved=True)

    def fit(self, width: int) -> None:
        """Lay the page out for `width` px: one column or two, and the tiles per row."""
        theme = self._theme
        one = not two_columns_fit(theme, width, self._panel_width)
        if one != self.one_column:
            self.one_column = one
            if one:
                self.left_scroll.takeWidget()
                self.left_scroll.hide()
                self._pane.put_above_cards(self._panel)
            else:
                self._pane.put_above_cards(None)
                self.left_scroll.setWidget(self._panel)
                self.left_scroll.show()
            self._panel.show()
            # Laid out now, not on the next pass of the event loop: a new look is judged (and
            # painted) at once, and the panel's buttons must not show squeezed meanwhile.
            self._settle()
            self._on_switched()
        pane = width - 2 * theme.margin_px
        if not one:
            pane -= self._panel_width + theme.px(COLUMN_GAP_MM)
        pager = max(theme.target_px, theme.px(15)) + theme.gap_px
        content = pane - theme.gap_px - theme.px(SCROLL_BAR_MM)  # the list's margin, its bar
        # One column on a narrow panel: the keyboard (its keys widened for 200 % text) may
        # need the page buttons' width; they go in a row under the list then.
        below = one and self._panel.minimumSizeHint().width() > content - pager
        self._pane.pager.set_buttons_below(below)
        self._pane.set_count_row_beside(content - pager >= self._pane.count_row_width())
        self._pane.fit_tiles(content - (0 if below else pager))
