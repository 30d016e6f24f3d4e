"""The bar across the top of every screen: the kiosk's name, the two language buttons, Mode
Bantuan, the look panel's button and the clock; where the buttons need two rows (large text, a
narrow panel) the name and the clock are left out (TopBar._needed_width says why)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from babel.dates import format_date, format_time
from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.formatting import babel_locale
from kiosk.i18n import _, current_language
from kiosk.session import Mode
from ui.accessible import mark_data, mark_radio
from ui.theme import Theme, set_role
from ui.widgets.icon_button import flat_icon

# Each language is named in itself, so a resident finds their own (a flag would name a country).
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class TopBar(QWidget):
    """Title, language switch and clock.

    `language_requested(code)` is emitted when a resident taps the other language's button; the
    main window switches the language and calls `retranslate()` everywhere.

    Args:
        clock: returns the local time now (datetime.now in the kiosk, a FakeClock in tests).
    """

    language_requested = Signal(str)
    assisted_requested = Signal(bool)
    look_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        mode: Mode | None = None,
    ) -> None:
        super().__init__(parent)
        mode = mode if mode is not None else Mode()
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        set_role(self, "bar")
        self._clock = clock
        self._theme = theme
        self.title_label = QLabel(self)
        set_role(self.title_label, "bar-title")
        self.title_label.setWordWrap(True)  # yields room to the language buttons in English
        self.clock_label = QLabel(self)
        set_role(self.clock_label, "bar-small")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # One exclusive group of radio buttons (ui.accessible): a screen reader says "radio
        # button, 1 of 2, selected"; the arrow keys move between the two and switch, as radio
        # buttons do, and Tab reaches each (the audit checks both ways).
        self.language_buttons: dict[str, QPushButton] = {}
        self.language_group = QButtonGroup(self)
        self.language_group.setExclusive(True)

        # The bar's rows: one where everything fits, else the buttons on rows of their own
        # (200 % text, a portrait panel): nothing is cut off, nothing scrolls sideways
        # (WCAG 1.4.10). Arranged for the bar's width in `resizeEvent`.
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(theme.margin_px, theme.px(2), theme.margin_px, theme.px(2))
        self._rows.setSpacing(0)  # spacing between rows is set per row (_arrange)
        self._arrangement = -1
        self._icon_px = theme.px(6)
        for code, name in LANGUAGE_NAMES.items():
            button = QPushButton(name, self)
            set_role(button, "on-bar")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap shows "checked", not focus
            mark_radio(button)
            mark_data(button)  # each language named in itself, the same on every screen
            self.language_group.addButton(button)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.setIconSize(QSize(self._icon_px + theme.px(1.5), self._icon_px))
            button.toggled.connect(lambda checked, b=button: self._mark_chosen(b, checked))
            button.clicked.connect(lambda _checked=False, c=code: self._on_language_clicked(c))
            self.language_buttons[code] = button
            self._mark_chosen(button, False)
        # Mode Bantuan: one tap for 200 % text, the AAA palette, 20 mm targets, speech and
        # more time (ACCESSIBILITY.md). Checkable with a tick, like the languages, and the
        # same width on and off, so nothing moves under the finger.
        self.assisted_button = QPushButton(self)
        set_role(self.assisted_button, "on-bar")
        self.assisted_button.setCheckable(True)
        self.assisted_button.setChecked(mode.assisted)
        self.assisted_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.assisted_button.setIconSize(QSize(self._icon_px + theme.px(1.5), self._icon_px))
        self._mark_chosen(self.assisted_button, mode.assisted)
        self.assisted_button.clicked.connect(self._on_assisted_clicked)
        # The look panel: text size and contrast on their own (ui.widgets.look_panel).
        self.look_button = QPushButton(self)
        set_role(self.look_button, "on-bar")
        self.look_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.look_button.clicked.connect(self.look_requested)
        self._arrange(2)  # the narrowest until the bar knows its width
        # The buttons sit centred with at least a 4 mm gap to whatever a screen puts below.
        button_height = max(b.sizeHint().height() for b in self.language_buttons.values())
        self._one_row_px = button_height + 2 * theme.gap_px
        self.setMinimumHeight(self._one_row_px)

        self._minute = QTimer(self)
        self._minute.setSingleShot(True)
        self._minute.timeout.connect(self._on_minute_timeout)
        self.retranslate()
        self._schedule_next_minute()

    def _groups(self) -> list[list[QWidget]]:
        return [list(self.language_buttons.values()), [self.assisted_button, self.look_button]]

    def _needed_width(self, arrangement: int) -> int:
        """Pixels the bar needs in `arrangement`: 0, one row (the title on two lines in
        110 mm); 1, the title and the clock on one line above the buttons; 2, the languages,
        then the other two, each on a row of their own, without the title and the clock.

        Why 2 leaves the title and the clock out: where the buttons already take two rows (large
        text, a narrow panel) a third row of text nobody needs on every screen would take the
        screen's room (at 200 % on a 1366 x 768 panel the title wrapped into 250 px, a third of
        the panel). The window's title still names the kiosk; the buttons a resident needs
        (their language, Mode Bantuan, the look) all stay, where they always are."""
        gap, m = self._theme.gap_px, 2 * self._theme.margin_px
        groups = [sum(w.sizeHint().width() for w in g) + gap * (len(g) - 1)
                  for g in self._groups()]
        clock = self.clock_label.sizeHint().width()
        if arrangement == 0:
            return m + self._theme.px(110) + sum(groups) + clock + 3 * gap
        if arrangement == 1:
            return m + sum(groups) + gap
        return m + max(groups)

    def _arrange(self, arrangement: int) -> None:
        if arrangement == self._arrangement:
            return
        self._arrangement = arrangement
        if hasattr(self, "_minute"):
            self.refresh_clock()  # one line or two
        while self._rows.count():
            item = self._rows.takeAt(0)
            inner = item.layout() if item is not None else None
            if inner is not None:
                while inner.count():
                    inner.takeAt(0)
                inner.deleteLater()
        gap = self._theme.gap_px
        langs, others = self._groups()
        lines: list[list[QWidget]]
        if arrangement == 0:
            lines = [[self.title_label, *langs, *others, self.clock_label]]
        elif arrangement == 1:
            lines = [[self.title_label, self.clock_label], [*langs, *others]]
        else:
            lines = [langs, others]
        texts_shown = arrangement != 2
        self.title_label.setVisible(texts_shown)
        self.clock_label.setVisible(texts_shown)
        for number, line in enumerate(lines):
            if number:
                # Rows of buttons keep the 4 mm gap between targets; the title row is text.
                after_text = self.title_label in lines[number - 1]
                self._rows.addSpacing(self._theme.px(1) if after_text else gap)
            row = QHBoxLayout()
            row.setSpacing(gap)
            for widget in line:
                stretch = 1 if widget in (self.title_label, self.clock_label) else 0
                row.addWidget(widget, stretch)
            if self.title_label not in line and self.clock_label not in line:
                row.addStretch(1)
            self._rows.addLayout(row)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # The narrowest arrangement decides how narrow the window may be.
        return QSize(self._needed_width(2), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit(event.size().width())

    def fit_width(self, width: int) -> None:
        """Arrange the rows for a bar `width` px wide and ask for their height, as a resize
        does; the window calls it before it is first laid out (the bar is Qt's default 100 px
        wide until then, and the title wrapped into that asked for a 500 px bar)."""
        self._fit(width)

    def _fit(self, width: int) -> None:
        width = max(width, self._needed_width(2))  # never narrower than the narrowest rows
        self._arrange(next((a for a in (0, 1) if self._needed_width(a) <= width), 2))
        # Every row whole, the title's wrapped lines too: the window must not squeeze the bar.
        rows = self._rows
        need = rows.heightForWidth(width) if rows.hasHeightForWidth() else rows.sizeHint().height()
        self.setMinimumHeight(max(need, self._one_row_px))

    def retranslate(self) -> None:
        """Texts for the current language; also marks that language's button as checked."""
        self.title_label.setText(_("SIKER Kiosk — Disnaker Kota Semarang"))
        self.title_label.setAccessibleName(self.title_label.text())
        lang = current_language()
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
            button.setAccessibleName(LANGUAGE_NAMES[code])
            button.setAccessibleDescription(_("Show the screens in this language"))
        self.assisted_button.setText(_("Assisted mode"))
        self.assisted_button.setAccessibleName(_("Assisted mode"))
        self.assisted_button.setAccessibleDescription(
            _("Large text, strong colours, bigger buttons, speech and more time"))
        self.look_button.setText(_("Text and colours"))
        self.look_button.setAccessibleName(_("Text and colours"))
        self.look_button.setAccessibleDescription(_("Choose the text size and the contrast"))
        self.refresh_clock()
        if self.width() > 0:  # another language's words may need another arrangement
            self._fit(self.width())

    def refresh_clock(self) -> None:
        """Show the injected clock's time and date in the current language."""
        now = self._clock()
        locale = babel_locale()
        time_text = format_time(now, "short", locale=locale)
        day_text = format_date(now.date(), "long", locale=locale)  # no weekday: room for the title
        # One line beside the title when the buttons have a row of their own (less height).
        joint = "\n" if self._arrangement == 0 else " · "
        self.clock_label.setText(f"{time_text}{joint}{day_text}")
        self.clock_label.setAccessibleName(
            _("Time {time}, {date}").format(time=time_text, date=day_text)
        )

    def _schedule_next_minute(self) -> None:
        now = self._clock()
        ms = (60 - now.second) * 1000 - now.microsecond // 1000
        self._minute.start(max(1000, ms))

    @Slot()
    def _on_minute_timeout(self) -> None:
        self.refresh_clock()
        self._schedule_next_minute()

    def _mark_chosen(self, button: QPushButton, chosen: bool) -> None:
        """A tick beside the chosen language: a shape, not only a colour (WCAG 1.4.1)."""
        # Blank when not chosen: the same width either way, so nothing jumps.
        button.setIcon(flat_icon("check", self._theme.palette.on_secondary, self._icon_px,
                                 self._theme.px(1.5), blank=not chosen))

    def _on_assisted_clicked(self, checked: bool) -> None:
        self._mark_chosen(self.assisted_button, checked)
        self.assisted_requested.emit(checked)

    def _on_language_clicked(self, code: str) -> None:
        if code != current_language():
            self.language_requested.emit(code)
        else:  # tapping the chosen language again must not un-choose it
            self.language_buttons[code].setChecked(True)
