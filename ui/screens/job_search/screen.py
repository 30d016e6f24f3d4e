"""The job search screen: type with the on-screen keyboard, narrow with filters, tap a result."""
from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from accessibility.narration import Narration
from kiosk.browse import field_by_key
from kiosk.changes import Changes
from kiosk.i18n import _
from kiosk.places import home_kecamatan
from kiosk.search import SearchQuery
from kiosk.search_filters import (
    SPECS,
    SearchFilter,
    filter_value,
    has_filters,
    options,
    value_text,
    with_filter,
)
from kiosk.session import DEFAULT_SEARCH, Part
from ui.context import KioskContext
from ui.screens.base import Route
from ui.screens.job_search.demo import DEMO_STATES
from ui.screens.job_search.layout import SearchLayout
from ui.screens.job_search.results_pane import ResultsPane
from ui.screens.job_search.search_panel import SearchPanel
from ui.screens.job_search.searching import SearchingScreen, log
from ui.widgets.choice_panel import ChoicePanel


class JobSearchScreen(SearchingScreen):
    """Search as you type, four filters, and results as big cards that open the detail screen.

    The words and filters live in the visit (`visit.search`), and so does an open filter panel
    (`visit.panel`): coming back from Home, or a rebuild for a new look, shows them as they
    were, with the old words selected so that new typing replaces them (as in a browser's
    address bar). Each keystroke starts a search through `runner.db_latest`, so only the newest
    result is shown. A tapped card requests Route.VACANCY_DETAIL with `vacancy_id`. A change to
    the catalog (an import or a sync while the kiosk runs) searches again.
    """

    route = Route.JOB_SEARCH
    demo_states = DEMO_STATES

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self._regions = ctx.regions
        self._total: int | None = None  # None until the first result arrives
        self._shown_query: SearchQuery | None = None  # the query the cards on screen answer
        self._shown_filters = SearchQuery()  # the filters the buttons name
        self._failed = False
        self._loading = False
        self._generation = 0  # bumped by every new search and by reset(); stale results drop
        self._open_filter: SearchFilter | None = None
        self._opened_vacancy: int | None = None  # focused again on the way back (issue 6)
        self._announced = ""  # the last status told to a screen reader
        self._soft = False
        self._widening: tuple[int | None, int | None] = (None, None)
        self._suggested: tuple[str, ...] = ()
        try:
            self._near = home_kecamatan(ctx.regions, ctx.settings.kiosk_kelurahan)
        except ValueError:
            log.warning("The kiosk_kelurahan setting names no place in Kota Semarang; "
                        "ranking by the city only")
            self._near = None

        self.search_panel = SearchPanel(theme)
        panel = self.search_panel
        self.heading, self.search_field = panel.heading, panel.search_field
        self.keyboard, self.filter_buttons = panel.keyboard, panel.filter_buttons
        self.search_field.textChanged.connect(self._on_search_field_text_changed)
        self.search_field.returnPressed.connect(self._on_search_field_return_pressed)
        for kind, button in self.filter_buttons.items():
            button.clicked.connect(lambda _c=False, k=kind: self._open_choice(k))
        self.results_pane = ResultsPane(theme)
        pane = self.results_pane
        self.count_label, self.soft_label = pane.count_label, pane.soft_label
        self.clear_filters_button = pane.clear_filters_button
        self.everywhere_button = pane.everywhere_button
        self.suggestions, self.tiles = pane.suggestions, pane.tiles
        self.results, self.results_pager = pane.results, pane.pager
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.everywhere_button.clicked.connect(self._on_everywhere_button_clicked)
        self.suggestions.word_chosen.connect(self._on_suggestion_chosen)
        self.tiles.field_chosen.connect(self._on_tile_chosen)
        self.results.vacancy_chosen.connect(self._on_results_vacancy_chosen)
        self.results.more_wanted.connect(self._load_more)
        main = SearchLayout(theme, panel, pane, self._chain_tab_order)
        self.search_layout = main

        self.choice_panel = ChoicePanel(theme, self)
        self.choice_panel.chosen.connect(self._on_choice_panel_chosen)
        self.choice_panel.closed.connect(self._on_choice_panel_closed)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(main)
        self.pages.addWidget(self.choice_panel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self._chain_tab_order()
        self._show_query()
        self.retranslate()

    def _chain_tab_order(self) -> None:
        """Tab follows reading order (ACCESSIBILITY.md; WCAG 2.4.3): the field, the keys row by
        row, the filters row by row, "Remove filters", the tiles, then the result list, which
        chains its cards and "Show more" after the last tile (its `tab_anchor`).

        Set explicitly, in either layout: the search panel moves into a scroll area (two
        columns) or into the result list (one column), and a new parent puts a widget at the
        end of the focus chain.
        """
        chain = [
            *self.search_panel.tab_chain(),
            self.everywhere_button,
            self.clear_filters_button,
            *self.tiles.tiles.values(),
            self.results.more_button,
            *self.results_pager.buttons(),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.results.chain_tab_order()

    # -- Screen contract --------------------------------------------------------------------

    def title(self) -> str:
        return _("Find a job")

    def enter(self, **params: Any) -> None:
        """Show the visit's search; the words typed before are selected, so typing replaces
        them. A panel the visit says is open opens again. `field` (a kiosk.browse key, from a
        home tile) lists that field's vacancies in the city, nearest first."""
        field = params.get("field")
        if isinstance(field, str) and field_by_key(field) is not None:
            self._visit.search = replace(DEFAULT_SEARCH, field=field)
        self._show_query()
        # One column or two for the width the screen is about to get (a screen built for a
        # new look has not been laid out yet): nothing shows in the other layout meanwhile.
        host = self.parentWidget()
        if host is not None and host.width() > 1:
            self.search_layout.fit(host.width())
        self.pages.setCurrentIndex(0)
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search_field.selectAll()
        self._focus_opened_card()  # back from a vacancy: where the resident was
        if self._shown_query != self.query() and not self._loading:
            self._search()
        self._count_fields()
        panel = self._visit.panel
        if panel is not None and panel in SearchFilter.__members__:
            self._open_choice(SearchFilter[panel])

    def leave(self) -> None:
        self._close_choice()

    def handle_back(self) -> bool:
        """Back closes an open filter panel, leaving the filter as it was."""
        if self.has_inner_step():
            self._close_choice()
            return True
        return False

    def has_inner_step(self) -> bool:
        return self.pages.currentWidget() is self.choice_panel

    def reset(self) -> None:
        """The visit ended: forget the text (and its undo history), results and scrolling."""
        self._generation += 1
        self._loading = False
        self._failed = False
        with QSignalBlocker(self.search_field):
            # setText, not clear(): clear() keeps the undo history, and Ctrl+Z would bring
            # back what the last resident typed.
            self.search_field.setText("")
        self.results.show_vacancies([], None, replace_all=True)
        self._total = None
        self._shown_query = None
        self._open_filter = None
        if self.pages.currentWidget() is self.choice_panel:
            self.pages.setCurrentIndex(0)
        self.choice_panel.clear()
        self.retranslate()

    def on_changes(self, changes: Changes) -> None:
        """The catalog changed: search again, so no deleted vacancy stays on screen."""
        if changes.catalog and self._shown_query is not None:
            self._shown_query = None
            if self.isVisible():
                self._search()
                self._count_fields()

    def on_visit_changed(self, part: Part) -> None:
        if part is Part.SEARCH:
            self._show_query()
            if replace(self.query(), text="") != self._shown_filters:
                self.retranslate()

    def retranslate(self) -> None:
        query = self.query()
        self._shown_filters = replace(query, text="")
        self.heading.setText(self.title())
        self.search_field.setPlaceholderText(_("Type a job, for example: sopir"))
        self.search_field.setAccessibleName(_("Search words"))
        self.search_field.setAccessibleDescription(
            _("Results change as you type. Press Enter to go to the first result.")
        )
        self.keyboard.retranslate()
        for kind, button in self.filter_buttons.items():
            name = SPECS[kind].name()
            value = value_text(kind, filter_value(query, kind), self._regions)
            button.set_texts(name, value, _("{name}: {value}").format(name=name, value=value))
            button.setAccessibleDescription(_("Opens the choices of this filter"))
        self.clear_filters_button.setText(_("Remove filters"))
        self.clear_filters_button.setAccessibleName(_("Remove filters"))
        self.clear_filters_button.setVisible(has_filters(query))
        self.everywhere_button.setText(_("Search everywhere"))
        self.everywhere_button.setAccessibleName(_("Search everywhere, not only Kota Semarang"))
        self.suggestions.retranslate()
        self.tiles.retranslate()
        self.results.retranslate()
        self.results_pager.retranslate()
        self.choice_panel.retranslate()
        self._update_status()
        if self.search_layout.width() > 1:  # words of another length: one column or two
            self.search_layout.fit(self.search_layout.width())

    def narration(self) -> Narration:
        """The title, what to do, how many match (or the error), the near words and the
        soft-match heading when shown, then each card's short name in rank order."""
        status = self.count_label.text()
        message = self.results.message_label
        note = message.text() if message.isVisibleTo(self) and message.text() else ""
        items: list[str] = [] if self._failed else [status]
        if note and not self._failed:
            items.append(note)
        if self.soft_label.isVisibleTo(self) and self.soft_label.text():
            items.append(self.soft_label.text())
        items += [card.accessibleName() for card in self.results.cards()]
        return Narration(
            self.title(),
            _("Type what work you look for, or choose a field."),
            tuple(i for i in items if i),
            (note or status) if self._failed else None,
        )

    # -- filters ------------------------------------------------------------------------------

    def _open_choice(self, kind: SearchFilter) -> None:
        spec = SPECS[kind]
        self._open_filter = kind
        self.choice_panel.open(
            spec.panel_title, options(kind, self._regions), filter_value(self.query(), kind),
            columns=spec.columns,
        )
        self.pages.setCurrentWidget(self.choice_panel)
        self._visit.panel = kind.name

    def _close_choice(self) -> None:
        kind, self._open_filter = self._open_filter, None
        if self.pages.currentWidget() is self.choice_panel:
            self.pages.setCurrentIndex(0)
            if kind is not None:
                self.filter_buttons[kind].setFocus(Qt.FocusReason.OtherFocusReason)
        if self._visit.place is not None and self._visit.place.route == self.route.key:
            self._visit.panel = None

    def _set_query(self, query: SearchQuery) -> None:
        self._visit.search = query  # the filter buttons follow through on_visit_changed
        self._search()

    @Slot(object)
    def _on_choice_panel_chosen(self, value: Any) -> None:
        kind = self._open_filter
        self._close_choice()
        if kind is None or filter_value(self.query(), kind) == value:
            return
        if value is not None and value not in {v for v, _label in options(kind, self._regions)}:
            log.warning("Ignored a choice that does not belong to the %s filter", kind.name)
            return
        self._set_query(with_filter(self.query(), kind, value))

    @Slot()
    def _on_choice_panel_closed(self) -> None:
        self._close_choice()

    @Slot()
    def _on_clear_filters_button_clicked(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_query(replace(DEFAULT_SEARCH, text=self.query().text))

    @Slot()
    def _on_everywhere_button_clicked(self) -> None:
        # The button goes once pressed; the words stay where the resident types.
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_query(replace(self.query(), kecamatan_code=None))

    @Slot(str)
    def _on_tile_chosen(self, key: str) -> None:
        """One tap lists a field's vacancies, nearest first; the typed words give way."""
        with QSignalBlocker(self.search_field):
            self.search_field.setText("")
        self._set_query(replace(self.query(), text="", field=key))

    @Slot(str)
    def _on_suggestion_chosen(self, word: str) -> None:
        self.search_field.setText(word + " ")  # searches, as typing would
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- typing, scrolling, opening ---------------------------------------------------------

    @Slot(str)
    def _on_search_field_text_changed(self, text: str) -> None:
        self._visit.search = replace(self.query(), text=text)
        self._search()

    @Slot()
    def _on_search_field_return_pressed(self) -> None:
        cards = self.cards()
        if cards:
            cards[0].setFocus(Qt.FocusReason.TabFocusReason)
            self.results.ensureWidgetVisible(cards[0])

    def _focus_opened_card(self) -> None:
        """Focus the card the resident opened, once it is on screen again (after Back)."""
        opened = self._opened_vacancy
        card = next((c for c in self.cards() if c.vacancy.id == opened), None)
        if opened is None or card is None:
            return
        self._opened_vacancy = None
        card.setFocus(Qt.FocusReason.OtherFocusReason)
        self.results.ensureWidgetVisible(card, 0, self.ctx.theme.gap_px)

    def _on_results_vacancy_chosen(self, vacancy_id: int) -> None:
        self._opened_vacancy = vacancy_id
        self.request_navigation(Route.VACANCY_DETAIL, vacancy_id=vacancy_id)
