"""The job search screen: type with the on-screen keyboard, narrow with filters, tap a result."""
from __future__ import annotations

import logging
from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from accessibility.narration import Narration
from kiosk.browse import field_by_key
from kiosk.changes import Changes
from kiosk.i18n import _
from kiosk.places import home_kecamatan
from kiosk.region import KOTA_CODE
from kiosk.search import SearchQuery, SearchResult
from kiosk.search_filters import (
    SPECS,
    SearchFilter,
    filter_value,
    has_filters,
    options,
    search_status,
    value_text,
    with_filter,
)
from kiosk.services import KioskServices
from kiosk.session import DEFAULT_SEARCH, Part
from ui.accessibility_events import announce
from ui.context import KioskContext
from ui.screens.base import DemoSetup, DemoState, Route, Screen
from ui.theme import set_role
from ui.widgets.browse_tiles import BrowseTiles, SuggestionRow
from ui.widgets.choice_panel import ChoicePanel
from ui.widgets.filter_button import FilterButton
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.paging import PagedArea
from ui.widgets.result_list import ResultList
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.vacancy_card import VacancyCard

log = logging.getLogger(__name__)

PAGE_SIZE = 12  # cards built per page: about 25 ms of GUI work on a 2-core kiosk PC
_SEARCH_KEY = "job_search"


def _demo_results(services: KioskServices) -> DemoSetup:
    """The first word of the newest vacancy's title, typed: a search that finds something."""
    found = services.search.search(SearchQuery(), limit=1).vacancies
    word = found[0].title.split()[0].lower() if found else "admin"
    return DemoSetup(search=SearchQuery(text=word))


def _demo_filter(_services: KioskServices) -> DemoSetup:
    return DemoSetup(panel=SearchFilter.KECAMATAN.name)


def _demo_soft(_services: KioskServices) -> DemoSetup:
    """Two words no vacancy has together (in the demo catalog and the real file)."""
    return DemoSetup(search=replace(DEFAULT_SEARCH, text="kasir batik "))


def _demo_suggest(_services: KioskServices) -> DemoSetup:
    """Words spelt without their vowels, too far for typo help: "Mungkin maksud Anda" and
    the tiles."""
    return DemoSetup(search=replace(DEFAULT_SEARCH, text="pnjhit gdng "))


class JobSearchScreen(Screen):
    """Search as you type, four filters, and results as big cards that open the detail screen.

    The words and filters live in the visit (`visit.search`), and so does an open filter panel
    (`visit.panel`): coming back from Home, or a rebuild for a new look, shows them as they
    were, with the old words selected so that new typing replaces them (as in a browser's
    address bar). Each keystroke starts a search through `runner.db_latest`, so only the newest
    result is shown. A tapped card requests Route.VACANCY_DETAIL with `vacancy_id`. A change to
    the catalog (an import or a sync while the kiosk runs) searches again.
    """

    route = Route.JOB_SEARCH
    demo_states = (
        DemoState("job-search"),  # nothing typed: the browse tiles above the newest
        DemoState("job-search-results", _demo_results),
        DemoState("job-search-filter", _demo_filter),
        DemoState("job-search-soft", _demo_soft),
        DemoState("job-search-suggest", _demo_suggest),
    )

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
        self._suggested: tuple[str, ...] = ()
        try:
            self._near = home_kecamatan(ctx.regions, ctx.settings.kiosk_kelurahan)
        except ValueError:
            log.warning("The kiosk_kelurahan setting names no place in Kota Semarang; "
                        "ranking by the city only")
            self._near = None

        self.heading = QLabel(self)
        set_role(self.heading, "title")
        self.search_field = QLineEdit(self)
        # No Undo/Copy/Paste menu on a long press or right click: it is untranslated, small,
        # and would paste what the last resident copied.
        self.search_field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.search_field.setMaxLength(80)
        self.search_field.setMinimumHeight(theme.target_px)  # 20 mm in assisted mode too
        self.search_field.textChanged.connect(self._on_search_field_text_changed)
        self.search_field.returnPressed.connect(self._on_search_field_return_pressed)
        # Digits behind a "123" key: "SIM B1", "3 shift" in the height of the letters alone.
        self.keyboard = OnScreenKeyboard(theme, digits=False, switch=True, parent=self)
        self.keyboard.set_target(self.search_field)
        self.filter_buttons: dict[SearchFilter, FilterButton] = {}
        filters = QGridLayout()
        filters.setSpacing(theme.gap_px)
        for i, kind in enumerate(SearchFilter):
            button = FilterButton(theme, self)
            button.clicked.connect(lambda _c=False, k=kind: self._open_choice(k))
            filters.addWidget(button, i // 2, i % 2)
            self.filter_buttons[kind] = button

        self.count_label = QLabel(self)
        set_role(self.count_label, "heading")
        self.count_label.setWordWrap(True)
        self.clear_filters_button = QPushButton(self)
        self.clear_filters_button.setAutoDefault(True)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.everywhere_button = QPushButton(self)
        self.everywhere_button.setAutoDefault(True)
        self.everywhere_button.clicked.connect(self._on_everywhere_button_clicked)
        self.suggestions = SuggestionRow(theme, self)
        self.suggestions.word_chosen.connect(self._on_suggestion_chosen)
        self.suggestions.hide()
        self.tiles = BrowseTiles(theme, columns=3, tile_mm=(60, 18), word_lines=3, parent=self)
        self.tiles.field_chosen.connect(self._on_tile_chosen)
        self.soft_label = QLabel(self)
        set_role(self.soft_label, "heading")
        self.soft_label.setWordWrap(True)
        self.soft_label.hide()
        self.results = ResultList(theme, self)
        # Reading order: the count row, the tiles above the cards, then the cards.
        self.results.tab_anchor = list(self.tiles.tiles.values())[-1]
        self.results.vacancy_chosen.connect(self._on_results_vacancy_chosen)
        self.results.more_wanted.connect(self._load_more)

        left_host = QWidget()
        left = QVBoxLayout(left_host)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(theme.gap_px)
        left.addWidget(self.heading)
        left.addWidget(self.search_field)
        left.addWidget(self.keyboard)
        left.addSpacing(theme.gap_px)
        left.addLayout(filters)
        left.addStretch(1)
        # Only scrolls when large text (assisted mode) makes the column taller than the screen.
        left_scroll = vertical_scroll_area(left_host, self)
        left_host.ensurePolished()
        left_scroll.setFixedWidth(left_host.sizeHint().width() + theme.px(7))
        count_row = QHBoxLayout()
        count_row.setSpacing(theme.gap_px)
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.everywhere_button, 0, Qt.AlignmentFlag.AlignTop)
        count_row.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(theme.gap_px)
        right.addLayout(count_row)
        right.addWidget(self.soft_label)
        # Above the cards and scrolling with them, so they never squeeze the list.
        self.results.add_header(self.suggestions)
        self.results.add_header(self.tiles)
        # Big page buttons beside the cards: no dragging, no 6 mm scroll bar (issue 6).
        self.results_pager = PagedArea(self.results, theme, self)
        self.results.tab_tail = self.results_pager.buttons()
        right.addWidget(self.results_pager, 1)
        main = QWidget(self)
        columns = QHBoxLayout(main)
        m = theme.margin_px
        columns.setContentsMargins(m, theme.px(3), m, theme.px(3))
        columns.setSpacing(theme.px(10))
        columns.addWidget(left_scroll, 0)
        columns.addLayout(right, 1)

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
        row, the filters row by row, "Remove filters", then the result list, which chains its
        cards and "Show more" after `clear_filters_button` (its `tab_anchor`) as pages arrive.

        Set explicitly: the left column is moved into its scroll area after the right column
        exists, which would otherwise put it after "Show more" in the focus chain.
        """
        chain = [
            self.search_field,
            *self.keyboard.keys(),
            *self.filter_buttons.values(),  # SearchFilter order: the grid's rows, left to right
            self.everywhere_button,
            self.clear_filters_button,
            *self.tiles.tiles.values(),
            self.results.more_button,
            *self.results_pager.buttons(),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

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

    # -- state for tests and the audit --------------------------------------------------------

    def cards(self) -> list[VacancyCard]:
        """The result cards in rank order."""
        return self.results.cards()

    def query(self) -> SearchQuery:
        """The visit's search: what the resident typed and chose."""
        return self._visit.search

    @property
    def total(self) -> int | None:
        return self._total

    # -- searching ----------------------------------------------------------------------------

    def _show_query(self) -> None:
        """Put the visit's words into the field without searching again."""
        text = self.query().text
        if self.search_field.text() != text:
            with QSignalBlocker(self.search_field):
                self.search_field.setText(text)

    def _count_fields(self) -> None:
        """The tiles' counts: open vacancies of each field in the city."""
        # A failed count leaves the tiles without numbers; the search says what went wrong.
        self._runner.db(lambda s: s.search.field_counts(KOTA_CODE),
                        on_done=self.tiles.set_counts, on_error=lambda _exc: None)

    def _search(self) -> None:
        self._generation += 1
        generation, query = self._generation, replace(self.query(), near=self._near)
        self._loading = True
        self._runner.db_latest(
            _SEARCH_KEY,
            lambda s: s.search.search(query, limit=PAGE_SIZE, offset=0),
            on_done=lambda page: self._on_page(generation, query, 0, page),
            on_error=lambda exc: self._on_search_error(generation, exc),
        )

    def _load_more(self) -> None:
        shown = len(self.results.vacancies())
        if self._loading or self._total is None or shown >= self._total:
            return
        generation, offset = self._generation, shown
        query = replace(self.query(), near=self._near)
        self._loading = True
        self._runner.db_latest(
            _SEARCH_KEY,
            lambda s: s.search.search(query, limit=PAGE_SIZE, offset=offset),
            on_done=lambda page: self._on_page(generation, query, offset, page),
            on_error=lambda exc: self._on_search_error(generation, exc),
        )

    def _on_page(
        self, generation: int, query: SearchQuery, offset: int, result: SearchResult
    ) -> None:
        if generation != self._generation:
            return  # the resident has typed or the visit ended since
        self._loading = False
        self._failed = False
        self._total = result.total
        self._soft = result.soft
        self._suggested = result.suggestions
        self._shown_query = replace(query, near=None)
        had_focus_on_more = self.results.more_button.hasFocus()
        near_name = self._regions.name_of(query.near) if self._regions else None
        self.results.show_vacancies(list(result.vacancies), self._regions,
                                    replace_all=offset == 0,
                                    bands=[(b, near_name) for b in result.bands])
        if offset and had_focus_on_more and result.vacancies:
            self.cards()[offset].setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_status()

    def _on_search_error(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        log.error("Vacancy search failed: %s", type(exc).__name__)  # no query text: privacy
        self._loading = False
        self._failed = True
        self._update_status()

    def _update_status(self) -> None:
        more = self._total is not None and len(self.results.vacancies()) < self._total
        self.results.set_more_available(more and not self._failed)
        query = self.query()
        status = search_status(query, self._total, self._failed, self._soft)
        self.count_label.setText(status.count)
        soft = status.role == "soft"  # a heading above the closest results, not a note below
        self.soft_label.setText(status.message if soft else "")
        self.soft_label.setVisible(soft)
        self.results.set_message("" if soft else status.message, "" if soft else status.role)
        self._describe_results(status.count)
        # Said by a screen reader without moving focus: the count as it changes, "nothing
        # found" or the error (assertive: the resident must know the list is not current).
        said = status.message or status.count
        if said and said != self._announced:
            self._announced = said
            announce(self.count_label, said, assertive=self._failed)
        nothing = self._total == 0
        self.suggestions.set_words(self._suggested if nothing else ())
        # Browse without typing: on an empty search, and below "Mungkin maksud Anda".
        self.tiles.setVisible(nothing or (not query.text.strip() and query.field is None))
        self.everywhere_button.setVisible(
            query.kecamatan_code == KOTA_CODE and self._total is not None and not self._failed)

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

    @Slot(int)
    def _describe_results(self, count: str) -> None:
        """The list says the count; each card its place in it ("3 dari 48")."""
        self.results.list_widget.setAccessibleDescription(count)
        total = self._total or 0
        for position, card in enumerate(self.cards(), start=1):
            card.setAccessibleDescription(
                _("{position} of {total}. Opens the details of this vacancy.").format(
                    position=position, total=total))

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
