"""The start screen: a greeting and one large tile per service the kiosk offers."""
from __future__ import annotations

import logging
from typing import Any

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from accessibility.narration import Narration
from kiosk.changes import Changes
from kiosk.formatting import babel_locale
from kiosk.i18n import _, ngettext
from kiosk.storage import describe_storage_error
from ui.context import KioskContext
from ui.screens.base import DemoState, Route, Screen
from ui.tasks import ServicesUnavailable
from ui.theme import set_role
from ui.widgets.browse_tiles import BrowseTiles
from ui.widgets.reflow_grid import ReflowGrid
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.wrapping_button import WrappingButton
from ui.widgets.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)
_TILE_MM = (150.0, 60.0)  # width, height: the whole tile reacts to a tap


class HomeScreen(Screen):
    """Greeting, one tile per built service (job search so far), and how many vacancies are open.

    The count is read in the database thread on each `enter()` and again whenever the catalog
    changes (an import or a sync while the kiosk runs).
    """

    route = Route.HOME
    demo_states = (DemoState("home"),)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self._open_count: int | None = None
        self._out_of_service = False
        # Every text wraps, and the tiles take as many columns as fit: at 200 % text or on a
        # portrait panel nothing reaches sideways (WCAG 1.4.10 Reflow, issue 6 item 3).
        self.greeting = WrappingLabel(self)
        set_role(self.greeting, "title")
        self.prompt = WrappingLabel(self)
        set_role(self.prompt, "heading")
        self.job_search_tile = WrappingButton(theme, "tile", self, icon="search", icon_mm=18.0)
        self.job_search_tile.setMinimumHeight(theme.px(_TILE_MM[1]))
        self.job_search_tile.clicked.connect(lambda: self.request_navigation(Route.JOB_SEARCH))
        self.register_tile = WrappingButton(theme, "tile", self, icon="briefcase", icon_mm=18.0)
        self.register_tile.setMinimumHeight(theme.px(_TILE_MM[1]))
        self.register_tile.clicked.connect(lambda: self.request_navigation(Route.REG_CONSENT))
        self.count_label = WrappingLabel(self)
        self.count_label.hide()
        # Browse without typing (issue 9): one tap lists a field's vacancies, nearest first.
        self.browse_label = WrappingLabel(self)
        set_role(self.browse_label, "heading")
        self.tiles = BrowseTiles(theme, columns=5, tile_mm=(60, 16), word_lines=2, parent=self)
        self.tiles.field_chosen.connect(
            lambda key: self.request_navigation(Route.JOB_SEARCH, field=key))

        self.services = ReflowGrid(theme.px(10), 2, theme.px(_TILE_MM[0]), self)
        self.services.add(self.job_search_tile)
        self.services.add(self.register_tile)
        # The whole column scrolls, not only the field tiles: greeting, services and tiles
        # together need more than a small or large-text panel has below the two bars, and a
        # screen's minimum must not push the window past the panel (WCAG 1.4.10). On the
        # kiosk's own panel at 100 % everything fits and nothing scrolls.
        column = QWidget()
        layout = QVBoxLayout(column)
        m = theme.margin_px
        layout.setContentsMargins(m, m, m, m)
        layout.setSpacing(theme.px(6))
        layout.addWidget(self.greeting)
        layout.addWidget(self.prompt)
        layout.addSpacing(theme.px(4))
        layout.addWidget(self.services)
        layout.addWidget(self.count_label)
        layout.addSpacing(theme.px(4))
        browse = QVBoxLayout()
        browse.setSpacing(theme.gap_px)  # the heading close to its tiles
        browse.addWidget(self.browse_label)
        browse.addWidget(self.tiles)
        layout.addLayout(browse)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(vertical_scroll_area(column, self))
        self.greeting.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def title(self) -> str:
        return _("Home")

    def enter(self, **params: Any) -> None:
        # The first service has focus, so Enter or Space starts it (issue 6).
        self.job_search_tile.setFocus(Qt.FocusReason.OtherFocusReason)
        self._count()

    def on_changes(self, changes: Changes) -> None:
        if changes.catalog:
            self._count()

    def _count(self) -> None:
        self._runner.db(
            lambda s: s.catalog.count(),
            on_done=self._on_count_done,
            on_error=self._on_count_error,
        )
        # The tiles' numbers: open vacancies of each field in the city. A failure is said by
        # the count above; the tiles then show their words only.
        self._runner.db(lambda s: s.search.field_counts(), on_done=self.tiles.set_counts,
                        on_error=lambda _exc: None)

    def retranslate(self) -> None:
        self.greeting.setText(_("Welcome to the SIKER kiosk"))
        self.prompt.setText(_("What would you like to do? Tap a button."))
        self.job_search_tile.setText(_("Find a job"))
        self.job_search_tile.setAccessibleName(_("Find a job"))
        self.job_search_tile.setAccessibleDescription(
            _("Search job vacancies in Kota Semarang")
        )
        self.register_tile.setText(_("Register for the yellow card (AK1)"))
        self.register_tile.setAccessibleName(self.register_tile.text())
        self.register_tile.setAccessibleDescription(
            _("The job-seeker card: about ten minutes, with your KTP")
        )
        self.browse_label.setText(_("Or choose a field of work:"))
        self.tiles.retranslate()
        self.services.reflow()  # the words changed, and so the width a tile needs
        self._update_count()

    def narration(self) -> Narration:
        """The greeting, what to do, the two services and the open count (or the fault)."""
        items = [self.job_search_tile.text(), self.register_tile.text()]
        count = self.count_label.text() if self.count_label.isVisibleTo(self) else ""
        fault = count if self._out_of_service else None
        if count and not fault:
            items.append(count)
        return Narration(self.greeting.text(), self.prompt.text(), tuple(items), fault)

    def _on_count_done(self, count: int) -> None:
        self._open_count = count
        self._out_of_service = False
        self._update_count()

    def _on_count_error(self, exc: Exception) -> None:
        # The catalog cannot be read: every search would fail too, so say so once here instead
        # of letting the resident type into a broken screen. Staff read what to do in the log.
        cause = exc.__cause__ if isinstance(exc, ServicesUnavailable) else exc
        problem = describe_storage_error(cause or exc, self.ctx.settings.data_dir)
        log.error("Job search is out of service. %s", problem.staff_message())
        self._open_count = None
        self._out_of_service = True
        self._update_count()

    def _update_count(self) -> None:
        self.job_search_tile.setEnabled(not self._out_of_service)
        if self._out_of_service:
            self.count_label.setText(
                _("Job search is not working right now. Please ask the staff for help.")
            )
            self.count_label.setAccessibleName(self.count_label.text())
            self.count_label.show()
            return
        if self._open_count is None:
            self.count_label.hide()
            return
        if self._open_count == 0:
            text = _("No open vacancies are loaded on this kiosk yet. Please ask the staff.")
        else:
            text = ngettext(
                "{count} vacancy is open for applications now.",
                "{count} vacancies are open for applications now.",
                self._open_count,
            ).format(count=format_decimal(self._open_count, locale=babel_locale()))
        self.count_label.setText(text)
        self.count_label.setAccessibleName(self.count_label.text())
        self.count_label.show()
