"""The job search's searching: a search on every keystroke (only the newest answer shown),
more pages as the list nears its end, and the count, messages and tiles that follow a result.
JobSearchScreen (screen.py) builds the widgets; this base class runs the searches."""
from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from kiosk.i18n import _
from kiosk.region import KOTA_CODE, RegionTable
from kiosk.search import SearchQuery, SearchResult
from kiosk.search_filters import search_status
from ui.accessibility_events import announce
from ui.screens.base import Screen
from ui.widgets.browse_tiles import BrowseTiles, SuggestionRow
from ui.widgets.result_list import ResultList
from ui.widgets.vacancy_card import VacancyCard

# The screen's name before it became a package: logs and tests name it so.
log = logging.getLogger("ui.screens.job_search")

PAGE_SIZE = 12  # cards built per page: about 25 ms of GUI work on a 2-core kiosk PC
_SEARCH_KEY = "job_search"


class SearchingScreen(Screen):
    """The searching half of JobSearchScreen, which sets every attribute named here."""

    search_field: QLineEdit
    count_label: QLabel
    soft_label: QLabel
    everywhere_button: QPushButton
    suggestions: SuggestionRow
    tiles: BrowseTiles
    results: ResultList
    _regions: RegionTable | None
    _near: str | None
    _total: int | None
    _shown_query: SearchQuery | None
    _failed: bool
    _loading: bool
    _generation: int
    _announced: str
    _soft: bool
    _suggested: tuple[str, ...]

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
        # When nothing is found: how many lie outside the place and without the filters, said
        # beside the buttons that widen the search ("Cari di semua tempat", the filters').
        self._widening = (result.outside_scope, result.without_filters)
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
        outside, unfiltered = self._widening
        status = search_status(query, self._total, self._failed, self._soft,
                               outside_scope=outside, without_filters=unfiltered)
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

    @Slot(int)
    def _describe_results(self, count: str) -> None:
        """The list says the count; each card its place in it ("3 dari 48")."""
        self.results.list_widget.setAccessibleDescription(count)
        total = self._total or 0
        for position, card in enumerate(self.cards(), start=1):
            card.setAccessibleDescription(
                _("{position} of {total}. Opens the details of this vacancy.").format(
                    position=position, total=total))
