"""Entering a date on a touch screen without a calendar pop-up: the day and the year on the
number pad, the month as twelve big buttons (ACCESSIBILITY.md: taps only, no small targets)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from ui.theme import Theme, set_role
from ui.widgets.form_fields import ChoiceField, Label, TextField
from ui.widgets.wrapping_label import WrappingLabel

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)


def _month_label(msgid: str) -> Label:
    return lambda: _(msgid)


class DateEntry(QWidget):
    """Day (number pad), month (12 buttons, 6 to a row) and year (number pad).

    `value()` is the date, or None while a part is missing or the parts make no date (31
    February); `parts()` gives what was entered so far, so nothing typed is lost on the way.
    Emits `changed` after every edit.
    """

    changed = Signal()

    def __init__(self, theme: Theme, label: Label, *, personal: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self.heading = WrappingLabel(self)
        set_role(self.heading, "heading")
        self.day = TextField(theme, lambda: _("Day"), digits=True, personal=personal,
                             max_length=2, parent=self)
        self.year = TextField(theme, lambda: _("Year"), digits=True, personal=personal,
                              max_length=4, parent=self)
        for field in (self.day, self.year):
            field.edit.setMaximumWidth(theme.px(40))
            field.edited.connect(self._on_part_edited)
        self.month = ChoiceField(
            theme, lambda: _("Month"),
            [(n, _month_label(m)) for n, m in enumerate(MONTHS, start=1)],
            columns=6, personal=personal, parent=self,
        )
        self.month.changed.connect(self.changed)
        row = QHBoxLayout()
        row.setSpacing(theme.px(8))
        row.addWidget(self.day)
        row.addWidget(self.year)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(2))
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.month)
        self.retranslate()

    @Slot(str)
    def _on_part_edited(self, _text: str) -> None:
        self.changed.emit()

    def parts(self) -> tuple[str, int | None, str]:
        """(day text, month number or None, year text) as entered."""
        return self.day.text(), self.month.value(), self.year.text()

    def value(self) -> date | None:
        day, month, year = self.parts()
        if not (day.isdigit() and year.isdigit() and len(year) == 4 and month):
            return None
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            return None

    def set_value(self, value: date | None) -> None:
        self.set_parts(
            (str(value.day), value.month, str(value.year)) if value else ("", None, "")
        )

    def set_parts(self, parts: tuple[str, int | None, str]) -> None:
        day, month, year = parts
        self.day.set_text(day)
        self.month.set_value(month)
        self.year.set_text(year)

    def set_error(self, message: Label | None) -> None:
        """The problem of the whole date, shown under the month buttons."""
        self.month.set_error(message)

    def error_text(self) -> str:
        return self.month.error_text()

    def title(self) -> str:
        return self._label()

    def retranslate(self) -> None:
        self.heading.setText(self._label())
        self.day.retranslate()
        self.year.retranslate()
        self.month.retranslate()
