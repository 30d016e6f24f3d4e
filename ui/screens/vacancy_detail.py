"""The vacancy detail screen: every fact a resident needs, how to apply, a QR code to keep it."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accessibility.narration import Narration
from kiosk import formatting as fmt
from kiosk.changes import Changes
from kiosk.i18n import _
from kiosk.search import SearchQuery
from kiosk.services import KioskServices
from kiosk.share import vacancy_qr
from kiosk.vacancy import Vacancy
from ui.accessible import mark_data
from ui.context import KioskContext
from ui.printing import Paper, PrintResult, Slip, SlipLine, print_slip
from ui.screens.base import DemoSetup, DemoState, Route, Screen
from ui.screens.registration.apply import accepts_kiosk_applications
from ui.theme import set_role
from ui.widgets.paging import PagedArea
from ui.widgets.qr_code import qr_pixmap
from ui.widgets.scrolling import vertical_scroll_area
from ui.widgets.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)

QR_SIDE_MM = 45.0  # at least 40 mm so a phone camera at arm's length reads it (ISO/IEC 18004)
# The side panel's width at 100 % text; its text part grows with larger text (assisted mode).
# With QR_SIDE_MM it fits the QR code and the longest way to apply (no web address) on a
# 1920 x 1080 panel in Indonesian and English without scrolling.
SIDE_PANEL_MM = 150.0
_SIDE_TEXT_MM = 95.0
BODY_MIN_MM = 110.0  # the narrowest description column at 100 % text beside the side panel
_FACTS = ("place", "employment", "salary", "education", "experience", "skills", "posted", "until")


def _demo_newest(services: KioskServices) -> DemoSetup:
    """The newest open vacancy."""
    found = services.search.search(SearchQuery(), limit=1).vacancies
    return DemoSetup(params={"vacancy_id": found[0].id} if found else {})


class VacancyDetailScreen(Screen):
    """One vacancy in full: facts, description, how to apply and a QR code carrying it.

    The QR code is drawn at least QR_SIDE_MM wide. A change to the catalog while the screen is
    shown loads the vacancy again, or says it is gone.

    `enter(vacancy_id=...)` shows that vacancy (kiosk.catalog ids). The description scrolls with
    a finger drag; the QR code carries the vacancy's web address, or a short text (kiosk.share).
    Both columns are Tab stops whose arrow keys scroll them (the side panel only while it has
    something to scroll), and they show the focus ring (ui.theme role "focusable").
    """

    route = Route.VACANCY_DETAIL
    demo_states = (DemoState("vacancy-detail", _demo_newest),)

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        theme = ctx.theme
        self._vacancy_id: int | None = None
        self._vacancy: Vacancy | None = None
        self._regions = ctx.regions
        self._today: date | None = None
        self._code_shared = False  # another source uses the same vacancy code
        self._state = "empty"  # empty, loading, shown, missing, failed
        self.qr_payload = ""
        self._print_message = ""
        self.last_print: PrintResult | None = None

        self.badge = self._label("small")
        self.badge.setObjectName("DemoBadge")
        self.status_label = self._label("error")
        self.title_label = self._label("title")
        self.employer_label = self._label("heading")
        self._fact_names: dict[str, QLabel] = {}
        self.fact_values: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(theme.px(6))
        facts.setVerticalSpacing(theme.px(2.5))
        # The names are smaller than the values: lower each name so that their first lines
        # share one baseline (top-aligned, the name sat 3 px above its value).
        drop = (QFontMetrics(theme.font("body", bold=False)).ascent()
                - QFontMetrics(theme.font("small", bold=False)).ascent())
        for row, key in enumerate(_FACTS):
            self._fact_names[key] = self._label("small")
            self._fact_names[key].setContentsMargins(0, max(0, drop), 0, 0)
            self.fact_values[key] = self._label("")
            facts.addWidget(self._fact_names[key], row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(self.fact_values[key], row, 1)
        facts.setColumnStretch(1, 1)
        self.description_heading = self._label("heading")
        self.description_label = self._label("")
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.apply_heading = self._label("heading")
        self.apply_label = self._label("")
        # The employer's own words, the same in every language (ui.audit skips them).
        for label in (self.title_label, self.employer_label, self.description_label,
                      self.fact_values["skills"]):
            mark_data(label)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, theme.gap_px, theme.gap_px)
        body_layout.setSpacing(theme.px(3))
        for widget in (self.badge, self.status_label, self.title_label, self.employer_label):
            body_layout.addWidget(widget)
        body_layout.addSpacing(theme.px(2))
        body_layout.addLayout(facts)
        body_layout.addSpacing(theme.px(3))
        body_layout.addWidget(self.description_heading)
        body_layout.addWidget(self.description_label)
        body_layout.addStretch(1)
        self._body_layout = body_layout
        self.body_scroll = vertical_scroll_area(body, self, focusable=True)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap draws no focus ring
        set_role(self.body_scroll, "focusable")

        self.qr_heading = self._label("heading")
        self.qr_label = QLabel(self)
        self.qr_caption = self._label("")
        self.qr_caption.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        side = QWidget()
        side.setProperty("role", "panel")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side_layout = QVBoxLayout(side)
        pad = theme.px(4)
        side_layout.setContentsMargins(pad, pad, pad, pad)
        side_layout.setSpacing(theme.px(2))
        side_layout.addWidget(self.qr_heading)
        # The caption beside the code, not under it: a line more for how to apply.
        qr_row = QHBoxLayout()
        qr_row.setSpacing(theme.gap_px)
        qr_row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        qr_row.addWidget(self.qr_caption, 1)
        side_layout.addLayout(qr_row)
        # How to apply sits beside the facts, always in view, not below the fold of the body.
        side_layout.addSpacing(theme.px(2))
        side_layout.addWidget(self.apply_heading)
        side_layout.addWidget(self.apply_label)
        side_layout.addStretch(1)
        self._side = side
        # Scrolls only when large text (assisted mode) makes the panel taller than the screen;
        # then, and only then, it is a Tab stop too, so keyboard users can scroll to the code.
        self.side_scroll = vertical_scroll_area(side, self)
        set_role(self.side_scroll, "focusable")
        extra_text_mm = _SIDE_TEXT_MM * (max(1.0, theme.text_scale) - 1.0)
        self.side_scroll.setFixedWidth(theme.px(SIDE_PANEL_MM + extra_text_mm))
        self.side_scroll.verticalScrollBar().rangeChanged.connect(self._on_side_range_changed)

        # Lamar (for vacancies Disnaker takes applications for) and Cetak (a paper copy for
        # residents without a smartphone): ui.screens.registration.apply, ui.printing.
        # They sit under the description, outside both scrolling columns, always in reach.
        self.lamar_button = QPushButton(self)
        set_role(self.lamar_button, "primary")
        self.lamar_button.clicked.connect(self._on_lamar_button_clicked)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.print_status = self._label("")
        self._actions = QWidget()
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(theme.gap_px)
        for button in (self.lamar_button, self.print_button):
            button.setAutoDefault(True)
            button.setMinimumWidth(theme.px(45))
            actions.addWidget(button)
        actions.addWidget(self.print_status, 1)
        columns = QHBoxLayout(self)
        m = theme.margin_px
        # 3 mm under the top bar as above the bottom one: since the top bar took a second row
        # (Mode Bantuan, Teks dan warna), 5 mm left how to apply 4 px short of the panel.
        columns.setContentsMargins(m, theme.px(3), m, theme.px(3))
        columns.setSpacing(theme.px(10))
        # Big page buttons beside the text: no dragging, no 6 mm scroll bar (issue 6).
        self.body_pager = PagedArea(self.body_scroll, theme, self)
        self._left = QVBoxLayout()
        self._left.setSpacing(theme.px(5))
        self._left.addWidget(self.body_pager, 1)
        self._left.addWidget(self._actions)
        columns.addLayout(self._left, 1)
        columns.addWidget(self.side_scroll, 0)
        self.one_column = False
        # The window must never grow past the panel for the two columns: below the width
        # they need, the screen takes one column instead (resizeEvent; WCAG 1.4.10).
        self.setMinimumSize(1, 1)
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        """Two columns where the side panel and BODY_MIN_MM of text (times the text size)
        fit `width` px; else one column, the QR code, how to apply and Lamar/Cetak under the
        description, all scrolling with it (the bars leave some 70 mm at 200 % text)."""
        theme = self._theme
        pager = max(theme.target_px, theme.px(15)) + theme.gap_px
        body = self.body_scroll.widget()
        # The text column's own minimum too (the fact names at 150 % are wide), with the room
        # of a scroll bar.
        body_min = 0 if body is None else body.minimumSizeHint().width() + theme.px(7)
        need = (2 * theme.margin_px + self.side_scroll.minimumWidth() + theme.px(10) + pager
                + max(theme.px(BODY_MIN_MM * max(1.0, theme.text_scale)), body_min))
        one = width < need
        if one == self.one_column:
            return
        self.one_column = one
        if one:
            self.side_scroll.takeWidget()
            self.side_scroll.hide()
            self._left.removeWidget(self._actions)
            stretch = self._body_layout.count() - 1
            self._body_layout.insertWidget(stretch, self._side)
            self._body_layout.insertWidget(stretch + 1, self._actions)
        else:
            self._body_layout.removeWidget(self._side)
            self._body_layout.removeWidget(self._actions)
            self.side_scroll.setWidget(self._side)
            self.side_scroll.show()
            self._left.addWidget(self._actions)
        self._side.show()
        self._actions.show()

    def _on_side_range_changed(self, _minimum: int, maximum: int) -> None:
        scrolls = maximum > 0
        if not scrolls and self.side_scroll.hasFocus():
            self.body_scroll.setFocus(Qt.FocusReason.OtherFocusReason)
        policy = Qt.FocusPolicy.TabFocus if scrolls else Qt.FocusPolicy.NoFocus
        self.side_scroll.setFocusPolicy(policy)

    def _label(self, role: str) -> QLabel:
        label = WrappingLabel(self)
        if role:
            set_role(label, role)
        return label

    # -- Screen contract --------------------------------------------------------------------

    def title(self) -> str:
        return _("Vacancy details")

    def enter(self, vacancy_id: int | None = None, **params: Any) -> None:
        """Show vacancy `vacancy_id`; the same id again (coming back) keeps the screen as it was."""
        if vacancy_id is None:
            return
        if vacancy_id == self._vacancy_id and self._state == "shown":
            return
        self._vacancy_id = vacancy_id
        self._vacancy = None
        self._print_message = ""
        self._state = "loading"
        self.body_scroll.verticalScrollBar().setValue(0)
        self.retranslate()
        self._load(vacancy_id)

    def on_changes(self, changes: Changes) -> None:
        """The catalog changed: load the vacancy shown again (it may have gone)."""
        if changes.catalog and self._vacancy_id is not None:
            self._load(self._vacancy_id)

    def _load(self, vacancy_id: int) -> None:
        self._runner.db(
            lambda s: _fetch(s, vacancy_id),
            on_done=lambda found: self._on_loaded(vacancy_id, found),
            on_error=lambda exc: self._on_load_error(vacancy_id, exc),
        )

    def reset(self) -> None:
        """Forget the vacancy shown (no database needed)."""
        self._print_message = ""
        self._vacancy_id = None
        self._vacancy = None
        self._state = "empty"
        self.body_scroll.verticalScrollBar().setValue(0)
        self.retranslate()

    def vacancy(self) -> Vacancy | None:
        return self._vacancy

    def narration(self) -> Narration:
        """Title, employer, place, pay, closing date and how to apply; or the status message
        (an error when the vacancy is missing or could not be read)."""
        v = self._vacancy
        if v is None:
            status = self.status_label.text()
            error = status if self._state in ("missing", "failed") and status else None
            return Narration(self.title(), "" if error else status, (), error)
        items = (
            _("Example vacancy") if v.is_demo else "",
            f"{v.title}, {v.employer}",
            self.fact_values["place"].text(),
            fmt.vacancy_salary_text(v),
            fmt.closing_text(v),
            self.apply_label.text(),
        )
        return Narration(self.title(), "", tuple(i for i in items if i))

    # -- loading ------------------------------------------------------------------------------

    def _on_loaded(self, vacancy_id: int, found: tuple[Vacancy | None, date, bool]) -> None:
        if vacancy_id != self._vacancy_id:
            return  # the resident has opened another vacancy since
        self._vacancy, self._today, self._code_shared = found
        self._state = "shown" if self._vacancy is not None else "missing"
        self.retranslate()

    def _on_load_error(self, vacancy_id: int, exc: Exception) -> None:
        if vacancy_id != self._vacancy_id:
            return
        log.error("Loading vacancy %s failed: %s", vacancy_id, type(exc).__name__)
        self._state = "failed"
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.body_scroll.setAccessibleName(self.title())  # focusable: arrows scroll it
        self.side_scroll.setAccessibleName(_("QR code and how to apply"))
        self.body_pager.retranslate()
        self.description_heading.setText(_("About this job"))
        self.apply_heading.setText(_("How to apply"))
        self.qr_heading.setText(_("Keep it on your phone"))
        names = {
            "place": _("Place of work"),
            "employment": _("Type of work"),
            "salary": _("Salary"),
            "education": _("Minimum education"),
            "experience": _("Experience"),
            "skills": _("Skills"),
            "posted": _("Posted"),
            "until": _("Open until"),
        }
        for key, label in self._fact_names.items():
            label.setText(names[key])
        v = self._vacancy
        self._set_status(v)
        if v is None or self._regions is None:
            self._clear_content()
            return
        self.badge.setText(_("EXAMPLE: this vacancy only shows how the kiosk works."))
        self.badge.setVisible(v.is_demo)
        self.title_label.setText(v.title)
        self.employer_label.setText(v.employer)
        values = self._fact_texts(v)
        for key, label in self.fact_values.items():
            label.setText(values[key])
            shown = bool(values[key])
            label.setVisible(shown)
            self._fact_names[key].setVisible(shown)
        description = v.description.strip() or _("The employer gave no description.")
        self.description_label.setText(description)
        self.description_heading.show()
        self.description_label.show()
        self.apply_label.setText(self._apply_text(v))
        self.apply_heading.show()
        self.apply_label.show()
        self.lamar_button.setText(_("Apply (Lamar)"))
        self.lamar_button.setAccessibleName(_("Apply for this vacancy"))
        self.lamar_button.setVisible(accepts_kiosk_applications(v))
        self.print_button.setText(_("Print (Cetak)"))
        self.print_button.setAccessibleName(_("Print this vacancy on paper"))
        self.print_button.show()
        self.print_status.setText(self._print_message)
        self.print_status.setVisible(bool(self._print_message))
        self._show_qr(v)
        if self.width() > 1:  # another vacancy or language: its words may need one column
            self._fit(self.width())

    def _fact_texts(self, v: Vacancy) -> dict[str, str]:
        """The value of each fact row; "" hides the row (no skills listed)."""
        assert self._regions is not None
        until = fmt.day_text(v.valid_through)
        if v.valid_through_estimated:
            until = _("{day} (estimated)").format(day=until)
        missing = _("Not stated")  # the row's name already says what is missing
        has_pay = any(amount and amount > 0 for amount in (v.salary_min, v.salary_max))
        known_experience = v.experience_months is not None and v.experience_months >= 0
        return {
            "place": fmt.place_text(v, self._regions),
            "employment": fmt.employment_label(v.employment_type) if v.employment_type else missing,
            "salary": fmt.vacancy_salary_text(v) if has_pay else missing,
            "education": fmt.education_label(v.education_min) if v.education_min else missing,
            "experience": fmt.experience_text(v.experience_months) if known_experience else missing,
            "skills": ", ".join(v.skills),
            "posted": fmt.day_text(v.date_posted),
            "until": until,
        }

    def _set_status(self, v: Vacancy | None) -> None:
        messages = {
            "loading": _("Opening the vacancy…"),
            "missing": _("This vacancy is no longer in the kiosk. Go back and choose another one."),
            "failed": _("The vacancy could not be opened. Go back and try again."),
        }
        text = messages.get(self._state, "")
        if v is not None and self._today is not None and not v.is_open_on(self._today):
            text = _("This vacancy has closed. You can no longer apply.")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def _apply_text(self, v: Vacancy) -> str:
        if v.is_demo:
            return _("This is an example to try the kiosk. You cannot apply for it.")
        host = urlsplit(v.url or "").hostname if v.url else None
        if host:
            site = host.removeprefix("www.")
            return _(
                "Apply on the website {site}. Scan the QR code to open the vacancy on your phone."
            ).format(site=site)
        # The code on a line of its own, as staff look it up; the source name only when another
        # source uses the same code. (The QR payload keeps "source source_id": kiosk.share.)
        code = f"{v.source_id} ({v.source})" if self._code_shared else v.source_id
        return "\n".join((
            _("Come to Disnaker Kota Semarang and show this code to the staff. "
              "They will help you apply."),
            _("Vacancy code: {code}").format(code=code),
        ))

    def _on_lamar_button_clicked(self) -> None:
        if self._vacancy is not None and self._vacancy.id is not None:
            self.request_navigation(Route.REG_APPLY, vacancy_id=self._vacancy.id)

    def _on_print_button_clicked(self) -> None:
        v = self._vacancy
        if v is None:
            return
        slip = vacancy_slip(v, self.fact_values["place"].text(), self.apply_label.text(),
                            self.qr_payload)
        try:
            paper = Paper(self.ctx.settings.printer_paper)
        except ValueError:
            paper = Paper.THERMAL_80
        try:
            self.last_print = print_slip(slip, paper, self.ctx.settings.data_dir,
                                         self.ctx.clock())
        except OSError as exc:
            log.error("Printing a vacancy failed: %s", type(exc).__name__)
            self._print_message = _("It could not be printed. Scan the QR code, or ask the "
                                    "staff.")
        else:
            self._print_message = _("Printed. Take the slip from the printer.") \
                if self.last_print.printed else _(
                "This kiosk has no printer. Scan the QR code, or ask the staff for a copy.")
        self.retranslate()

    def _show_qr(self, v: Vacancy) -> None:
        assert self._regions is not None
        try:
            self.qr_payload, matrix = vacancy_qr(v, self._regions)
        except ValueError:  # cannot happen for stored vacancies; hide the code rather than crash
            log.exception("No QR code for vacancy %s", v.id)
            self.qr_payload = ""
            self.qr_label.clear()
            self.qr_label.hide()
            self.qr_heading.hide()
            self.qr_caption.hide()
            return
        self.qr_label.setPixmap(qr_pixmap(matrix, self._theme.px(QR_SIDE_MM)))
        self.qr_label.setAccessibleName(_("QR code of this vacancy"))
        self.qr_label.show()
        self.qr_heading.show()
        self.qr_caption.setText(_("Scan it with your phone camera"))
        self.qr_caption.show()

    def _clear_content(self) -> None:
        self.badge.hide()
        self.title_label.setText(self.title() if self._state != "empty" else "")
        self.employer_label.setText("")
        for key, label in self.fact_values.items():
            label.setText("")
            label.hide()
            self._fact_names[key].hide()
        for widget in (self.description_heading, self.description_label, self.apply_heading,
                       self.apply_label, self.qr_heading, self.qr_caption, self.lamar_button,
                       self.print_button, self.print_status):
            widget.hide()
        self.qr_label.setPixmap(QPixmap())
        self.qr_label.hide()
        self.qr_payload = ""


def vacancy_slip(v: Vacancy, place: str, how_to_apply: str, qr_payload: str) -> Slip:
    """The printed vacancy: what it is, where, the pay, until when, how to apply, its QR."""
    lines = [SlipLine(v.title, "title"), SlipLine(v.employer, "heading"), SlipLine(place),
             SlipLine(fmt.vacancy_salary_text(v)), SlipLine(fmt.closing_text(v)),
             SlipLine(_("How to apply"), "heading"), SlipLine(how_to_apply)]
    if v.is_demo:
        lines.insert(0, SlipLine(_("EXAMPLE: this vacancy only shows how the kiosk works."),
                                 "small"))
    return Slip("vacancy", lines, qr_payload=qr_payload, qr_after=len(lines))


def _fetch(services: KioskServices, vacancy_id: int) -> tuple[Vacancy | None, date, bool]:
    """Runs in the database thread. The last item says whether another stored vacancy (from
    another source) has the same vacancy code."""
    vacancy = services.catalog.get(vacancy_id)
    shared = vacancy is not None and services.catalog.code_is_shared(vacancy)
    return vacancy, services.clock().date(), shared
