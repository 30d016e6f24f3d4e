"""A list a resident builds one entry at a time (skills, languages, jobs held), each entry with
its own "Hapus" (remove) button, and the fields to write the next one."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from ui.personal import mark_personal
from ui.theme import Theme, set_role
from ui.widgets.form_fields import Label, TextField
from ui.widgets.wrapping_label import WrappingLabel

Entry = tuple[str, ...]  # one value per input field, in the order the fields were given


class EntryList(QWidget):
    """Input fields, an "Add" button, then the entries added so far, each removable.

    Args:
        fields: (label, digits) of each input field of one entry; the first one must be filled.
        describe: one line for an entry as the list shows and narration reads it.
        max_entries: how many entries the list takes (the form's limit).

    `entries()` are the entries in the order added; `set_entries()` shows a list from the
    draft. Emits `changed` when an entry was added or removed (not while typing the next one).
    """

    changed = Signal()

    def __init__(
        self,
        theme: Theme,
        title: Label,
        fields: Sequence[tuple[Label, bool]],
        describe: Callable[[Entry], str],
        *,
        max_entries: int = 10,
        personal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._title = title
        self._describe = describe
        self._max = max_entries
        self._entries: list[Entry] = []
        self._rows: list[QWidget] = []
        if personal:
            mark_personal(self)
        self.heading = WrappingLabel(self)
        set_role(self.heading, "heading")
        self.inputs = [
            TextField(theme, label, digits=digits, max_length=4 if digits else 80, parent=self)
            for label, digits in fields
        ]
        self.add_button = QPushButton(self)
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.status = WrappingLabel(self)
        set_role(self.status, "error")
        self.status.hide()
        self._list_host = QWidget(self)
        self._list = QVBoxLayout(self._list_host)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(theme.gap_px)
        inputs = QHBoxLayout()
        inputs.setSpacing(theme.px(6))
        for field in self.inputs:
            inputs.addWidget(field, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.gap_px + theme.px(1))
        layout.addWidget(self.heading)
        layout.addLayout(inputs)
        layout.addWidget(self.add_button)
        layout.addWidget(self.status)
        layout.addWidget(self._list_host)
        self.retranslate()

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def set_entries(self, entries: Sequence[Entry]) -> None:
        self._entries = [tuple(e) for e in entries][: self._max]
        self._show_rows()

    def clear_inputs(self) -> None:
        for field in self.inputs:
            field.set_text("")

    def remove_buttons(self) -> list[QPushButton]:
        return [row.findChild(QPushButton) for row in self._rows]  # type: ignore[misc]

    @Slot()
    def _on_add_button_clicked(self) -> None:
        values = tuple(field.text().strip() for field in self.inputs)
        if not values[0]:
            self._say(lambda: _("Write something in “{field}” first, then tap Add.").format(
                field=self.inputs[0].title()))
            return
        if len(self._entries) >= self._max:
            self._say(lambda: _("The list is full. Remove an entry to add another."))
            return
        self._entries.append(values)
        self.clear_inputs()
        self._say(None)
        self._show_rows()
        self.changed.emit()

    def _remove(self, index: int) -> None:
        if 0 <= index < len(self._entries):
            del self._entries[index]
            self._show_rows()
            self.changed.emit()
            self.add_button.setFocus()

    def _say(self, message: Label | None) -> None:
        self._message = message
        self.status.setText(message() if message else "")
        self.status.setVisible(message is not None)

    def _show_rows(self) -> None:
        for row in self._rows:
            self._list.removeWidget(row)
            row.hide()
            row.setParent(None)  # out of the window's tree now, not at the next loop turn
            row.deleteLater()
        self._rows = []
        for index, entry in enumerate(self._entries):
            row = QWidget(self._list_host)
            row.setProperty("role", "card")
            line = QHBoxLayout(row)
            pad = self._theme.px(2)
            line.setContentsMargins(pad, pad, pad, pad)
            line.setSpacing(self._theme.gap_px)
            text = WrappingLabel(row)
            text.setText(self._describe(entry))
            remove = QPushButton(row)
            remove.setText(_("Remove"))
            remove.setAccessibleName(_("Remove {entry}").format(entry=self._describe(entry)))
            remove.clicked.connect(lambda _c=False, i=index: self._remove(i))
            line.addWidget(text, 1)
            line.addWidget(remove)
            self._list.addWidget(row)
            self._rows.append(row)

    def describe_entries(self) -> list[str]:
        return [self._describe(e) for e in self._entries]

    def title(self) -> str:
        return self._title()

    def retranslate(self) -> None:
        self.heading.setText(self._title())
        for field in self.inputs:
            field.retranslate()
        self.add_button.setText(_("Add to the list"))
        self.add_button.setAccessibleName(_("Add to the list: {title}").format(
            title=self._title()))
        self._say(getattr(self, "_message", None))
        self._show_rows()
