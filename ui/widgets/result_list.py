"""The list of search results: vacancy cards in a kinetic scroll area, a message, "show more"."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.places import Band
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from ui.accessible import mark_list
from ui.theme import Theme, set_role
from ui.widgets.scrolling import enable_kinetic_scrolling
from ui.widgets.vacancy_card import VacancyCard

LOAD_MORE_MM = 60.0  # ask for the next page when the list is scrolled this close to its end
SPARE_CARDS = 24  # cards kept hidden for the next results; more are deleted


class ResultList(QScrollArea):
    """Cards in rank order, then a message line (no results, errors), then "Tampilkan lebih banyak".

    A finger drag scrolls (QScroller), a tap on a card emits `vacancy_chosen(id)`. Scrolling
    within LOAD_MORE_MM of the end, or tapping the button, emits `more_wanted()`; the owner
    decides whether there is more. Cards take their look from `card_stylesheet` set on an
    ancestor. Cards are reused from one search to the next (VacancyCard.set_vacancy) and spare
    ones wait hidden in place, so a keystroke repaints texts instead of building and polishing
    a dozen widgets (about 40 ms of the 50 ms a keystroke may take at 100,000 vacancies:
    docs/performance.md). Tab order: `tab_anchor` (set by the owner), the cards, then the
    button. A card that gets focus (Tab, or the first card of a page asked for from the
    button) is scrolled fully into view (WCAG 2.4.11, focus not obscured).
    """

    vacancy_chosen = Signal(int)
    more_wanted = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.tab_anchor: QWidget | None = None
        self._vacancies: list[Vacancy] = []
        self._cards: list[VacancyCard] = []  # in use, in rank order
        self._spare: list[VacancyCard] = []  # hidden, after the used ones in the layout
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._host = QWidget()
        # For a screen reader the cards are a list ("list, 12 items"; "3 of 12" on each card),
        # counted without the message and "show more" below them, or the spare cards.
        mark_list(self._host, items=self.cards)
        self.list_widget = self._host
        self.message_label = QLabel(self._host)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.more_button = QPushButton(self._host)
        self.more_button.setAutoDefault(True)
        self.more_button.hide()
        self.more_button.clicked.connect(self.more_wanted)
        self.tab_tail: Sequence[QWidget] = ()  # Tab stops after "show more" (page buttons)
        self._layout = QVBoxLayout(self._host)
        self._layout.setContentsMargins(0, 0, theme.gap_px, 0)
        self._layout.setSpacing(theme.gap_px)
        self._layout.addWidget(self.message_label)
        self._layout.addWidget(self.more_button)
        self._layout.addStretch(1)
        self.setWidget(self._host)
        enable_kinetic_scrolling(self)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.retranslate()

    def cards(self) -> list[VacancyCard]:
        """The cards in use, in rank order."""
        return list(self._cards)

    def vacancies(self) -> list[Vacancy]:
        return list(self._vacancies)

    def add_header(self, widget: QWidget) -> None:
        """Put `widget` above the cards, scrolling with them (the browse tiles)."""
        widget.setParent(self._host)
        self._layout.insertWidget(self._layout.indexOf(self.message_label) - len(self._cards)
                                  - len(self._spare), widget)

    def insert_header(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` among the headers (0: the top of the list)."""
        widget.setParent(self._host)
        self._layout.insertWidget(index, widget)
        widget.show()

    def remove_header(self, widget: QWidget) -> None:
        """Take `widget` out of the list; the caller gives it a new parent."""
        self._layout.removeWidget(widget)

    def show_vacancies(
        self, vacancies: list[Vacancy], regions: RegionTable | None, *, replace_all: bool,
        bands: Sequence[tuple[Band, str | None]] = (),
    ) -> None:
        """Replace the cards with `vacancies`, or append them after the current ones; `bands`
        (one per vacancy, when given) says how far each is from the kiosk.

        Raises:
            ValueError: there are vacancies but no region table to name their kecamatan.
        """
        if vacancies and regions is None:
            raise ValueError("vacancy cards need the region table")
        if replace_all:
            self._spare = self._cards + self._spare
            self._cards = []
            self._vacancies = []
        for i, vacancy in enumerate(vacancies):
            assert regions is not None
            band = bands[i] if i < len(bands) else None
            if self._spare:
                card = self._spare.pop(0)
                card.set_vacancy(vacancy, band)
            else:
                card = VacancyCard(vacancy, regions, self._theme, self._host)
                if band is not None:
                    card.set_vacancy(vacancy, band)
                card.clicked.connect(lambda _c=False, c=card: self._on_card_clicked(c.vacancy.id))
                card.installEventFilter(self)
                self._layout.insertWidget(self._layout.indexOf(self.message_label), card)
            card.show()  # a layout shows new children only on the next event-loop pass
            self._cards.append(card)
        for card in self._spare:
            card.hide()
        while len(self._spare) > SPARE_CARDS:
            card = self._spare.pop()
            self._layout.removeWidget(card)
            card.deleteLater()
        self._vacancies += vacancies
        self.chain_tab_order()
        self.relayout()
        if replace_all:
            self.verticalScrollBar().setValue(0)

    def relayout(self, headers_moved: bool = False) -> None:
        """Lay the list out now rather than on the next pass of the event loop, so no frame
        (and no test) sees new cards or headers squeezed into the old height;
        setWidgetResizable re-sizes the list inside the scroll area at once. After a header
        moved in or out (`headers_moved`) the cached heights go too (a keystroke, which
        only changes cards, keeps them: docs/performance.md "A key tapped")."""
        if headers_moved:
            self._layout.invalidate()
        self._layout.activate()
        self.setWidgetResizable(True)
        if not headers_moved:
            return
        # A header that just moved in (the search panel, in one column) is not yet counted by
        # the scroll area's own resizing; the list takes the height its width needs now.
        width = self.viewport().width()
        height = max(self.viewport().height(), self._host.heightForWidth(width))
        if self._host.size() != (size := self._host.size().expandedTo(QSize(width, height))):
            self._host.resize(size)

    def chain_tab_order(self) -> None:
        """Tab from `tab_anchor` through the cards, "show more" and `tab_tail` (reading
        order); again after a header moved in or out (a new parent breaks the chain)."""
        previous = self.tab_anchor
        for widget in [*self.cards(), self.more_button, *self.tab_tail]:
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget

    def set_message(self, text: str, role: str = "") -> None:
        """Show `text` under the cards ("" hides it); `role` "error" marks a failure."""
        set_role(self.message_label, role)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def set_more_available(self, more: bool) -> None:
        self.more_button.setVisible(more)

    def retranslate(self) -> None:
        self.more_button.setText(_("Show more vacancies"))
        self.more_button.setAccessibleName(_("Show more vacancies"))
        self._host.setAccessibleName(_("Search results"))
        for card in self.cards():
            card.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, VacancyCard)
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.MouseFocusReason  # a tap or drag scrolls itself
        ):
            # QScrollArea scrolls to a widget reached by Tab only when focus was already inside
            # it, and never for setFocus(); a focused card must never be cut off at an edge.
            self.ensureWidgetVisible(watched, 0, self._theme.gap_px)
        return super().eventFilter(watched, event)

    @Slot(int)
    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        if bar.maximum() > 0 and value >= bar.maximum() - self._theme.px(LOAD_MORE_MM):
            self.more_wanted.emit()

    def _on_card_clicked(self, vacancy_id: int | None) -> None:
        if vacancy_id is not None:
            self.vacancy_chosen.emit(vacancy_id)
