"""The list of search results: vacancy cards in a kinetic scroll area, a message, "show more"."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy
from ui.theme import Theme, set_role
from ui.widgets.scrolling import enable_kinetic_scrolling
from ui.widgets.vacancy_card import VacancyCard

LOAD_MORE_MM = 60.0  # ask for the next page when the list is scrolled this close to its end


class ResultList(QScrollArea):
    """Cards in rank order, then a message line (no results, errors), then "Tampilkan lebih banyak".

    A finger drag scrolls (QScroller), a tap on a card emits `vacancy_chosen(id)`. Scrolling
    within LOAD_MORE_MM of the end, or tapping the button, emits `more_wanted()`; the owner
    decides whether there is more. Cards take their look from `card_stylesheet` set on an
    ancestor. Tab order: `tab_anchor` (set by the owner), the cards, then the button. A card
    that gets focus (Tab, or the first card of a page asked for from the button) is scrolled
    fully into view (WCAG 2.4.11, focus not obscured).
    """

    vacancy_chosen = Signal(int)
    more_wanted = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.tab_anchor: QWidget | None = None
        self._vacancies: list[Vacancy] = []
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._host = QWidget()
        self.message_label = QLabel(self._host)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.more_button = QPushButton(self._host)
        self.more_button.setAutoDefault(True)
        self.more_button.hide()
        self.more_button.clicked.connect(self.more_wanted)
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
        """The cards in rank order."""
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        return [w for w in (item.widget() for item in items if item is not None)
                if isinstance(w, VacancyCard)]

    def vacancies(self) -> list[Vacancy]:
        return list(self._vacancies)

    def show_vacancies(
        self, vacancies: list[Vacancy], regions: RegionTable | None, *, replace_all: bool
    ) -> None:
        """Replace the cards with `vacancies`, or append them after the current ones.

        Raises:
            ValueError: there are vacancies but no region table to name their kecamatan.
        """
        if vacancies and regions is None:
            raise ValueError("vacancy cards need the region table")
        if replace_all:
            for card in self.cards():
                self._layout.removeWidget(card)
                card.hide()  # deleteLater waits for the event loop; never show a stale card
                card.deleteLater()
            self._vacancies = []
        insert_at = self._layout.indexOf(self.message_label)
        for vacancy in vacancies:
            assert regions is not None
            card = VacancyCard(vacancy, regions, self._theme, self._host)
            card.clicked.connect(lambda _c=False, i=vacancy.id: self._on_card_clicked(i))
            card.installEventFilter(self)
            self._layout.insertWidget(insert_at, card)
            card.show()  # a layout shows new children only on the next event-loop pass
            insert_at += 1
        self._vacancies += vacancies
        previous = self.tab_anchor
        for widget in [*self.cards(), self.more_button]:  # reading order
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget
        # Lay the list out now rather than on the next pass of the event loop, so no frame (and
        # no test) sees new cards squeezed into the old height; setWidgetResizable re-sizes the
        # list inside the scroll area at once.
        self._layout.activate()
        self.setWidgetResizable(True)
        if replace_all:
            self.verticalScrollBar().setValue(0)

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
